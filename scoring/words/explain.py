"""Plain-English reasons for decisions, fit to send to an applicant as feedback."""

from __future__ import annotations

from collections.abc import Sequence

from criteria.policy import GuaranteedInterviewPolicy, InterviewScheme
from criteria.policy_minimum import EveryEssential
from criteria.schema import Criterion
from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus, routes_in_words
from scoring.rules.scheme import Scale
from scoring.words.minimum_asked import minimum_in_words
from scoring.words.scheme_names import the_scheme, the_schemes


def policy_lines(policy: GuaranteedInterviewPolicy) -> list[str]:
    """The policy in HR's words: each scheme in order of precedence with its routes; or that
    none is recorded."""
    if policy.records_no_scheme:
        return [
            "No guaranteed-interview or priority scheme is recorded for this organisation: "
            "no applicant is offered an interview under a scheme. " + policy.source
        ]
    lines = []
    for n, scheme in enumerate(policy.schemes, start=1):
        kind = (
            "priority: considered first, in a ring-fenced round"
            if scheme.is_priority
            else "an interview for those who meet the minimum criteria"
        )
        if not isinstance(scheme.minimum, EveryEssential):
            kind = own_minimum_kind(scheme)
        routes = routes_in_words(scheme)
        high_volume = " High-volume mode allowed." if scheme.volume_mode == "limited" else ""
        lines.append(f"{n}. {scheme.name} ({kind}): {routes}.{high_volume}")
    return lines


def own_minimum_kind(scheme: InterviewScheme) -> str:
    """A scheme with a minimum of its own, as the policy's lines say it."""
    who = f"for those who meet its minimum, {minimum_in_words(scheme.minimum)}"
    if scheme.is_priority:
        return f"priority: considered first, in a ring-fenced round, {who}"
    return f"an interview {who}"


