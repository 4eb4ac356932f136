"""How each condition of the policy vocabulary (criteria/policy_conditions.py) is assessed for one
application, in three values: it holds, it does not, or a fact it reads is missing.

Every finding carries its words: what was found (when it holds), why not (when it does not),
or the missing fact (when unknown). Boundaries are inclusive and use calendar arithmetic; the
reference date is the date received, else the closing date.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
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
    LeftWithin,
    LongTermService,
    WhoseService,
    WishesToBeConsidered,
    WithinWeeksBeforeDischarge,
)
from scoring.applications import ArmedForcesStatus, Declarations, Relationship


@dataclass(frozen=True, slots=True)
class Finding:
    holds: bool | None
    text: str  # found (holds), why not (does not hold) or the missing fact (unknown)


def found(text: str) -> Finding:
    return Finding(True, text)


def not_met(text: str) -> Finding:
    return Finding(False, text)


def missing(fact: str) -> Finding:
    return Finding(None, fact)


def add_months(day: date, months: int) -> date:
    """Calendar months later (earlier if negative); the 29th-31st clamp to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def age_on(birth: date, day: date) -> int:
    """Whole years; someone born on 29 February turns a year older on 1 March in other years."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def day_in_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_in_words(n: int) -> str:
    """3 -> "three" (up to ten; figures beyond)."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)


def months_in_words(months: int) -> str:
    if months and months % 12 == 0:
        years = months // 12
        word = count_in_words(years)
        return f"{word} year" if years == 1 else f"{word} years"
    return "one month" if months == 1 else f"{months} months"


NO_REFERENCE = "the date the application was received (or the vacancy's closing date)"
STATUS_FACT = "the armed forces status (serving, left or a member of the Reservists)"


def forces_statuses(d: Declarations, ref: date | None) -> frozenset[str] | None:
    """What the declared service counts as on the reference date; None when not declared.
    'Serving' with a discharge date already past is assessed as having left."""
    statuses: set[str] = set()
    status = d.armed_forces_status
    if status is ArmedForcesStatus.SERVING:
        statuses.add("left" if _discharged(d, ref) else "serving")
    elif status is ArmedForcesStatus.LEFT:
        statuses.add("left")
    elif status is ArmedForcesStatus.RESERVIST:
        statuses.add("reservist")
    if d.armed_forces_reservist:
        statuses.add("reservist")
    return frozenset(statuses) if statuses else None


def _discharged(d: Declarations, ref: date | None) -> bool:
    """Declared as serving, with a discharge date before the reference date."""
    return (
        d.armed_forces_status is ArmedForcesStatus.SERVING
        and d.armed_forces_date is not None
        and ref is not None
        and d.armed_forces_date < ref
    )


def _passed(d: Declarations, ref: date | None) -> str:
    """Words for 'serving' assessed as having left."""
    return " (the discharge date has passed)" if _discharged(d, ref) else ""


STATUS_WORDS = {
    "serving": "serving in the armed forces",
    "left": "left the armed forces",
    "reservist": "a member of the Reservists",
}


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


def _whatever_the_status(
    assess_with: Callable[[Any, Declarations, date | None], Finding],
    c: Condition,
    d: Declarations,
    ref: date | None,
) -> Finding:
    """No status declared: the status is the missing fact, unless the date given rules the
    condition out whatever the status would be (then no answer could help)."""
    if d.armed_forces_date is not None and ref is not None:
        findings = [
            assess_with(c, d.model_copy(update={"armed_forces_status": s}), ref)
            for s in (
                ArmedForcesStatus.SERVING,
                ArmedForcesStatus.LEFT,
                ArmedForcesStatus.RESERVIST,
            )
        ]
        if all(f.holds is False for f in findings):
            return not_met(f"whatever the service status, {findings[1].text}")
    return missing(STATUS_FACT)


def _armed_forces(c: ArmedForces, d: Declarations, ref: date | None) -> Finding:
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(_armed_forces, c, d, ref)
    matched = [s for s in c.armed_forces if s in statuses]
    if matched:
        return found(STATUS_WORDS[matched[0]] + (_passed(d, ref) if matched[0] == "left" else ""))
    wanted = " or ".join(STATUS_WORDS[s] for s in c.armed_forces)
    declared = " and ".join(STATUS_WORDS[s] for s in sorted(statuses))
    return not_met(f"declared as {declared}{_passed(d, ref)}, where this route needs {wanted}")


