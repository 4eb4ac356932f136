"""Which applications a panel member scores: one rule for every place that needs it (the check
on each score given, what a member owes and may submit, what the panel reads, the scoring
sheet, and the scores moderation expects).

A member scores an application unless it is withdrawn, held (a late application HR has not
released to the panel yet), or they declared a conflict of interest with it. The reason comes
first in that order: a withdrawn application is withdrawn for everyone, whoever declared what."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

from scoring.errors import ApplicationWithdrawn, ConflictOfInterest, DomainError, NotReleased


class Unscored(Enum):
    """Why a member does not score an application."""

    WITHDRAWN = "withdrawn"
    HELD = "held"
    CONFLICTED = "conflicted"


def why_not_scored(*, withdrawn: bool, held: bool, conflicted: bool) -> Unscored | None:
    """The rule itself: None when the member scores the application, else why not.
    `conflicted`: the member declared a conflict of interest with it."""
    if withdrawn:
        return Unscored.WITHDRAWN
    if held:
        return Unscored.HELD
    if conflicted:
        return Unscored.CONFLICTED
    return None


def is_scored_by_member(*, withdrawn: bool, held: bool, conflicted: bool) -> bool:
    return why_not_scored(withdrawn=withdrawn, held=held, conflicted=conflicted) is None


class Listed(Protocol):
    """An application as the rule sees it (storage's ApplicationRef is one)."""

    @property
    def panel_code(self) -> str: ...
    @property
    def withdrawn(self) -> bool: ...
    @property
    def held(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Listing:
    """A plain `Listed`: for tests and for callers that hold the facts apart."""

    panel_code: str
    withdrawn: bool = False
    held: bool = False


L = TypeVar("L", bound=Listed)


def applications_a_member_scores(
    applications: Iterable[L], *, conflicted: AbstractSet[str]
) -> list[L]:
    """The applications, in their order, that a member with conflicts declared on the panel
    codes `conflicted` scores."""
    return [
        a
        for a in applications
        if is_scored_by_member(
            withdrawn=a.withdrawn, held=a.held, conflicted=a.panel_code in conflicted
        )
    ]


def refusal(reason: Unscored, panel_code: str) -> DomainError:
    """The domain error for a score given to an application the member does not score."""
    if reason is Unscored.WITHDRAWN:
        return ApplicationWithdrawn(f"{panel_code} has been withdrawn; it needs no scores.")
    if reason is Unscored.HELD:
        return NotReleased(
            f"{panel_code} is a late application HR has not released to the panel yet."
        )
    return ConflictOfInterest(
        f"You declared a conflict of interest with {panel_code}; the other panel members score it."
    )


def check_scored_by_member(
    panel_code: str, *, withdrawn: bool, held: bool, conflicted: bool
) -> None:
    """Refuse a score for an application the member does not score, saying why."""
    reason = why_not_scored(withdrawn=withdrawn, held=held, conflicted=conflicted)
    if reason is not None:
        raise refusal(reason, panel_code)
