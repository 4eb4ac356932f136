"""Equality monitoring: the repository functions use_cases/monitoring.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.applications import ApplicationRef
from use_cases.ports.common import UseCaseRepository


class MonitoringRepository(UseCaseRepository, Protocol):
    """The applications and their monitoring answers."""

    def answers(self, *, session: Session, vacancy_id: int) -> list[tuple[str, dict[str, str]]]: ...

    def refs(self, *, session: Session, vacancy_id: int) -> list[ApplicationRef]: ...

    def replace_answers(
        self, *, session: Session, vacancy_id: int, answers: dict[int, dict[str, str]]
    ) -> None: ...
