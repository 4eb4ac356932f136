"""The workbooks HR downloads: the repository functions use_cases/workbooks.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import pandas as pd
from sqlalchemy.orm import Session

from storage.audit_chain import Head
from storage.records import AuditRecord
from storage.repository.panel import PanelSeat
from use_cases.ports.common import UseCaseRepository


class WorkbooksRepository(UseCaseRepository, Protocol):
    """The panel, scores and audit log the workbooks are written from."""

    def audit_entries(
        self,
        *,
        session: Session,
        vacancy_id: int | None = None,
        organisation_id: str | None = None,
        leave_out: Sequence[str] = (),
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[AuditRecord]: ...

    def audit_head(self, *, session: Session) -> Head | None: ...

    def count_audit(self, *, session: Session, vacancy_id: int, actions: Sequence[str]) -> int: ...

    def organisation_name(self, *, session: Session, organisation_id: str) -> str: ...

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def panel_score_frame(
        self,
        *,
        session: Session,
        vacancy_id: int,
        member_name: str = "username",
        notes: bool = False,
    ) -> pd.DataFrame: ...
