"""Issue 28: the published armed forces schemes in tests/published_schemes/, loaded from their
YAML as HR would write them, against any date of leaving or discharge and any reference date
(leap days, inclusive ends, dates either side of the reference): the scheme applies exactly when
the council's text says, by the route it says, and never asks for a fact already given."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from criteria.loader import load_policy_file
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.dates import add_months
from scoring.rules.guaranteed_interview import SchemeStatus, assess_schemes

PUBLISHED = Path(__file__).resolve().parents[1] / "published_schemes"
BLABY = load_policy_file(PUBLISHED / "blaby_guaranteed_interview.yaml")
ROCHDALE = load_policy_file(PUBLISHED / "rochdale_ex_armed_forces.yaml")
LEAP_DAYS = [date(2024, 2, 29), date(2028, 2, 29), date(2025, 2, 28), date(2027, 2, 28)]
days = st.one_of(
    st.dates(min_value=date(2018, 1, 1), max_value=date(2032, 12, 31)),
    st.sampled_from(LEAP_DAYS),
)
offsets = st.one_of(
    st.integers(min_value=-1500, max_value=200),
    st.sampled_from([0, 1, -1, 84, 85, -730, -731, -1095, -1096, -1461]),
)
statuses = st.sampled_from([ArmedForcesStatus.LEFT, ArmedForcesStatus.SERVING])


def declared(status: ArmedForcesStatus, when: date, *, job_seeking: bool = False) -> Declarations:
    return Declarations(
        armed_forces_status=status,
        armed_forces_relationship=Relationship.SELF,
        armed_forces_date=when,
        armed_forces_last_long_term_employer=True,
        further_schemes=frozenset({"job_seeking"} if job_seeking else set()),
    )


@given(ref=days, offset=offsets, status=statuses)
def test_blaby_applies_within_three_years_of_leaving_or_12_weeks_before_it(
    ref: date, offset: int, status: ArmedForcesStatus
) -> None:
    """Left on or before the reference date: the veteran route, up to the third anniversary of
    leaving inclusive. A date still ahead (whatever the status says): the serving route, from
    12 weeks before it. Nothing else is asked: every fact is given."""
    when = ref + timedelta(days=offset)
    (outcome,) = assess_schemes(declared(status, when), BLABY, ref)
    if when < ref:
        expected = "veteran" if ref <= add_months(when, 36) else None
    elif when > ref:
        expected = "serving" if ref >= when - timedelta(weeks=12) else None
    else:  # leaving (or discharge) on the reference date itself: either route takes them in
        assert outcome.status is SchemeStatus.APPLIES
        return
    assert outcome.route_id == expected, outcome.reason
    applies = SchemeStatus.APPLIES if expected else SchemeStatus.DOES_NOT_APPLY
    assert (outcome.status, outcome.missing) == (applies, ()), outcome.reason


@given(ref=days, offset=offsets, status=statuses, job_seeking=st.booleans())
def test_rochdale_applies_only_to_leavers_between_6_and_24_months(
    ref: date, offset: int, status: ArmedForcesStatus, job_seeking: bool
) -> None:
    """No serving route: a date of leaving still ahead never applies; one on or before the
    reference date applies from six months after it to the second anniversary, both inclusive,
    with the job-seeking answer."""
    when = ref + timedelta(days=offset)
    (outcome,) = assess_schemes(declared(status, when, job_seeking=job_seeking), ROCHDALE, ref)
    holds = job_seeking and add_months(when, 6) <= ref <= add_months(when, 24)
    if when >= ref and status is ArmedForcesStatus.SERVING:
        return  # serving: refused by the route's first condition, whatever the dates say
    assert outcome.status is (SchemeStatus.APPLIES if holds else SchemeStatus.DOES_NOT_APPLY), (
        outcome.reason
    )
    assert outcome.missing == ()
