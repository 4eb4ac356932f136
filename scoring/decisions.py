"""The one decision each application has: the engine's recommendation merged with what a
person decided. Every screen, workbook, feedback sheet and chart shows this, so they can never
disagree about an application's decision, rank or reason.

A person's decision replaces the recommendation; its reason says what they decided, who decided
it and why, and what the tool had recommended. Once a shortlist is finalised, the reason signed
off is kept as it was signed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from scoring.errors import ReasonRequired, UnknownDecision
from scoring.guaranteed_interview import SchemeOutcome
from scoring.score_checks import check_drawn_version
from scoring.shortlist import PERSON_DECISIONS, Decision, Outcome, ShortlistResult

MIN_REASON = 10


@dataclass(frozen=True)
class PersonsDecision:
    """What a person recorded for one application: an override (with its reason), or the
    sign-off of the recommendation when the shortlist was finalised."""

    application_id: str
    decision: Outcome
    recommended: Outcome  # the tool's recommendation when the person decided
    override_reason: str | None
    signed_off_reason: str | None  # the reason as signed off at finalising
    decided_by: str
    decided_at: datetime
    version: int


@dataclass(frozen=True)
class FinalDecision:
    application_id: str
    decision: Outcome
    recommended: Outcome  # the tool's recommendation now
    recommendation_reason: str
    reason: str
    rank: int | None
    total: float | None
    schemes: tuple[str, ...]  # names of the schemes that apply
    scheme_outcomes: tuple[SchemeOutcome, ...]
    failed_essentials: tuple[str, ...]
    meets_minimum: bool | None
    provisional: bool
    decided_by: str | None  # a person's decision, else None
    override_reason: str | None
    version: int | None  # of the person's decision (None: none recorded)

    @property
    def overridden(self) -> bool:
        return self.override_reason is not None

    @property
    def is_invited(self) -> bool:
        """On the invite side of the workbook: shortlisted, or still for a person to decide."""
        return self.decision.is_shortlisted or not self.decision.is_settled


def check_override(decision: str, reason: str) -> Outcome:
    """A person's decision: one of PERSON_DECISIONS, with a reason of at least a sentence."""
    try:
        outcome = Outcome(decision)
    except ValueError:
        outcome = None
    if outcome not in PERSON_DECISIONS:
        choices = ", ".join(o.value for o in PERSON_DECISIONS)
        raise UnknownDecision(f"'{decision}' is not a decision; choose one of: {choices}.")
    if len(reason.strip()) < MIN_REASON:
        raise ReasonRequired("Every override needs a reason (at least a sentence) for the record.")
    assert outcome is not None
    return outcome


def check_decision_version(
    application_id: str, drawn: int | None, stored: PersonsDecision | None
) -> None:
    check_drawn_version(
        drawn,
        stored.version if stored else None,
        what=f"the decision for {application_id}",
        current=stored,
        now=stored.decision.label.lower() if stored else "the tool's recommendation",
    )


def merge_decisions(
    result: ShortlistResult, stored: Mapping[str, PersonsDecision], *, finalised: bool
) -> tuple[FinalDecision, ...]:
    """One FinalDecision per application, in the engine's order."""
    pool_totals = sorted(
        (d.total for d in result.decisions if d.rank is not None and d.total is not None),
        reverse=True,
    )
    return tuple(
        _merge(d, stored.get(d.application_id), finalised, pool_totals) for d in result.decisions
    )


def _merge(
    d: Decision, person: PersonsDecision | None, finalised: bool, pool_totals: list[float]
) -> FinalDecision:
    decision, reason, rank = d.decision, d.reason, d.rank
    if person is not None:
        decision = person.decision
        if finalised and person.signed_off_reason:
            reason = person.signed_off_reason
        elif person.override_reason:
            reason = persons_reason(person, d)
        if rank is None and decision.is_shortlisted and d.total is not None:
            rank = 1 + sum(t > d.total for t in pool_totals)  # where the total stands on merit
        if decision is Outcome.WITHDRAWN:
            rank = None
    return FinalDecision(
        application_id=d.application_id,
        decision=decision,
        recommended=d.decision,
        recommendation_reason=d.reason,
        reason=reason,
        rank=rank,
        total=d.total,
        schemes=tuple(o.scheme_name for o in d.scheme_outcomes if o.applies),
        scheme_outcomes=d.scheme_outcomes,
        failed_essentials=d.failed_essentials,
        meets_minimum=d.meets_minimum,
        provisional=d.provisional,
        decided_by=person.decided_by if person else None,
        override_reason=person.override_reason if person else None,
        version=person.version if person else None,
    )


def persons_reason(person: PersonsDecision, recommendation: Decision) -> str:
    """'Shortlisted on merit: decided by Hilary Hughes on 3 February 2026, because ... The tool
    had recommended: Not shortlisted: ...'"""
    why = (person.override_reason or "").strip().rstrip(".")
    when = f"{person.decided_at:%d %B %Y}".lstrip("0")
    same = person.decision is recommendation.decision
    had = "The tool recommended the same" if same else "The tool had recommended"
    return (
        f"{person.decision.label}: decided by {person.decided_by} on {when}, because {why}. "
        f"{had}: {recommendation.reason}"
    )
