"""Retention: deleting a vacancy's personal data once its retention date has passed."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from scoring.applications import ArmedForcesStatus, Declarations
from storage import tables


def candidates(
    *, session: Session, today: date, organisation_id: str | None
) -> list[tuple[int, str, date]]:
    """(vacancy id, status, retention date) of vacancies not purged whose retention date has
    come; which of them may be purged is the lifecycle's rule (scoring/rules/lifecycle.py)."""
    query = select(tables.Vacancy.id, tables.Vacancy.status, tables.Vacancy.retention_date).where(
        tables.Vacancy.retention_date <= today, tables.Vacancy.purged_at.is_(None)
    )
    if organisation_id is not None:
        query = query.where(tables.Vacancy.organisation_id == organisation_id)
    rows = session.execute(query.order_by(tables.Vacancy.id)).all()
    return [(i, s, d) for i, s, d in rows if d]


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


def purge_vacancy(*, session: Session, vacancy_id: int) -> None:
    """Delete everything about the vacancy's applicants and everything people typed about
    them: the applications (and with them their details, declarations, monitoring answers,
    evidence, scores and notes, decisions and reasons, conflicts, reading times and letters
    sent), the import batches (file names), the score pad's receipts (notes typed on the pad)
    and HR's letter wording. The vacancy keeps its post, its dates and the anonymised counts,
    which the move to purged stores, emptying the reason it was closed
    (tests/security/test_purge_forgets_everything.py holds every table and column of the
    schema to this)."""
    session.execute(delete(tables.Application).where(tables.Application.vacancy_id == vacancy_id))
    for table in (tables.ImportBatch, tables.PadReceipt, tables.LetterTemplate):
        session.execute(delete(table).where(table.vacancy_id == vacancy_id))
