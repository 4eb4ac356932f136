"""Whether a scheme covers a vacancy: its `covers` (criteria/policy_covers.py) against what the
vacancy records (scoring/vacancy.py PostFacts), in three values (scoring/rules/findings.py).

A scheme with no `covers` covers every vacancy. A scheme covers a vacancy when every condition
holds; it does not when any condition fails (whatever else is unknown); otherwise a fact the
vacancy does not record is missing, and HR answers it on the vacancy: the rule never guesses
(an advert made before the question was asked is neither internal nor external to it).

For one applicant (`assess_covered_schemes`): a scheme that does not cover the vacancy does not
apply, and says why, for everyone who claimed it; where the vacancy does not record a fact the
scheme's `covers` reads, a scheme whose route holds or still could needs that fact from HR
(`vacancy_missing`); where no route could hold, the vacancy's facts change nothing.

Salary: "up to" reads the top of the post's range, "from" its bottom, both inclusive; a vacancy
recording one figure is paid that figure. Grades and role families are compared as written,
case and spacing aside.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

from criteria.policy import GuaranteedInterviewPolicy, InterviewScheme
from criteria.policy_covers import VacancyCovers, pounds_in_words, same_name
from scoring.applications import Declarations
from scoring.rules.findings import Finding, found, missing, not_met
from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus, assess_schemes
from scoring.vacancy import PostFacts

ADVERTISED = {"external": "advertised externally", "internal": "advertised internally only"}
ASK = "HR records it with the vacancy"


def _one_of(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def covers_in_words(covers: VacancyCovers) -> str:
    """ "posts advertised externally, paid up to £45,000 a year" - what a scheme covers."""
    parts = []
    if covers.advertised:
        parts.append(ADVERTISED[covers.advertised])
    if covers.salary_from is not None and covers.salary_up_to is not None:
        low, high = pounds_in_words(covers.salary_from), pounds_in_words(covers.salary_up_to)
        parts.append(f"paid from {low} up to {high} a year")
    elif covers.salary_from is not None:
        parts.append(f"paid from {pounds_in_words(covers.salary_from)} a year")
    elif covers.salary_up_to is not None:
        parts.append(f"paid up to {pounds_in_words(covers.salary_up_to)} a year")
    if covers.grades:
        parts.append(f"at grade {_one_of(covers.grades)}")
    if covers.role_families:
        parts.append(f"in the {_one_of(covers.role_families)} role family")
    return "posts " + ", ".join(parts)


def _advertised(covers: VacancyCovers, facts: PostFacts) -> Finding | None:
    if covers.advertised is None:
        return None
    if facts.advertised is None:
        return missing(f"how this post is advertised ({ASK})")
    post = f"this post is {ADVERTISED[facts.advertised]}"
    return found(post) if facts.advertised == covers.advertised else not_met(post)


def _salary(covers: VacancyCovers, facts: PostFacts) -> Finding | None:
    if covers.salary_from is None and covers.salary_up_to is None:
        return None
    paid = facts.salary_range
    if paid is None:
        return missing(f"this post's salary ({ASK})")
    low, high = paid
    shown = (
        pounds_in_words(low)
        if low == high
        else f"{pounds_in_words(low)} to {pounds_in_words(high)}"
    )
    post = f"this post is paid {shown} a year"
    fits = (covers.salary_from is None or low >= covers.salary_from) and (
        covers.salary_up_to is None or high <= covers.salary_up_to
    )
    return found(post) if fits else not_met(post)


def _grade(covers: VacancyCovers, facts: PostFacts) -> Finding | None:
    if covers.grades is None:
        return None
    if facts.grade is None:
        return missing(f"this post's grade ({ASK})")
    post = f"this post is at grade {facts.grade}"
    hit = any(same_name(g, facts.grade) for g in covers.grades)
    return found(post) if hit else not_met(post)


def _family(covers: VacancyCovers, facts: PostFacts) -> Finding | None:
    if covers.role_families is None:
        return None
    if facts.role_family is None:
        return missing(f"this post's role family ({ASK})")
    post = f"this post is in the {facts.role_family} role family"
    hit = any(same_name(f, facts.role_family) for f in covers.role_families)
    return found(post) if hit else not_met(post)


@lru_cache(maxsize=256)
def covers_vacancy(covers: VacancyCovers | None, facts: PostFacts) -> Finding:
    """Whether a scheme's `covers` takes in this vacancy. Does not hold: the text says what the
    scheme covers and what this post is ("it covers only posts advertised externally; this post
    is advertised internally only"). Unknown: the text names the vacancy's facts missing."""
    if covers is None:
        return found("it covers every vacancy")
    findings = [
        f
        for f in (
            _advertised(covers, facts),
            _salary(covers, facts),
            _grade(covers, facts),
            _family(covers, facts),
        )
        if f is not None
    ]
    scope = covers_in_words(covers)
    failed = [f.text for f in findings if f.holds is False]
    if failed:
        return not_met(f"it covers only {scope}; {'; '.join(failed)}")
    unknown = [f.text for f in findings if f.holds is None]
    if unknown:
        return missing("; ".join(unknown))
    return found(f"it covers {scope}; " + "; ".join(f.text for f in findings))


def scheme_covers(scheme: InterviewScheme, facts: PostFacts) -> Finding:
    return covers_vacancy(scheme.covers, facts)


def facts_in_words(facts: PostFacts) -> str:
    """ "advertised internally only; salary not recorded; grade Range 4; role family not
    recorded" - what the vacancy records for the schemes' `covers`."""
    paid = facts.salary_range
    salary = (
        "salary not recorded"
        if paid is None
        else f"paid {pounds_in_words(paid[0])}"
        + ("" if paid[0] == paid[1] else f" to {pounds_in_words(paid[1])}")
        + " a year"
    )
    return "; ".join(
        (
            ADVERTISED[facts.advertised]
            if facts.advertised
            else "how it is advertised not recorded",
            salary,
            f"grade {facts.grade}" if facts.grade else "grade not recorded",
            f"role family {facts.role_family}" if facts.role_family else "role family not recorded",
        )
    )


def uncovered_lines(schemes: tuple[InterviewScheme, ...], facts: PostFacts) -> list[str]:
    """For HR (the Shortlist page, the workbook): each scheme that does not cover this vacancy,
    or cannot be told to, and what that means."""
    lines = []
    for scheme in schemes:
        f = scheme_covers(scheme, facts)
        if f.holds is False:
            lines.append(f"{scheme.name}: {f.text}. No interview is offered under it.")
        elif f.holds is None and scheme.covers is not None:
            lines.append(
                f"{scheme.name}: it covers only {covers_in_words(scheme.covers)}, and this "
                f"vacancy does not record {f.text.replace(f' ({ASK})', '')}. Record it on the "
                "Vacancies page (Change a vacancy): until then, applicants claiming the scheme "
                "who are not shortlisted on merit need HR's answer."
            )
    return lines


def covered(outcome: SchemeOutcome, scheme: InterviewScheme, facts: PostFacts) -> SchemeOutcome:
    """One applicant's outcome under a scheme (by its routes), with the scheme's `covers` of
    this vacancy taken into account."""
    cover = scheme_covers(scheme, facts)
    if cover.holds is True:
        return outcome
    if cover.holds is False:
        return replace(
            outcome, status=SchemeStatus.DOES_NOT_APPLY, reason=cover.text, route_id=None,
            route_name=None, missing=(),
        )  # fmt: skip
    if outcome.status is SchemeStatus.DOES_NOT_APPLY:
        return outcome  # no route could hold: the vacancy's facts change nothing
    facts_missing = tuple(cover.text.split("; "))
    known = outcome.missing if outcome.status is SchemeStatus.NEEDS_INFORMATION else ()
    return replace(
        outcome, status=SchemeStatus.NEEDS_INFORMATION,
        reason="missing " + "; ".join((*known, *facts_missing)), route_id=None, route_name=None,
        missing=(*known, *facts_missing), vacancy_missing=facts_missing,
    )  # fmt: skip


def assess_covered_schemes(
    declarations: Declarations,
    policy: GuaranteedInterviewPolicy,
    reference: date | None,
    facts: PostFacts,
) -> tuple[SchemeOutcome, ...]:
    """assess_schemes (scoring/rules/guaranteed_interview.py) for an applicant to this
    vacancy: each scheme's outcome as its `covers` of the vacancy allows."""
    outcomes = assess_schemes(declarations, policy, reference)
    if not any(s.covers is not None for s in policy.schemes):
        return outcomes  # the usual policy: nothing to take into account
    by_id = {s.id: s for s in policy.schemes if s.covers is not None}
    return tuple(
        covered(o, by_id[o.scheme_id], facts)
        if o.scheme_id in by_id and o.status is not SchemeStatus.SWITCHED_OFF
        else o
        for o in outcomes
    )
