"""The scores a member owes: one rule for their own progress, HR's progress board and their
submission."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Owed:
    """How far a member is with one application."""

    panel_code: str
    scored: int
    expected: int

    @property
    def done(self) -> bool:
        return self.scored >= self.expected


def scores_owed(
    applications: Sequence[tuple[str, bool]],
    *,
    conflicted: AbstractSet[str],
    scored: Mapping[str, int],
    criteria: int,
) -> tuple[Owed, ...]:
    """For each application a member scores (not withdrawn, no declared conflict), how many of
    the `criteria` scored at shortlisting they have scored. `applications` are (panel code,
    withdrawn); `scored` counts the member's scores per panel code on those criteria."""
    return tuple(
        Owed(code, min(scored.get(code, 0), criteria), criteria)
        for code, withdrawn in applications
        if not withdrawn and code not in conflicted
    )


def still_owed(owed: Sequence[Owed]) -> int:
    return sum(o.expected - o.scored for o in owed)
