"""A person's decisions on applications: overrides with their reasons, and the sign-off."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from scoring.rules.decisions import PersonsDecision
from scoring.rules.outcomes import Outcome
from storage import tables


def persons_decisions(*, session: Session, vacancy_id: int) -> dict[str, PersonsDecision]:
    """By application reference."""
    rows = session.execute(
        select(tables.Decision, tables.Application.reference, tables.User.display_name)
        .join(tables.Application, tables.Application.id == tables.Decision.application_id)
        .join(tables.User, tables.User.id == tables.Decision.decided_by)
        .where(tables.Application.vacancy_id == vacancy_id)
    ).all()
    return {
        reference: PersonsDecision(
            application_id=reference,
            decision=Outcome(d.decision),
            recommended=Outcome(d.recommended),
            override_reason=d.override_reason,
            signed_off_reason=d.reason or None,
            decided_by=who,
            decided_at=d.decided_at,
            version=d.version,
        )
        for d, reference, who in rows
    }


def save_override(
    *,
    session: Session,
    application_id: int,
    expected_version: int | None,
    recommended: Outcome,
    decision: Outcome,
    override_reason: str,
    by: int,
    at: datetime,
) -> bool:
    """Record a person's decision if the stored one is still at `expected_version` (None: none
    stored). False if another window decided meanwhile."""
    values = {
        "recommended": recommended.value,
        "decision": decision.value,
        "reason": "",
        "override_reason": override_reason,
        "decided_by": by,
        "decided_at": at,
    }
    if expected_version is None:
        if session.get(tables.Decision, application_id) is not None:
            return False
        session.add(tables.Decision(application_id=application_id, version=1, **values))
        session.flush()
        return True
    changed = session.execute(
        update(tables.Decision)
        .where(
            tables.Decision.application_id == application_id,
            tables.Decision.version == expected_version,
        )
        .values(version=expected_version + 1, **values)
    ).rowcount  # type: ignore[attr-defined]
    return bool(changed == 1)


def sign_off(
    *, session: Session, signed: dict[int, tuple[Outcome, Outcome, str]], by: int, at: datetime
) -> None:
    """At finalising: for every application (row id -> recommended, decision, reason shown),
    store the reason as signed off, adding a decision where a person made none."""
    existing = {
        d.application_id: d
        for d in session.scalars(
            select(tables.Decision).where(tables.Decision.application_id.in_(list(signed)))
        )
    }
    for app_id, (recommended, decision, reason) in signed.items():
        row = existing.get(app_id)
        if row is None:
            session.add(
                tables.Decision(
                    application_id=app_id, recommended=recommended.value, decision=decision.value,
                    reason=reason, decided_by=by, decided_at=at, version=1,
                )
            )  # fmt: skip
        else:
            row.reason = reason
            row.version += 1
    session.flush()
