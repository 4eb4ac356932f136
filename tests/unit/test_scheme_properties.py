"""Properties of every policy shape: a scheme needs information only when some answer to the
missing facts would make it apply, never when none could; it applies by a route every
condition of which holds; and it applies whatever the order the routes are written in."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from criteria.policy import GuaranteedInterviewPolicy
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.conditions import assess
from scoring.rules.guaranteed_interview import SchemeStatus, assess_scheme
from tests.factories import DARTFORD_POLICY
from tests.unit.test_guaranteed_interview import ANY_ONE_OF, CARE_25, RESERVISTS_SHAPE

REF = date(2026, 1, 20)
POLICIES = (DARTFORD_POLICY, RESERVISTS_SHAPE, ANY_ONE_OF, CARE_25)
maybe = st.sampled_from([True, False, None])
dates = st.one_of(
    st.none(),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
    st.sampled_from([REF, REF - timedelta(weeks=12), REF + timedelta(weeks=12)]),
)
declarations = st.builds(
    Declarations,
    disability=st.booleans(),
    care_leaver=st.booleans(),
    date_of_birth=st.one_of(st.none(), st.dates(date(1960, 1, 1), date(2008, 1, 1))),
    armed_forces_status=st.sampled_from(list(ArmedForcesStatus)),
    armed_forces_relationship=st.sampled_from([None, *Relationship]),
    armed_forces_date=dates,
    armed_forces_long_term=maybe,
    armed_forces_opt_in=maybe,
    armed_forces_last_long_term_employer=maybe,
    internal_applicant=maybe,
)

# For each fact that may be missing, the answers that could be given.
ANSWERS: dict[str, list[Any]] = {
    "armed_forces_status": list(ArmedForcesStatus),
    "armed_forces_relationship": list(Relationship),
    "armed_forces_date": [REF, REF - timedelta(days=1), REF + timedelta(days=1), date(1970, 1, 1)],
    "armed_forces_long_term": [True, False],
    "armed_forces_opt_in": [True, False],
    "armed_forces_last_long_term_employer": [True, False],
    "internal_applicant": [True, False],
    "date_of_birth": [date(2005, 1, 1), date(1970, 1, 1)],
}


def completions(d: Declarations) -> list[Declarations]:
    """Every way the applicant could fill in what they left unanswered."""
    open_facts = [f for f in ANSWERS if getattr(d, f) is None]
    if d.armed_forces_status is ArmedForcesStatus.NONE:
        open_facts.append("armed_forces_status")
    choices = [ANSWERS[f] for f in open_facts]
    return [
        d.model_copy(update=dict(zip(open_facts, values, strict=True)))
        for values in itertools.product(*choices)
    ]


def status(policy: GuaranteedInterviewPolicy, d: Declarations) -> list[SchemeStatus | None]:
    return [o.status if (o := assess_scheme(s, d, REF, policy)) else None for s in policy.schemes]


@settings(max_examples=300, deadline=None)
@given(policy=st.sampled_from(POLICIES), d=declarations)
def test_needs_information_only_when_an_answer_could_change_the_outcome(
    policy: GuaranteedInterviewPolicy, d: Declarations
) -> None:
    filled = [status(policy, c) for c in completions(d)]
    for k, now in enumerate(status(policy, d)):
        could_apply = any(f[k] is SchemeStatus.APPLIES for f in filled)
        if now is SchemeStatus.NEEDS_INFORMATION:
            assert could_apply, "asked a question no answer to which could help"
        if now is SchemeStatus.DOES_NOT_APPLY:
            assert not could_apply, "refused although an answer could make it apply"


@settings(max_examples=300, deadline=None)
@given(policy=st.sampled_from(POLICIES), d=declarations)
def test_a_scheme_applies_by_a_route_every_condition_of_which_holds(
    policy: GuaranteedInterviewPolicy, d: Declarations
) -> None:
    for scheme in policy.schemes:
        outcome = assess_scheme(scheme, d, REF, policy)
        if outcome is None or not outcome.applies:
            continue
        route = next(r for r in scheme.routes if r.id == outcome.route_id)
        assert all(assess(c, d, REF, policy).holds is True for c in route.conditions)
        reordered = scheme.model_copy(update={"routes": tuple(reversed(scheme.routes))})
        again = assess_scheme(reordered, d, REF, policy)
        assert again is not None and again.applies
