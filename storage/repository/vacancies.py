"""Vacancies: the record, the core's model of its rules, and the panel's seats on it."""

from __future__ import annotations

import weakref
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, bindparam, func, select, update
from sqlalchemy.orm import Session

from criteria.legacy_policy import stored_policy
from criteria.schema import Criterion
from scoring.rules.lifecycle import TRANSITIONS, Transition
from scoring.rules.scheme import Scheme
from scoring.rules.score_checks import ScoringRules, Seat
from scoring.vacancy import PostFacts, Vacancy
from storage import tables
from storage.records import VacancyPublic
from storage.repository import applications

# Per database (engine), (vacancy id, version) -> rules: fixed once a version is stored.
_RULES: weakref.WeakKeyDictionary[Engine, dict[tuple[int, int], ScoringRules]] = (
    weakref.WeakKeyDictionary()
)


def rules_of(row: tables.Vacancy) -> Vacancy:
    return Vacancy(
        title=row.title,
        criteria=tuple(Criterion.model_validate(c) for c in row.criteria),
        scheme=Scheme.model_validate(row.scheme),
        policy=stored_policy(row.policy),
        closing_date=row.closing_date,
        post=facts_of(row),
    )


def facts_of(row: tables.Vacancy) -> PostFacts:
    """What the vacancy records for the schemes' `covers`; its grade as the role snapshot
    prints it (the grade variant's label, else the role's grade)."""
    snapshot = row.role_snapshot
    variants = {g.get("id"): g.get("label") for g in snapshot.get("grades") or ()}
    grade = variants.get(row.grade) if row.grade else snapshot.get("grade")
    return PostFacts(
        advertised=row.advertised,  # stored from the same Literal, checked here
        salary_from=row.salary_from,
        salary_to=row.salary_to,
        grade=grade or None,
        role_family=row.role_family,
    )


def _public(row: tables.Vacancy, applications: int, finaliser: str | None) -> VacancyPublic:
    return VacancyPublic(
        id=row.id,
        organisation_id=row.organisation_id,
        title=row.title,
        role_id=row.role_id,
        role_title=str(row.role_snapshot.get("title", row.title)),
        level=row.level,
        grade=row.grade,
        status=row.status,
        closing_date=row.closing_date,
        interview_date=row.interview_date,
        retention_date=row.retention_date,
        chunked_review=row.chunked_review,
        released_at=row.released_at,
        finalised_at=row.finalised_at,
        finalised_by=finaliser,
        version=row.version,
        rules=rules_of(row),
        applications=applications,
        scoring_deadline=row.scoring_deadline,
        closed_reason=row.closed_reason,
    )


def _finaliser(session: Session, row: tables.Vacancy) -> str | None:
    if row.finalised_by is None:
        return None
    return session.scalar(
        select(tables.User.display_name).where(tables.User.id == row.finalised_by)
    )


def lock_vacancy(*, session: Session, vacancy_id: int) -> None:
    """Hold the vacancy's row until commit, so two HR officers finalising, overriding or
    importing at once go one after the other (SQLite's write lock does this already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(tables.Vacancy.id).where(tables.Vacancy.id == vacancy_id).with_for_update()
        )


def load_vacancy(*, session: Session, vacancy_id: int) -> VacancyPublic | None:
    row = session.get(tables.Vacancy, vacancy_id)
    if row is None:
        return None
    return _public(
        row, applications.count(session=session, vacancy_id=vacancy_id), _finaliser(session, row)
    )


def list_vacancies(
    *, session: Session, organisation_id: str | None, panel_member: int | None
) -> list[VacancyPublic]:
    """Newest first: an organisation's vacancies, or those a panel member sits on."""
    query = select(tables.Vacancy).order_by(tables.Vacancy.id.desc())
    if panel_member is not None:
        query = query.join(tables.PanelAssignment).where(
            tables.PanelAssignment.user_id == panel_member
        )
    else:  # an HR officer without an organisation sees none
        query = query.where(tables.Vacancy.organisation_id == (organisation_id or ""))
    counts = dict(
        session.execute(
            select(tables.Application.vacancy_id, func.count()).group_by(
                tables.Application.vacancy_id
            )
        ).all()
    )
    return [_public(v, counts.get(v.id, 0), _finaliser(session, v)) for v in session.scalars(query)]


def organisation_of(*, session: Session, vacancy_id: int) -> str | None:
    return session.scalar(
        select(tables.Vacancy.organisation_id).where(tables.Vacancy.id == vacancy_id)
    )


def organisation_name(*, session: Session, organisation_id: str) -> str:
    name = session.scalar(
        select(tables.Organisation.name).where(tables.Organisation.id == organisation_id)
    )
    return name or organisation_id


