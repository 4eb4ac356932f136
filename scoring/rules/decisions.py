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

from scoring.rules.guaranteed_interview import SchemeOutcome
from scoring.rules.outcomes import Outcome
from scoring.rules.recommendation import Decision
from scoring.rules.score_checks import check_drawn_version
from scoring.rules.shortlist import ShortlistResult

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
    merit_rank: int | None = None  # the engine's merit rank, whatever a person decided

    @property
    def overridden(self) -> bool:
        return self.override_reason is not None

    @property
    def is_invited(self) -> bool:
        """On the invite side of the workbook: shortlisted, or still for a person to decide."""
        return self.decision.is_shortlisted or not self.decision.is_settled


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


# A person's decision that takes an application out of the open competition: it keeps no
# merit rank (ranks are the merit ranking's alone, so they never repeat).
OUT_OF_COMPETITION = frozenset({Outcome.WITHDRAWN, Outcome.SHORTLISTED_IN_PRIORITY_ROUND})


def merge_decisions(
    result: ShortlistResult, stored: Mapping[str, PersonsDecision], *, finalised: bool
) -> tuple[FinalDecision, ...]:
    """One FinalDecision per application: the ranked by merit rank, then the rest, each in the
    engine's order. A rank is the engine's merit rank or none: a person's decision never gives
    one (and one that takes an application out of the competition takes its rank away)."""
    merged = [_merge(d, stored.get(d.application_id), finalised) for d in result.decisions]
    return tuple(sorted(merged, key=lambda d: (d.rank is None, d.rank or 0)))


def _merge(d: Decision, person: PersonsDecision | None, finalised: bool) -> FinalDecision:
    decision, reason, rank = d.decision, d.reason, d.rank
    if person is not None:
        decision = person.decision
        if finalised and person.signed_off_reason:
            reason = person.signed_off_reason
        elif person.override_reason:
            reason = persons_reason(person, d)
        if decision in OUT_OF_COMPETITION:
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
        merit_rank=d.rank,
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
