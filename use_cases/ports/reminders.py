"""Reminders by e-mail: the repository functions use_cases/reminders.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from use_cases.ports.common import UseCaseRepository


class RemindersRepository(UseCaseRepository, Protocol):
    """Members' addresses and what the audit log says they have done since."""

    def emails(self, *, session: Session, user_ids: list[int]) -> dict[int, str]: ...

    def entity_ids_since(
        self,
        *,
        session: Session,
        vacancy_id: int,
        action: str,
        since: datetime,
        undone_by: str = "",
    ) -> set[str]: ...
