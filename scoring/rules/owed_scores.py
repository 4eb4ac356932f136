"""The scores a member owes, and whether they may submit: one rule for their own progress, HR's
progress board and their submission. Which applications they score at all is
scoring/rules/who_scores.py's rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from scoring.errors import AlreadySubmitted, ScoresOutstanding
from scoring.rules.who_scores import Listed, applications_a_member_scores
from scoring.words.counts import counted


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
    applications: Sequence[Listed],
    *,
    conflicted: AbstractSet[str],
    scored: Mapping[str, int],
    criteria: int,
) -> tuple[Owed, ...]:
    """For each application the member scores (`applications_a_member_scores`), how many of
    the `criteria` scored at shortlisting they have scored. `conflicted` holds the panel codes
    they declared a conflict with; `scored` counts their scores per panel code on those
    criteria."""
    return tuple(
        Owed(a.panel_code, min(scored.get(a.panel_code, 0), criteria), criteria)
        for a in applications_a_member_scores(applications, conflicted=conflicted)
    )


def still_owed(owed: Sequence[Owed]) -> int:
    return sum(o.expected - o.scored for o in owed)


@dataclass(frozen=True, slots=True)
class MaySubmit:
    """Whether a member may submit their scores now, and what they still owe."""

    submitted: bool
    still_owed: int  # scores still to give
    given: int  # scores given on the applications they score

    @property
    def allowed(self) -> bool:
        return not self.submitted and self.still_owed == 0


def may_submit(*, submitted: bool, owed: Sequence[Owed]) -> MaySubmit:
    return MaySubmit(submitted, still_owed(owed), sum(o.scored for o in owed))


def check_not_submitted(*, submitted: bool, member: str | None = None) -> None:
    """The one refusal once a member has submitted: no second submission, no score changed
    (changes go through moderation). `member` names them when someone else (HR returning their
    sheet) acts for them."""
    if submitted:
        who = f"{member} has submitted their" if member else "You have submitted your"
        raise AlreadySubmitted(f"{who} scores; changes now go through moderation.")


def check_may_submit(*, submitted: bool, owed: Sequence[Owed]) -> MaySubmit:
    """Refuse a submission made twice, or before every score owed is given."""
    state = may_submit(submitted=submitted, owed=owed)
    check_not_submitted(submitted=state.submitted)
    if state.still_owed:
        raise ScoresOutstanding(
            f"{counted(state.still_owed, 'score')} still to give before you can submit."
        )
    return state
