"""Each guaranteed-interview scheme, at and around every boundary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
import yaml

from criteria.policy import GuaranteedInterviewPolicy
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.guaranteed_interview import (
    SchemeStatus,
    add_months,
    age_on,
    assess_schemes,
    reference_date,
)
from tests.factories import DARTFORD_POLICY

A, N, INFO, OFF = (
    SchemeStatus.APPLIES,
    SchemeStatus.DOES_NOT_APPLY,
    SchemeStatus.NEEDS_INFORMATION,
    SchemeStatus.SWITCHED_OFF,
)
REF = date(2026, 1, 20)


def status_of(
    scheme: str,
    declarations: Declarations,
    policy: GuaranteedInterviewPolicy = DARTFORD_POLICY,
    ref: date | None = REF,
) -> SchemeStatus | None:
    for outcome in assess_schemes(declarations, policy, ref):
        if outcome.scheme_id == scheme:
            return outcome.status
    return None


def serving(when: date, **more: object) -> Declarations:
    values: dict[str, object] = {
        "armed_forces_relationship": Relationship.SELF,
        "armed_forces_opt_in": True,
    }
    values.update(more)
    return Declarations(
        armed_forces_status=ArmedForcesStatus.SERVING, armed_forces_date=when, **values
    )  # type: ignore[arg-type]


def left(when: date | None, **more: object) -> Declarations:
    values: dict[str, object] = {
        "armed_forces_long_term": True,
        "armed_forces_relationship": Relationship.SELF,
        "armed_forces_opt_in": True,
    }
    values.update(more)
    return Declarations(
        armed_forces_status=ArmedForcesStatus.LEFT, armed_forces_date=when, **values
    )  # type: ignore[arg-type]


def policy(text: str) -> GuaranteedInterviewPolicy:
    """A policy written as HR writes it (the YAML under `guaranteed_interview:`)."""
    return GuaranteedInterviewPolicy.model_validate(yaml.safe_load(text))


def forces_policy(
    *routes: str, whose: str = "[self, spouse_or_civil_partner]"
) -> GuaranteedInterviewPolicy:
    """An armed forces scheme of the given routes (YAML condition lists, one per route)."""
    written = "".join(
        f"""
        - id: route-{n}
          conditions:
            - whose_service: {whose}
            - wishes_to_be_considered: armed_forces
{conditions}"""
        for n, conditions in enumerate(routes, start=1)
    )
    return policy(
        f"""
version: test
source: test
schemes:
  - id: armed_forces
    name: Armed Forces
    explanation: test
    routes:{written}
"""
    )


SERVING_12_WEEKS = """            - armed_forces: serving
            - within_weeks_before_discharge: 12"""
LEFT_LONG_TERM = """            - armed_forces: left
            - long_term_service: true
            - left_within: {window}"""


CARE_25 = policy(
    """
version: test
source: test
schemes:
  - id: care_leaver
    name: Care leavers
    explanation: Care leavers aged 25 or under.
    routes:
      - id: young-care-leaver
        conditions:
          - care_leaver: true
          - aged_at_most: 25
