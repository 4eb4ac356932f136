"""The shortlist as one aggregate: whatever scores, withdrawals and people's decisions it is
made from (late applications arriving between decisions included), its ranks are the merit
ranking's alone (a rank is shared only by a tie), the counts the page shows are the counts the
workbook prints, and every shortlisted application's reason says how it got there."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import openpyxl
from hypothesis import HealthCheck, given, settings

from exports.build import export_from_result
from exports.shortlist_workbook import write_shortlist_workbook
from scoring.rules.decisions import FinalDecision
from scoring.rules.outcomes import Outcome
from scoring.rules.sign_off import tally
from tests.shortlist_cases import Campaign, campaigns

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ROUTE = {  # the words in a shortlisted application's reason that say how it got there
    Outcome.SHORTLISTED_ON_MERIT: "on merit",
    Outcome.SHORTLISTED_UNDER_SCHEME: "scheme",
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND: "priority round",
    Outcome.SHORTLISTED_BY_DECISION: "Shortlisted by a person's decision",
}


def workbook_counts(case: Campaign, result, decisions) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The Summary sheet's decision counts, read back from the written workbook."""
    data = export_from_result(
        result, decisions, case.scores, organisation="Test council", role_id="test",
        level=None, grade=None, exported_by="Hilary HR",
        exported_at=datetime(2026, 2, 3, 9, tzinfo=UTC),
    )  # fmt: skip
    out = io.BytesIO()
    write_shortlist_workbook(data, out)
    sheet = openpyxl.load_workbook(io.BytesIO(out.getvalue()), read_only=True)["Summary"]
    rows = [(r[0], r[1]) for r in sheet.iter_rows(values_only=True) if r and r[0]]
    start = rows.index(("Decision", "Applications"))
    counts: dict[str, object] = {}
    for label, value in rows[start + 1 :]:
        counts[str(label)] = value
        if label == "All applications":
            break
    return counts


def check_ranks(decisions: tuple[FinalDecision, ...]) -> None:
    ranked = [d for d in decisions if d.rank is not None]
    for a in ranked:
        assert a.decision not in (Outcome.WITHDRAWN, Outcome.SHORTLISTED_IN_PRIORITY_ROUND)
        assert a.meets_minimum is True and a.total is not None, a
        assert a.rank == a.merit_rank, "a rank is the merit ranking's, never a person's"
        for b in ranked:
            if a is not b and a.rank == b.rank:
                assert a.total == b.total, "only a tie shares a rank"
            if a.total is not None and b.total is not None and a.total > b.total:
                assert a.rank < b.rank  # type: ignore[operator]
    listed = [d.rank for d in decisions if d.rank is not None]
    assert listed == sorted(listed), "rows are listed in rank order"
    first_unranked = next((i for i, d in enumerate(decisions) if d.rank is None), len(decisions))
    assert all(d.rank is None for d in decisions[first_unranked:]), "ranked rows come first"


@PROPERTY
@given(campaigns())
def test_ranks_counts_and_reasons_hold_after_any_sequence_of_decisions(case: Campaign) -> None:
    result, decisions = case.decide()
    check_ranks(decisions)
    page = tally(decisions)
    book = workbook_counts(case, result, decisions)
    assert book["All applications"] == page.applications
    per_label = {d.decision.label: 0 for d in decisions}
    for d in decisions:
        per_label[d.decision.label] += 1
    assert {k: v for k, v in book.items() if k != "All applications"} == per_label
    shortlisted = sum(v for k, v in per_label.items() if Outcome(_value(k)).is_shortlisted)
    assert shortlisted == page.shortlisted
    assert book.get(Outcome.SHORTLISTED_BY_DECISION.label, 0) == page.by_decision
    assert book.get(Outcome.SHORTLISTED_ON_MERIT.label, 0) == page.on_merit
    for d in decisions:
        if d.decision.is_shortlisted:
            assert ROUTE[d.decision] in d.reason, (d.decision, d.reason)
        if d.decided_by is not None and d.override_reason:
            assert d.reason.startswith(d.decision.label + ": decided by Hilary Hughes")


def _value(label: str) -> str:
    return next(o.value for o in Outcome if o.label == label)
