"""Import batches: each file imported into a vacancy, stored all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import tables


@dataclass(frozen=True)
class Batch:
    file_name: str
    rows: int
    imported_at: datetime


def batch_with_digest(*, session: Session, vacancy_id: int, sha256: str) -> Batch | None:
    row = session.scalar(
        select(tables.ImportBatch).where(
            tables.ImportBatch.vacancy_id == vacancy_id, tables.ImportBatch.sha256 == sha256
        )
    )
    return Batch(row.file_name, row.rows, row.imported_at) if row else None


def references(*, session: Session, vacancy_id: int) -> set[str]:
    return set(
        session.scalars(
            select(tables.Application.reference).where(tables.Application.vacancy_id == vacancy_id)
        )
    )


def insert_batch(
    *,
    session: Session,
    vacancy_id: int,
    file_name: str,
    sha256: str,
    applications: list[dict[str, Any]],
    details: list[dict[str, Any]],
    imported_by: int,
) -> int:
    """Store a batch: `applications` rows (without ids) and `details` rows keyed by reference
    (`reference` in each). Returns the batch id."""
    batch = tables.ImportBatch(
        vacancy_id=vacancy_id,
        file_name=file_name,
        sha256=sha256,
        rows=len(applications),
        imported_by=imported_by,
    )
    session.add(batch)
    session.flush()
    session.execute(
        tables.table_of(tables.Application).insert(),
        [{**a, "batch_id": batch.id} for a in applications],
    )
    ids = dict(
        session.execute(
            select(tables.Application.reference, tables.Application.id).where(
                tables.Application.batch_id == batch.id
            )
        ).all()
    )
    session.execute(
        tables.table_of(tables.ApplicantDetails).insert(),
        [{**{k: v for k, v in d.items() if k != "reference"}, "application_id": ids[d["reference"]]} for d in details],
    )  # fmt: skip
    return batch.id