def vacancy_by_request(
    *, session: Session, created_by: int, request_key: str
) -> VacancyPublic | None:
    """The vacancy this officer's form already made (a second click of the same form)."""
    row = session.scalar(
        select(tables.Vacancy).where(
            tables.Vacancy.created_by == created_by, tables.Vacancy.request_key == request_key
        )
    )
    return None if row is None else _public(row, 0, None)


def update_vacancy(
    *, session: Session, vacancy_id: int, expected_version: int, values: dict[str, Any]
) -> bool:
    """Change the vacancy's record if it is still at `expected_version` (a new version)."""
    done = session.execute(
        update(tables.Vacancy)
        .where(tables.Vacancy.id == vacancy_id, tables.Vacancy.version == expected_version)
        .values(**values, version=tables.Vacancy.version + 1)
    )
    return bool(getattr(done, "rowcount", 0))


def move_status(*, session: Session, vacancy_id: int, transition: Transition, **more: Any) -> bool:
    """The vacancy makes the move if its state is still one the move starts from (the
    lifecycle's table), with `more` columns set beside it (who finalised, why closed, ...);
    False, changing nothing, when another window moved it first. The only write of a status."""
    move = TRANSITIONS[transition]
    done = session.execute(
        update(tables.Vacancy)
        .where(
            tables.Vacancy.id == vacancy_id,
            tables.Vacancy.status.in_(sorted(s.value for s in move.sources)),
        )
        .values(status=move.target.value, version=tables.Vacancy.version + 1, **more)
    )
    return bool(getattr(done, "rowcount", 0))


def insert_vacancy(*, session: Session, values: dict[str, Any]) -> VacancyPublic:
    row = tables.Vacancy(**values)
    session.add(row)
    session.flush()
    return _public(row, 0, None)


def set_retention_date(*, session: Session, vacancy_id: int, retention_date: date) -> None:
    session.execute(
        update(tables.Vacancy)
        .where(tables.Vacancy.id == vacancy_id)
        .values(retention_date=retention_date)
    )


def set_released(*, session: Session, vacancy_id: int, at: datetime) -> int:
    """Release every application not yet released (all of them the first time; the late ones
    after) to the panel. The vacancy's `released_at` is the latest release: a member who
    declared before it declares the new names. (The move to scoring is the service's, through
    `move_status`.) Returns how many were released."""
    done = session.execute(
        update(tables.Application)
        .where(
            tables.Application.vacancy_id == vacancy_id, tables.Application.released_at.is_(None)
        )
        .values(released_at=at)
    )
    session.execute(
        update(tables.Vacancy).where(tables.Vacancy.id == vacancy_id).values(released_at=at)
    )
    return int(getattr(done, "rowcount", 0) or 0)


# The panel's seats ---------------------------------------------------------------------------
_V, _PA = tables.Vacancy.__table__.c, tables.PanelAssignment.__table__.c


_SEAT = (
    select(
        _V.status,
        _V.version,
        _V.released_at,
        _PA.submitted_at,
        _PA.conflicts_declared_at,
        _PA.user_id,
    )
    .select_from(
        tables.table_of(tables.Vacancy).outerjoin(
            tables.table_of(tables.PanelAssignment),
            (_PA.vacancy_id == _V.id) & (_PA.user_id == bindparam("user_id")),
        )
    )
    .where(_V.id == bindparam("vacancy_id"))
)


def seat(*, session: Session, vacancy_id: int, user_id: int) -> tuple[Seat, int] | None:
    """The member's seat on the vacancy's panel as stored now, and the vacancy's version; None
    when there is no such vacancy. One prepared round trip: this is on every key press's path."""
    found = (
        session.connection()
        .execute(_SEAT, {"vacancy_id": vacancy_id, "user_id": user_id})
        .one_or_none()
    )
    if found is None:
        return None
    status, version, released, submitted, declared, assigned = found
    return (
        Seat(
            vacancy_status=status,
            assigned=assigned is not None,
            released=released is not None,
            # declared since the latest release: late applications bring new names to declare
            declared=declared is not None and (released is None or declared >= released),
            submitted=submitted is not None,
        ),
        version,
    )


def scoring_rules(*, session: Session, vacancy_id: int, version: int) -> ScoringRules:
    """The criteria scored at shortlisting and the scale, kept in memory per vacancy version
    (they are fixed once a version is stored; an edit makes a new version)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    kept = _RULES.setdefault(engine, {})
    key = (vacancy_id, version)
    if key not in kept:
        row = session.get(tables.Vacancy, vacancy_id)
        assert row is not None
        kept[key] = ScoringRules.of(rules_of(row))
    return kept[key]
