"""Sign-in sessions, and failed sign-ins (for throttling)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from storage import tables
from storage.records import Actor, Role


@dataclass(frozen=True)
class OpenSession:
    """A session row as the checks need it, with its user."""

    actor: Actor
    role_at_start: Role
    user_active: bool
    last_seen_at: datetime
    expires_at: datetime
    revoked: bool


def insert_session(
    *, session: Session, session_id: str, user_id: int, role: Role, at: datetime,
    expires_at: datetime, code_hash: str, code_expires_at: datetime,
) -> None:  # fmt: skip
    session.add(
        tables.SignInSession(
            id=session_id,
            user_id=user_id,
            role=role.value,
            created_at=at,
            last_seen_at=at,
            expires_at=expires_at,
            code_hash=code_hash,
            code_expires_at=code_expires_at,
        )  # fmt: skip
    )


def open_session(
    *, session: Session, session_id: str | None = None, token_hash: str | None = None
) -> OpenSession | None:
    """A session by its id or by its cookie token's hash."""
    where = (
        tables.SignInSession.id == session_id
        if session_id is not None
        else tables.SignInSession.token_hash == token_hash
    )
    found = session.execute(
        select(tables.SignInSession, tables.User)
        .join(tables.User, tables.User.id == tables.SignInSession.user_id)
        .where(where)
    ).first()
    if found is None:
        return None
    row, user = found
    actor = Actor(
        user_id=user.id, username=user.username, display_name=user.display_name,
        role=Role(user.role), organisation_id=user.organisation_id, session_id=row.id,
    )  # fmt: skip
    return OpenSession(
        actor, Role(row.role), user.active, _aware(row.last_seen_at), _aware(row.expires_at),
        row.revoked_at is not None,
    )  # fmt: skip


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def take_code(
    *, session: Session, code_hash: str, token_hash: str, now: datetime
) -> datetime | None:
    """Spend a one-time code: the session it belongs to takes the cookie token `token_hash`;
    its expiry, or None when the code is unknown, spent, stale or its session ended."""
    row = session.scalar(
        select(tables.SignInSession).where(tables.SignInSession.code_hash == code_hash)
    )
    if row is None:
        return None
    expired = row.code_expires_at is None or _aware(row.code_expires_at) < now
    row.code_hash = None
    row.code_expires_at = None
    if expired or row.revoked_at is not None:
        return None
    row.token_hash = token_hash
    return _aware(row.expires_at)


def touch_session(*, session: Session, session_id: str, at: datetime) -> None:
    session.execute(
        update(tables.SignInSession)
        .where(tables.SignInSession.id == session_id)
        .values(last_seen_at=at)
    )


def revoke_session(*, session: Session, session_id: str, at: datetime) -> None:
    session.execute(
        update(tables.SignInSession)
        .where(tables.SignInSession.id == session_id)
        .where(tables.SignInSession.revoked_at.is_(None))
        .values(revoked_at=at, code_hash=None)
    )


def revoke_user_sessions(*, session: Session, user_id: int, at: datetime) -> None:
    session.execute(
        update(tables.SignInSession)
        .where(tables.SignInSession.user_id == user_id)
        .where(tables.SignInSession.revoked_at.is_(None))
        .values(revoked_at=at, code_hash=None)
    )


def user_state(*, session: Session, user_id: int) -> tuple[bool, Role, str | None] | None:
    """(open, role, organisation) of a user, as stored now."""
    found = session.execute(
        select(tables.User.active, tables.User.role, tables.User.organisation_id).where(
            tables.User.id == user_id
        )
    ).first()
    return (bool(found[0]), Role(found[1]), found[2]) if found else None


def failures_since(*, session: Session, keys: list[str], since: datetime) -> list[datetime]:
    """When each failed sign-in under any of `keys` happened, oldest first."""
    return [
        _aware(at)
        for at in session.scalars(
            select(tables.SignInFailure.at)
            .where(tables.SignInFailure.key.in_(keys), tables.SignInFailure.at >= since)
            .order_by(tables.SignInFailure.at)
        )
    ]


def add_failures(*, session: Session, keys: list[str], at: datetime) -> None:
    session.add_all(tables.SignInFailure(key=k, at=at) for k in keys)


def clear_failures(*, session: Session, keys: list[str]) -> None:
    session.execute(delete(tables.SignInFailure).where(tables.SignInFailure.key.in_(keys)))


def clear_failures_beginning(*, session: Session, prefix: str) -> None:
    """Every failure whose key begins with `prefix` (an account's, with all its addresses)."""
    session.execute(delete(tables.SignInFailure).where(tables.SignInFailure.key.startswith(prefix)))
