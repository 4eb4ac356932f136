"""Scoring sheets: the repository functions use_cases/scoring_sheets.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from storage.records import PanelApplication, ScoreRecord
from storage.repository.applications import ApplicationRef
from storage.repository.panel import PanelSeat
from storage.repository.users import Account
from use_cases.ports.common import UseCaseRepository


class ScoringSheetsRepository(UseCaseRepository, Protocol):
    """The applications, panel and scores a sheet is written from and read back into."""

    def account_by_id(self, *, session: Session, user_id: int) -> Account | None: ...

    def member_scores(
        self,
        *,
        session: Session,
        vacancy_id: int,
        user_id: int,
        username: str,
        panel_code: str | None,
        panel_codes: Sequence[str] | None = None,
    ) -> list[ScoreRecord]: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def panel_applications(
        self, *, session: Session, vacancy_id: int
    ) -> list[tuple[ApplicationRef, PanelApplication]]: ...

    def refs(self, *, session: Session, vacancy_id: int) -> list[ApplicationRef]: ...
