"""The shortlist: the repository functions use_cases/shortlists.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import pandas as pd
from sqlalchemy.orm import Session

from scoring.applications import Application, PersonalDetails
from scoring.rules.decisions import PersonsDecision
from scoring.rules.lifecycle import Transition
from scoring.rules.shortlist import Outcome
from storage.repository.applications import ApplicationRef
from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class ShortlistsRepository(UseCaseRepository, Protocol):
    """The scores and applications the engine reads, people's decisions and the sign-off."""

    def agreed_frame(self, *, session: Session, vacancy_id: int) -> pd.DataFrame: ...

    def change_token(self, *, session: Session, vacancy_id: int) -> tuple[int, int]: ...

    def conflicts(self, *, session: Session, vacancy_id: int) -> set[tuple[str, str]]: ...

    def for_engine(
        self, *, session: Session, vacancy_id: int
    ) -> tuple[list[Application], dict[str, PersonalDetails]]: ...

    def move_status(
        self, *, session: Session, vacancy_id: int, transition: Transition, **more: Any
    ) -> bool: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def panel_score_frame(
        self,
        *,
        session: Session,
        vacancy_id: int,
        member_name: str = "username",
        notes: bool = False,
    ) -> pd.DataFrame: ...

    def persons_decisions(
        self, *, session: Session, vacancy_id: int
    ) -> dict[str, PersonsDecision]: ...

    def refs(self, *, session: Session, vacancy_id: int) -> list[ApplicationRef]: ...

    def save_override(
        self,
        *,
        session: Session,
        application_id: int,
        expected_version: int | None,
        recommended: Outcome,
        decision: Outcome,
        override_reason: str,
        by: int,
        at: datetime,
    ) -> bool: ...

    def sign_off(
        self,
        *,
        session: Session,
        signed: dict[int, tuple[Outcome, Outcome, str]],
        by: int,
        at: datetime,
    ) -> None: ...
