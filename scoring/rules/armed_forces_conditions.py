"""How the armed forces conditions are assessed for one application: the service status on the
reference date, whose service it is, the windows before discharge and after leaving, long-term
service, and the choice to be considered. The date decides the status on the reference date:
serving with a discharge date already past counts as having left, and left with a date of
leaving after the reference date counts as still serving (that date the discharge date). An
undeclared status is the missing fact, unless the date given rules the condition out whatever
the status. A blank "whose service" is missing unless the route covers everyone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from criteria.policy_conditions import (
    ArmedForces,
    Condition,
    ForcesLastLongTermEmployer,
    LeftAtLeast,
    LeftWithin,
    LongTermService,
    WhoseService,
    WishesToBeConsidered,
    WithinWeeksBeforeDischarge,
)
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.dates import add_months, day_in_words, months_in_words
from scoring.rules.findings import NO_REFERENCE, Finding, found, missing, not_met

STATUS_FACT = "the armed forces status (serving, left or a member of the Reservists)"


def forces_statuses(d: Declarations, ref: date | None) -> frozenset[str] | None:
    """What the declared service counts as on the reference date; None when not declared.
    'Serving' with a discharge date already past is assessed as having left; 'left' with a
    date of leaving after the reference date as still serving."""
    statuses: set[str] = set()
    status = d.armed_forces_status
    if status is ArmedForcesStatus.SERVING:
        statuses.add("left" if _discharged(d, ref) else "serving")
    elif status is ArmedForcesStatus.LEFT:
        statuses.add("serving" if _not_yet_left(d, ref) else "left")
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


def _not_yet_left(d: Declarations, ref: date | None) -> bool:
    """Declared as left, with a date of leaving after the reference date: not left yet."""
    return (
        d.armed_forces_status is ArmedForcesStatus.LEFT
        and d.armed_forces_date is not None
        and ref is not None
        and d.armed_forces_date > ref
    )


LEAVING_DATE = "the date of leaving the armed forces"
DISCHARGE_DATE = "the expected discharge date"


def _day_unknown(d: Declarations, ref: date | None) -> str | None:
    """Declared as serving or left, on a day not known against the reference date (a
    discharge date already past would mean left; a date of leaving still ahead, serving):
    the missing fact, else None."""
    status = d.armed_forces_status
    if status not in (ArmedForcesStatus.SERVING, ArmedForcesStatus.LEFT):
        return None
    if d.armed_forces_date is None:
        return DISCHARGE_DATE if status is ArmedForcesStatus.SERVING else LEAVING_DATE
    return NO_REFERENCE if ref is None else None


def _other_reading(d: Declarations, ref: date | None, wanted: tuple[str, ...]) -> str | None:
    """The missing fact when the day could turn the declared status into one the condition
    wants (serving into left, or left into serving); None when it could not."""
    other = "left" if d.armed_forces_status is ArmedForcesStatus.SERVING else "serving"
    return _day_unknown(d, ref) if other in wanted else None


def _passed(d: Declarations, ref: date | None) -> str:
    """Words for a status the date overrides: 'serving' assessed as having left, 'left' as
    still serving."""
    if _discharged(d, ref):
        return " (the discharge date has passed)"
    if _not_yet_left(d, ref) and d.armed_forces_date is not None and ref is not None:
        return (
            f" (declared as left, but the date of leaving given, "
            f"{day_in_words(d.armed_forces_date)}, is after {day_in_words(ref)})"
        )
    return ""


STATUS_WORDS = {
    "serving": "serving in the armed forces",
    "left": "left the armed forces",
    "reservist": "a member of the Reservists",
}


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


def armed_forces(c: ArmedForces, d: Declarations, ref: date | None) -> Finding:
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(armed_forces, c, d, ref)
    matched = [s for s in c.armed_forces if s in statuses]
    if matched:
        return found(
            STATUS_WORDS[matched[0]] + (_passed(d, ref) if matched[0] != "reservist" else "")
        )
    unknown = _other_reading(d, ref, c.armed_forces)
    if unknown:
        return missing(unknown)
    wanted = " or ".join(STATUS_WORDS[s] for s in c.armed_forces)
    declared = " and ".join(STATUS_WORDS[s] for s in sorted(statuses))
    said = "still serving" if _not_yet_left(d, ref) else f"declared as {declared}"
    return not_met(f"{said}{_passed(d, ref)}, where this route needs {wanted}")


WHOSE = {
    Relationship.SELF: "own service",
    Relationship.SPOUSE_OR_CIVIL_PARTNER: "a spouse's or civil partner's service",
}


def whose_service(c: WhoseService, d: Declarations, ref: date | None) -> Finding:
    whose = d.armed_forces_relationship
    if whose is None and len(set(c.whose_service)) == len(Relationship):
        return found("own or a spouse's or civil partner's service")
    if whose is None:
        return missing("whose service it is (own, or a spouse's or civil partner's)")
    if whose.value in c.whose_service:
        return found(WHOSE[whose])
    return not_met(f"the service declared is {WHOSE[whose]}, which this route does not cover")


def within_weeks_before_discharge(
    c: WithinWeeksBeforeDischarge, d: Declarations, ref: date | None
) -> Finding:
    weeks = c.within_weeks_before_discharge
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(within_weeks_before_discharge, c, d, ref)
    if "serving" not in statuses:
        unknown = _other_reading(d, ref, ("serving",))
        if unknown:
            return missing(unknown)
        return not_met(f"not serving with a discharge date ahead{_passed(d, ref)}")
    if d.armed_forces_date is None:
        return missing(DISCHARGE_DATE)
    if ref is None:
        return missing(NO_REFERENCE)
    when = d.armed_forces_date
    if ref >= when - timedelta(weeks=weeks):
        # A date of leaving still ahead is explained once, by the status (armed_forces above).
        return found(f"discharge on {day_in_words(when)}, within {weeks} weeks")
    return not_met(
        f"discharge on {day_in_words(when)} is more than {weeks} weeks after {day_in_words(ref)}"
        + _passed(d, ref)
    )


def _not_left(
    assess_with: Callable[[Any, Declarations, date | None], Finding],
    c: Condition,
    d: Declarations,
    ref: date | None,
) -> Finding | None:
    """For the conditions on the time since leaving: why the applicant is not taken as having
    left (or the fact that would tell), or None when they have."""
    statuses = forces_statuses(d, ref)
    if statuses is None:
        return _whatever_the_status(assess_with, c, d, ref)
    if "left" in statuses:
        return None
    unknown = _other_reading(d, ref, ("left",))
    if unknown:
        return missing(unknown)
    return not_met("has not left the armed forces" + _passed(d, ref))


def left_within(c: LeftWithin, d: Declarations, ref: date | None) -> Finding:
    not_left = _not_left(left_within, c, d, ref)
    if not_left is not None:
        return not_left
    if c.months is None:
        if d.armed_forces_date is not None and ref is None:
            return missing(NO_REFERENCE)  # a date of leaving after it would mean not left yet
        return found("left the armed forces (no time limit)")
    if d.armed_forces_date is None:
        return missing(LEAVING_DATE)
    if ref is None:
        return missing(NO_REFERENCE)
    when, window = d.armed_forces_date, months_in_words(c.months)
    if ref <= add_months(when, c.months):
        return found(f"left on {day_in_words(when)}, within {window}")
    return not_met(f"left on {day_in_words(when)}, more than {window} before {day_in_words(ref)}")


def left_at_least(c: LeftAtLeast, d: Declarations, ref: date | None) -> Finding:
    not_left = _not_left(left_at_least, c, d, ref)
    if not_left is not None:
        return not_left
    if d.armed_forces_date is None:
        return missing(LEAVING_DATE)
    if ref is None:
        return missing(NO_REFERENCE)
    when, span = d.armed_forces_date, months_in_words(c.left_at_least)
    if add_months(when, c.left_at_least) <= ref:
        return found(f"left on {day_in_words(when)}, at least {span} before {day_in_words(ref)}")
    return not_met(f"left on {day_in_words(when)}, less than {span} before {day_in_words(ref)}")


def long_term_service(c: LongTermService, d: Declarations, ref: date | None) -> Finding:
    if d.armed_forces_long_term is None:
        return missing("whether the service was long-term employment")
    if d.armed_forces_long_term:
        return found("in long-term employment with the armed forces")
    return not_met("the service was not long-term employment")


def forces_last_long_term_employer(
    c: ForcesLastLongTermEmployer, d: Declarations, ref: date | None
) -> Finding:
    last = d.armed_forces_last_long_term_employer
    if last is None:
        return missing("whether the armed forces were the last long-term substantive employer")
    if last:
        return found("the armed forces the last long-term substantive employer")
    return not_met("the armed forces were not the last long-term substantive employer")


def wishes_to_be_considered(c: WishesToBeConsidered, d: Declarations, ref: date | None) -> Finding:
    if d.armed_forces_opt_in is None:
        return missing("the choice to be considered under the scheme (yes or no)")
    if d.armed_forces_opt_in:
        return found("asked to be considered under the scheme")
    return not_met("did not ask to be considered under the scheme")
