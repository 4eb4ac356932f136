"""Purging campaigns past retention: the repository functions use_cases/retention.py calls, with
their signatures from storage/repository/."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from scoring.rules.lifecycle import Transition
from use_cases.ports.common import UseCaseRepository


class RetentionRepository(UseCaseRepository, Protocol):
    """Vacancies due for purging, what is kept of them, and the purge."""

    def anonymised_summary(self, *, session: Session, vacancy_id: int) -> dict[str, Any]: ...

    def forget_audit_values(self, *, session: Session, vacancy_id: int) -> int: ...

    def move_status(
        self, *, session: Session, vacancy_id: int, transition: Transition, **more: Any
    ) -> bool: ...

    def purge_candidates(
        self, *, session: Session, today: date, organisation_id: str | None
    ) -> list[tuple[int, str, date]]: ...

    def purge_vacancy(self, *, session: Session, vacancy_id: int) -> None: ...
