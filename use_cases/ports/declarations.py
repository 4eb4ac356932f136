"""Declaring conflicts: the repository functions use_cases/declarations.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.applications import ApplicationRef
from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class DeclarationsRepository(UseCaseRepository, Protocol):
    """The panel, the applications and names a member declares over, and the declarations stored."""

    def add_conflict(
        self, *, session: Session, vacancy_id: int, user_id: int, application_id: int, note: str
    ) -> bool: ...

    def names(
        self, *, session: Session, vacancy_id: int, since: datetime | None = None
    ) -> list[tuple[int, str]]: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def ref_by_code(
        self, *, session: Session, vacancy_id: int, panel_code: str
    ) -> ApplicationRef | None: ...

    def references_of(self, *, session: Session, application_ids: list[int]) -> list[str]: ...

    def refs(self, *, session: Session, vacancy_id: int) -> list[ApplicationRef]: ...

    def set_declared(
        self, *, session: Session, vacancy_id: int, user_id: int, at: datetime
    ) -> None: ...

    def withdraw_member_scores(
        self, *, session: Session, application_id: int, user_id: int
    ) -> dict[str, int]: ...
