"""The panel's progress: the repository functions use_cases/progress.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.applications import ApplicationRef
from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class ProgressRepository(UseCaseRepository, Protocol):
    """What each member has scored, declared and submitted."""

    def conflict_counts(self, *, session: Session, vacancy_id: int) -> dict[int, int]: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def refs(self, *, session: Session, vacancy_id: int) -> list[ApplicationRef]: ...

    def scored_per_application(
        self, *, session: Session, vacancy_id: int, user_id: int, criteria: Sequence[str]
    ) -> dict[str, int]: ...

    def scored_per_member(
        self, *, session: Session, vacancy_id: int, criteria: Sequence[str]
    ) -> dict[int, dict[str, int]]: ...

    def set_submitted(
        self, *, session: Session, vacancy_id: int, user_id: int, at: datetime
    ) -> None: ...
