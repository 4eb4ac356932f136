"""Users, sign-in sessions and failed sign-ins in memory, for the use cases of signing in:
accounts, sessions and single sign-on. Each function answers as storage/repository/users.py
and sessions.py do, from plain dictionaries, with the same keyword-only arguments; the
Protocols it declares make mypy check that."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from scoring.rules.score_checks import Seat
from storage.records import Actor, Role, UserPublic, VacancyPublic
from storage.repository.sessions import OpenSession
from storage.repository.users import Account
from storage.sign_on_rules import SignOnState
from use_cases.ports.accounts import AccountsRepository
from use_cases.ports.sessions import SessionsRepository
from use_cases.ports.sign_on import SignOnRepository


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    organisation_id: str | None = "darlington"
    email: str | None = None
    password_hash: str | None = None
    active: bool = True
    identity: tuple[str, str] | None = None  # (issuer, subject)
    sso_invited_at: datetime | None = None

    @property
    def actor(self) -> Actor:
        return Actor(
            user_id=self.id, username=self.username, display_name=self.display_name,
            role=self.role, organisation_id=self.organisation_id,
        )  # fmt: skip

    @property
    def public(self) -> UserPublic:
        state = SignOnState.BOUND if self.identity else SignOnState.NONE
        if not self.identity and self.sso_invited_at:
            state = SignOnState.INVITED
        return UserPublic(
            id=self.id, username=self.username, display_name=self.display_name,
            email=self.email, role=self.role, organisation_id=self.organisation_id,
            active=self.active, sign_on=state,
        )  # fmt: skip

    @property
    def account(self) -> Account:
        invited = self.sso_invited_at is not None
        return Account(self.actor, self.password_hash, self.active, self.identity, invited)


@dataclass(frozen=True)
class SessionRow:
    user_id: int
    role: Role
    last_seen_at: datetime
    expires_at: datetime
    code_hash: str | None
    code_expires_at: datetime | None
    token_hash: str | None = None
    revoked_at: datetime | None = None


@dataclass
class AccountState:
    users: dict[int, UserRow] = field(default_factory=dict)
    sessions: dict[str, SessionRow] = field(default_factory=dict)
    failures: list[tuple[str, datetime]] = field(default_factory=list)  # (key, when)
    organisations: dict[str, str] = field(
        default_factory=lambda: {"darlington": "Darlington Borough Council"}
    )
    audit: list[dict[str, Any]] = field(default_factory=list)


class FakeAccounts(AccountsRepository, SessionsRepository, SignOnRepository):
    def __init__(self, *users: UserRow) -> None:
        self.state = AccountState(users={u.id: u for u in users})

    def add(self, user: UserRow) -> None:
        self.state.users[user.id] = user

    def row(self, user_id: int) -> UserRow:
        return self.state.users[user_id]

    # the shared checks: no vacancies here --------------------------------------------------------
    def load_vacancy(self, *, session: object, vacancy_id: int) -> VacancyPublic | None:
        return None

    def lock_vacancy(self, *, session: object, vacancy_id: int) -> None:
        pass

    def seat(self, *, session: object, vacancy_id: int, user_id: int) -> tuple[Seat, int] | None:
        return None

    def conflicted_ids(self, *, session: object, vacancy_id: int, user_id: int) -> set[int]:
        return set()

    def record_audit(self, *, session: object, **entry: Any) -> None:
        self.state.audit.append(entry)

    def user_state(self, *, session: object, user_id: int) -> tuple[bool, Role, str | None] | None:
        found = self.state.users.get(user_id)
        return None if found is None else (found.active, found.role, found.organisation_id)

    # sessions ----------------------------------------------------------------------------------
    def insert_session(
        self, *, session: object, session_id: str, user_id: int, role: Role, at: datetime,
        expires_at: datetime, code_hash: str, code_expires_at: datetime,
    ) -> None:  # fmt: skip
        self.state.sessions[session_id] = SessionRow(
            user_id, role, at, expires_at, code_hash, code_expires_at
        )

    def open_session(
        self, *, session: object, session_id: str | None = None, token_hash: str | None = None
    ) -> OpenSession | None:
        found = [
            (key, row)
            for key, row in self.state.sessions.items()
            if (key == session_id if session_id is not None else row.token_hash == token_hash)
        ]
        if not found:
            return None
        key, row = found[0]
        user = self.row(row.user_id)
        actor = user.actor.model_copy(update={"session_id": key})
        revoked = row.revoked_at is not None
        return OpenSession(actor, row.role, user.active, row.last_seen_at, row.expires_at, revoked)

    def take_code(
        self, *, session: object, code_hash: str, token_hash: str, now: datetime
    ) -> datetime | None:
        found = [(k, r) for k, r in self.state.sessions.items() if r.code_hash == code_hash]
        if not found:
            return None
        key, row = found[0]
        expired = row.code_expires_at is None or row.code_expires_at < now
        row = replace(row, code_hash=None, code_expires_at=None)
        self.state.sessions[key] = row
        if expired or row.revoked_at is not None:
            return None
        self.state.sessions[key] = replace(row, token_hash=token_hash)
        return row.expires_at

    def touch_session(self, *, session: object, session_id: str, at: datetime) -> None:
        self.state.sessions[session_id] = replace(self.state.sessions[session_id], last_seen_at=at)

    def revoke_session(self, *, session: object, session_id: str, at: datetime) -> None:
        row = self.state.sessions[session_id]
        if row.revoked_at is None:
            self.state.sessions[session_id] = replace(row, revoked_at=at, code_hash=None)

    def revoke_user_sessions(self, *, session: object, user_id: int, at: datetime) -> None:
        for key, row in self.state.sessions.items():
            if row.user_id == user_id and row.revoked_at is None:
                self.state.sessions[key] = replace(row, revoked_at=at, code_hash=None)

    # failed sign-ins ---------------------------------------------------------------------------
    def failures_since(
        self, *, session: object, keys: list[str], since: datetime
    ) -> list[datetime]:
        return sorted(at for key, at in self.state.failures if key in keys and at >= since)

    def add_failures(self, *, session: object, keys: list[str], at: datetime) -> None:
        self.state.failures += [(key, at) for key in keys]

    def clear_failures(self, *, session: object, keys: list[str]) -> None:
        self.state.failures = [(k, at) for k, at in self.state.failures if k not in keys]

    def clear_failures_beginning(self, *, session: object, prefix: str) -> None:
        self.state.failures = [(k, at) for k, at in self.state.failures if not k.startswith(prefix)]

    # users -------------------------------------------------------------------------------------
    def count_users(self, *, session: object, role: Role | None = None) -> int:
        return sum(role in (None, u.role) for u in self.state.users.values())

    def account_by_username(self, *, session: object, username: str) -> Account | None:
        found = [u for u in self.state.users.values() if u.username == username]
        return found[0].account if found else None

    def account_by_id(self, *, session: object, user_id: int) -> Account | None:
        found = self.state.users.get(user_id)
        return found.account if found else None

    def account_by_subject(self, *, session: object, subject: str) -> Account | None:
        found = [u for u in self.state.users.values() if u.identity and u.identity[1] == subject]
        return found[0].account if found else None

    def account_by_email(self, *, session: object, email: str) -> Account | None:
        found = [u for u in self.state.users.values() if (u.email or "").lower() == email.lower()]
        return found[0].account if found else None

    def email_taken(self, *, session: object, email: str, other_than: int | None = None) -> bool:
        found = self.account_by_email(session=session, email=email)
        return found is not None and found.actor.user_id != other_than

    def bind_identity(self, *, session: object, user_id: int, issuer: str, subject: str) -> bool:
        user = self.row(user_id)
        if user.identity or user.sso_invited_at is None or not user.active:
            return False
        self.state.users[user_id] = replace(user, identity=(issuer, subject), sso_invited_at=None)
        return True

    def set_user(self, *, session: object, user_id: int, **values: Any) -> None:
        self.state.users[user_id] = replace(self.row(user_id), **values)

    def insert_user(self, *, session: object, values: dict[str, Any]) -> UserPublic:
        user_id = max(self.state.users, default=0) + 1
        values = {**values, "role": Role(values["role"])}
        self.state.users[user_id] = UserRow(id=user_id, **values)
        return self.row(user_id).public

    def list_users(
        self, *, session: object, organisation_id: str | None = None
    ) -> list[UserPublic]:
        users = sorted(self.state.users.values(), key=lambda u: u.username)
        return [u.public for u in users if organisation_id in (None, u.organisation_id)]

    def panel_members(self, *, session: object, organisation_id: str | None) -> list[UserPublic]:
        users = sorted(self.state.users.values(), key=lambda u: u.display_name)
        return [
            u.public
            for u in users
            if u.role is Role.PANEL and u.active and organisation_id in (None, u.organisation_id)
        ]

    def user(self, *, session: object, user_id: int) -> UserPublic | None:
        found = self.state.users.get(user_id)
        return found.public if found else None

    def organisations(self, *, session: object) -> list[tuple[str, str]]:
        return sorted(self.state.organisations.items(), key=lambda o: o[1])

    def organisation_exists(self, *, session: object, organisation_id: str) -> bool:
        return organisation_id in self.state.organisations
