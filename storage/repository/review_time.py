"""Reading time per application and panel member (the proof of human review)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, select, update
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


def touch_many(
    *, session: Session, vacancy_id: int, application_ids: Sequence[int], user_id: int,
    at: datetime,
) -> None:  # fmt: skip
    """`touch` (not opened) for many applications at one moment, as one action of the member
    on each (a scoring sheet returned): their rows read in one query, changed in one update
    and the new ones added in one insert, rather than a round trip each."""
    if len(application_ids) <= 1:
        for application_id in application_ids:
            touch(session=session, vacancy_id=vacancy_id, application_id=application_id,
                  user_id=user_id, at=at, opened=False)  # fmt: skip
        return
    table = tables.table_of(tables.ReviewTime)
    wanted = set(application_ids)
    stored = {
        row.application_id: row
        for row in session.execute(
            select(table.c.application_id, table.c.seconds, table.c.last_seen_at)
            .where(table.c.vacancy_id == vacancy_id, table.c.user_id == user_id)
            .with_for_update()
        )
        if row.application_id in wanted
    }
    changed = []
    for application_id, row in stored.items():
        seconds, last_seen = reading_after(
            row.seconds, _aware(row.last_seen_at, at), at, opening=False
        )
        changed.append({"a": application_id, "s": seconds, "l": last_seen})
    if changed:
        session.connection().execute(
            update(table)
            .where(table.c.application_id == bindparam("a"), table.c.user_id == user_id)
            .values(seconds=bindparam("s"), last_seen_at=bindparam("l")),
            changed,
        )
    new = sorted(wanted - stored.keys())
    if new:
        session.connection().execute(
            insert(table),
            [
                {"application_id": a, "user_id": user_id, "vacancy_id": vacancy_id,
                 "first_opened_at": None, "last_seen_at": at, "seconds": 0, "views": 0}
                for a in new
            ],
        )  # fmt: skip
