"""Properties of a scheme's own minimum (issue 28, item 3), over random vacancies: the default
minimum, or one equivalent to it, decides exactly as the rules did before; raising a
guaranteed-interview scheme's minimum never adds an interview and never moves the merit
ranking; the share of the essentials' marks is compared exactly, boundary included."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_minimum import AllOfMinimums, EachEssentialAtLeast, EssentialsShare
from fixtures.reference import reference_decisions
from scoring.rules.scheme_minimum import meets_scheme_minimum
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from tests.factories import criterion
from tests.shortlist_cases import Campaign, campaigns
from tests.unit.test_shortlist_properties import PROPERTY, Case, cases


def with_minimum(vacancy: Vacancy, minimum: Any) -> Vacancy:
    """The vacancy with every scheme of its policy asking `minimum`."""
    written = vacancy.policy.model_dump(mode="json")
    written["schemes"] = [{**s, "minimum": minimum} for s in written["schemes"]]
    policy = GuaranteedInterviewPolicy.model_validate(written)
    return vacancy.model_copy(update={"policy": policy})


def decided(vacancy: Vacancy, case: Case) -> dict[str, str]:
    result = shortlist(vacancy, case.applications, case.scores)
    return {d.application_id: d.decision.value for d in result.decisions}


@PROPERTY
@given(cases())
def test_the_default_minimum_decides_exactly_as_the_rules_did_before(case: Case) -> None:
    before = reference_decisions(case.vacancy, case.applications, case.scores)
    threshold = case.vacancy.scheme.essential_threshold
    assert decided(with_minimum(case.vacancy, "every_essential"), case) == before
    # a score on each essential at the vacancy's threshold is the same test, written otherwise
    same = with_minimum(case.vacancy, {"each_essential_at_least": threshold})
    assert decided(same, case) == before


MINIMUMS = st.sampled_from(["each_essential_at_least", "essentials_share", "pass_mark"])


def level(kind: str, n: int) -> dict[str, Any]:
    return {
        "each_essential_at_least": {"each_essential_at_least": min(n, 3)},
        "essentials_share": {"essentials_share": f"{max(n, 1) * 10}%"},
        "pass_mark": {"pass_mark": n},
    }[kind]


@PROPERTY
@given(cases(), MINIMUMS, st.integers(0, 10), st.integers(0, 10))
def test_raising_a_schemes_minimum_never_adds_an_interview_nor_moves_the_ranking(
    case: Case, kind: str, a: int, b: int
) -> None:
    low, high = sorted((a, b))
    lower = shortlist(with_minimum(case.vacancy, level(kind, low)), case.applications, case.scores)
    higher = shortlist(
        with_minimum(case.vacancy, level(kind, high)), case.applications, case.scores
    )
    invited_low = {d.application_id for d in lower.decisions if d.decision.is_shortlisted}
    invited_high = {d.application_id for d in higher.decisions if d.decision.is_shortlisted}
    assert invited_high <= invited_low
    assert {d.application_id: d.rank for d in lower.decisions} == {
        d.application_id: d.rank for d in higher.decisions
    }


@PROPERTY
@given(
    st.lists(st.lists(st.integers(0, 5), min_size=3, max_size=3), min_size=1, max_size=8),
    st.integers(10, 1000).map(lambda n: n / 10),  # 1% to 100%, in tenths
)
def test_the_share_is_compared_exactly_boundary_included(
    rows: list[list[int]], share: float
) -> None:
    criteria = (criterion("e1"), criterion("d1", "desirable"), criterion("e2"))
    agreed = np.array(rows, dtype=float)
    met = meets_scheme_minimum(
        EssentialsShare(essentials_share=share),
        agreed,
        criteria,
        threshold=3,
        scale_maximum=5,
        totals=agreed.sum(axis=1),
    )
    for row, got in zip(rows, met.tolist(), strict=True):
        marks = row[0] + row[2]  # the two essentials; the desirable never counts
        assert got == (Fraction(marks, 10) >= Fraction(str(share)) / 100)


ANY_MINIMUM = st.one_of(
    st.just("every_essential"),
    st.integers(0, 3).map(lambda n: {"each_essential_at_least": n}),
    st.integers(1, 100).map(lambda n: {"essentials_share": f"{n}%"}),
    st.integers(0, 15).map(lambda n: {"pass_mark": n}),
)


@PROPERTY
@given(cases(), ANY_MINIMUM)
def test_every_decision_under_any_minimum_agrees_with_the_reference_rules(
    case: Case, minimum: Any
) -> None:
    v = with_minimum(case.vacancy, minimum)
    assert decided(v, case) == reference_decisions(v, case.applications, case.scores)


@PROPERTY
@given(campaigns())
def test_a_priority_round_with_minimums_of_its_own_agrees_with_the_reference_rules(
    case: Campaign,
) -> None:
    result = case.result()
    expected = reference_decisions(case.vacancy, case.applications, case.scores)
    assert {d.application_id: d.decision.value for d in result.decisions} == expected


@PROPERTY
@given(cases(), st.lists(ANY_MINIMUM, min_size=2, max_size=3))
def test_a_list_of_tests_agrees_with_the_reference_rules_and_asks_each_of_them(
    case: Case, tests: list[Any]
) -> None:
    """`minimum: [a, b]` is every one of them: the engine agrees with the reference rules, and
    nobody it interviews under the scheme's own route would be refused by any one test alone."""
    together = with_minimum(case.vacancy, tests)
    got = decided(together, case)
    assert got == reference_decisions(together, case.applications, case.scores)
    for one in tests:
        alone = decided(with_minimum(case.vacancy, one), case)
        for x, decision in got.items():
            if decision == "shortlisted_under_scheme":
                assert alone[x] in {"shortlisted_under_scheme", "shortlisted_on_merit"}, (one, x)


@PROPERTY
@given(
    st.lists(st.lists(st.integers(1, 5), min_size=3, max_size=3), min_size=1, max_size=8),
    st.integers(10, 1000).map(lambda n: n / 10),
    st.integers(1, 5),
)
def test_all_of_two_tests_is_each_test_passed(
    rows: list[list[int]], share: float, at_least: int
) -> None:
    criteria = (criterion("e1"), criterion("d1", "desirable"), criterion("e2"))
    agreed = np.array(rows, dtype=float)
    kw: dict[str, Any] = {"threshold": 3, "scale_maximum": 5, "totals": agreed.sum(axis=1)}
    share_test = EssentialsShare(essentials_share=share)
    each_test = EachEssentialAtLeast(each_essential_at_least=at_least)
    both = AllOfMinimums(all_of=(share_test, each_test))
    assert (
        meets_scheme_minimum(both, agreed, criteria, **kw).tolist()
        == (
            meets_scheme_minimum(share_test, agreed, criteria, **kw)
            & meets_scheme_minimum(each_test, agreed, criteria, **kw)
        ).tolist()
    )
