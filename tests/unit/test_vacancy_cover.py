"""Issue 28, item 4: a scheme may cover only some vacancies ("any post being advertised
externally", a salary or grade range, a role family). A scheme that does not cover the vacancy
offers no interview under it and says so; a fact the vacancy does not record is HR's to answer,
never guessed; a scheme without `covers` behaves exactly as before."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_covers import VacancyCovers
from scoring.applicant.scheme_guidance import scheme_guidance
from scoring.applications import Declarations
from scoring.rules.guaranteed_interview import SchemeStatus, assess_schemes
from scoring.rules.outcomes import Outcome
from scoring.rules.shortlist import shortlist
from scoring.rules.vacancy_cover import (
    assess_covered_schemes,
    covers_vacancy,
    uncovered_lines,
)
from scoring.vacancy import PostFacts
from tests.factories import DARTFORD_POLICY, application, criterion, scores, vacancy
from tests.unit.test_scheme_properties import REF, declarations

EXTERNAL = PostFacts(advertised="external")
INTERNAL = PostFacts(advertised="internal")


def with_covers(covers: dict[str, Any], scheme: str = "disability") -> GuaranteedInterviewPolicy:
    """Dartford's policy, with `covers` on one of its schemes."""
    data = DARTFORD_POLICY.model_dump(mode="json", exclude_none=True)
    for s in data["schemes"]:
        if s["id"] == scheme:
            s["covers"] = covers
    return GuaranteedInterviewPolicy.model_validate(data)


EXTERNAL_ONLY = with_covers({"advertised": "externally"})


# --- the policy format -----------------------------------------------------------------------


def test_covers_reads_the_words_a_council_writes() -> None:
    covers = VacancyCovers.model_validate(
        {
            "advertised": "Internally only",
            "salary_from": "£20,000",
            "salary_up_to": 45000,
            "grades": "Range 4",
            "role_families": ["Business Support"],
        }
    )
    assert covers.advertised == "internal"
    assert (covers.salary_from, covers.salary_up_to) == (20_000, 45_000)
    assert covers.grades == ("Range 4",)
    assert covers.reads == ("advertised", "salary", "grade", "role_family")


@pytest.mark.parametrize(
    ("covers", "said"),
    [
        ({"advertised": "public"}, "'advertised: externally'"),
        ({"advertised": True}, "YAML read the word as true or false"),
        ({"salary_up_to": "about 40k"}, "pounds a year, e.g. 45000 or £45,000"),
        ({}, "names no condition on the vacancy"),
        ({"salary_from": 50000, "salary_up_to": 45000}, "swap the two figures"),
        ({"grades": []}, "at least 1"),
    ],
)
def test_a_mistake_in_covers_is_explained(covers: dict[str, Any], said: str) -> None:
    with pytest.raises(ValidationError, match=said.replace("(", r"\(")):
        with_covers(covers)


# --- the rule ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("covers", "facts", "holds"),
    [
        ({"advertised": "external"}, EXTERNAL, True),
        ({"advertised": "external"}, INTERNAL, False),
        ({"advertised": "external"}, PostFacts(), None),
        ({"salary_up_to": 45000}, PostFacts(salary_from=40000, salary_to=45000), True),
        ({"salary_up_to": 45000}, PostFacts(salary_from=40000, salary_to=45001), False),
        ({"salary_up_to": 45000}, PostFacts(salary_from=45000), True),  # one figure
        ({"salary_from": 20000}, PostFacts(salary_from=20000, salary_to=25000), True),
        ({"salary_from": 20000}, PostFacts(salary_from=19999, salary_to=25000), False),
        ({"salary_from": 20000}, PostFacts(), None),
        ({"grades": ["Range 3", "Range 4"]}, PostFacts(grade="range  4"), True),
        ({"grades": ["Range 3", "Range 4"]}, PostFacts(grade="Range 5"), False),
        ({"role_families": ["Business Support"]}, PostFacts(role_family="Housing"), False),
        # any failing condition decides, whatever else is unknown
        ({"advertised": "external", "grades": ["E"]}, PostFacts(grade="F"), False),
        ({"advertised": "external", "grades": ["E"]}, PostFacts(grade="E"), None),
    ],
)
def test_whether_a_scheme_covers_the_vacancy(
    covers: dict[str, Any], facts: PostFacts, holds: bool | None
) -> None:
    assert covers_vacancy(VacancyCovers.model_validate(covers), facts).holds is holds


def test_the_words_say_what_the_scheme_covers_and_what_this_post_is() -> None:
    finding = covers_vacancy(VacancyCovers(advertised="external"), INTERNAL)
    assert finding.text == (
        "it covers only posts advertised externally; this post is advertised internally only"
    )
    unknown = covers_vacancy(VacancyCovers(advertised="external"), PostFacts())
    assert unknown.text == "how this post is advertised (HR records it with the vacancy)"


DISABLED = Declarations(disability=True)


def status(policy: GuaranteedInterviewPolicy, facts: PostFacts) -> SchemeStatus:
    (outcome,) = assess_covered_schemes(DISABLED, policy, REF, facts)
    return outcome.status


def test_an_external_only_scheme_on_an_internal_advert_does_not_apply_and_says_why() -> None:
    assert status(EXTERNAL_ONLY, EXTERNAL) is SchemeStatus.APPLIES
    (outcome,) = assess_covered_schemes(DISABLED, EXTERNAL_ONLY, REF, INTERNAL)
    assert outcome.status is SchemeStatus.DOES_NOT_APPLY
    assert "this post is advertised internally only" in outcome.reason


