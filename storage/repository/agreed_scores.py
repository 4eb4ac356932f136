"""Agreed scores: the moderated score per application and criterion, changed by version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from scoring.rules.score_checks import StoredScore
from storage import tables
from storage.records import AgreedRecord


def agreed_scores(*, session: Session, vacancy_id: int) -> list[AgreedRecord]:
    rows = session.execute(
        select(tables.AgreedScore, tables.Application.panel_code)
        .join(tables.Application)
        .where(tables.Application.vacancy_id == vacancy_id)
    ).all()
    return [
        AgreedRecord(
            panel_code=code,
            criterion_id=a.criterion_id,
            score=a.score,
            note=a.note,
            version=a.version,
        )  # fmt: skip
        for a, code in rows
    ]


def stored_agreed(
    *, session: Session, application_id: int, criterion_id: str
) -> tuple[int, StoredScore] | None:
    row = session.scalar(
        select(tables.AgreedScore).where(
            tables.AgreedScore.application_id == application_id,
            tables.AgreedScore.criterion_id == criterion_id,
        )
    )
    return (row.id, StoredScore(row.score, row.note, row.version)) if row else None


def insert_agreed(
    *, session: Session, application_id: int, criterion_id: str, score: int, note: str, by: int
) -> None:
    session.add(
        tables.AgreedScore(
            application_id=application_id, criterion_id=criterion_id, score=score, note=note,
            agreed_by=by, version=1,
        )
    )  # fmt: skip
    session.flush()


def update_agreed(
    *,
    session: Session,
    agreed_id: int,
    expected_version: int,
    score: int,
    note: str,
    by: int,
    at: datetime,
) -> bool:
    changed = session.execute(
        update(tables.AgreedScore)
        .where(tables.AgreedScore.id == agreed_id, tables.AgreedScore.version == expected_version)
        .values(score=score, note=note, agreed_by=by, version=expected_version + 1, updated_at=at)
    ).rowcount  # type: ignore[attr-defined]
    return bool(changed == 1)