"""
)

# The Dartford cases: every boundary of the policy printed in packs 000 and 001.
DARTFORD: list[tuple[str, Callable[[], SchemeStatus | None], SchemeStatus | None]] = [
    ("declared disability applies", lambda: status_of("disability", Declarations(disability=True)), A),
    ("no disability declaration: not claimed", lambda: status_of("disability", Declarations()), None),
    ("declared care leaver applies", lambda: status_of("care_leaver", Declarations(care_leaver=True)), A),
    ("serving, exactly 12 weeks before discharge", lambda: status_of("armed_forces", serving(date(2026, 4, 14))), A),
    ("serving, 12 weeks and a day before discharge", lambda: status_of("armed_forces", serving(date(2026, 4, 15))), N),
    ("serving, discharged today", lambda: status_of("armed_forces", serving(REF)), A),
    (
        "serving, discharge date passed: assessed as left",
        lambda: status_of("armed_forces", serving(date(2025, 6, 1), armed_forces_long_term=True)),
        A,
    ),
    ("serving, discharge passed, long-term unknown", lambda: status_of("armed_forces", serving(date(2025, 6, 1))), INFO),
    ("left exactly five years ago", lambda: status_of("armed_forces", left(date(2021, 1, 20))), A),
    ("left five years and a day ago", lambda: status_of("armed_forces", left(date(2021, 1, 19))), N),
    ("left, not long-term", lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_long_term=False)), N),
    ("left, date missing: needs information", lambda: status_of("armed_forces", left(None)), INFO),
    (
        "serving, date missing: needs information",
        lambda: status_of(
            "armed_forces",
            Declarations(armed_forces_status=ArmedForcesStatus.SERVING, armed_forces_opt_in=True),
        ),
        INFO,
    ),
    ("no opt-in", lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_opt_in=False)), N),
    ("opt-in not answered: needs information", lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_opt_in=None)), INFO),
    ("opt-in without any service: needs information", lambda: status_of("armed_forces", Declarations(armed_forces_opt_in=True)), INFO),
    (
        "spouse or civil partner counts",
        lambda: status_of(
            "armed_forces",
            serving(date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER),
        ),
        A,
    ),
    ("no reference date at all: needs information", lambda: status_of("armed_forces", left(date(2024, 1, 1)), ref=None), INFO),
    (
        "left on 29 February, reference five years on (28 February)",
        lambda: status_of("armed_forces", left(date(2024, 2, 29)), ref=date(2029, 2, 28)),
        A,
    ),
    (
        "left on 29 February, reference 1 March five years on",
        lambda: status_of("armed_forces", left(date(2024, 2, 29)), ref=date(2029, 3, 1)),
        N,
    ),
    (
        "serving, 12 weeks across 29 February",
        lambda: status_of("armed_forces", serving(date(2028, 4, 19)), ref=date(2028, 1, 26)),
        A,
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "check", "expected"), DARTFORD, ids=[name for name, _, _ in DARTFORD]
)
def test_dartford_boundary(
    case: str, check: Callable[[], SchemeStatus | None], expected: SchemeStatus | None
) -> None:
    assert check() is expected


def test_several_schemes_at_once_are_all_assessed_in_the_policy_order() -> None:
    declared = left(date(2023, 5, 1), disability=True, care_leaver=True)
    outcomes = assess_schemes(declared, DARTFORD_POLICY, REF)
    assert [(o.scheme_id, o.status, o.route_id) for o in outcomes] == [
        ("disability", A, "disabled"),
        ("care_leaver", A, "care-leaver"),
        ("armed_forces", A, "left"),
    ]


def test_reasons_name_the_route_and_what_was_found() -> None:
    (outcome,) = assess_schemes(left(date(2021, 1, 19)), DARTFORD_POLICY, REF)
    assert outcome.status is N
    assert "left on 19 January 2021, more than five years before 20 January 2026" in outcome.reason
    (outcome,) = assess_schemes(
        serving(date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER),
        DARTFORD_POLICY,
        REF,
    )
    assert outcome.route_name == "serving and within 12 weeks of discharge"
    assert outcome.reason == (
        "serving in the armed forces, a spouse's or civil partner's service, "
        "discharge on 1 March 2026, within 12 weeks, asked to be considered under the scheme"
    )


# --- Other councils' shapes -------------------------------------------------------------------

# "Serving and within 12 weeks of discharge; or the forces were the last long-term substantive
# employer and left no more than three years ago; Reservists included; spouses not mentioned."
RESERVISTS_SHAPE = forces_policy(
    SERVING_12_WEEKS,
    """            - armed_forces: left
            - forces_last_long_term_employer: true
            - left_within: 3 years""",
    "            - armed_forces: reservist",
    whose="self",
)
# "Any one of: serving within 12 weeks; left within 3 years; the forces were the last long-term
# substantive employer (no time limit)."
ANY_ONE_OF = forces_policy(
    SERVING_12_WEEKS,
    """            - armed_forces: left
            - left_within: 3 years""",
    """            - armed_forces: left
            - forces_last_long_term_employer: true
            - left_within: no limit""",
)


def test_a_reservist_is_given_the_interview_the_scheme_promises() -> None:
    reservist = Declarations(
        armed_forces_status=ArmedForcesStatus.RESERVIST,
        armed_forces_relationship=Relationship.SELF,
        armed_forces_opt_in=True,
    )
    (outcome,) = assess_schemes(reservist, RESERVISTS_SHAPE, REF)
    assert (outcome.status, outcome.route_id) == (A, "route-3")
    assert "a member of the Reservists" in outcome.reason
    # The earlier optional column still declares a Reservist.
    flagged = left(date(2010, 1, 1), armed_forces_reservist=True)
    assert status_of("armed_forces", flagged, RESERVISTS_SHAPE) is A


def test_the_last_employer_question_is_never_asked_of_a_serving_applicant() -> None:
    # Exactly 12 weeks from discharge: an interview, not "needs information".
    assert status_of("armed_forces", serving(date(2026, 4, 14)), RESERVISTS_SHAPE) is A
    # 12 weeks and a day out: no answer to the last-employer question could help.
    assert status_of("armed_forces", serving(date(2026, 4, 15)), RESERVISTS_SHAPE) is N


def test_needs_information_names_only_the_fact_that_could_change_it() -> None:
    (outcome,) = assess_schemes(left(date(2024, 1, 1)), RESERVISTS_SHAPE, REF)
    assert outcome.status is INFO
    assert outcome.missing == (
        "whether the armed forces were the last long-term substantive employer",
    )


def test_a_scheme_limited_to_self_excludes_spouses() -> None:
    spouse = serving(
        date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER
    )
    (outcome,) = assess_schemes(spouse, RESERVISTS_SHAPE, REF)
    assert outcome.status is N
    assert (
        "a spouse's or civil partner's service, which this route does not cover" in outcome.reason
    )


@pytest.mark.parametrize(
    ("declared", "expected", "route"),
    [
        (serving(date(2026, 4, 14)), A, "route-1"),
        (left(date(2023, 1, 20), armed_forces_long_term=None), A, "route-2"),
        (left(date(2023, 1, 19), armed_forces_last_long_term_employer=False), N, None),
        (left(date(1990, 1, 1), armed_forces_last_long_term_employer=True), A, "route-3"),
        (left(date(1990, 1, 1)), INFO, None),
    ],
)
def test_any_one_of_three_routes_with_one_without_a_time_limit(
    declared: Declarations, expected: SchemeStatus, route: str | None
) -> None:
    (outcome,) = assess_schemes(declared, ANY_ONE_OF, REF)
    assert (outcome.status, outcome.route_id) == (expected, route)


def test_external_posts_only() -> None:
    external = policy(
        """