def test_a_vacancy_that_does_not_record_how_it_is_advertised_needs_hrs_answer() -> None:
    (outcome,) = assess_covered_schemes(DISABLED, EXTERNAL_ONLY, REF, PostFacts())
    assert outcome.status is SchemeStatus.NEEDS_INFORMATION
    assert (
        outcome.vacancy_missing
        == outcome.missing
        == ("how this post is advertised (HR records it with the vacancy)",)
    )


# --- properties --------------------------------------------------------------------------------

facts = st.builds(
    PostFacts,
    advertised=st.sampled_from([None, "external", "internal"]),
    salary_from=st.one_of(st.none(), st.integers(15_000, 30_000)),
    salary_to=st.one_of(st.none(), st.integers(30_000, 60_000)),
    grade=st.sampled_from([None, "Range 4", "E", "Band 8"]),
    role_family=st.sampled_from([None, "Business Support", "Housing"]),
)
covers = st.fixed_dictionaries(
    {},
    optional={
        "advertised": st.sampled_from(["external", "internal"]),
        "salary_up_to": st.integers(20_000, 50_000),
        "grades": st.sampled_from([["Range 4"], ["E", "Band 8"]]),
        "role_families": st.sampled_from([["Housing"]]),
    },
).filter(bool)


@given(declarations, facts)
def test_a_scheme_without_covers_behaves_exactly_as_before_for_any_vacancy(
    declared: Declarations, vacancy_facts: PostFacts
) -> None:
    assert assess_covered_schemes(declared, DARTFORD_POLICY, REF, vacancy_facts) == (
        assess_schemes(declared, DARTFORD_POLICY, REF)
    )


@given(declarations, facts, covers)
def test_a_scheme_that_does_not_cover_the_vacancy_never_applies_under_it(
    declared: Declarations, vacancy_facts: PostFacts, written: dict[str, Any]
) -> None:
    policy = with_covers(written, scheme="armed_forces")
    scheme = policy.scheme("armed_forces")
    assert scheme is not None
    cover = covers_vacancy(scheme.covers, vacancy_facts)
    before = {o.scheme_id: o for o in assess_schemes(declared, policy, REF)}
    for o in assess_covered_schemes(declared, policy, REF, vacancy_facts):
        if o.scheme_id != "armed_forces":
            assert o == before[o.scheme_id]  # the other schemes are untouched
        elif cover.holds is False:
            assert o.status is SchemeStatus.DOES_NOT_APPLY and o.reason == cover.text
        elif cover.holds is None:
            assert not o.applies  # never applied on a guess
        else:
            assert o == before[o.scheme_id]


# --- the shortlist -----------------------------------------------------------------------------

E1, E2 = criterion("e1"), criterion("e2")
TABLE = {"M": {"e1": (3, 3), "e2": (3, 3)}, "S": {"e1": (2, 2), "e2": (2, 2)}}


def decide(facts: PostFacts, policy: GuaranteedInterviewPolicy = EXTERNAL_ONLY):  # type: ignore[no-untyped-def]
    v = vacancy([E1, E2], policy=policy, slots=1).model_copy(update={"post": facts})
    apps = [application("M"), application("S", disability=True)]
    return shortlist(v, apps, scores(TABLE))


def test_an_external_only_scheme_gives_no_interview_on_an_internal_only_advert() -> None:
    """Fails on the code before issue 28: `covers` could not be written, and the policy was
    applied to every advert."""
    assert decide(EXTERNAL).by_id()["S"].decision is Outcome.SHORTLISTED_UNDER_SCHEME
    s = decide(INTERNAL).by_id()["S"]
    assert s.decision is Outcome.NOT_SHORTLISTED
    assert (
        "The Disability Confident scheme did not apply: it covers only posts advertised "
        "externally; this post is advertised internally only."
    ) in s.reason


def test_an_advert_made_before_the_question_needs_hrs_answer_not_a_guess() -> None:
    s = decide(PostFacts()).by_id()["S"]
    assert s.decision is Outcome.NEEDS_INFORMATION
    assert "without how this post is advertised" in s.reason
    assert "Record it on the vacancy" in s.reason and "Ask the applicant" not in s.reason


def test_hr_is_told_which_schemes_do_not_cover_the_vacancy() -> None:
    (line,) = uncovered_lines(EXTERNAL_ONLY.schemes, INTERNAL)
    assert line.startswith("Disability Confident: it covers only posts advertised externally;")
    assert line.endswith("No interview is offered under it.")
    (unknown,) = uncovered_lines(EXTERNAL_ONLY.schemes, PostFacts())
    assert "does not record how this post is advertised" in unknown
    assert uncovered_lines(EXTERNAL_ONLY.schemes, EXTERNAL) == []
    assert uncovered_lines(DARTFORD_POLICY.schemes, INTERNAL) == []


def test_the_self_check_says_which_posts_a_scheme_covers() -> None:
    """Before applying there is no vacancy: the routes are assessed and the cover is said."""
    outcomes = assess_schemes(DISABLED, EXTERNAL_ONLY, REF)
    (line,) = scheme_guidance(outcomes, 3, EXTERNAL_ONLY, "Dartford Borough Council")
    assert line.startswith("Disability Confident may apply to you")
    assert "It covers only posts advertised externally." in line
    (plain,) = scheme_guidance(
        assess_schemes(DISABLED, DARTFORD_POLICY, REF), 3, DARTFORD_POLICY, "Dartford"
    )
    assert "covers only" not in plain
