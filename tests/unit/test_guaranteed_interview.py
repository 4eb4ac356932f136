"""Each guaranteed-interview scheme, at and around every boundary."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from criteria.schema import (
    ArmedForcesScheme,
    CareLeaverScheme,
    DisabilityScheme,
    FurtherScheme,
    GuaranteedInterviewPolicy,
)
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.guaranteed_interview import (
    SCHEMES,
    SchemeStatus,
    add_months,
    age_on,
    assess_schemes,
    reference_date,
)
from tests.factories import DEFAULT_POLICY

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
    policy: GuaranteedInterviewPolicy = DEFAULT_POLICY,
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


def policy(**changes: object) -> GuaranteedInterviewPolicy:
    return GuaranteedInterviewPolicy(source="test", **changes)  # type: ignore[arg-type]


# Every scheme in the registry has cases here; a new scheme without cases fails below.
CASES: dict[str, list[tuple[str, Callable[[], SchemeStatus | None], SchemeStatus | None]]] = {
    "disability": [
        (
            "declared disability applies",
            lambda: status_of("disability", Declarations(disability=True)),
            A,
        ),
        ("no declaration: not claimed", lambda: status_of("disability", Declarations()), None),
        (
            "policy switched off",
            lambda: status_of(
                "disability",
                Declarations(disability=True),
                policy(disability=DisabilityScheme(enabled=False)),
            ),
            OFF,
        ),
    ],
    "care_leaver": [
        (
            "declared care leaver applies",
            lambda: status_of("care_leaver", Declarations(care_leaver=True)),
            A,
        ),
        (
            "age limit 25 inclusive, aged 25",
            lambda: status_of(
                "care_leaver",
                Declarations(care_leaver=True, date_of_birth=date(2000, 1, 21)),
                policy(care_leaver=CareLeaverScheme(max_age=25)),
            ),
            A,
        ),
        (
            "age limit 25 inclusive, aged 26",
            lambda: status_of(
                "care_leaver",
                Declarations(care_leaver=True, date_of_birth=date(2000, 1, 20)),
                policy(care_leaver=CareLeaverScheme(max_age=25)),
            ),
            N,
        ),
        (
            "age limit 25 exclusive, aged 25",
            lambda: status_of(
                "care_leaver",
                Declarations(care_leaver=True, date_of_birth=date(2000, 1, 21)),
                policy(care_leaver=CareLeaverScheme(max_age=25, max_age_inclusive=False)),
            ),
            N,
        ),
        (
            "age limit 25 exclusive, aged 24",
            lambda: status_of(
                "care_leaver",
                Declarations(care_leaver=True, date_of_birth=date(2001, 1, 21)),
                policy(care_leaver=CareLeaverScheme(max_age=25, max_age_inclusive=False)),
            ),
            A,
        ),
        (
            "age limit without a birth date: needs information",
            lambda: status_of(
                "care_leaver",
                Declarations(care_leaver=True),
                policy(care_leaver=CareLeaverScheme(max_age=25)),
            ),
            INFO,
        ),
    ],
    "armed_forces": [
        (
            "serving, exactly 12 weeks before discharge",
            lambda: status_of("armed_forces", serving(date(2026, 4, 14))),
            A,
        ),
        (
            "serving, 12 weeks and a day before discharge",
            lambda: status_of("armed_forces", serving(date(2026, 4, 15))),
            N,
        ),
        ("serving, discharged today", lambda: status_of("armed_forces", serving(REF)), A),
        (
            "serving, discharge date passed: assessed as left",
            lambda: status_of(
                "armed_forces", serving(date(2025, 6, 1), armed_forces_long_term=True)
            ),
            A,
        ),
        (
            "serving, discharge passed, long-term unknown",
            lambda: status_of("armed_forces", serving(date(2025, 6, 1))),
            INFO,
        ),
        (
            "left exactly five years ago",
            lambda: status_of("armed_forces", left(date(2021, 1, 20))),
            A,
        ),
        (
            "left five years and a day ago",
            lambda: status_of("armed_forces", left(date(2021, 1, 19))),
            N,
        ),
        (
            "left, not long-term",
            lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_long_term=False)),
            N,
        ),
        (
            "left, date missing: needs information",
            lambda: status_of("armed_forces", left(None)),
            INFO,
        ),
        (
            "serving, date missing: needs information",
            lambda: status_of(
                "armed_forces",
                Declarations(
                    armed_forces_status=ArmedForcesStatus.SERVING, armed_forces_opt_in=True
                ),
            ),
            INFO,
        ),
        (
            "no opt-in",
            lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_opt_in=False)),
            N,
        ),
        (
            "opt-in not answered: needs information",
            lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_opt_in=None)),
            INFO,
        ),
        (
            "opt-in without any service: needs information",
            lambda: status_of("armed_forces", Declarations(armed_forces_opt_in=True)),
            INFO,
        ),
        (
            "spouse or civil partner counts",
            lambda: status_of(
                "armed_forces",
                serving(
                    date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER
                ),
            ),
            A,
        ),
        (
            "spouse when the policy excludes spouses",
            lambda: status_of(
                "armed_forces",
                serving(
                    date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER
                ),
                policy(armed_forces=ArmedForcesScheme(spouses_count=False)),
            ),
            N,
        ),
        (
            "three-year leaver window elsewhere",
            lambda: status_of(
                "armed_forces",
                left(date(2022, 1, 19)),
                policy(armed_forces=ArmedForcesScheme(leaver_window_months=36)),
            ),
            N,
        ),
        (
            "24-month leaver window elsewhere",
            lambda: status_of(
                "armed_forces",
                left(date(2024, 1, 20)),
                policy(armed_forces=ArmedForcesScheme(leaver_window_months=24)),
            ),
            A,
        ),
        (
            "reservist when reservists do not count",
            lambda: status_of("armed_forces", left(date(2024, 1, 1), armed_forces_reservist=True)),
            N,
        ),
        (
            "reservist when reservists count",
            lambda: status_of(
                "armed_forces",
                left(date(2024, 1, 1), armed_forces_reservist=True),
                policy(armed_forces=ArmedForcesScheme(reservists_count=True)),
            ),
            A,
        ),
        (
            "last long-term employer required and unknown",
            lambda: status_of(
                "armed_forces",
                left(date(2024, 1, 1)),
                policy(armed_forces=ArmedForcesScheme(must_be_last_long_term_employer=True)),
            ),
            INFO,
        ),
        (
            "last long-term employer required and confirmed",
            lambda: status_of(
                "armed_forces",
                left(date(2024, 1, 1), armed_forces_last_long_term_employer=True),
                policy(armed_forces=ArmedForcesScheme(must_be_last_long_term_employer=True)),
            ),
            A,
        ),
        (
            "no reference date at all: needs information",
            lambda: status_of("armed_forces", left(date(2024, 1, 1)), ref=None),
            INFO,
        ),
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
    ],
}


def test_every_scheme_in_the_registry_has_tests() -> None:
    assert {s.id for s in SCHEMES} <= set(CASES)


@pytest.mark.parametrize(
    ("scheme", "case", "check", "expected"),
    [(s, name, check, expected) for s, cases in CASES.items() for name, check, expected in cases],
    ids=[f"{s}: {name}" for s, cases in CASES.items() for name, _, _ in cases],
)
def test_scheme_rule(
    scheme: str, case: str, check: Callable[[], SchemeStatus | None], expected: SchemeStatus | None
) -> None:
    assert check() is expected


def test_several_schemes_at_once_are_all_assessed() -> None:
    declared = left(date(2023, 5, 1), disability=True, care_leaver=True)
    outcomes = assess_schemes(declared, DEFAULT_POLICY, REF)
    assert [(o.scheme_id, o.status) for o in outcomes] == [
        ("disability", A),
        ("care_leaver", A),
        ("armed_forces", A),
    ]


def test_every_outcome_records_the_policy_parameters() -> None:
    (outcome,) = assess_schemes(left(date(2023, 5, 1)), DEFAULT_POLICY, REF)
    assert outcome.parameters["serving_window_weeks"] == 12
    assert outcome.parameters["leaver_window_months"] == 60
    assert outcome.parameters["spouses_count"] is True


def test_reasons_are_plain_english() -> None:
    (outcome,) = assess_schemes(left(date(2021, 1, 19)), DEFAULT_POLICY, REF)
    assert (
        outcome.reason
        == "left the armed forces on 19 January 2021, more than five years before 20 January 2026"
    )
    (outcome,) = assess_schemes(
        serving(date(2026, 3, 1), armed_forces_relationship=Relationship.SPOUSE_OR_CIVIL_PARTNER),
        DEFAULT_POLICY,
        REF,
    )
    assert (
        outcome.reason
        == "has a spouse or civil partner serving in the armed forces, within 12 weeks of discharge on 1 March 2026"
    )


def test_a_further_scheme_applies_on_declaration() -> None:
    redeploy = FurtherScheme(
        id="redeployee",
        name="Redeployment",
        declaration="Are you at risk of redundancy?",
        explanation="Staff at risk of redundancy.",
    )
    org_policy = policy(further_schemes=(redeploy,))
    outcomes = assess_schemes(
        Declarations(further_schemes=frozenset({"redeployee"})), org_policy, REF
    )
    assert [(o.scheme_id, o.status) for o in outcomes] == [("redeployee", A)]
    assert assess_schemes(Declarations(), org_policy, REF) == ()


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
