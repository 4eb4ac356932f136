"""Moderation: the repository functions use_cases/moderation.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from scoring.rules.score_checks import StoredScore
from storage.records import AgreedRecord, PanelApplication, ScoreRecord
from storage.repository.applications import ApplicationRef
from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class ModerationRepository(UseCaseRepository, Protocol):
    """Panel scores read side by side and the agreed scores written compare-and-set."""

    def agreed_scores(self, *, session: Session, vacancy_id: int) -> list[AgreedRecord]: ...

    def insert_agreed(
        self,
        *,
        session: Session,
        application_id: int,
        criterion_id: str,
        score: int,
        note: str,
        by: int,
    ) -> None: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def panel_applications_by_code(
        self, *, session: Session, vacancy_id: int, codes: Sequence[str]
    ) -> dict[str, tuple[ApplicationRef, PanelApplication]]: ...

    def panel_scores(
        self, *, session: Session, vacancy_id: int, panel_codes: Sequence[str] | None = None
    ) -> list[ScoreRecord]: ...

    def ref_by_code(
        self, *, session: Session, vacancy_id: int, panel_code: str
    ) -> ApplicationRef | None: ...

    def stored_agreed(
        self, *, session: Session, application_id: int, criterion_id: str
    ) -> tuple[int, StoredScore] | None: ...

    def update_agreed(
        self,
        *,
        session: Session,
        agreed_id: int,
        expected_version: int,
        score: int,
        note: str,
        by: int,
        at: datetime,
    ) -> bool: ...
