"""Interview schemes: who is offered an interview whatever their rank, and who is considered
in a first, ring-fenced round.

Read this file to know the rule. Each scheme of the organisation's policy (criteria/policy.py)
is a list of alternative routes, each route all of a set of conditions (scoring/conditions.py).
A route holds when every condition holds; it fails when any condition fails; otherwise a fact is
missing. A scheme applies by its first route that holds, and names that route. It needs
information only when no route holds and some route still could: the facts named are exactly
those that could change the outcome. A scheme the policy does not list is off.

An applicant to whom a guaranteed-interview scheme applies and who meets the minimum criteria
(every application-stage essential) is shortlisted in addition to the merit places; nobody is
displaced. A priority scheme forms a first round considered before open competition. The panel
never sees these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from criteria.policy import GuaranteedInterviewPolicy, InterviewScheme, Route, SchemeKind
from scoring.applications import ArmedForcesStatus, Declarations
from scoring.conditions import Finding, add_months, age_on, assess

__all__ = [
    "NOT_RUN",
    "SchemeOutcome",
    "SchemeStatus",
    "add_months",
    "age_on",
    "assess_schemes",
    "reference_date",
]


class SchemeStatus(StrEnum):
    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    NEEDS_INFORMATION = "needs_information"
    SWITCHED_OFF = "switched_off"  # declared, but the organisation's policy records no such scheme


@dataclass(frozen=True)
class SchemeOutcome:
    scheme_id: str
    scheme_name: str
    status: SchemeStatus
    reason: (
        str  # what was found on the route that applied, why no route applied, or what is missing
    )
    route_id: str | None = None
    route_name: str | None = None
    missing: tuple[str, ...] = ()
    kind: SchemeKind = SchemeKind.GUARANTEED_INTERVIEW
    limited: bool = False  # Disability Confident's high-volume mode

    @property
    def applies(self) -> bool:
        return self.status is SchemeStatus.APPLIES

    @property
    def is_priority(self) -> bool:
        return self.kind is SchemeKind.PRIORITY


def reference_date(received: date | None, closing: date | None) -> date | None:
    return received or closing


def route_label(route: Route) -> str:
    return route.name or route.id.replace("-", " ").replace("_", " ")


def _route(
    route: Route, d: Declarations, ref: date | None, policy: GuaranteedInterviewPolicy
) -> tuple[bool | None, list[Finding]]:
    findings = [assess(c, d, ref, policy) for c in route.conditions]
    if any(f.holds is False for f in findings):
        return False, [next(f for f in findings if f.holds is False)]
    if any(f.holds is None for f in findings):
        return None, [f for f in findings if f.holds is None]
    return True, findings


def _claimed(
    scheme: InterviewScheme, d: Declarations, ref: date | None, policy: GuaranteedInterviewPolicy
) -> bool:
    return any(
        type(c).claim and assess(c, d, ref, policy).holds is True
        for route in scheme.routes
        for c in route.conditions
    )


def assess_scheme(
    scheme: InterviewScheme,
    d: Declarations,
    ref: date | None,
    policy: GuaranteedInterviewPolicy,
) -> SchemeOutcome | None:
    """The scheme's outcome for one applicant; None when they claimed nothing it reads."""
    base: dict[str, Any] = {
        "scheme_id": scheme.id,
        "scheme_name": scheme.name,
        "kind": scheme.kind,
        "limited": scheme.volume_mode == "limited",
    }
    refused: list[str] = []
    facts: dict[str, None] = {}
    for route in scheme.routes:
        holds, findings = _route(route, d, ref, policy)
        if holds is True:
            return SchemeOutcome(
                status=SchemeStatus.APPLIES,
                reason=", ".join(f.text for f in findings),
                route_id=route.id,
                route_name=route_label(route),
                **base,
            )
        if holds is None:
            facts.update((f.text, None) for f in findings)
        else:
            refused.append(f"{route_label(route)}: {'; '.join(f.text for f in findings)}")
    if not _claimed(scheme, d, ref, policy):
        return None
    if facts:
        return SchemeOutcome(
            status=SchemeStatus.NEEDS_INFORMATION,
            reason="missing " + "; ".join(facts),
            missing=tuple(facts),
            **base,
        )
    return SchemeOutcome(
        status=SchemeStatus.DOES_NOT_APPLY,
        reason="no route applies (" + "; ".join(refused) + ")",
        **base,
    )


# Declarations the form always asks, which a policy may run no scheme for.
NOT_RUN: tuple[tuple[str, str, str], ...] = (
    ("disability_gis", "Disability Confident", "declared a disability"),
    ("care_leaver", "Care leavers", "declared being a care leaver"),
    ("armed_forces_status", "Armed forces", "declared armed forces service"),
    ("at_risk_of_redundancy", "Redeployment", "declared being at risk of redundancy"),
    ("protected_period", "Protected period", "declared a protected period"),
)


def _declared(column: str, d: Declarations) -> bool:
    if column == "disability_gis":
        return d.disability
    if column == "care_leaver":
        return d.care_leaver
    if column == "armed_forces_status":
        return d.armed_forces_status is not ArmedForcesStatus.NONE or bool(d.armed_forces_opt_in)
    if column == "at_risk_of_redundancy":
        return bool(d.at_risk_of_redundancy)
    return bool(d.protected_period)


def assess_schemes(
    declarations: Declarations,
    policy: GuaranteedInterviewPolicy,
    reference: date | None,
) -> tuple[SchemeOutcome, ...]:
    """The outcome of every scheme the applicant claimed, in the policy's order, then any
    declaration for which the policy records no scheme (SWITCHED_OFF)."""
    outcomes = [
        o
        for scheme in policy.schemes
        if (o := assess_scheme(scheme, declarations, reference, policy)) is not None
    ]
    read = set(policy.columns_read())
    for column, name, what in NOT_RUN:
        if column not in read and _declared(column, declarations):
            outcomes.append(
                SchemeOutcome(
                    scheme_id=column,
                    scheme_name=name,
                    status=SchemeStatus.SWITCHED_OFF,
                    reason=f"{what}, but this organisation's policy records no such scheme",
                )
            )
    return tuple(outcomes)
