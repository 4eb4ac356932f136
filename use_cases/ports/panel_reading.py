"""A member reading applications: the repository functions use_cases/panel_reading.py calls, with
their signatures from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from storage.records import PanelApplication, ScoreRecord, VacancyPublic
from storage.repository.applications import ApplicationRef
from use_cases.ports.common import UseCaseRepository


class PanelReadingRepository(UseCaseRepository, Protocol):
    """The redacted applications, the member's own scores and their reading time."""

    def list_vacancies(
        self, *, session: Session, organisation_id: str | None, panel_member: int | None
    ) -> list[VacancyPublic]: ...

    def scored_per_application(
        self, *, session: Session, vacancy_id: int, user_id: int, criteria: Sequence[str]
    ) -> dict[str, int]: ...

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

    def panel_application(
        self, *, session: Session, vacancy_id: int, panel_code: str
    ) -> tuple[ApplicationRef, PanelApplication] | None: ...

    def panel_applications(
        self, *, session: Session, vacancy_id: int
    ) -> list[tuple[ApplicationRef, PanelApplication]]: ...

    def panel_applications_by_code(
        self, *, session: Session, vacancy_id: int, codes: Sequence[str]
    ) -> dict[str, tuple[ApplicationRef, PanelApplication]]: ...

    def touch_review(
        self,
        *,
        session: Session,
        vacancy_id: int,
        application_id: int,
        user_id: int,
        at: datetime,
        opened: bool,
    ) -> None: ...
