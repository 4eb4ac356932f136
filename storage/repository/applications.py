"""Applications: how each is known (reference, panel code), the engine's view of them, and HR's
view with the personal details held apart. What the panel reads of them (redacted) is in
storage/repository/panel_evidence.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session

from scoring.applications import Application, Declarations, PersonalDetails
from storage import tables
from storage.records import ApplicationOverview, ApplicationRecord


@dataclass(frozen=True)
class ApplicationRef:
    """How an application is known: HR's reference, the panel's code, its row id."""

    id: int
    reference: str
    panel_code: str
    withdrawn: bool
    held: bool = False  # not released to the panel yet (a late application)


def refs(*, session: Session, vacancy_id: int) -> list[ApplicationRef]:
    """Every application of the vacancy, by panel code."""
    rows = session.execute(
        select(
            tables.Application.id,
            tables.Application.reference,
            tables.Application.panel_code,
            tables.Application.withdrawn,
            tables.Application.released_at.is_(None),
        )
        .where(tables.Application.vacancy_id == vacancy_id)
        .order_by(tables.Application.panel_code)
    ).all()
    return [ApplicationRef(i, r, c, w, bool(h)) for i, r, c, w, h in rows]


def _ref(session: Session, vacancy_id: int, where: Any) -> ApplicationRef | None:
    row = session.execute(
        select(
            tables.Application.id,
            tables.Application.reference,
            tables.Application.panel_code,
            tables.Application.withdrawn,
            tables.Application.released_at.is_(None),
        ).where(tables.Application.vacancy_id == vacancy_id, where)
    ).one_or_none()
    return ApplicationRef(row[0], row[1], row[2], row[3], bool(row[4])) if row else None


def ref_by_code(*, session: Session, vacancy_id: int, panel_code: str) -> ApplicationRef | None:
    return _ref(session, vacancy_id, tables.Application.panel_code == panel_code)


def ref_by_reference(*, session: Session, vacancy_id: int, reference: str) -> ApplicationRef | None:
    return _ref(session, vacancy_id, tables.Application.reference == reference)


def count(*, session: Session, vacancy_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(tables.Application)
            .where(tables.Application.vacancy_id == vacancy_id)
        )
        or 0
    )


def for_engine(
    *, session: Session, vacancy_id: int
) -> tuple[list[Application], dict[str, PersonalDetails]]:
    """The engine's applications (dates, declarations, withdrawals: not the evidence, which the
    engine never reads) and the names held apart, by reference."""
    rows = session.connection().execute(
        select(
            tables.Application.reference,
            tables.Application.received_date,
            tables.Application.withdrawn,
            tables.Application.released_at.is_(None),
            tables.ApplicantDetails.declarations,
            tables.ApplicantDetails.first_name,
            tables.ApplicantDetails.last_name,
            tables.ApplicantDetails.email,
        )
        .select_from(tables.Application)
        .outerjoin(tables.ApplicantDetails)
        .where(tables.Application.vacancy_id == vacancy_id)
    )
    apps, people = [], {}
    for reference, received, withdrawn, held, declared, first, last, email in rows:
        apps.append(
            Application.model_construct(
                application_id=reference,
                received_date=received,
                declarations=Declarations.model_validate(declared) if declared else Declarations(),
                statement="",
                evidence={},
                withdrawn=withdrawn,
                held=bool(held) and not withdrawn,
            )
        )
        if declared is not None:
            people[reference] = PersonalDetails.model_construct(
                first_name=first, last_name=last, email=email
            )
    return apps, people


def with_details(
    session: Session, vacancy_id: int, reference: str | None = None
) -> list[tuple[tables.Application, tables.ApplicantDetails]]:
    query = (
        select(tables.Application, tables.ApplicantDetails)
        .join(tables.ApplicantDetails)
        .where(tables.Application.vacancy_id == vacancy_id)
        .order_by(tables.Application.reference)
    )
    if reference is not None:
        query = query.where(tables.Application.reference == reference)
    return [(a, d) for a, d in session.execute(query).all()]


def records(*, session: Session, vacancy_id: int) -> list[ApplicationRecord]:
    """HR's view, personal details and declarations included, by reference."""
    return [
        ApplicationRecord(
            id=a.id,
            reference=a.reference,
            panel_code=a.panel_code,
            received_date=a.received_date,
            withdrawn=a.withdrawn,
            first_name=d.first_name,
            last_name=d.last_name,
            email=d.email,
            declarations=d.declarations,
            statement=a.statement,
            evidence=a.evidence,
        )  # fmt: skip
        for a, d in with_details(session, vacancy_id)
    ]


def names(
    *, session: Session, vacancy_id: int, since: datetime | None = None
) -> list[tuple[int, str]]:
    """(application id, applicant's name) of every application released to the panel and not
    withdrawn; with `since`, only those released after it (the new names to declare)."""
    released: ColumnElement[bool] = tables.Application.released_at.is_not(None)
    if since is not None:
        released = tables.Application.released_at > since
    rows = session.execute(
        select(
            tables.Application.id,
            tables.ApplicantDetails.first_name,
            tables.ApplicantDetails.last_name,
        )
        .join(tables.ApplicantDetails)
        .where(
            tables.Application.vacancy_id == vacancy_id,
            tables.Application.withdrawn.is_(False),
            released,
        )
    ).all()
    return [(i, f"{first} {last}".strip()) for i, first, last in rows]


def references_of(*, session: Session, application_ids: list[int]) -> list[str]:
    return sorted(
        session.scalars(
            select(tables.Application.reference).where(tables.Application.id.in_(application_ids))
        ).all()
    )


# Import batches ------------------------------------------------------------------------------
def set_withdrawn(*, session: Session, application_id: int, withdrawn: bool) -> None:
    session.execute(
        update(tables.Application)
        .where(tables.Application.id == application_id)
        .values(withdrawn=withdrawn)
    )


def overview(*, session: Session, vacancy_id: int) -> list[ApplicationOverview]:
    """HR's list, by reference, without the evidence (one query, a few columns)."""
    rows = session.connection().execute(
        select(
            tables.Application.reference,
            tables.Application.panel_code,
            tables.ApplicantDetails.first_name,
            tables.ApplicantDetails.last_name,
            tables.ApplicantDetails.email,
            tables.Application.received_date,
            tables.Application.withdrawn,
            tables.ApplicantDetails.declarations,
            tables.Application.redactions,
            tables.Application.redaction_terms,
            tables.Application.released_at,
        )  # fmt: skip
        .join(tables.ApplicantDetails)
        .where(tables.Application.vacancy_id == vacancy_id)
        .order_by(tables.Application.reference)
    )
    return [
        ApplicationOverview.model_construct(
            reference=ref,
            panel_code=code,
            name=f"{first} {last}".strip(),
            email=email,
            received_date=received,
            withdrawn=withdrawn,
            declarations=Declarations.model_validate(declared),
            redactions=redactions,
            extra=terms.get("extra", []),
            keep=terms.get("keep", []),
            held=released is None and not withdrawn,
        )  # fmt: skip
        for ref, code, first, last, email, received, withdrawn, declared, redactions, terms, released in rows
    ]


def held_count(*, session: Session, vacancy_id: int) -> int:
    """Applications imported but not yet released to the panel (late ones awaiting review)."""
    return (
        session.scalar(
            select(func.count())
            .select_from(tables.Application)
            .where(
                tables.Application.vacancy_id == vacancy_id,
                tables.Application.released_at.is_(None),
                tables.Application.withdrawn.is_(False),
            )
        )
        or 0
    )
