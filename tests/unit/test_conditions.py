"""Every condition of the policy vocabulary at its boundaries, with its words; and a check that
a condition added to the vocabulary without cases or words fails here."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_conditions import CONDITIONS, Condition
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.conditions import ASSESS, assess

REF = date(2026, 1, 20)
OWN = GuaranteedInterviewPolicy.model_validate(
    {
        "version": "test",
        "source": "test",
        "declarations": [{"id": "supported", "question": "Are you on a supported programme?"}],
    }
)
T, F, U = True, False, None


def forces(status: str, when: date | None = None, **more: Any) -> Declarations:
    return Declarations(
        armed_forces_status=ArmedForcesStatus(status), armed_forces_date=when, **more
    )


# condition as written in YAML -> [(case, declarations, reference date, holds, words expected)]
CASES: dict[str, list[tuple[str, dict[str, Any], Declarations, date | None, bool | None, str]]] = {
    "disability_declared": [
        ("declared", {"disability_declared": True}, Declarations(disability=True), REF, T, "declared a disability"),
        ("not declared", {"disability_declared": True}, Declarations(), REF, F, "no disability declared"),
    ],
    "care_leaver": [
        ("declared", {"care_leaver": True}, Declarations(care_leaver=True), REF, T, "a care leaver"),
        ("not declared", {"care_leaver": True}, Declarations(), REF, F, "not declared as a care leaver"),
    ],
    "aged_at_most": [
        ("25 on the day", {"aged_at_most": 25}, Declarations(date_of_birth=date(2000, 1, 21)), REF, T, "aged 25 on 20 January 2026 (25 or under)"),
        ("26 on the day", {"aged_at_most": 25}, Declarations(date_of_birth=date(2000, 1, 20)), REF, F, "over the age limit of 25"),
        ("29 February birthday", {"aged_at_most": 25}, Declarations(date_of_birth=date(2000, 2, 29)), date(2026, 2, 28), T, "aged 25"),
        ("no birth date", {"aged_at_most": 25}, Declarations(), REF, U, "the date of birth"),
        ("no reference date", {"aged_at_most": 25}, Declarations(date_of_birth=date(2000, 1, 1)), None, U, "received"),
    ],
    "armed_forces": [
        ("serving", {"armed_forces": "serving"}, forces("serving", REF), REF, T, "serving in the armed forces"),
        ("serving, discharge passed, is left", {"armed_forces": "left"}, forces("serving", date(2026, 1, 19)), REF, T, "(the discharge date has passed)"),
        ("serving, discharge passed, not serving", {"armed_forces": "serving"}, forces("serving", date(2026, 1, 19)), REF, F, "where this route needs serving"),
        ("reservist", {"armed_forces": "reservist"}, forces("reservist"), REF, T, "a member of the Reservists"),
        ("any one of", {"armed_forces": ["serving", "left"]}, forces("left", date(2020, 1, 1)), REF, T, "left the armed forces"),
        ("left is not reservist", {"armed_forces": "reservist"}, forces("left"), REF, F, "declared as left the armed forces"),
        ("nothing declared", {"armed_forces": "serving"}, Declarations(), REF, U, "the armed forces status"),
    ],
    "whose_service": [
        ("own", {"whose_service": "self"}, Declarations(armed_forces_relationship=Relationship.SELF), REF, T, "own service"),
        ("spouse excluded", {"whose_service": "self"}, Declarations(armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER), REF, F, "which this route does not cover"),
        ("spouse included", {"whose_service": ["self", "spouse_or_civil_partner"]}, Declarations(armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER), REF, T, "a spouse's or civil partner's service"),
        ("not said", {"whose_service": "self"}, Declarations(), REF, U, "whose service it is"),
    ],
    "within_weeks_before_discharge": [
        ("exactly 12 weeks", {"within_weeks_before_discharge": 12}, forces("serving", date(2026, 4, 14)), REF, T, "discharge on 14 April 2026, within 12 weeks"),
        ("12 weeks and a day", {"within_weeks_before_discharge": 12}, forces("serving", date(2026, 4, 15)), REF, F, "more than 12 weeks after 20 January 2026"),
        ("discharged today", {"within_weeks_before_discharge": 12}, forces("serving", REF), REF, T, "within 12 weeks"),
        ("across 29 February", {"within_weeks_before_discharge": 12}, forces("serving", date(2028, 4, 19)), date(2028, 1, 26), T, "within 12 weeks"),
        ("left, not serving", {"within_weeks_before_discharge": 12}, forces("left", date(2025, 1, 1)), REF, F, "not serving"),
        ("no date", {"within_weeks_before_discharge": 12}, forces("serving"), REF, U, "the expected discharge date"),
        ("no reference", {"within_weeks_before_discharge": 12}, forces("serving", REF), None, U, "received"),
    ],
    "left_at_least": [
        ("exactly six months", {"left_at_least": "6 months"}, forces("left", date(2025, 7, 20)), REF, T, "at least 6 months before 20 January 2026"),
        ("six months less a day", {"left_at_least": "6 months"}, forces("left", date(2025, 7, 21)), REF, F, "less than 6 months before 20 January 2026"),
        ("31 August, six months on", {"left_at_least": "6 months"}, forces("left", date(2025, 8, 31)), date(2026, 2, 28), T, "at least 6 months"),
        ("a year, written so", {"left_at_least": "1 year"}, forces("left", date(2025, 1, 20)), REF, T, "at least one year"),
        ("no date", {"left_at_least": "6 months"}, forces("left"), REF, U, "the date of leaving"),
        ("still serving", {"left_at_least": "6 months"}, forces("serving", date(2027, 1, 1)), REF, F, "has not left"),
        ("left, date ahead", {"left_at_least": "6 months"}, forces("left", date(2026, 6, 1)), REF, F, "has not left"),
    ],
    "left_within": [
        ("exactly five years", {"left_within": "5 years"}, forces("left", date(2021, 1, 20)), REF, T, "within five years"),
        ("five years and a day", {"left_within": "5 years"}, forces("left", date(2021, 1, 19)), REF, F, "more than five years before 20 January 2026"),
        ("24 months", {"left_within": "24 months"}, forces("left", date(2024, 1, 20)), REF, T, "within two years"),
        ("36 months and a day", {"left_within": "36 months"}, forces("left", date(2023, 1, 19)), REF, F, "more than three years"),
        ("29 February, five years on", {"left_within": "5 years"}, forces("left", date(2024, 2, 29)), date(2029, 2, 28), T, "within five years"),
        ("29 February, 1 March", {"left_within": "5 years"}, forces("left", date(2024, 2, 29)), date(2029, 3, 1), F, "more than five years"),
        ("no limit", {"left_within": "no limit"}, forces("left", date(1970, 1, 1)), REF, T, "no time limit"),
        ("no limit needs no date", {"left_within": "no limit"}, forces("left"), REF, T, "no time limit"),
        ("still serving", {"left_within": "no limit"}, forces("serving", date(2027, 1, 1)), REF, F, "has not left"),
        ("no date", {"left_within": "5 years"}, forces("left"), REF, U, "the date of leaving"),
    ],
    "long_term_service": [
        ("long-term", {"long_term_service": True}, Declarations(armed_forces_long_term=True), REF, T, "long-term employment"),
        ("not long-term", {"long_term_service": True}, Declarations(armed_forces_long_term=False), REF, F, "not long-term"),
        ("not said", {"long_term_service": True}, Declarations(), REF, U, "whether the service was long-term"),
    ],
    "forces_last_long_term_employer": [
        ("yes", {"forces_last_long_term_employer": True}, Declarations(armed_forces_last_long_term_employer=True), REF, T, "last long-term substantive employer"),
        ("no", {"forces_last_long_term_employer": True}, Declarations(armed_forces_last_long_term_employer=False), REF, F, "were not the last"),
        ("not said", {"forces_last_long_term_employer": True}, Declarations(), REF, U, "whether the armed forces were"),
    ],
    "applicant_is": [
        ("external", {"applicant_is": "external"}, Declarations(internal_applicant=False), REF, T, "an external applicant"),
        ("internal, external only", {"applicant_is": "external"}, Declarations(internal_applicant=True), REF, F, "for external applicants only"),
        ("internal", {"applicant_is": "internal"}, Declarations(internal_applicant=True), REF, T, "an internal applicant"),
        ("not said", {"applicant_is": "internal"}, Declarations(), REF, U, "already working for the council"),
    ],
    "at_risk_of_redundancy": [
        ("at risk", {"at_risk_of_redundancy": True}, Declarations(at_risk_of_redundancy=True), REF, T, "at risk of redundancy"),
        ("not", {"at_risk_of_redundancy": True}, Declarations(at_risk_of_redundancy=False), REF, F, "not at risk"),
        ("not said", {"at_risk_of_redundancy": True}, Declarations(), REF, U, "at risk of redundancy"),
    ],
    "in_protected_period": [
        ("protected", {"in_protected_period": True}, Declarations(protected_period=True), REF, T, "protected period"),
        ("not", {"in_protected_period": True}, Declarations(protected_period=False), REF, F, "not in a protected period"),
        ("not said", {"in_protected_period": True}, Declarations(), REF, U, "protected period"),
    ],
    "wishes_to_be_considered": [
        ("yes", {"wishes_to_be_considered": "armed_forces"}, Declarations(armed_forces_opt_in=True), REF, T, "asked to be considered"),
        ("no", {"wishes_to_be_considered": "armed_forces"}, Declarations(armed_forces_opt_in=False), REF, F, "did not ask"),
        ("not said", {"wishes_to_be_considered": "armed_forces"}, Declarations(), REF, U, "the choice to be considered"),
    ],
    "declared": [
        ("yes", {"declared": "supported"}, Declarations(further_schemes=frozenset({"supported"})), REF, T, "answered yes to 'Are you on a supported programme?'"),
        ("no", {"declared": "supported"}, Declarations(), REF, F, "did not answer yes"),
    ],
}  # fmt: skip


def condition(written: dict[str, Any]) -> Condition:
    scheme = {
        "id": "s",
        "name": "S",
        "explanation": "x",
        "routes": [{"id": "r", "conditions": [written]}],
    }
    data = OWN.model_dump(mode="json") | {"schemes": [scheme]}
    policy = GuaranteedInterviewPolicy.model_validate(data)
    return policy.schemes[0].routes[0].conditions[0]


def test_every_condition_has_cases_words_and_a_column() -> None:
    keys = {next(iter(c.model_fields)) for c in CONDITIONS}
    assert keys == set(CASES), "a condition without test cases, or cases for no condition"
    for c in CONDITIONS:
        assert c.reads, f"{c.__name__} names no interchange column"
        key = next(iter(c.model_fields))
        outcomes = {holds for _, _, _, _, holds, _ in CASES[key]}
        assert {True, False} <= outcomes, f"{key} needs a case that holds and one that does not"
        assert c in ASSESS or key == "declared", f"{key} has no assessment and no words"


@pytest.mark.parametrize(
    ("written", "declared", "ref", "holds", "words"),
    [case[1:] for cases in CASES.values() for case in cases],
    ids=[f"{key}: {case[0]}" for key, cases in CASES.items() for case in cases],
)
def test_condition(
    written: dict[str, Any],
    declared: Declarations,
    ref: date | None,
    holds: bool | None,
    words: str,
) -> None:
    finding = assess(condition(written), declared, ref, OWN)
    assert finding.holds is holds
    assert words in finding.text
    assert finding.text == finding.text.strip() and not finding.text.endswith(".")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ({"left_within": "five years"}, "write the window as '36 months', '5 years' or 'no limit'"),
        ({"armed_forces": "veteran"}, "'serving', 'left' or 'reservist'"),
        ({"served": True}, "each condition is one 'name: value' line"),
        ({"declared": "unknown-one"}, "names no declaration; add it under 'declarations'"),
        ({"aged_at_most": 12}, "greater than or equal to 16"),
        ({"left_at_least": "no limit"}, "write the time since leaving as '6 months' or '1 year'"),
        ({"left_at_least": "half a year"}, "as '6 months' or '1 year' (found 'half a year')"),
    ],
)
def test_a_miswritten_condition_says_what_to_write(written: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        condition(written)


def test_every_claim_has_a_quick_test_that_never_misses_a_claim_that_holds() -> None:
    from scoring.rules.conditions import MAY_HOLD

    claims = {c for c in CONDITIONS if c.claim}
    assert claims == set(MAY_HOLD)
    for key, cases in CASES.items():
        for name, written, declared, _ref, holds, _ in cases:
            c = condition(written)
            if type(c).claim and holds is True:
                assert MAY_HOLD[type(c)](c, declared), f"{key}: {name}"
