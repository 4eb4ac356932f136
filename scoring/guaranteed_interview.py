"""Guaranteed-interview schemes: who is offered an interview whatever their rank.

Read this file to know the rule. An applicant who opts into a scheme, whose condition below
holds, and who meets the minimum criteria (every application-stage essential) is shortlisted in
addition to the merit places; nobody is displaced. The panel never sees these declarations.

Each scheme is a small object in `SCHEMES` with its condition and the sentence that explains it.
Every parameter comes from the organisation's policy (criteria/schema.py,
GuaranteedInterviewPolicy) and is recorded with each outcome. Dates use calendar arithmetic with
inclusive boundaries. The reference date is the date the application was received, or the
closing date when that is missing. A claim that lacks a date the rule needs is NEEDS_INFORMATION,
never a silent no.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from criteria.schema import FurtherScheme, GuaranteedInterviewPolicy
from scoring.applications import ArmedForcesStatus, Declarations, Relationship


class SchemeStatus(StrEnum):
    APPLIES = "applies"
    DOES_NOT_APPLY = "does_not_apply"
    NEEDS_INFORMATION = "needs_information"
    SWITCHED_OFF = "switched_off"  # claimed, but the organisation does not run this scheme


@dataclass(frozen=True)
class SchemeOutcome:
    scheme_id: str
    scheme_name: str
    status: SchemeStatus
    reason: str
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def applies(self) -> bool:
        return self.status is SchemeStatus.APPLIES


Verdict = tuple[SchemeStatus, str]


def add_months(day: date, months: int) -> date:
    """Calendar months later (earlier if negative); the 29th-31st clamp to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def age_on(birth: date, day: date) -> int:
    """Whole years; someone born on 29 February turns a year older on 1 March in other years."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def reference_date(received: date | None, closing: date | None) -> date | None:
    return received or closing


@dataclass(frozen=True)
class GuaranteedInterviewScheme:
    id: str
    name: str
    explanation: str
    claimed: Callable[[Declarations], bool]
    condition: Callable[[Declarations, GuaranteedInterviewPolicy, date | None], Verdict]
    enabled: Callable[[GuaranteedInterviewPolicy], bool]
    parameters: Callable[[GuaranteedInterviewPolicy], dict[str, Any]]


# --- Disability (Disability Confident: "offer an interview") ---------------------------------


def _disability(d: Declarations, policy: GuaranteedInterviewPolicy, ref: date | None) -> Verdict:
    return (
        SchemeStatus.APPLIES,
        "indicated a disability on the form and wishes to be considered",
    )


DISABILITY = GuaranteedInterviewScheme(
    id="disability",
    name="Disability Confident",
    explanation=(
        "Applicants who indicate a disability and meet the minimum criteria are offered an "
        "interview. In a very high-volume campaign (volume_mode 'limited') the number may be "
        "capped, inviting the disabled applicants who best meet the minimum criteria."
    ),
    claimed=lambda d: d.disability,
    condition=_disability,
    enabled=lambda p: p.disability.enabled,
    parameters=lambda p: {"volume_mode": p.disability.volume_mode},
)


# --- Care leavers -----------------------------------------------------------------------------


def _care_leaver(d: Declarations, policy: GuaranteedInterviewPolicy, ref: date | None) -> Verdict:
    limit = policy.care_leaver.max_age
    if limit is None:
        return SchemeStatus.APPLIES, "told us at application time of being a care leaver"
    if d.date_of_birth is None or ref is None:
        missing = "date of birth" if d.date_of_birth is None else "date received or closing date"
        return (
            SchemeStatus.NEEDS_INFORMATION,
            f"is a care leaver, but the {missing} is missing and the scheme has an age limit of {limit}",
        )
    age = age_on(d.date_of_birth, ref)
    inclusive = policy.care_leaver.max_age_inclusive
    within = age <= limit if inclusive else age < limit
    bound = f"{limit} or under" if inclusive else f"under {limit}"
    if within:
        return SchemeStatus.APPLIES, f"is a care leaver aged {age} on {_day(ref)} ({bound})"
    return (
        SchemeStatus.DOES_NOT_APPLY,
        f"is a care leaver but was {age} on {_day(ref)}; the scheme is for those {bound}",
    )


CARE_LEAVER = GuaranteedInterviewScheme(
    id="care_leaver",
    name="Care leavers",
    explanation=(
        "Care leavers who tell us at application time and meet the minimum criteria are offered "
        "an interview; an organisation may set a maximum age."
    ),
    claimed=lambda d: d.care_leaver,
    condition=_care_leaver,
    enabled=lambda p: p.care_leaver.enabled,
    parameters=lambda p: {
        "max_age": p.care_leaver.max_age,
        "max_age_inclusive": p.care_leaver.max_age_inclusive,
    },
)


# --- Armed forces (Armed Forces Covenant) -------------------------------------------------------


def _armed_forces(d: Declarations, policy: GuaranteedInterviewPolicy, ref: date | None) -> Verdict:
    p = policy.armed_forces
    spouse = d.armed_forces_relationship is Relationship.SPOUSE_OR_CIVIL_PARTNER
    if d.armed_forces_status is ArmedForcesStatus.NONE:
        return (
            SchemeStatus.NEEDS_INFORMATION,
            "asked to be considered under the armed forces scheme but gave no service status "
            "(serving or left)",
        )
    if d.armed_forces_opt_in is not True:
        if d.armed_forces_opt_in is None:
            return (
                SchemeStatus.NEEDS_INFORMATION,
                "declared armed forces service but did not say whether they wish to be "
                "considered under the guaranteed interview scheme",
            )
        return (
            SchemeStatus.DOES_NOT_APPLY,
            "declared armed forces service but did not ask to be considered under the scheme",
        )
    if spouse and not p.spouses_count:
        return (
            SchemeStatus.DOES_NOT_APPLY,
            "declared a spouse's or civil partner's service, which this policy does not cover",
        )
    if d.armed_forces_reservist and not p.reservists_count:
        return (
            SchemeStatus.DOES_NOT_APPLY,
            "declared reservist service, which this policy does not cover",
        )
    if p.must_be_last_long_term_employer and d.armed_forces_last_long_term_employer is not True:
        if d.armed_forces_last_long_term_employer is None:
            return (
                SchemeStatus.NEEDS_INFORMATION,
                "did not say whether the armed forces were the last long-term employer, which "
                "this policy requires",
            )
        return (
            SchemeStatus.DOES_NOT_APPLY,
            "said the armed forces were not the last long-term employer, which this policy "
            "requires",
        )
    serving = d.armed_forces_status is ArmedForcesStatus.SERVING
    if d.armed_forces_date is None:
        what = "expected discharge date" if serving else "date of leaving"
        return SchemeStatus.NEEDS_INFORMATION, f"declared armed forces service without the {what}"
    if ref is None:
        return (
            SchemeStatus.NEEDS_INFORMATION,
            "has neither a date received nor a closing date, so the armed forces windows "
            "cannot be checked",
        )

    when = d.armed_forces_date
    member = "has a spouse or civil partner" if spouse else "is"
    if serving and when >= ref:
        window_opens = when - timedelta(weeks=p.serving_window_weeks)
        subject = f"{member} serving in the armed forces"
        if ref >= window_opens:
            return (
                SchemeStatus.APPLIES,
                f"{subject}, within {p.serving_window_weeks} weeks of discharge on {_day(when)}",
            )
        return (
            SchemeStatus.DOES_NOT_APPLY,
            f"{subject} with discharge on {_day(when)}, more than "
            f"{p.serving_window_weeks} weeks after {_day(ref)}",
        )

    # Left (or "serving" with a discharge date already past: assessed as having left).
    who = "has a spouse or civil partner who left" if spouse else "left"
    past = " (the discharge date has passed)" if serving else ""
    if d.armed_forces_long_term is None:
        return (
            SchemeStatus.NEEDS_INFORMATION,
            f"{who} the armed forces{past} but did not say whether it was long-term employment",
        )
    if not d.armed_forces_long_term:
        return (
            SchemeStatus.DOES_NOT_APPLY,
            f"{who} the armed forces{past}, but not from long-term employment",
        )
    last_day = add_months(when, p.leaver_window_months)
    window = _months_in_words(p.leaver_window_months)
    if ref <= last_day:
        return (
            SchemeStatus.APPLIES,
            f"{who} long-term service in the armed forces on {_day(when)}{past}, within {window}",
        )
    return (
        SchemeStatus.DOES_NOT_APPLY,
        f"{who} the armed forces on {_day(when)}{past}, more than {window} before {_day(ref)}",
    )


WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _months_in_words(months: int) -> str:
    if months % 12 == 0:
        years = months // 12
        word = WORDS[years] if years < len(WORDS) else str(years)
        return f"{word} year" if years == 1 else f"{word} years"
    return f"{months} months"


ARMED_FORCES = GuaranteedInterviewScheme(
    id="armed_forces",
    name="Armed Forces Covenant",
    explanation=(
        "Offered to applicants who (or whose spouse or civil partner) are serving and within "
        "the serving window before discharge, or left long-term service within the leaver "
        "window, who confirm they wish to be considered and meet the minimum criteria."
    ),
    claimed=lambda d: (
        d.armed_forces_opt_in is True or d.armed_forces_status is not ArmedForcesStatus.NONE
    ),
    condition=_armed_forces,
    enabled=lambda p: p.armed_forces.enabled,
    parameters=lambda p: p.armed_forces.model_dump(mode="json"),
)


SCHEMES: tuple[GuaranteedInterviewScheme, ...] = (DISABILITY, CARE_LEAVER, ARMED_FORCES)


def further_scheme(scheme: FurtherScheme) -> GuaranteedInterviewScheme:
    """An organisation's own scheme: the declaration is the condition."""
    return GuaranteedInterviewScheme(
        id=scheme.id,
        name=scheme.name,
        explanation=scheme.explanation,
        claimed=lambda d: scheme.id in d.further_schemes,
        condition=lambda d, p, ref: (SchemeStatus.APPLIES, f"declared: {scheme.declaration}"),
        enabled=lambda p: True,
        parameters=lambda p: {"declaration": scheme.declaration},
    )


def schemes_of(policy: GuaranteedInterviewPolicy) -> tuple[GuaranteedInterviewScheme, ...]:
    return SCHEMES + tuple(further_scheme(s) for s in policy.further_schemes)


def assess_schemes(
    declarations: Declarations,
    policy: GuaranteedInterviewPolicy,
    reference: date | None,
    schemes: tuple[GuaranteedInterviewScheme, ...] | None = None,
) -> tuple[SchemeOutcome, ...]:
    """The outcome of every scheme the applicant claimed (unclaimed schemes are left out).
    `schemes` is `schemes_of(policy)`, passed in when assessing many applications."""
    outcomes = []
    for scheme in schemes if schemes is not None else schemes_of(policy):
        if not scheme.claimed(declarations):
            continue
        if not scheme.enabled(policy):
            status, reason = SchemeStatus.SWITCHED_OFF, "the organisation does not run this scheme"
        else:
            status, reason = scheme.condition(declarations, policy, reference)
        outcomes.append(
            SchemeOutcome(scheme.id, scheme.name, status, reason, scheme.parameters(policy))
        )
    return tuple(outcomes)
