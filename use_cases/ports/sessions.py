"""Sign-in sessions: the repository functions use_cases/sessions.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from storage.records import Role
from use_cases.ports.common import UseCaseRepository


class SessionsRepository(UseCaseRepository, Protocol):
    """Sessions opened, found by token and revoked, and single-use codes."""

    def insert_session(
        self,
        *,
        session: Session,
        session_id: str,
        user_id: int,
        role: Role,
        at: datetime,
        expires_at: datetime,
        code_hash: str,
        code_expires_at: datetime,
    ) -> None: ...

    def revoke_session(self, *, session: Session, session_id: str, at: datetime) -> None: ...

    def take_code(
        self, *, session: Session, code_hash: str, token_hash: str, now: datetime
    ) -> datetime | None: ...
