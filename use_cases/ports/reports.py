"""What reports (use_cases/reports.py) calls in the repository, with the signatures from
storage/repository/; `storage.repository.REPOSITORY` satisfies the Protocol, a unit test's fake
implements it."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class ReportsRepository(UseCaseRepository, Protocol):
    """The panel."""

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...