def number(value: float) -> str:
    """12.0 -> "12", 12.5 -> "12.5"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def in_sentence(text: str) -> str:
    """A criterion's text after a comma: its first word lowercased only when it is an ordinary
    capitalised word ("An understanding" -> "an understanding"); an abbreviation ("ICT
    literate", "NVQ Level 3") or a name ("Chartered Institute of Housing") keeps its capitals."""
    words = text.split(" ", 2)
    first = words[0]
    ordinary = first[:1].isupper() and (first[1:].islower() or first == "A")
    named = len(words) > 1 and words[1][:1].isupper()
    return first[0].lower() + text[1:] if ordinary and not named else text


def criterion_ref(c: Criterion, *, essential: bool = True) -> str:
    kind = "essential criterion" if essential else "criterion"
    if c.number is not None:
        return f"{kind} {c.number}, {in_sentence(c.text)}"
    return f"the {kind} '{c.text}'"


def failed_essential_phrase(c: Criterion, score: float, scale: Scale, threshold: int) -> str:
    label = scale.label(int(score))
    if score == scale.minimum and label == "no evidence":
        return f"the panel found no evidence for {criterion_ref(c)}"
    return (
        f"{criterion_ref(c)} was scored {number(score)} ({label}) against the "
        f"{threshold} ({scale.label(threshold)}) needed"
    )


def failed_reason(phrases: Sequence[str]) -> str:
    return "Not shortlisted: " + "; ".join(phrases) + "."


def scheme_note(outcomes: Sequence[SchemeOutcome]) -> str:
    """Every claimed scheme, for an applicant who does not meet the minimum criteria."""
    applying = [
        o.scheme_name
        for o in outcomes
        if o.status is SchemeStatus.APPLIES and o.minimum_figure is None  # the default minimum
    ]
    note = ""
    if applying:
        verb = "applies" if len(applying) == 1 else "apply"
        note = (
            f" {the_schemes(applying, start=True)} {verb} only to applicants who meet every "
            "application-stage essential criterion."
        )
    return note + scheme_not_applied_note(outcomes)


def scheme_not_applied_note(
    outcomes: Sequence[SchemeOutcome], answered: SchemeOutcome | None = None
) -> str:
    """Why each claimed scheme gave no interview (the route or condition that failed, or the
    fact it needs), so that every claim is answered; `answered`, the scheme that gave the
    interview, is said elsewhere (and beside it, any other that applies)."""
    notes = []
    for o in outcomes:
        if o is answered:
            continue
        if o.own_minimum_not_met and o.status is SchemeStatus.APPLIES:
            notes.append(
                f" {the_scheme(o.scheme_name, start=True)} applies, but its minimum is not met: "
                f"{o.minimum_figure}."
            )
        elif o.own_minimum_not_met and o.status is SchemeStatus.NEEDS_INFORMATION:
            notes.append(
                f" {the_scheme(o.scheme_name, start=True)}'s minimum is not met "
                f"({o.minimum_figure}), so whether it applies cannot change the decision."
            )
        elif o.status is SchemeStatus.APPLIES and answered is not None:
            notes.append(f" Also eligible under {the_scheme(o.scheme_name)}.")
        elif o.status is SchemeStatus.DOES_NOT_APPLY:
            notes.append(f" {the_scheme(o.scheme_name, start=True)} did not apply: {o.reason}.")
        elif o.status is SchemeStatus.NEEDS_INFORMATION:
            facts = "; ".join(o.missing) or o.reason
            notes.append(
                f" {the_scheme(o.scheme_name, start=True)} is not decided: missing {facts}."
            )
        elif o.status is SchemeStatus.SWITCHED_OFF:
            notes.append(f" The applicant {o.reason}.")
    return "".join(notes)


def merit_reason(total: float, rank: int, pool: int, outcomes: Sequence[SchemeOutcome]) -> str:
    also = [
        o.scheme_name
        for o in outcomes
        if o.status is SchemeStatus.APPLIES and o.minimum_met is not False
    ]
    extra = f" Also eligible under {' and '.join(also)}." if also else ""
    return (
        f"Shortlisted on merit: meets every essential criterion; total {number(total)}, "
        f"ranked {rank} of {pool}.{extra}{scheme_not_applied_note(outcomes)}"
    )


def route_sentence(outcome: SchemeOutcome) -> str:
    """ "the Armed Forces Covenant scheme (serving and within 12 weeks of discharge): serving in
    the armed forces, ..." - the scheme, the route that applied and what was found."""
    return f"{the_scheme(outcome.scheme_name)} ({outcome.route_name}): {outcome.reason}"


def scheme_reason(
    total: float,
    rank: int,
    pool: int,
    outcome: SchemeOutcome,
    tied: bool,
    outcomes: Sequence[SchemeOutcome] = (),
) -> str:
    where = "tied at the cut-off" if tied else f"ranked {rank} of {pool}"
    return (
        f"Offered an interview under {route_sentence(outcome)}; meets every application-stage "
        f"essential criterion (total {number(total)}, {where} on merit)."
        + scheme_not_applied_note(outcomes, outcome)
    )


def priority_reason(
    total: float | None, outcome: SchemeOutcome, outcomes: Sequence[SchemeOutcome] = ()
) -> str:
    scored = f" (total {number(total)})" if total is not None else ""
    return (
        "Considered first, in the ring-fenced priority round before open competition, under "
        f"{route_sentence(outcome)}; meets every application-stage essential criterion{scored}."
        + scheme_not_applied_note(outcomes, outcome)
    )


def tie_reason(total: float, tied_with: int, places: int) -> str:
    others = "1 other" if tied_with == 1 else f"{tied_with} others"
    last = "the last place" if places == 1 else f"the last {places} places"
    return f"Tied at the cut-off: total {number(total)}, level with {others} for {last}; the panel decides."


def below_cut_off_reason(total: float, cut_off: float | None, slots: int | None) -> str:
    if cut_off is None or slots is None:
        return (
            "Not shortlisted: meets every essential criterion, but the total of "
            f"{number(total)} is below the cut-off."
        )
    places = "interview place" if slots == 1 else "interview places"
    return (
        f"Not shortlisted: meets every essential criterion, but the total of {number(total)} "
        f"is below the cut-off of {number(cut_off)} for {slots} {places}."
    )


def below_pass_mark_reason(total: float, pass_mark: float) -> str:
    return (
        f"Not shortlisted: meets every essential criterion, but the total of {number(total)} "
        f"is below the pass mark of {number(pass_mark)}."
    )


def limited_places_reason(total: float, places: int, recorded_reason: str | None) -> str:
    if places == 0:
        return (
            f"Not shortlisted: meets every essential criterion (total {number(total)}), but in "
            "this high-volume campaign no Disability Confident interviews were offered "
            f"(recorded reason: {recorded_reason or 'none recorded'}), and on merit the total is "
            "below the cut-off."
        )
    who = "the disabled applicant" if places == 1 else f"the {places} disabled applicants"
    return (
        f"Not shortlisted: meets every essential criterion (total {number(total)}), but in this "
        f"high-volume campaign Disability Confident interviews were offered to {who} who best "
        "met the minimum criteria, by their scores, and on merit the total is below the cut-off."
    )


def needs_information_reason(outcome: SchemeOutcome, outcomes: Sequence[SchemeOutcome] = ()) -> str:
    facts = "; ".join(outcome.missing) or outcome.reason
    # A fact about the vacancy (its `covers`) is HR's to record, not the applicant's to give.
    on_vacancy = len(outcome.vacancy_missing)
    ask = (
        "Record it on the vacancy (Vacancies page, Change a vacancy)"
        if on_vacancy and on_vacancy == len(outcome.missing)
        else "Ask the applicant, and record the vacancy's facts on the vacancy,"
        if on_vacancy
        else "Ask the applicant"
    )
    return (
        f"Needs information: meets every essential criterion but is not shortlisted on merit, "
        f"and {the_scheme(outcome.scheme_name)} cannot be decided without {facts}. "
        f"{ask} before the shortlist is finalised." + scheme_not_applied_note(outcomes, outcome)
    )


def incomplete_reason(missing: Sequence[Criterion]) -> str:
    refs = ", ".join(criterion_ref(c, essential=c.is_essential) for c in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    return f"Scoring incomplete: no agreed score yet for {refs}{more}."


WITHDRAWN_REASON = "Withdrawn by the applicant."
