"""What is redacted from each application's evidence before the panel reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from scoring.applications import Declarations
from storage import tables
from storage.records import RedactionReview
from storage.repository.applications import with_details


@dataclass(frozen=True)
class RedactionSource:
    """What redaction works from for one application."""

    id: int
    reference: str
    statement: str
    evidence: dict[str, str]
    first_name: str
    last_name: str
    email: str | None
    declarations: Declarations
    terms: dict[str, Any]


def _review(app: tables.Application, details: tables.ApplicantDetails) -> RedactionReview:
    return RedactionReview(
        reference=app.reference,
        panel_code=app.panel_code,
        name=f"{details.first_name} {details.last_name}".strip(),
        redactions=app.redactions,
        extra=app.redaction_terms.get("extra", []),
        keep=app.redaction_terms.get("keep", []),
        panel_statement=app.panel_statement,
        panel_evidence=app.panel_evidence,
    )


def redaction_reviews(
    *, session: Session, vacancy_id: int, reference: str | None = None
) -> list[RedactionReview]:
    """Every application's review, or (with `reference`) one application's."""
    return [_review(a, d) for a, d in with_details(session, vacancy_id, reference)]


def redaction_source(
    *, session: Session, vacancy_id: int, reference: str
) -> RedactionSource | None:
    row = session.execute(
        select(tables.Application, tables.ApplicantDetails)
        .outerjoin(tables.ApplicantDetails)
        .where(
            tables.Application.vacancy_id == vacancy_id,
            tables.Application.reference == reference,
        )
    ).one_or_none()
    if row is None or row[1] is None:
        return None
    app, d = row
    return RedactionSource(
        app.id, app.reference, app.statement, app.evidence, d.first_name, d.last_name,
        d.email, Declarations.model_validate(d.declarations), app.redaction_terms,
    )  # fmt: skip


def set_redaction(
    *,
    session: Session,
    application_id: int,
    panel_statement: str,
    panel_evidence: dict[str, str],
    redactions: list[dict[str, str]],
    terms: dict[str, Any],
) -> RedactionReview:
    app = session.get(tables.Application, application_id)
    details = session.get(tables.ApplicantDetails, application_id)
    assert app is not None and details is not None
    app.panel_statement, app.panel_evidence = panel_statement, panel_evidence
    app.redactions, app.redaction_terms = redactions, terms
    session.flush()
    return _review(app, details)


def redaction_counts(*, session: Session, vacancy_id: int) -> tuple[int, int]:
    """(applications, applications with something redacted)."""
    found = session.scalars(
        select(tables.Application.redactions).where(tables.Application.vacancy_id == vacancy_id)
    ).all()
    return len(found), sum(bool(r) for r in found)
