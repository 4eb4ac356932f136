"""Panel scores as they are read: a member's own, counts per application and member, everyone's."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage import tables
from storage.records import ScoreRecord


def member_scores(
    *,
    session: Session,
    vacancy_id: int,
    user_id: int,
    username: str,
    panel_code: str | None,
    panel_codes: Sequence[str] | None = None,
) -> list[ScoreRecord]:
    """The member's own scores: for the vacancy, one application, or some (`panel_codes`)."""
    query = (
        select(tables.PanelScore, tables.Application.panel_code)
        .join(tables.Application)
        .where(tables.Application.vacancy_id == vacancy_id, tables.PanelScore.user_id == user_id)
    )
    if panel_code is not None:
        query = query.where(tables.Application.panel_code == panel_code)
    if panel_codes is not None:
        query = query.where(tables.Application.panel_code.in_(list(panel_codes)))
    return [
        ScoreRecord(
            panel_code=code,
            criterion_id=s.criterion_id,
            member=username,
            score=s.score,
            note=s.note,
            version=s.version,
        )  # fmt: skip
        for s, code in session.execute(query).all()
    ]


def scored_per_application(
    *, session: Session, vacancy_id: int, user_id: int, criteria: Sequence[str]
) -> dict[str, int]:
    """The member's scores on `criteria`, counted per panel code."""
    return dict(
        session.execute(
            select(tables.Application.panel_code, func.count())
            .select_from(tables.PanelScore)
            .join(tables.Application)
            .where(
                tables.Application.vacancy_id == vacancy_id,
                tables.PanelScore.user_id == user_id,
                tables.PanelScore.criterion_id.in_(list(criteria)),
            )
            .group_by(tables.Application.panel_code)
        ).all()
    )


def scored_per_member(
    *, session: Session, vacancy_id: int, criteria: Sequence[str]
) -> dict[int, dict[str, int]]:
    """Every member's scores on `criteria`, counted per panel code: user id -> code -> count."""
    counts: dict[int, dict[str, int]] = {}
    for user_id, code, n in session.execute(
        select(tables.PanelScore.user_id, tables.Application.panel_code, func.count())
        .select_from(tables.PanelScore)
        .join(tables.Application)
        .where(
            tables.Application.vacancy_id == vacancy_id,
            tables.PanelScore.criterion_id.in_(list(criteria)),
        )
        .group_by(tables.PanelScore.user_id, tables.Application.panel_code)
    ).all():
        counts.setdefault(user_id, {})[code] = n
    return counts


def any_scores(*, session: Session, vacancy_id: int, user_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(tables.PanelScore)
            .join(tables.Application)
            .where(
                tables.Application.vacancy_id == vacancy_id, tables.PanelScore.user_id == user_id
            )
        )
    )


def panel_scores(
    *, session: Session, vacancy_id: int, panel_codes: Sequence[str] | None = None
) -> list[ScoreRecord]:
    """Every member's scores (members by user name); with `panel_codes`, those applications'."""
    query = (
        select(tables.PanelScore, tables.Application.panel_code, tables.User.username)
        .join(tables.Application, tables.PanelScore.application_id == tables.Application.id)
        .join(tables.User, tables.PanelScore.user_id == tables.User.id)
        .where(tables.Application.vacancy_id == vacancy_id)
    )
    if panel_codes is not None:
        query = query.where(tables.Application.panel_code.in_(list(panel_codes)))
    rows = session.execute(query).all()
    return [
        ScoreRecord(
            panel_code=code,
            criterion_id=s.criterion_id,
            member=member,
            score=s.score,
            note=s.note,
            version=s.version,
        )  # fmt: skip
        for s, code, member in rows
    ]
