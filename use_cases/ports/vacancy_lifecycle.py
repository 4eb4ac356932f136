"""A vacancy's lifecycle: the repository functions use_cases/vacancy_lifecycle.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from scoring.rules.lifecycle import Transition
from use_cases.ports.common import UseCaseRepository


class VacancyLifecycleRepository(UseCaseRepository, Protocol):
    """The vacancy moved and edited compare-and-set."""

    def move_status(
        self, *, session: Session, vacancy_id: int, transition: Transition, **more: Any
    ) -> bool: ...

    def update_vacancy(
        self, *, session: Session, vacancy_id: int, expected_version: int, values: dict[str, Any]
    ) -> bool: ...
