"""The proof of human review and an applicant's feedback sheet, against the in-memory
repository: who read and scored each live application and for how long, the override count
from people's decisions, and a feedback sheet that says how the application was assessed and
is audited each time it is prepared."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from scoring.errors import NotAllowed, UnknownApplication
from scoring.rules.outcomes import Outcome
from tests.fake_decisions import FakeDecisions, scored_world
from tests.fakes import hr, member, service
from use_cases.feedback import Feedback
from use_cases.human_review import HumanReview
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")
WHY = "Strong evidence of leading the team through the merger."


def world() -> tuple[Shortlists, HumanReview, FakeDecisions]:
    """tests/fake_decisions.py's scored world (A1, A2, A3 scored 3, 2, 1 by both members, A4
    withdrawn), with Rosa's scores of A1 noted; Rosa read A1 for five minutes over two visits,
    Sam for two."""
    repo = scored_world()
    for (n, criterion, uid), (row, stored) in repo.state.scores.items():
        if (n, uid) == (1, ROSA.user_id):
            repo.state.scores[n, criterion, uid] = (row, replace(stored, note="Clear example."))
    repo.state.review_time = {(1, ROSA.user_id): (300, 2), (1, SAM.user_id): (120, 1)}
    return service(Shortlists, repo, NOW), service(HumanReview, repo, NOW), repo


def test_the_proof_shows_who_read_and_scored_each_live_application_and_for_how_long() -> None:
    shortlists, review, _ = world()
    proof = review.review(hr(), shortlists.outcome(hr(), 1))
    assert [a.reference for a in proof.applications] == ["A1", "A2", "A3"]
    a1 = {m.member: m for m in proof.of("A1").members}  # type: ignore[union-attr]
    assert (a1["Rpatel"].seconds, a1["Rpatel"].views, a1["Rpatel"].noted) == (300, 2, 3)
    assert (a1["Sokafor"].seconds, a1["Sokafor"].scored, a1["Sokafor"].noted) == (120, 3, 0)
    assert proof.of("A4") is None, "a withdrawn application is not in the proof"
    assert (proof.vacancy.applications, proof.vacancy.read_by_two_or_more) == (3, 3)


def test_the_proof_counts_a_persons_override_against_the_decisions() -> None:
    shortlists, review, _ = world()
    drawn = shortlists.outcome(hr(), 1).version
    shortlists.override(
        hr(), 1, reference="A3", decision=Outcome.SHORTLISTED_BY_DECISION.value, reason=WHY,
        expected_shortlist=drawn,
    )  # fmt: skip
    figures = review.review(hr(), shortlists.outcome(hr(), 1)).vacancy
    assert (figures.decisions, figures.overrides, figures.by_decision) == (3, 1, 1)
    assert figures.override_rate == pytest.approx(1 / 3)


def test_a_panel_member_may_not_see_the_proof_of_human_review() -> None:
    shortlists, review, _ = world()
    outcome = shortlists.outcome(hr(), 1)
    with pytest.raises(NotAllowed):
        review.review(ROSA, outcome)


def test_a_feedback_sheet_gives_the_decision_and_who_assessed_and_is_audited() -> None:
    shortlists, review, repo = world()
    feedback = service(Feedback, repo, NOW, human_review=review)
    sheet = feedback.feedback_sheet(hr(), shortlists.outcome(hr(), 1), "A3")
    assert (sheet.organisation, sheet.reference, sheet.name) == (
        "Darlington Borough Council", "A3", None,
    )  # fmt: skip
    assert sheet.decision == Outcome.NOT_SHORTLISTED.label
    assert sheet.reviewed == "Your application was read and scored by two panel members."
    assert (sheet.prepared_by, sheet.prepared_on) == ("Hilary", NOW)
    [entry] = repo.state.audit
    assert (entry["action"], entry["entity_id"], entry["new"]) == (
        "prepare_feedback", "A3", {"include_name": False},
    )  # fmt: skip


def test_a_feedback_sheet_for_an_application_not_in_the_vacancy_is_refused_unaudited() -> None:
    shortlists, review, repo = world()
    feedback = service(Feedback, repo, NOW, human_review=review)
    with pytest.raises(UnknownApplication, match="There is no application A9"):
        feedback.feedback_sheet(hr(), shortlists.outcome(hr(), 1), "A9", include_name=True)
    assert repo.state.audit == []
