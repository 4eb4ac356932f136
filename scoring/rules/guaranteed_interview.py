"""Interview schemes: who is offered an interview whatever their rank, and who is considered
in a first, ring-fenced round.

Read this file to know the rule. Each scheme of the organisation's policy (criteria/policy.py)
is a list of alternative routes, each route all of a set of conditions (scoring/rules/conditions.py).
A route holds when every condition holds; it fails when any condition fails; otherwise a fact is
missing. A scheme applies by its first route that holds, and names that route. It needs
information only when no route holds and some route still could: the facts named are exactly
those that could change the outcome. A scheme the policy does not list is off.

An applicant to whom a guaranteed-interview scheme applies and who passes the scheme's minimum
(by default every application-stage essential met; scoring/rules/scheme_minimum.py) is
shortlisted in addition to the merit places; nobody is displaced. A priority scheme forms a first round considered before open competition. The panel
never sees these declarations.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from criteria.policy import GuaranteedInterviewPolicy, InterviewScheme, Route, SchemeKind
from criteria.policy_conditions import Condition
from scoring.applications import ArmedForcesStatus, Declarations
from scoring.rules.conditions import MAY_HOLD, assess
from scoring.rules.dates import add_months, age_on
from scoring.rules.findings import Finding

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
    vacancy_missing: tuple[str, ...] = ()  # of `missing`, the vacancy's facts HR records
    # The scheme's own minimum (scoring/rules/scheme_minimum.py), judged once the scores are
    # agreed: None before that (and for a scheme the policy does not list).
    minimum_met: bool | None = None
    minimum_figure: str | None = None  # the applicant's figure; None for the default minimum

    @property
    def applies(self) -> bool:
        return self.status is SchemeStatus.APPLIES

    @property
    def is_priority(self) -> bool:
        return self.kind is SchemeKind.PRIORITY

    @property
    def qualifies(self) -> bool:
        """The scheme applies and the applicant passes its minimum: its route is open."""
        return self.applies and self.minimum_met is True

    @property
    def own_minimum_not_met(self) -> bool:
        """The scheme has a minimum of its own, judged, and the applicant does not pass it."""
        return self.minimum_met is False and self.minimum_figure is not None

    @property
    def could_qualify(self) -> bool:
        """A missing fact could still open the scheme's route: its minimum is passed."""
        return self.status is SchemeStatus.NEEDS_INFORMATION and self.minimum_met is True


def reference_date(received: date | None, closing: date | None) -> date | None:
    return received or closing


def route_label(route: Route) -> str:
    return route.name or route.id.replace("-", " ").replace("_", " ")


def routes_in_words(scheme: InterviewScheme) -> str:
    """ "serving ...; or long-term service ..." - a scheme's alternative routes."""
    return "; or ".join(route_label(r) for r in scheme.routes)


def _route(
    route: Route,
    d: Declarations,
    ref: date | None,
    policy: GuaranteedInterviewPolicy,
    seen: dict[int, Finding],
) -> tuple[bool | None, list[Finding]]:
    findings = []
    for c in route.conditions:
        f = seen.get(id(c))
        if f is None:
            f = seen[id(c)] = assess(c, d, ref, policy)
        if f.holds is False:
            return False, [f]
        findings.append(f)
    if any(f.holds is None for f in findings):
        return None, [f for f in findings if f.holds is None]
    return True, findings


@dataclass(frozen=True)
class _SchemePlan:
    scheme: InterviewScheme
    claims: tuple[Condition, ...]  # the conditions an applicant declares about themselves
    needs_a_claim: bool  # every route has a claim: nothing claimed, nothing can apply


def _plan_of(scheme: InterviewScheme) -> _SchemePlan:
    claims = tuple(c for r in scheme.routes for c in r.conditions if type(c).claim)
    every = all(any(type(c).claim for c in r.conditions) for r in scheme.routes)
    return _SchemePlan(scheme, claims, every)


def assess_scheme(
    scheme: InterviewScheme,
    d: Declarations,
    ref: date | None,
    policy: GuaranteedInterviewPolicy,
    plan: _SchemePlan | None = None,
) -> SchemeOutcome | None:
    """The scheme's outcome for one applicant; None when they declared nothing it reads as a
    claim. A claim declared but not holding (a serving applicant under a scheme for those who
    have left) is answered: the scheme does not apply, and why."""
    plan = plan or _plan_of(scheme)
    declared = any(MAY_HOLD[type(c)](c, d) for c in plan.claims)
    if plan.needs_a_claim and not declared:
        return None
    seen: dict[int, Finding] = {}
    claimed = declared
    for c in plan.claims:
        f = seen[id(c)] = assess(c, d, ref, policy)
        claimed = claimed or f.holds is True
    base: dict[str, Any] = {
        "scheme_id": scheme.id,
        "scheme_name": scheme.name,
        "kind": scheme.kind,
        "limited": scheme.volume_mode == "limited",
    }
    refused: list[str] = []
    facts: dict[str, None] = {}
    for route in scheme.routes:
        holds, findings = _route(route, d, ref, policy, seen)
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
    if not claimed:
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


@dataclass(frozen=True)
class _PolicyPlan:
    schemes: tuple[_SchemePlan, ...]
    not_run: tuple[tuple[str, str, str], ...]  # declarations the policy reads no column of


_PLANS: OrderedDict[int, tuple[GuaranteedInterviewPolicy, _PolicyPlan]] = OrderedDict()


def _policy_plan(policy: GuaranteedInterviewPolicy) -> _PolicyPlan:
    """Worked out once per policy (kept for the last few: a vacancy's run assesses thousands
    of applications under one policy). The policy is held, so its id cannot be reused."""
    kept = _PLANS.get(id(policy))
    if kept is not None and kept[0] is policy:
        _PLANS.move_to_end(id(policy))
        return kept[1]
    read = set(policy.columns_read())
    plan = _PolicyPlan(
        tuple(_plan_of(s) for s in policy.schemes),
        tuple(n for n in NOT_RUN if n[0] not in read),
    )
    _PLANS[id(policy)] = (policy, plan)
    if len(_PLANS) > 16:
        _PLANS.popitem(last=False)
    return plan


def assess_schemes(
    declarations: Declarations,
    policy: GuaranteedInterviewPolicy,
    reference: date | None,
) -> tuple[SchemeOutcome, ...]:
    """The outcome of every scheme the applicant claimed, in the policy's order, then any
    declaration for which the policy records no scheme (SWITCHED_OFF)."""
    plan = _policy_plan(policy)
    d = declarations
    declared_nothing = not (
        d.disability
        or d.care_leaver
        or d.armed_forces_status is not ArmedForcesStatus.NONE
        or d.armed_forces_opt_in
        or d.armed_forces_reservist
        or d.at_risk_of_redundancy
        or d.protected_period
        or d.further_schemes
    )  # then no claim holds (the usual applicant): only a scheme needing none can apply
    outcomes = [
        o
        for p in plan.schemes
        if not (declared_nothing and p.needs_a_claim)
        and (o := assess_scheme(p.scheme, d, reference, policy, p)) is not None
    ]
    if declared_nothing:
        return tuple(outcomes)
    for column, name, what in plan.not_run:
        if _declared(column, declarations):
            outcomes.append(
                SchemeOutcome(
                    scheme_id=column,
                    scheme_name=name,
                    status=SchemeStatus.SWITCHED_OFF,
                    reason=f"{what}, but this organisation's policy records no such scheme",
                )
            )
    return tuple(outcomes)
