"""The self-check asks exactly the facts a council's routes read, and an unanswered question
declares nothing."""

from __future__ import annotations

from datetime import date

import pytest

from criteria.loader import Catalogue
from criteria.policy import GuaranteedInterviewPolicy
from scoring.applicant.scheme_questions import declarations_from, questions_for
from scoring.applications import ArmedForcesStatus
from scoring.rules.guaranteed_interview import SchemeStatus, assess_schemes
from tests.unit.test_guaranteed_interview import ANY_ONE_OF, CARE_25, RESERVISTS_SHAPE

SHAPES = {"reservists": RESERVISTS_SHAPE, "any one of": ANY_ONE_OF, "care leavers to 25": CARE_25}


@pytest.mark.parametrize("organisation", ["dartford", "medway", "ashford", "darlington"])
def test_each_seed_councils_questions_are_the_facts_its_routes_read(
    catalogue: Catalogue, organisation: str
) -> None:
    policy = catalogue.organisations[organisation].guaranteed_interview
    assert {q.column for q in questions_for(policy)} == set(policy.columns_read())
    if policy.records_no_scheme:
        assert questions_for(policy) == ()


@pytest.mark.parametrize("shape", SHAPES)
def test_other_shapes_ask_what_they_need(shape: str) -> None:
    policy: GuaranteedInterviewPolicy = SHAPES[shape]
    asked = {q.column: q for q in questions_for(policy)}
    assert set(asked) == set(policy.columns_read())
    if shape == "reservists":
        assert "armed_forces_last_long_term_employer" in asked
        assert ("reservist", "A member of the Reservists") in asked["armed_forces_status"].options
    if shape == "care leavers to 25":
        assert "date_of_birth" in asked and "armed_forces_status" not in asked


def test_an_unanswered_question_is_unknown_not_no() -> None:
    d = declarations_from({"armed_forces_status": "serving"})
    assert d.armed_forces_status is ArmedForcesStatus.SERVING
    assert d.armed_forces_opt_in is None and d.armed_forces_long_term is None
    assert declarations_from({}).at_risk_of_redundancy is None


def test_the_answers_reach_the_route_a_reservist_takes() -> None:
    answers = {
        "armed_forces_status": "reservist",
        "armed_forces_relationship": "self",
        "armed_forces_gis": "yes",
    }
    (outcome,) = assess_schemes(declarations_from(answers), RESERVISTS_SHAPE, date(2026, 1, 20))
    assert outcome.status is SchemeStatus.APPLIES and "Reservists" in outcome.reason