version: test
source: test
schemes:
  - id: armed_forces
    name: Armed Forces
    explanation: External posts only.
    routes:
      - id: veteran
        conditions:
          - applicant_is: external
          - armed_forces: [serving, left]
          - wishes_to_be_considered: armed_forces
"""
    )
    assert (
        status_of("armed_forces", left(date(2000, 1, 1), internal_applicant=False), external) is A
    )
    assert status_of("armed_forces", left(date(2000, 1, 1), internal_applicant=True), external) is N
    assert status_of("armed_forces", left(date(2000, 1, 1)), external) is INFO


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (date(2000, 1, 21), A),  # 25 on the reference date
        (date(2000, 1, 20), N),  # 26 that day
        (None, INFO),
    ],
)
def test_a_care_leaver_age_limit_is_inclusive_on_the_reference_date(
    birth: date | None, expected: SchemeStatus
) -> None:
    declared = Declarations(care_leaver=True, date_of_birth=birth)
    assert status_of("care_leaver", declared, CARE_25) is expected


def test_a_scheme_the_policy_does_not_list_is_off() -> None:
    declared = left(date(2024, 1, 1), disability=True)
    outcomes = assess_schemes(declared, CARE_25, REF)
    assert [(o.scheme_id, o.status) for o in outcomes] == [
        ("disability_gis", OFF),
        ("armed_forces_status", OFF),
    ]
    assert not any(o.applies for o in outcomes)
    assert "this organisation's policy records no such scheme" in outcomes[0].reason


def test_a_councils_own_declaration() -> None:
    own = policy(
        """
version: test
source: test
declarations:
  - id: supported-employment
    question: Are you on a supported employment programme?
schemes:
  - id: supported
    name: Supported employment
    explanation: test
    routes:
      - id: declared
        conditions:
          - declared: supported-employment
"""
    )
    outcomes = assess_schemes(
        Declarations(further_schemes=frozenset({"supported-employment"})), own, REF
    )
    assert [(o.scheme_id, o.status) for o in outcomes] == [("supported", A)]
    assert outcomes[0].reason == "answered yes to 'Are you on a supported employment programme?'"
    assert assess_schemes(Declarations(), own, REF) == ()


def test_the_reference_date_is_received_else_closing() -> None:
    assert reference_date(date(2026, 1, 2), date(2026, 1, 30)) == date(2026, 1, 2)
    assert reference_date(None, date(2026, 1, 30)) == date(2026, 1, 30)
    assert reference_date(None, None) is None


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 2, 29), 60, date(2029, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 1, 20), -60, date(2021, 1, 20)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
    ],
)
def test_add_months_is_calendar_arithmetic(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def test_age_turns_over_on_the_birthday_and_for_29_february_on_1_march() -> None:
    assert age_on(date(2000, 1, 20), date(2026, 1, 19)) == 25
    assert age_on(date(2000, 1, 20), date(2026, 1, 20)) == 26
    assert age_on(date(2004, 2, 29), date(2026, 2, 28)) == 21
    assert age_on(date(2004, 2, 29), date(2026, 3, 1)) == 22
