"""HR's charts of a vacancy, against the in-memory repository: the totals and the agreed-score
matrix from the one shortlist outcome, the pass rate of each essential criterion, and how
often each pair of members agreed, named as people know them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scoring.errors import NotAllowed
from tests.fake_decisions import scored_world
from tests.fakes import hr, member, service
from use_cases.reports import Reports
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
SAM = member(8, "sokafor")


def test_the_charts_show_totals_the_agreed_matrix_and_essential_pass_rates() -> None:
    repo = scored_world()
    report = service(Reports, repo, NOW).report(
        hr(), service(Shortlists, repo, NOW).outcome(hr(), 1)
    )
    assert report.totals == [9.0, 6.0, 3.0]
    assert (report.matrix_references, report.matrix_criteria) == (["A1", "A2", "A3", "A4"], ["e1", "e2", "d1"])  # fmt: skip
    assert report.matrix[0] == [3.0, 3.0, 3.0] and report.matrix[3] == [None, None, None]
    assert [(r.criterion_id, r.assessed, r.passed) for r in report.pass_rates] == [("e1", 3, 2), ("e2", 3, 2)]  # fmt: skip
    assert report.funnel.tally.withdrawn == 1 and report.funnel.tally.on_merit == 2


def test_panel_agreement_is_named_by_display_name_and_drops_with_a_disagreement() -> None:
    repo = scored_world()
    row, stored = repo.state.scores[(1, "e1", SAM.user_id)]
    repo.state.scores[(1, "e1", SAM.user_id)] = (row, replace(stored, score=1))
    report = service(Reports, repo, NOW).report(
        hr(), service(Shortlists, repo, NOW).outcome(hr(), 1)
    )
    [pair] = report.agreement
    assert (pair.member_a, pair.member_b, pair.pairs) == ("Rpatel", "Sokafor", 9)
    assert pair.exact == pytest.approx(8 / 9)


def test_a_panel_member_may_not_see_a_vacancys_charts() -> None:
    repo = scored_world()
    outcome = service(Shortlists, repo, NOW).outcome(hr(), 1)
    with pytest.raises(NotAllowed):
        service(Reports, repo, NOW).report(SAM, outcome)
