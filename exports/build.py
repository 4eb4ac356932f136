"""Turn the engine's result and the merged decisions (and, from the store, names and audit)
into the plain rows a workbook is written from."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd

from exports.model import AuditLine, DecisionLine, SchemeLine, ShortlistExport
from scoring.applications import PersonalDetails
from scoring.rules.decisions import FinalDecision
from scoring.rules.shortlist import Outcome, ShortlistResult


def export_from_result(
    result: ShortlistResult,
    decisions: Sequence[FinalDecision],
    panel_scores: pd.DataFrame,
    *,
    organisation: str,
    role_id: str,
    level: str | None,
    grade: str | None,
    exported_by: str,
    exported_at: datetime,
    panel: Sequence[str] = (),
    personal: Mapping[str, PersonalDetails] | None = None,
    status: str | None = None,
    audit: Sequence[AuditLine] = (),
    audit_score_events: int = 0,
    display_codes: Mapping[str, str] | None = None,
) -> ShortlistExport:
    """`decisions` are the merged decisions (scoring/rules/decisions.py), in the engine's order.
    `personal` given means HR chose to include names and contact details.
    `display_codes` maps the engine's application ids to what the workbook shows."""
    vacancy = result.vacancy
    show = display_codes or {}
    lines = []
    scheme_lines = []
    for d in decisions:
        person = personal.get(d.application_id) if personal is not None else None
        decision = d.decision
        lines.append(
            DecisionLine(
                rank=d.rank,
                reference=show.get(d.application_id, d.application_id),
                decision=decision,
                recommended=d.recommended,
                override_reason=d.override_reason,
                schemes=d.schemes,
                total=d.total,
                reason=d.reason,
                failed_essentials=d.failed_essentials,
                provisional=d.provisional,
                name=person.full_name if person else None,
                email=str(person.email) if person and person.email else None,
            )
        )
        for o in d.scheme_outcomes:
            scheme_lines.append(
                SchemeLine(
                    reference=show.get(d.application_id, d.application_id),
                    scheme=o.scheme_name,
                    status=o.status.value,
                    applied=o.applies
                    and decision
                    in (Outcome.SHORTLISTED_UNDER_SCHEME, Outcome.SHORTLISTED_IN_PRIORITY_ROUND),
                    reason=o.reason,
                    route=o.route_name or "; ".join(o.missing),
                    decision=decision,
                    name=person.full_name if person else None,
                )
            )
    moderation = result.moderation
    scores = panel_scores
    if show:
        scores = panel_scores.assign(
            application_id=panel_scores["application_id"].astype(str).map(lambda x: show.get(x, x))
        )
    if "note" not in scores:
        scores = scores.assign(note="")
    return ShortlistExport(
        title=vacancy.title,
        organisation=organisation,
        role_id=role_id,
        level=level,
        grade=grade,
        closing_date=vacancy.closing_date,
        panel=tuple(panel or moderation.cube.members),
        scheme=vacancy.scheme,
        policy=vacancy.policy,
        exported_at=exported_at,
        exported_by=exported_by,
        include_personal=personal is not None,
        status=status
        or (
            "provisional: " + " ".join(result.issues)
            if result.issues
            else "recommended; not yet finalised"
        ),
        criteria=vacancy.scored_criteria,
        weights=tuple(vacancy.weights()),
        lines=tuple(lines),
        matrix_references=tuple(show.get(x, x) for x in moderation.cube.application_ids),
        agreed=moderation.agreed,
        panel_scores=scores[["application_id", "criterion_id", "panel_member", "score", "note"]],
        scheme_lines=tuple(scheme_lines),
        audit=tuple(audit),
        audit_score_events=audit_score_events,
        issues=result.issues,
        post=vacancy.post,
    )
