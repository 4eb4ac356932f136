"""What the panel reads of the applications: the statement and answers with the applicant's
identifiers redacted (the `panel_statement` and `panel_evidence` columns), by panel code, each
with its ref. Which of them a member scores is the core's rule (scoring/rules/who_scores.py),
not a filter here."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage import tables
from storage.records import PanelApplication
from storage.repository.applications import ApplicationRef


def panel_applications(
    *, session: Session, vacancy_id: int
) -> list[tuple[ApplicationRef, PanelApplication]]:
    """Every application as the panel would read it (redacted), by panel code, with its ref:
    which of them a member scores is the core's rule (scoring/rules/who_scores.py), not a filter here."""
    rows = session.execute(
        select(
            tables.Application.id,
            tables.Application.reference,
            tables.Application.panel_code,
            tables.Application.withdrawn,
            tables.Application.released_at.is_(None),
            tables.Application.panel_statement,
            tables.Application.panel_evidence,
        )
        .where(tables.Application.vacancy_id == vacancy_id)
        .order_by(tables.Application.panel_code)
    ).all()
    return [
        (
            ApplicationRef(app_id, reference, code, withdrawn, bool(held)),
            PanelApplication(panel_code=code, statement=statement, evidence=evidence),
        )
        for app_id, reference, code, withdrawn, held, statement, evidence in rows
    ]


def panel_application(
    *, session: Session, vacancy_id: int, panel_code: str
) -> tuple[ApplicationRef, PanelApplication] | None:
    row = session.execute(
        select(tables.Application).where(
            tables.Application.vacancy_id == vacancy_id,
            tables.Application.panel_code == panel_code,
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    return (
        ApplicationRef(
            row.id, row.reference, row.panel_code, row.withdrawn, row.released_at is None
        ),
        PanelApplication(
            panel_code=row.panel_code, statement=row.panel_statement, evidence=row.panel_evidence
        ),
    )


def panel_applications_by_code(
    *, session: Session, vacancy_id: int, codes: Sequence[str]
) -> dict[str, tuple[ApplicationRef, PanelApplication]]:
    """Some applications as the panel reads them (redacted), by panel code."""
    rows = session.execute(
        select(tables.Application).where(
            tables.Application.vacancy_id == vacancy_id,
            tables.Application.panel_code.in_(list(codes)),
        )
    ).scalars()
    return {
        a.panel_code: (
            ApplicationRef(a.id, a.reference, a.panel_code, a.withdrawn, a.released_at is None),
            PanelApplication(
                panel_code=a.panel_code, statement=a.panel_statement, evidence=a.panel_evidence
            ),
        )
        for a in rows
    }
