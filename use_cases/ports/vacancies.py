"""Vacancies and their panels: the repository functions use_cases/vacancies.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from sqlalchemy.orm import Session

from storage.records import VacancyPublic
from storage.repository.panel import PanelSeat
from storage.repository.users import Account
from use_cases.ports.common import UseCaseRepository


class VacanciesRepository(UseCaseRepository, Protocol):
    """Vacancies created and listed, their panel and retention date."""

    def account_by_id(self, *, session: Session, user_id: int) -> Account | None: ...

    def add_member(self, *, session: Session, vacancy_id: int, user_id: int) -> None: ...

    def any_scores(self, *, session: Session, vacancy_id: int, user_id: int) -> bool: ...

    def insert_vacancy(self, *, session: Session, values: dict[str, Any]) -> VacancyPublic: ...

    def list_vacancies(
        self, *, session: Session, organisation_id: str | None, panel_member: int | None
    ) -> list[VacancyPublic]: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def remove_member(self, *, session: Session, vacancy_id: int, user_id: int) -> None: ...

    def set_retention_date(
        self, *, session: Session, vacancy_id: int, retention_date: date
    ) -> None: ...

    def vacancy_by_request(
        self, *, session: Session, created_by: int, request_key: str
    ) -> VacancyPublic | None: ...
