"""Receipts of score-pad key presses: each press applied once, whatever is sent again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import tables
from storage.records import PressResult


def receipts(
    *, session: Session, user_id: int, client_id: str, seqs: Sequence[int]
) -> dict[int, PressResult]:
    rows = session.scalars(
        select(tables.PadReceipt).where(
            tables.PadReceipt.user_id == user_id,
            tables.PadReceipt.client_id == client_id,
            tables.PadReceipt.seq.in_(list(seqs)),
        )
    )
    return {
        r.seq: PressResult(
            client=client_id,
            seq=r.seq,
            ok=r.ok,
            panel_code=r.panel_code,
            criterion_id=r.criterion_id,
            score=r.score,
            note=r.note,
            version=r.version,
            message=r.message,
        )  # fmt: skip
        for r in rows
    }


def insert_receipt(
    *, session: Session, user_id: int, vacancy_id: int, result: PressResult, at: datetime
) -> None:
    """A second receipt for the same press violates the key (IntegrityError): it was applied."""
    session.add(
        tables.PadReceipt(
            user_id=user_id, client_id=result.client, seq=result.seq, vacancy_id=vacancy_id,
            ok=result.ok, panel_code=result.panel_code, criterion_id=result.criterion_id,
            score=result.score, note=result.note, version=result.version,
            message=result.message, at=at,
        )
    )  # fmt: skip
    session.flush()