WHOSE = {
    Relationship.SELF: "own service",
    Relationship.SPOUSE_OR_CIVIL_PARTNER: "a spouse's or civil partner's service",
}


def _whose(c: WhoseService, d: Declarations, ref: date | None) -> Finding:
    whose = d.armed_forces_relationship
    if whose is None and len(set(c.whose_service)) == len(Relationship):
        return found("own or a spouse's or civil partner's service")
    if whose is None:
        return missing("whose service it is (own, or a spouse's or civil partner's)")
    if whose.value in c.whose_service:
        return found(WHOSE[whose])
    return not_met(f"the service declared is {WHOSE[whose]}, which this route does not cover")


def _within_weeks(c: WithinWeeksBeforeDischarge, d: Declarations, ref: date | None) -> Finding:
    weeks = c.within_weeks_before_discharge
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(_within_weeks, c, d, ref)
    if "serving" not in statuses:
        return not_met(f"not serving with a discharge date ahead{_passed(d, ref)}")
    if d.armed_forces_date is None:
        return missing("the expected discharge date")
    if ref is None:
        return missing(NO_REFERENCE)
    when = d.armed_forces_date
    if ref >= when - timedelta(weeks=weeks):
        return found(f"discharge on {day_in_words(when)}, within {weeks} weeks")
    return not_met(
        f"discharge on {day_in_words(when)} is more than {weeks} weeks after {day_in_words(ref)}"
    )


def _left_within(c: LeftWithin, d: Declarations, ref: date | None) -> Finding:
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(_left_within, c, d, ref)
    if "left" not in statuses:
        return not_met("has not left the armed forces")
    if c.months is None:
        return found("left the armed forces (no time limit)")
    if d.armed_forces_date is None:
        return missing("the date of leaving the armed forces")
    if ref is None:
        return missing(NO_REFERENCE)
    when, window = d.armed_forces_date, months_in_words(c.months)
    if ref <= add_months(when, c.months):
        return found(f"left on {day_in_words(when)}, within {window}")
    return not_met(f"left on {day_in_words(when)}, more than {window} before {day_in_words(ref)}")


def _long_term(c: LongTermService, d: Declarations, ref: date | None) -> Finding:
    if d.armed_forces_long_term is None:
        return missing("whether the service was long-term employment")
    if d.armed_forces_long_term:
        return found("in long-term employment with the armed forces")
    return not_met("the service was not long-term employment")


def _last_employer(c: ForcesLastLongTermEmployer, d: Declarations, ref: date | None) -> Finding:
    last = d.armed_forces_last_long_term_employer
    if last is None:
        return missing("whether the armed forces were the last long-term substantive employer")
    if last:
        return found("the armed forces the last long-term substantive employer")
    return not_met("the armed forces were not the last long-term substantive employer")


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


def _wishes(c: WishesToBeConsidered, d: Declarations, ref: date | None) -> Finding:
    if d.armed_forces_opt_in is None:
        return missing("the choice to be considered under the scheme (yes or no)")
    if d.armed_forces_opt_in:
        return found("asked to be considered under the scheme")
    return not_met("did not ask to be considered under the scheme")


Evaluate = Callable[[Any, Declarations, "date | None"], Finding]

ASSESS: dict[type[Condition], Evaluate] = {
    DisabilityDeclared: _disability,
    CareLeaver: _care_leaver,
    AgedAtMost: _aged_at_most,
    ArmedForces: _armed_forces,
    WhoseService: _whose,
    WithinWeeksBeforeDischarge: _within_weeks,
    LeftWithin: _left_within,
    LongTermService: _long_term,
    ForcesLastLongTermEmployer: _last_employer,
    ApplicantIs: _applicant_is,
    AtRiskOfRedundancy: _at_risk,
    InProtectedPeriod: _protected,
    WishesToBeConsidered: _wishes,
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
