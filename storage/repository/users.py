"""Users and organisations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from storage import tables
from storage.records import Actor, Role, UserPublic
from storage.sign_on_rules import Holder


@dataclass(frozen=True)
class Account:
    """A user as signing in needs it: the actor, the password hash, whether it is open, and
    its single sign-on (the identity bound to it, whether it is invited)."""

    actor: Actor
    password_hash: str | None
    active: bool
    identity: tuple[str, str] | None  # (issuer, subject)
    invited: bool

    @property
    def holder(self) -> Holder:
        return Holder(self.actor.user_id, self.active, self.identity, self.invited)


def _account(user: tables.User) -> Account:
    identity = (user.oidc_issuer or "", user.oidc_subject) if user.oidc_subject else None
    return Account(
        Actor(
            user_id=user.id, username=user.username, display_name=user.display_name,
            role=Role(user.role), organisation_id=user.organisation_id,
        ),
        user.password_hash, user.active, identity, user.sso_invited_at is not None,
    )  # fmt: skip


def count_users(*, session: Session, role: Role | None = None) -> int:
    query = select(func.count()).select_from(tables.User)
    if role is not None:
        query = query.where(tables.User.role == role.value)
    return session.scalar(query) or 0


def account_by_username(*, session: Session, username: str) -> Account | None:
    user = session.scalar(select(tables.User).where(tables.User.username == username))
    return _account(user) if user else None


def account_by_id(*, session: Session, user_id: int) -> Account | None:
    user = session.get(tables.User, user_id)
    return _account(user) if user else None


def account_by_subject(*, session: Session, subject: str) -> Account | None:
    """The account bound to this subject, under whichever issuer."""
    user = session.scalar(select(tables.User).where(tables.User.oidc_subject == subject))
    return _account(user) if user else None


def account_by_email(*, session: Session, email: str) -> Account | None:
    """The account with this address (in the normal form: storage/emails.py)."""
    user = session.scalar(select(tables.User).where(func.lower(tables.User.email) == email.lower()))
    return _account(user) if user else None


def email_taken(*, session: Session, email: str, other_than: int | None = None) -> bool:
    """Whether an account (other than `other_than`) has this address, whatever its case."""
    query = select(tables.User.id).where(func.lower(tables.User.email) == email.lower())
    if other_than is not None:
        query = query.where(tables.User.id != other_than)
    return session.scalar(query.limit(1)) is not None


def bind_identity(*, session: Session, user_id: int, issuer: str, subject: str) -> bool:
    """Bind an identity to an invited, open account with none yet, using the invitation up;
    False (nothing changed) if another sign-in got there first."""
    done = session.execute(
        update(tables.User)
        .where(
            tables.User.id == user_id,
            tables.User.oidc_subject.is_(None),
            tables.User.sso_invited_at.is_not(None),
            tables.User.active.is_(True),
        )
        .values(oidc_issuer=issuer, oidc_subject=subject, sso_invited_at=None)
    )
    return bool(done.rowcount)  # type: ignore[attr-defined]


def set_user(*, session: Session, user_id: int, **values: Any) -> None:
    session.execute(update(tables.User).where(tables.User.id == user_id).values(**values))


def insert_user(*, session: Session, values: dict[str, Any]) -> UserPublic:
    user = tables.User(**values)
    session.add(user)
    session.flush()
    return UserPublic.model_validate(user)


def list_users(*, session: Session, organisation_id: str | None = None) -> list[UserPublic]:
    query = select(tables.User).order_by(tables.User.username)
    if organisation_id:
        query = query.where(tables.User.organisation_id == organisation_id)
    return [UserPublic.model_validate(u) for u in session.scalars(query)]


def panel_members(*, session: Session, organisation_id: str | None) -> list[UserPublic]:
    query = select(tables.User).where(
        tables.User.role == Role.PANEL.value, tables.User.active.is_(True)
    )
    if organisation_id is not None:
        query = query.where(tables.User.organisation_id == organisation_id)
    return [
        UserPublic.model_validate(u)
        for u in session.scalars(query.order_by(tables.User.display_name))
    ]


def user(*, session: Session, user_id: int) -> UserPublic | None:
    found = session.get(tables.User, user_id)
    return UserPublic.model_validate(found) if found else None


def organisations(*, session: Session) -> list[tuple[str, str]]:
    return [
        (o.id, o.name)
        for o in session.scalars(select(tables.Organisation).order_by(tables.Organisation.name))
    ]


def organisation_exists(*, session: Session, organisation_id: str) -> bool:
    return session.get(tables.Organisation, organisation_id) is not None


def emails(*, session: Session, user_ids: list[int]) -> dict[int, str]:
    """The e-mail addresses of these users (those who have one)."""
    rows = session.execute(
        select(tables.User.id, tables.User.email).where(tables.User.id.in_(user_ids))
    ).all()
    return {user_id: email for user_id, email in rows if email}
