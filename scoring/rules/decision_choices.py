"""Which decisions a person may record for one application, under this vacancy's policy.

The tool recommends; a person may decide otherwise, but only in words that are true:
- "Considered first: priority round" only under a priority scheme the policy lists and the
  applicant claimed, and only if they pass that scheme's minimum (by default the minimum
  criteria; scoring/rules/scheme_minimum.py), as the recommendation asks;
- "Shortlisted under a guaranteed-interview scheme" only under a scheme the policy lists and the
  applicant claimed, and only if they pass that scheme's minimum;
- "Shortlisted on merit" only for an application the merit ranking places at or around the
  cut-off (recommended on merit, or tied there);
- any other interview is "Shortlisted by a person's decision": an applicant who failed an
  essential, or ranked below the cut-off, reaches interview only that way, labelled so everywhere;
- "Not shortlisted" and "Withdrawn" are always open.
An application that was withdrawn when it arrived takes no decision."""

from __future__ import annotations

from scoring.errors import DecisionNotOpen, ReasonRequired, UnknownDecision
from scoring.rules.decisions import MIN_REASON, FinalDecision
from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus
from scoring.rules.outcomes import PERSON_DECISIONS, Outcome

CLAIMED = frozenset(
    {SchemeStatus.APPLIES, SchemeStatus.NEEDS_INFORMATION, SchemeStatus.DOES_NOT_APPLY}
)  # SWITCHED_OFF: declared, but the policy has no such scheme


def _claimed(outcome: SchemeOutcome) -> bool:
    return outcome.status in CLAIMED


def passes_minimum(outcome: SchemeOutcome, d: FinalDecision) -> bool:
    """The applicant passes the scheme's own minimum (scoring/rules/scheme_minimum.py); where it
    was not judged, the minimum criteria."""
    if outcome.minimum_met is not None:
        return outcome.minimum_met
    return d.meets_minimum is True


def _open_schemes(d: FinalDecision, *, priority: bool) -> list[SchemeOutcome]:
    """The claimed schemes of this kind whose minimum the applicant passes."""
    return [
        o
        for o in d.scheme_outcomes
        if _claimed(o) and o.is_priority is priority and passes_minimum(o, d)
    ]


def decisions_open_to(d: FinalDecision) -> tuple[Outcome, ...]:
    """The decisions a person may record for this application, in PERSON_DECISIONS' order."""
    if d.recommended is Outcome.WITHDRAWN:
        return ()
    meets = d.meets_minimum is True
    open_: set[Outcome] = {Outcome.NOT_SHORTLISTED, Outcome.WITHDRAWN}
    if _open_schemes(d, priority=True):
        open_.add(Outcome.SHORTLISTED_IN_PRIORITY_ROUND)
    if _open_schemes(d, priority=False):
        open_.add(Outcome.SHORTLISTED_UNDER_SCHEME)
    if (
        meets
        and d.merit_rank is not None
        and d.recommended
        in (
            Outcome.SHORTLISTED_ON_MERIT,
            Outcome.TIED_AT_CUT_OFF,
        )
    ):
        open_.add(Outcome.SHORTLISTED_ON_MERIT)
    if not d.recommended.is_shortlisted:
        open_.add(Outcome.SHORTLISTED_BY_DECISION)
    return tuple(o for o in PERSON_DECISIONS if o in open_)


def why_not_open(d: FinalDecision, wanted: Outcome) -> str:
    """Why `wanted` is not a decision this application can have, in the person's words."""
    if d.recommended is Outcome.WITHDRAWN:
        return f"{d.application_id} was withdrawn when it arrived; it takes no decision."
    if wanted is Outcome.SHORTLISTED_IN_PRIORITY_ROUND:
        if not any(o.is_priority and _claimed(o) for o in d.scheme_outcomes):
            return (
                f"{d.application_id} claimed no priority scheme this vacancy's policy lists, so it "
                "cannot be considered in a priority round."
            )
    if wanted in (Outcome.SHORTLISTED_IN_PRIORITY_ROUND, Outcome.SHORTLISTED_UNDER_SCHEME):
        if wanted is Outcome.SHORTLISTED_UNDER_SCHEME and not any(
            not o.is_priority and _claimed(o) for o in d.scheme_outcomes
        ):
            return (
                f"{d.application_id} claimed no guaranteed-interview scheme this vacancy's policy "
                "lists."
            )
        priority = wanted is Outcome.SHORTLISTED_IN_PRIORITY_ROUND
        if not _open_schemes(d, priority=priority):
            return _minimum_not_met(d, priority)
    if wanted is Outcome.SHORTLISTED_ON_MERIT:
        return (
            f"{d.application_id} is not placed for interview by the merit ranking; to interview it, "
            f'choose "{Outcome.SHORTLISTED_BY_DECISION.label}".'
        )
    if wanted is Outcome.SHORTLISTED_BY_DECISION:
        return f"{d.application_id} is shortlisted already ({d.recommended.label.lower()})."
    return f"{wanted.label} is not a decision {d.application_id} can have."


def _minimum_not_met(d: FinalDecision, priority: bool) -> str:
    """Why no claimed scheme of this kind opens its route: each scheme's figure against its own
    minimum, else the minimum criteria."""
    own = [
        f"{o.scheme_name}: {o.minimum_figure}"
        for o in d.scheme_outcomes
        if _claimed(o) and o.is_priority is priority and o.minimum_figure is not None
    ]
    what = f"its scheme's minimum ({'; '.join(own)})" if own else "the minimum criteria"
    return (
        f"{d.application_id} does not meet {what}, so no scheme gives it an interview; a person "
        f'may still shortlist it, as "{Outcome.SHORTLISTED_BY_DECISION.label}".'
    )


def check_override(decision: str, reason: str, current: FinalDecision) -> Outcome:
    """A person's decision for `current`: one the policy and the application allow, with a
    reason of at least a sentence."""
    try:
        outcome = Outcome(decision)
    except ValueError:
        outcome = None
    if outcome is None or outcome not in PERSON_DECISIONS:
        choices = ", ".join(f'"{o.label}"' for o in decisions_open_to(current))
        raise UnknownDecision(
            f"'{decision}' is not a decision; choose one of: {choices or 'none'}."
        )
    if outcome not in decisions_open_to(current):
        raise DecisionNotOpen(why_not_open(current, outcome))
    if len(reason.strip()) < MIN_REASON:
        raise ReasonRequired("Every override needs a reason (at least a sentence) for the record.")
    return outcome
