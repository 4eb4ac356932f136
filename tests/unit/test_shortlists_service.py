"""HR overriding a recommendation and finalising the shortlist, against the in-memory
repository: a decision the application is not open to, a reason too short, or a screen that
showed another shortlist or another decision is refused and nothing is stored; finalising is
refused until the shortlist is ready; what is done is stored with one audit entry."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.errors import (
    DecisionNotOpen,
    NotAllowed,
    NotAtThisStage,
    NotReadyToFinalise,
    ReasonRequired,
    ShortlistMoved,
    StaleEdit,
)
from scoring.rules.decision_choices import PERSON_DECISIONS, decisions_open_to
from scoring.rules.outcomes import Outcome
from tests.fake_decisions import FakeDecisions, scored_world
from tests.fakes import hr, member, service
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")
WHY = "Strong evidence of leading the team through the merger."
BY_DECISION = Outcome.SHORTLISTED_BY_DECISION.value


def world(status: str = "moderation", *, scored: bool = True) -> tuple[Shortlists, FakeDecisions]:
    """tests/fake_decisions.py's scored world: A1 and A2 shortlisted on merit, A3 not
    shortlisted, A4 withdrawn."""
    repo = scored_world(status=status, scored=scored)
    return service(Shortlists, repo, NOW), repo


def override(shortlists: Shortlists, reference: str = "A3", **kw: object) -> None:
    change: dict[str, object] = {
        "decision": BY_DECISION, "reason": WHY,
        "expected_shortlist": shortlists.outcome(hr(), 1).version, **kw,
    }  # fmt: skip
    shortlists.override(hr(), 1, reference=reference, **change)  # type: ignore[arg-type]


def test_hr_shortlists_an_application_by_decision_and_it_is_stored_and_audited() -> None:
    shortlists, repo = world()
    drawn = shortlists.outcome(hr(), 1).version
    override(shortlists)
    stored = repo.state.decisions[3]
    assert (stored.decision, stored.recommended) == (Outcome.SHORTLISTED_BY_DECISION, Outcome.NOT_SHORTLISTED)  # fmt: skip
    assert (stored.override_reason, stored.decided_by, stored.version) == (WHY, "Hilary", 1)
    [entry] = repo.state.audit
    assert (entry["action"], entry["entity_id"]) == ("override_decision", "A3")
    assert entry["old"] == {"decision": "not_shortlisted"}
    assert entry["new"] == {"decision": BY_DECISION, "reason": WHY, "shortlist": drawn}
    assert shortlists.outcome(hr(), 1).decision("A3").decision is Outcome.SHORTLISTED_BY_DECISION


def test_a_decision_the_application_is_not_open_to_is_refused_and_not_stored() -> None:
    shortlists, repo = world()
    with pytest.raises(DecisionNotOpen):
        override(shortlists, "A1")
    assert repo.state.decisions == {} and repo.state.audit == []


def test_an_override_needs_a_reason_of_a_sentence() -> None:
    shortlists, repo = world()
    with pytest.raises(ReasonRequired, match="Every override needs a reason"):
        override(shortlists, reason="  ok ")
    assert repo.state.decisions == {}


def test_an_override_from_a_screen_that_showed_another_shortlist_is_refused() -> None:
    shortlists, repo = world()
    drawn = shortlists.outcome(hr(), 1).version
    override(shortlists, "A2", decision=Outcome.NOT_SHORTLISTED.value)
    with pytest.raises(ShortlistMoved, match="the shortlist changed after this screen was drawn"):
        override(shortlists, expected_shortlist=drawn)
    assert set(repo.state.decisions) == {2} and len(repo.state.audit) == 1


def test_an_override_of_a_decision_the_screen_did_not_show_is_stale() -> None:
    shortlists, repo = world()
    override(shortlists)
    with pytest.raises(StaleEdit, match="the decision for A3 was changed in another window"):
        override(shortlists, decision=Outcome.NOT_SHORTLISTED.value, expected_version=None)
    assert repo.state.decisions[3].decision is Outcome.SHORTLISTED_BY_DECISION


def test_an_override_another_window_saved_at_the_same_moment_is_refused() -> None:
    shortlists, repo = world()
    repo.race = True
    with pytest.raises(StaleEdit, match="recorded from another window at the same moment"):
        override(shortlists)
    assert repo.state.decisions == {} and repo.state.audit == []


def test_a_finalised_shortlist_takes_no_override() -> None:
    shortlists, repo = world("finalised")
    with pytest.raises(NotAtThisStage, match="This vacancy is finalised"):
        override(shortlists)
    assert repo.state.decisions == {}


def test_a_panel_member_may_not_see_the_shortlist() -> None:
    shortlists, _ = world()
    with pytest.raises(NotAllowed):
        shortlists.outcome(ROSA, 1)


def test_hr_finalises_a_ready_shortlist_signing_off_every_decision() -> None:
    shortlists, repo = world()
    drawn = shortlists.outcome(hr(), 1).version
    shortlists.finalise(hr(), 1, expected_shortlist=drawn)
    assert repo.state.vacancy.status == "finalised"
    assert sorted(repo.state.decisions) == [1, 2, 3, 4]
    assert all(d.signed_off_reason for d in repo.state.decisions.values())
    [entry] = repo.state.audit
    assert (entry["action"], entry["old"]) == ("finalise", {"status": "moderation"})
    assert entry["new"] == {
        "status": "finalised", "shortlist": drawn,
        "decisions": {"shortlisted_on_merit": 2, "not_shortlisted": 1, "withdrawn": 1},
    }  # fmt: skip


def test_a_shortlist_with_scores_outstanding_cannot_be_finalised() -> None:
    shortlists, repo = world(scored=False)
    drawn = shortlists.outcome(hr(), 1).version
    with pytest.raises(NotReadyToFinalise, match="cannot be finalised yet"):
        shortlists.finalise(hr(), 1, expected_shortlist=drawn)
    assert repo.state.vacancy.status == "moderation"
    assert repo.state.decisions == {} and repo.state.audit == []


def test_finalising_from_a_screen_that_showed_another_shortlist_is_refused() -> None:
    shortlists, repo = world()
    with pytest.raises(ShortlistMoved):
        shortlists.finalise(hr(), 1, expected_shortlist="0.0.0")
    assert repo.state.vacancy.status == "moderation" and repo.state.decisions == {}


def test_a_finalise_that_lost_the_race_to_another_move_signs_nothing_off() -> None:
    shortlists, repo = world()
    drawn = shortlists.outcome(hr(), 1).version
    repo.race = True
    with pytest.raises(StaleEdit, match="Not finalised: V001 was moved from another window"):
        shortlists.finalise(hr(), 1, expected_shortlist=drawn)
    assert repo.state.vacancy.status == "moderation"
    assert repo.state.decisions == {} and repo.state.audit == []


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["A1", "A2", "A3", "A4"]),
            st.sampled_from([o.value for o in PERSON_DECISIONS]),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_any_sequence_of_overrides_stores_only_open_decisions_with_one_audit_entry_each(
    overrides: list[tuple[str, str, bool]],
) -> None:
    shortlists, repo = world()
    for reference, decision, fresh in overrides:
        outcome = shortlists.outcome(hr(), 1)
        current = outcome.decision(reference)
        stored = repo.persons_decisions(session=None, vacancy_id=1).get(reference)
        entries = len(repo.state.audit)
        try:
            shortlists.override(
                hr(), 1, reference=reference, decision=decision, reason=WHY,
                expected_shortlist=outcome.version if fresh else "0.0.0",
                expected_version=stored.version if stored else None,
            )  # fmt: skip
        except (DecisionNotOpen, ShortlistMoved):
            assert len(repo.state.audit) == entries
            assert repo.persons_decisions(session=None, vacancy_id=1).get(reference) == stored
            continue
        assert fresh and Outcome(decision) in decisions_open_to(current)
        assert len(repo.state.audit) == entries + 1
        assert repo.persons_decisions(session=None, vacancy_id=1)[reference].decision.value == decision  # fmt: skip
