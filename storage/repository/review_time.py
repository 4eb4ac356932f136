"""Reading time per application and panel member (the proof of human review)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scoring.rules.human_review import reading_after
from storage import tables


@dataclass(frozen=True)
class ReviewRow:
    application_id: int
    user_id: int
    seconds: int
    views: int
    first_opened_at: datetime | None


def touch(
    *, session: Session, vacancy_id: int, application_id: int, user_id: int, at: datetime,
    opened: bool,
) -> None:  # fmt: skip
    """One action of the member on the application: its gap since their last one is reading
    time (scoring/rules/human_review.py: idle gaps count nothing); `opened`, being shown it, counts a
    view and starts a reading. The one write of reading time, from every way of reading."""
    row = session.get(tables.ReviewTime, (application_id, user_id), with_for_update=True)
    if row is None:
        try:
            with session.begin_nested():
                session.add(
                    tables.ReviewTime(
                        application_id=application_id, user_id=user_id, vacancy_id=vacancy_id,
                        first_opened_at=at if opened else None, last_seen_at=at, seconds=0,
                        views=int(opened),
                    )
                )  # fmt: skip
            return
        except IntegrityError:  # opened in another window at the same moment
            row = session.get(tables.ReviewTime, (application_id, user_id), with_for_update=True)
            assert row is not None
    row.seconds, row.last_seen_at = reading_after(
        row.seconds, _aware(row.last_seen_at, at), at, opening=opened
    )
    if opened:
        row.views += 1
        row.first_opened_at = row.first_opened_at or at


def _aware(stored: datetime, like: datetime) -> datetime:
    """SQLite hands back naive times; compare like with like."""
    if stored.tzinfo is None and like.tzinfo is not None:
        return stored.replace(tzinfo=like.tzinfo)
    return stored


def scored_and_noted(
    *, session: Session, vacancy_id: int
) -> dict[tuple[int, int], tuple[int, int]]:
    """(application id, user id) -> (criteria the member scored, scores with a note), counted
    in the database: a vacancy's scores are never loaded one by one for this."""
    scored = session.execute(
        select(tables.PanelScore.application_id, tables.PanelScore.user_id, func.count())
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .where(tables.Application.vacancy_id == vacancy_id)
        .group_by(tables.PanelScore.application_id, tables.PanelScore.user_id)
    ).all()
    noted: dict[tuple[int, int], int] = {}
    for app_id, user_id, note in session.execute(
        select(tables.PanelScore.application_id, tables.PanelScore.user_id, tables.PanelScore.note)
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .where(tables.Application.vacancy_id == vacancy_id, tables.PanelScore.note != "")
    ):
        if note.strip():
            noted[(app_id, user_id)] = noted.get((app_id, user_id), 0) + 1
    return {(a, u): (n, noted.get((a, u), 0)) for a, u, n in scored}


def review_rows(*, session: Session, vacancy_id: int) -> list[ReviewRow]:
    rows = session.scalars(
        select(tables.ReviewTime).where(tables.ReviewTime.vacancy_id == vacancy_id)
    )
    return [
        ReviewRow(r.application_id, r.user_id, r.seconds, r.views, r.first_opened_at) for r in rows
    ]
