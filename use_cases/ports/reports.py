"""Reports: the repository functions use_cases/reports.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class ReportsRepository(UseCaseRepository, Protocol):
    """The panel."""

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...
