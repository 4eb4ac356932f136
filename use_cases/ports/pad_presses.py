"""The score pad's key presses: the repository functions use_cases/pad_presses.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from storage.records import PressResult, ScoreRecord
from use_cases.ports.common import UseCaseRepository


class PadPressesRepository(UseCaseRepository, Protocol):
    """Each press's receipt, and the member's scores the pad shows."""

    def insert_receipt(
        self, *, session: Session, user_id: int, vacancy_id: int, result: PressResult, at: datetime
    ) -> None: ...

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

    def receipts(
        self, *, session: Session, user_id: int, client_id: str, seqs: Sequence[int]
    ) -> dict[int, PressResult]: ...
