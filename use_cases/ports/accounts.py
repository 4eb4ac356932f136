"""Accounts: the repository functions use_cases/accounts.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from storage.records import Role, UserPublic
from storage.repository.users import Account
from use_cases.ports.common import UseCaseRepository


class AccountsRepository(UseCaseRepository, Protocol):
    """Users and organisations, sign-in failures and the sessions closed with an account."""

    def account_by_username(self, *, session: Session, username: str) -> Account | None: ...

    def add_failures(self, *, session: Session, keys: list[str], at: datetime) -> None: ...

    def clear_failures(self, *, session: Session, keys: list[str]) -> None: ...

    def clear_failures_beginning(self, *, session: Session, prefix: str) -> None: ...

    def count_users(self, *, session: Session, role: Role | None = None) -> int: ...

    def email_taken(
        self, *, session: Session, email: str, other_than: int | None = None
    ) -> bool: ...

    def failures_since(
        self, *, session: Session, keys: list[str], since: datetime
    ) -> list[datetime]: ...

    def insert_user(self, *, session: Session, values: dict[str, Any]) -> UserPublic: ...

    def list_users(
        self, *, session: Session, organisation_id: str | None = None
    ) -> list[UserPublic]: ...

    def organisation_exists(self, *, session: Session, organisation_id: str) -> bool: ...

    def organisations(self, *, session: Session) -> list[tuple[str, str]]: ...

    def panel_members(
        self, *, session: Session, organisation_id: str | None
    ) -> list[UserPublic]: ...

    def revoke_user_sessions(self, *, session: Session, user_id: int, at: datetime) -> None: ...

    def set_user(self, *, session: Session, user_id: int, **values: Any) -> None: ...

    def user(self, *, session: Session, user_id: int) -> UserPublic | None: ...
