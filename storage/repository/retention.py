"""Retention: deleting a vacancy's personal data once its retention date has passed."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from scoring.applications import ArmedForcesStatus, Declarations
from storage import tables


def due(*, session: Session, today: date, organisation_id: str | None) -> list[tuple[int, date]]:
    """(vacancy id, retention date) of vacancies past their date and not purged yet."""
    query = select(tables.Vacancy.id, tables.Vacancy.retention_date).where(
        tables.Vacancy.retention_date <= today, tables.Vacancy.purged_at.is_(None)
    )
    if organisation_id is not None:
        query = query.where(tables.Vacancy.organisation_id == organisation_id)
    return [(i, d) for i, d in session.execute(query.order_by(tables.Vacancy.id)).all() if d]


def anonymised_summary(*, session: Session, vacancy_id: int) -> dict[str, Any]:
    """The counts kept after a purge: applications, withdrawals, decisions, declared schemes."""
    withdrawn = list(
        session.scalars(
            select(tables.Application.withdrawn).where(tables.Application.vacancy_id == vacancy_id)
        )
    )
    decisions = Counter(
        session.scalars(
            select(tables.Decision.decision)
            .join(tables.Application)
            .where(tables.Application.vacancy_id == vacancy_id)
        )
    )
    declared: Counter[str] = Counter()
    for stored in session.scalars(
        select(tables.ApplicantDetails.declarations)
        .join(tables.Application)
        .where(tables.Application.vacancy_id == vacancy_id)
    ):
        d = Declarations.model_validate(stored)
        declared.update(
            disability=int(d.disability),
            care_leaver=int(d.care_leaver),
            armed_forces=int(d.armed_forces_status is not ArmedForcesStatus.NONE),
        )
    return {
        "applications": len(withdrawn),
        "withdrawn": sum(withdrawn),
        "decisions": dict(decisions),
        "declared_schemes": dict(declared),
    }


def purge_vacancy(
    *, session: Session, vacancy_id: int, summary: dict[str, Any], at: datetime
) -> None:
    session.execute(delete(tables.Application).where(tables.Application.vacancy_id == vacancy_id))
    session.execute(delete(tables.ImportBatch).where(tables.ImportBatch.vacancy_id == vacancy_id))
    session.execute(
        update(tables.Vacancy)
        .where(tables.Vacancy.id == vacancy_id)
        .values(status="purged", purged_at=at, summary=summary)
    )
