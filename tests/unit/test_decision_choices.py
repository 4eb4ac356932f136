"""The decisions a person may record are the ones the vacancy's policy and the application can
have: no priority round without a priority scheme the applicant claimed, no scheme without a
scheme the policy lists, no merit place for a failed applicant; an interview against the
ranking is "Shortlisted by a person's decision" and nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from criteria.policy_minimum import EveryEssential
from scoring.errors import DecisionNotOpen, ReasonRequired, UnknownDecision
from scoring.rules.decision_choices import check_override, decisions_open_to, passes_minimum
from scoring.rules.decisions import merge_decisions
from scoring.rules.guaranteed_interview import SchemeStatus
from scoring.rules.outcomes import PERSON_DECISIONS, Outcome
from scoring.rules.shortlist import shortlist
from tests.factories import DARTFORD_POLICY, application, criterion, scores, vacancy
from tests.shortlist_cases import Campaign, campaigns

CLAIMED = (SchemeStatus.APPLIES, SchemeStatus.NEEDS_INFORMATION, SchemeStatus.DOES_NOT_APPLY)
ESSENTIALS = [criterion(f"e{i}") for i in range(10)] + [criterion("d1", "desirable")]


def eve_at_dartford():  # type: ignore[no-untyped-def]
    """Dartford (no priority scheme): Eve fails all ten essentials, total 11."""
    v = vacancy(ESSENTIALS, policy=DARTFORD_POLICY, slots=4)
    table = {
        **{f"D00{i}": {c.id: (3, 3) for c in ESSENTIALS} for i in range(1, 5)},
        "EVE": {**{f"e{i}": (1, 1) for i in range(10)}, "d1": (1, 1)},
    }
    result = shortlist(v, [application(x) for x in table], scores(table))
    return next(
        d for d in merge_decisions(result, {}, finalised=False) if d.application_id == "EVE"
    )


def test_eve_who_failed_ten_essentials_can_reach_interview_only_by_a_persons_decision() -> None:
    eve = eve_at_dartford()
    assert len(eve.failed_essentials) == 10 and eve.total == 11
    assert decisions_open_to(eve) == (
        Outcome.SHORTLISTED_BY_DECISION,
        Outcome.NOT_SHORTLISTED,
        Outcome.WITHDRAWN,
    )
    with pytest.raises(DecisionNotOpen, match="claimed no priority scheme"):
        check_override("shortlisted_in_priority_round", "The panel liked her letter.", eve)
    with pytest.raises(DecisionNotOpen, match="Shortlisted by a person's decision"):
        check_override("shortlisted_on_merit", "The panel liked her letter.", eve)
    chosen = check_override("shortlisted_by_decision", "The panel liked her letter.", eve)
    assert chosen is Outcome.SHORTLISTED_BY_DECISION


@settings(max_examples=150, deadline=None)
@given(campaigns())
def test_every_decision_offered_is_one_the_policy_and_the_application_can_have(
    case: Campaign,
) -> None:
    _, decisions = case.decide()
    policy_schemes = {s.id: s for s in case.vacancy.policy.schemes}
    for d in decisions:
        offered = decisions_open_to(d)
        claimed = [o for o in d.scheme_outcomes if o.status in CLAIMED]
        assert all(o.scheme_id in policy_schemes for o in claimed)
        # a scheme's route is offered only to one passing that scheme's own minimum, which is
        # the minimum criteria unless the policy gives the scheme one of its own
        passing = [o for o in claimed if passes_minimum(o, d)]
        for o in passing:
            if policy_schemes[o.scheme_id].minimum == EveryEssential():
                assert d.meets_minimum is True
        if Outcome.SHORTLISTED_IN_PRIORITY_ROUND in offered:
            assert any(o.is_priority for o in passing)
        if Outcome.SHORTLISTED_UNDER_SCHEME in offered:
            assert any(not o.is_priority for o in passing)
        if d.recommended is not Outcome.WITHDRAWN:  # and whoever passes it may be given it
            if any(o.is_priority for o in passing):
                assert Outcome.SHORTLISTED_IN_PRIORITY_ROUND in offered
            if any(not o.is_priority for o in passing):
                assert Outcome.SHORTLISTED_UNDER_SCHEME in offered
        if d.failed_essentials or d.meets_minimum is not True:
            assert Outcome.SHORTLISTED_ON_MERIT not in offered
        if d.recommended is Outcome.WITHDRAWN:
            assert offered == ()
        for o in PERSON_DECISIONS:  # the service's check accepts exactly what is offered
            if o in offered:
                assert check_override(o.value, "A sentence of reason.", d) is o
            else:
                with pytest.raises(DecisionNotOpen):
                    check_override(o.value, "A sentence of reason.", d)


EVE = eve_at_dartford()


@settings(deadline=None)
@given(st.text(max_size=30))
def test_a_decision_needs_a_real_reason_and_a_real_name(reason: str) -> None:
    eve = EVE
    if len(reason.strip()) >= 10:
        assert check_override("not_shortlisted", reason, eve) is Outcome.NOT_SHORTLISTED
    else:
        with pytest.raises(ReasonRequired):
            check_override("not_shortlisted", reason, eve)
    with pytest.raises(UnknownDecision):
        check_override("invited", "A sentence of reason.", eve)
