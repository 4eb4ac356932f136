"""Single sign-on: the repository functions use_cases/sign_on.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from storage.records import UserPublic
from storage.repository.users import Account
from use_cases.ports.common import UseCaseRepository


class SignOnRepository(UseCaseRepository, Protocol):
    """Accounts found by identity or address, and identities bound to them."""

    def account_by_email(self, *, session: Session, email: str) -> Account | None: ...

    def account_by_id(self, *, session: Session, user_id: int) -> Account | None: ...

    def account_by_subject(self, *, session: Session, subject: str) -> Account | None: ...

    def bind_identity(
        self, *, session: Session, user_id: int, issuer: str, subject: str
    ) -> bool: ...

    def set_user(self, *, session: Session, user_id: int, **values: Any) -> None: ...

    def user(self, *, session: Session, user_id: int) -> UserPublic | None: ...
