"""How each condition of the policy vocabulary (criteria/policy_conditions.py) is assessed for
one application, in three values (scoring/rules/findings.py): it holds, it does not, or a fact
it reads is missing. The armed forces conditions are in scoring/rules/armed_forces_conditions.py;
this module holds the others and the table that finds each condition's assessment.

Boundaries are inclusive and use calendar arithmetic; the reference date is the date received,
else the closing date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_conditions import (
    AgedAtMost,
    ApplicantIs,
    ArmedForces,
    AtRiskOfRedundancy,
    CareLeaver,
    Condition,
    Declared,
    DisabilityDeclared,
    ForcesLastLongTermEmployer,
    InProtectedPeriod,
    LeftAtLeast,
    LeftWithin,
    LongTermService,
    WhoseService,
    WishesToBeConsidered,
    WithinWeeksBeforeDischarge,
)
from scoring.applications import ArmedForcesStatus, Declarations
from scoring.rules.armed_forces_conditions import (
    armed_forces,
    forces_last_long_term_employer,
    left_at_least,
    left_within,
    long_term_service,
    whose_service,
    wishes_to_be_considered,
    within_weeks_before_discharge,
)
from scoring.rules.dates import age_on, day_in_words
from scoring.rules.findings import NO_REFERENCE, Finding, found, missing, not_met


def _disability(c: DisabilityDeclared, d: Declarations, ref: date | None) -> Finding:
    if d.disability:
        return found("declared a disability and asked to be considered under the scheme")
    return not_met("no disability declared under the scheme")


def _care_leaver(c: CareLeaver, d: Declarations, ref: date | None) -> Finding:
    if d.care_leaver:
        return found("a care leaver, as told at application time")
    return not_met("not declared as a care leaver")


def _aged_at_most(c: AgedAtMost, d: Declarations, ref: date | None) -> Finding:
    if d.date_of_birth is None:
        return missing("the date of birth")
    if ref is None:
        return missing(NO_REFERENCE)
    age = age_on(d.date_of_birth, ref)
    if age <= c.aged_at_most:
        return found(f"aged {age} on {day_in_words(ref)} ({c.aged_at_most} or under)")
    return not_met(f"aged {age} on {day_in_words(ref)}, over the age limit of {c.aged_at_most}")


def _applicant_is(c: ApplicantIs, d: Declarations, ref: date | None) -> Finding:
    if d.internal_applicant is None:
        return missing("whether already working for the council (an internal applicant)")
    kind = "internal" if d.internal_applicant else "external"
    if kind == c.applicant_is:
        return found(f"an {kind} applicant")
    return not_met(f"an {kind} applicant; this route is for {c.applicant_is} applicants only")


def _at_risk(c: AtRiskOfRedundancy, d: Declarations, ref: date | None) -> Finding:
    if d.at_risk_of_redundancy is None:
        return missing("whether at risk of redundancy")
    if d.at_risk_of_redundancy:
        return found("at risk of redundancy")
    return not_met("not at risk of redundancy")


def _protected(c: InProtectedPeriod, d: Declarations, ref: date | None) -> Finding:
    if d.protected_period is None:
        return missing("whether in a protected period (pregnancy or family leave)")
    if d.protected_period:
        return found("in a protected period after pregnancy or family leave")
    return not_met("not in a protected period")


Evaluate = Callable[[Any, Declarations, "date | None"], Finding]

ASSESS: dict[type[Condition], Evaluate] = {
    DisabilityDeclared: _disability,
    CareLeaver: _care_leaver,
    AgedAtMost: _aged_at_most,
    ArmedForces: armed_forces,
    WhoseService: whose_service,
    WithinWeeksBeforeDischarge: within_weeks_before_discharge,
    LeftWithin: left_within,
    LeftAtLeast: left_at_least,
    LongTermService: long_term_service,
    ForcesLastLongTermEmployer: forces_last_long_term_employer,
    ApplicantIs: _applicant_is,
    AtRiskOfRedundancy: _at_risk,
    InProtectedPeriod: _protected,
    WishesToBeConsidered: wishes_to_be_considered,
}


# For each condition an applicant claims: whether they declared anything it could hold on (a
# quick test before the words are made; False means the claim cannot hold).
MAY_HOLD: dict[type[Condition], Callable[[Any, Declarations], bool]] = {
    DisabilityDeclared: lambda c, d: d.disability,
    CareLeaver: lambda c, d: d.care_leaver,
    ArmedForces: lambda c, d: (
        d.armed_forces_status is not ArmedForcesStatus.NONE or bool(d.armed_forces_reservist)
    ),
    AtRiskOfRedundancy: lambda c, d: bool(d.at_risk_of_redundancy),
    InProtectedPeriod: lambda c, d: bool(d.protected_period),
    WishesToBeConsidered: lambda c, d: bool(d.armed_forces_opt_in),
    Declared: lambda c, d: c.declared in d.further_schemes,
}


def assess(
    c: Condition, d: Declarations, ref: date | None, policy: GuaranteedInterviewPolicy
) -> Finding:
    if isinstance(c, Declared):
        question = policy.question(c.declared)
        if c.declared in d.further_schemes:
            return found(f"answered yes to '{question}'")
        return not_met(f"did not answer yes to '{question}'")
    return ASSESS[type(c)](c, d, ref)
