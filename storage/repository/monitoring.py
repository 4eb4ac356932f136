"""Equality-monitoring answers, held apart from the applications (HR only)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage import tables


def replace_answers(
    *, session: Session, vacancy_id: int, answers: dict[int, dict[str, str]]
) -> None:
    """Replace the vacancy's answers with `answers` (application id -> question -> answer)."""
    session.execute(
        delete(tables.MonitoringAnswers).where(tables.MonitoringAnswers.vacancy_id == vacancy_id)
    )
    if answers:
        session.execute(
            tables.table_of(tables.MonitoringAnswers).insert(),
            [
                {"application_id": i, "vacancy_id": vacancy_id, "answers": a}
                for i, a in answers.items()
            ],
        )


def answers(*, session: Session, vacancy_id: int) -> list[tuple[str, dict[str, str]]]:
    """(application reference, answers)."""
    rows = session.execute(
        select(tables.Application.reference, tables.MonitoringAnswers.answers)
        .join(tables.MonitoringAnswers)
        .where(tables.MonitoringAnswers.vacancy_id == vacancy_id)
    ).all()
    return [(r, a) for r, a in rows]
