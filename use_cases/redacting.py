"""The panel's copy of an application's evidence: the statement and answers with the
applicant's own identifiers taken out (the rules are in scoring/applicant/redaction.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from scoring.applicant.redaction import Identifiers, redact, redact_all


def redacted_evidence(
    statement: str,
    evidence: dict[str, str],
    *,
    first_name: str,
    last_name: str,
    email: str | None,
    date_of_birth: date | None,
    terms: dict[str, Any],
) -> tuple[str, dict[str, str], list[dict[str, Any]]]:
    """What the panel may read of one application, and what was taken out (for HR)."""
    ids = Identifiers(
        first_name=first_name,
        last_name=last_name,
        email=email,
        date_of_birth=date_of_birth,
        extra=tuple(terms.get("extra", ())),
        keep=tuple(terms.get("keep", ())),
    )
    done = redact(statement, ids)
    answers = redact_all(dict(evidence), ids)
    found = [{"where": "statement", "kind": r.kind, "text": r.text} for r in done.redactions]
    for criterion_id, result in answers.items():
        found += [
            {"where": f"answer to {criterion_id}", "kind": r.kind, "text": r.text}
            for r in result.redactions
        ]
    return done.text, {k: v.text for k, v in answers.items()}, found
