"""Shortlist: rank those meeting the minimum criteria, cut at slots and/or a pass mark, add
guaranteed-interview applicants, and give every application a decision with its reason.

Ties at the cut-off are shown as ties for the panel; the order of the input never breaks a tie.
The tool recommends; a person finalises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.applications import Application
from scoring.rules.guaranteed_interview import (
    SchemeOutcome,
    SchemeStatus,
    assess_schemes,
    reference_date,
)
from scoring.rules.minimum_criteria import failed_essentials, meets_minimum_criteria
from scoring.rules.moderation import Moderation, ScoreCube, expected_scores, moderate
from scoring.vacancy import Vacancy
from scoring.words import explain
from scoring.words.counts import counted

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


class Outcome(StrEnum):
    SHORTLISTED_IN_PRIORITY_ROUND = "shortlisted_in_priority_round"
    SHORTLISTED_ON_MERIT = "shortlisted_on_merit"
    SHORTLISTED_UNDER_SCHEME = "shortlisted_under_scheme"
    SHORTLISTED_BY_DECISION = "shortlisted_by_decision"  # a person's call, never the tool's
    TIED_AT_CUT_OFF = "tied_at_cut_off"
    NEEDS_INFORMATION = "needs_information"
    NOT_SHORTLISTED = "not_shortlisted"
    SCORING_INCOMPLETE = "scoring_incomplete"
    WITHDRAWN = "withdrawn"

    @property
    def is_shortlisted(self) -> bool:
        return self in (
            Outcome.SHORTLISTED_IN_PRIORITY_ROUND,
            Outcome.SHORTLISTED_ON_MERIT,
            Outcome.SHORTLISTED_UNDER_SCHEME,
            Outcome.SHORTLISTED_BY_DECISION,
        )

    @property
    def label(self) -> str:
        """The decision in words, as every page, workbook and letter shows it."""
        return DECISION_LABELS[self]

    @property
    def is_settled(self) -> bool:
        """False for what a person must decide before the shortlist is final."""
        return self not in (
            Outcome.TIED_AT_CUT_OFF,
            Outcome.NEEDS_INFORMATION,
            Outcome.SCORING_INCOMPLETE,
        )


DECISION_LABELS = {
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND: "Considered first: priority round",
    Outcome.SHORTLISTED_ON_MERIT: "Shortlisted on merit",
    Outcome.SHORTLISTED_UNDER_SCHEME: "Shortlisted under a guaranteed-interview scheme",
    Outcome.SHORTLISTED_BY_DECISION: "Shortlisted by a person's decision",
    Outcome.TIED_AT_CUT_OFF: "Tied at the cut-off: the panel decides",
    Outcome.NEEDS_INFORMATION: "Needs information",
    Outcome.NOT_SHORTLISTED: "Not shortlisted",
    Outcome.SCORING_INCOMPLETE: "Scoring incomplete",
    Outcome.WITHDRAWN: "Withdrawn",
}
# What a person may decide in place of the recommendation (which of them a given application
# may have is scoring/rules/decision_choices.py's rule).
PERSON_DECISIONS = (
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND,
    Outcome.SHORTLISTED_ON_MERIT,
    Outcome.SHORTLISTED_UNDER_SCHEME,
    Outcome.SHORTLISTED_BY_DECISION,
    Outcome.NOT_SHORTLISTED,
    Outcome.WITHDRAWN,
)


@dataclass(frozen=True, slots=True, eq=False)
class Decision:
    """One application's decision. `failed_essentials` and `reason` are worked out when first
    read (a large vacancy's reasons cost more than its decisions), then kept."""

    application_id: str
    decision: Outcome
    total: float | None
    rank: int | None
    schemes: tuple[str, ...]  # ids of the schemes that apply
    scheme_outcomes: tuple[SchemeOutcome, ...]
    meets_minimum: bool | None
    provisional: bool  # scoring or moderation still open for this application
    _context: _Context = field(repr=False)
    _index: int = field(repr=False)

    @property
    def failed_essentials(self) -> tuple[str, ...]:
        return self._context.failed_ids(self._index)

    @property
    def reason(self) -> str:
        return self._context.reason(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Decision):
            return NotImplemented
        return (self.to_json(), self.scheme_outcomes, self.meets_minimum, self.provisional) == (
            other.to_json(),
            other.scheme_outcomes,
            other.meets_minimum,
            other.provisional,
        )

    __hash__ = None  # type: ignore[assignment]

    def to_json(self) -> dict[str, Any]:
        return {
            "application_id": self.application_id,
            "decision": self.decision.value,
            "schemes": list(self.schemes),
            "total": self.total,
            "rank": self.rank,
            "failed_essentials": list(self.failed_essentials),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Standing:
    """Vectorised standing of every application (arrays over applications)."""

    totals: Floats  # NaN when any scored criterion has no agreed score
    complete: Bools
    failed: Bools  # (A, C)
    meets: Bools
    pool: Bools  # meets the minimum criteria, complete, not withdrawn, not in the priority round
    rank: Ints  # competition rank within the pool (0 outside it)
    equal: Ints  # how many in the pool share this total (incl. itself)
    merit: Bools
    tied: Bools
    passes: Bools
    cut_off: float | None


@dataclass(frozen=True)
class ShortlistResult:
    vacancy: Vacancy
    decisions: tuple[Decision, ...]
    moderation: Moderation
    standing: Standing
    issues: tuple[str, ...] = field(default=())

    @property
    def is_final(self) -> bool:
        """Every score given and every disagreement moderated: the shortlist can be signed off."""
        return not self.issues

    def by_id(self) -> dict[str, Decision]:
        return {d.application_id: d for d in self.decisions}


def rank_in_pool(totals: Floats, pool: Bools) -> tuple[Ints, Ints]:
    """Competition ranks ("1, 2, 2, 4") and tie sizes within the pool; 0 outside it."""
    ranks = np.zeros(len(totals), dtype=np.int64)
    equal = np.zeros(len(totals), dtype=np.int64)
    ascending = np.sort(totals[pool])
    t = totals[pool]
    right = np.searchsorted(ascending, t, side="right")
    left = np.searchsorted(ascending, t, side="left")
    ranks[pool] = len(t) - right + 1
    equal[pool] = right - left
    return ranks, equal


def stand(
    vacancy: Vacancy, moderation: Moderation, withdrawn: Bools, priority: Bools | None = None
) -> Standing:
    """`priority`: applicants a priority scheme applies to, considered in a first round and so
    outside the open competition's ranking when they meet the minimum criteria."""
    scheme = vacancy.scheme
    criteria = vacancy.scored_criteria
    agreed = moderation.agreed
    threshold = scheme.essential_threshold
    weights = np.array(vacancy.weights(), dtype=float)
    complete = np.asarray(~np.isnan(agreed).any(axis=1), dtype=bool)
    totals = np.round(np.nan_to_num(agreed) @ weights, 9)
    totals[~complete] = np.nan
    failed = failed_essentials(agreed, criteria, threshold)
    meets = meets_minimum_criteria(agreed, criteria, threshold) & complete
    pool = meets & ~withdrawn
    if priority is not None:
        pool &= ~priority
    rank, equal = rank_in_pool(totals, pool)
    passes = pool.copy()
    if scheme.pass_mark is not None:
        passes &= totals >= scheme.pass_mark - 1e-9
    if scheme.slots is None:
        merit, tied = passes.copy(), np.zeros_like(pool)
    else:
        above = rank - 1
        merit = passes & (above + equal <= scheme.slots)
        tied = passes & (above < scheme.slots) & (above + equal > scheme.slots)
    cut_off = None
    if scheme.slots is not None and passes.sum() > scheme.slots:
        cut_off = float(np.sort(totals[passes])[::-1][max(scheme.slots - 1, 0)])
    return Standing(
        totals, complete, failed, meets, pool, rank, equal, merit, tied, passes, cut_off
    )


def _limited_disability(
    vacancy: Vacancy, standing: Standing, applies: Bools, limited: bool
) -> tuple[Bools, Bools]:
    """Disability Confident 'limited' mode: the best K disabled applicants meeting the minimum
    criteria, by their scores (ties at the K-th place shown as ties). Off mode: all of them."""
    candidates = standing.pool & applies & ~standing.merit
    places = vacancy.scheme.disability_limited_places
    if not limited or places is None:
        return candidates, np.zeros_like(candidates)
    rank, equal = rank_in_pool(standing.totals, candidates)
    above = rank - 1
    chosen = candidates & (above + equal <= places)
    tied = candidates & (above < places) & (above + equal > places)
    return chosen, tied


def shortlist(
    vacancy: Vacancy,
    applications: Sequence[Application],
    panel_scores: pd.DataFrame,
    agreed_scores: pd.DataFrame | None = None,
    *,
    members: Sequence[str] | None = None,
    exclusions: set[tuple[str, str]] | None = None,
    member_names: Mapping[str, str] | None = None,
) -> ShortlistResult:
    """Decisions for every application. Inputs are validated already (see interchange.py).
    `member_names`: each member's name as people know them, by the id the scores carry (a
    user name); the issues name people by it."""
    apps = sorted(applications, key=lambda a: a.application_id)
    ids = [a.application_id for a in apps]
    criteria = vacancy.scored_criteria
    cube = ScoreCube.from_frame(panel_scores, ids, [c.id for c in criteria], members, exclusions)
    withdrawn = np.array([a.withdrawn for a in apps], dtype=bool)
    cube = replace(cube, expected=expected_scores(apps, cube.expected))
    moderation = moderate(cube, vacancy.scheme, agreed_scores)
    closing = vacancy.closing_date
    outcomes = [
        assess_schemes(a.declarations, vacancy.policy, reference_date(a.received_date, closing))
        for a in apps
    ]
    priority = np.array([any(o.applies and o.is_priority for o in out) for out in outcomes], bool)
    standing = stand(vacancy, moderation, withdrawn, priority)
    limited_applies = np.array(
        [any(o.limited and o.applies for o in out) for out in outcomes], dtype=bool
    )
    limited = any(s.volume_mode == "limited" for s in vacancy.policy.schemes)
    chosen, tied = _limited_disability(vacancy, standing, limited_applies, limited)
    ctx = _Context(vacancy, standing, moderation, chosen, tied)
    decided = [ctx.decide(i, a, outcomes[i]) for i, a in enumerate(apps)]
    # Ranked first, by rank; then the rest; application id within (apps are sorted by id).
    order = np.lexsort((np.arange(len(apps)), standing.rank, ~standing.pool)).tolist()
    decisions = tuple(decided[k] for k in order)
    return ShortlistResult(
        vacancy, decisions, moderation, standing,
        _issues(vacancy, moderation, withdrawn, member_names or {}),
    )  # fmt: skip


class _Context:
    """What every decision of one vacancy shares, computed once (numpy arrays as lists)."""

    def __init__(
        self,
        vacancy: Vacancy,
        s: Standing,
        moderation: Moderation,
        disability_chosen: Bools,
        disability_tied: Bools,
    ) -> None:
        self.vacancy = vacancy
        self.scheme = vacancy.scheme
        self.criteria = vacancy.scored_criteria
        self.threshold = vacancy.scheme.essential_threshold
        self.pool_size = int(s.pool.sum())
        self.cut_off = s.cut_off
        self.totals = s.totals.tolist()
        self.complete = s.complete.tolist()
        self.meets = s.meets.tolist()
        self.pool = s.pool.tolist()
        self.rank = s.rank.tolist()
        self.equal = s.equal.tolist()
        self.merit = s.merit.tolist()
        self.tied = s.tied.tolist()
        self.passes = s.passes.tolist()
        self.criterion_ids = [c.id for c in self.criteria]
        self.failed: Bools = s.failed
        self.any_failed: list[bool] = np.asarray(s.failed.any(axis=1), dtype=bool).tolist()
        self.agreed = moderation.agreed
        self._reasons: dict[int, str] = {}
        self.incomplete = moderation.incomplete_applications().tolist()
        self.disability_chosen = disability_chosen.tolist()
        self.disability_tied = disability_tied.tolist()
        self.disability_chosen_count = int(disability_chosen.sum())
        self._phrases: dict[tuple[int, float], str] = {}

    def failed_phrase(self, j: int, score: float) -> str:
        key = (j, score)
        if key not in self._phrases:
            self._phrases[key] = explain.failed_essential_phrase(
                self.criteria[j], score, self.scheme.scale, self.threshold
            )
        return self._phrases[key]

    def failed_columns(self, i: int) -> list[int]:
        return np.flatnonzero(self.failed[i]).tolist() if self.any_failed[i] else []

    def failed_ids(self, i: int) -> tuple[str, ...]:
        return tuple(self.criterion_ids[j] for j in self.failed_columns(i))

    def reason(self, d: Decision) -> str:
        i = d._index
        if i not in self._reasons:
            self._reasons[i] = self._explain(d)
        return self._reasons[i]

    def _explain(self, d: Decision) -> str:
        i, total, rank, outcomes = d._index, d.total, d.rank, d.scheme_outcomes
        kind = d.decision
        if kind is Outcome.WITHDRAWN:
            return explain.WITHDRAWN_REASON
        if kind is Outcome.SCORING_INCOMPLETE:
            return self.incomplete_reason(i)
        if self.any_failed[i]:
            return self.failed_reason(i, outcomes)
        if kind is Outcome.SHORTLISTED_IN_PRIORITY_ROUND:
            scheme = next(o for o in outcomes if o.applies and o.is_priority)
            return explain.priority_reason(total, scheme)
        assert total is not None and rank is not None
        if kind is Outcome.SHORTLISTED_ON_MERIT:
            return explain.merit_reason(total, rank, self.pool_size, outcomes)
        if kind is Outcome.SHORTLISTED_UNDER_SCHEME:
            scheme = next(o for o in outcomes if self._gives_interview(i, o))
            return explain.scheme_reason(total, rank, self.pool_size, scheme, self.tied[i])
        if kind is Outcome.TIED_AT_CUT_OFF:
            if self.tied[i]:
                places = (self.scheme.slots or 0) - (rank - 1)
            else:
                limit = self.scheme.disability_limited_places or 0
                places = limit - self.disability_chosen_count
            return explain.tie_reason(total, self.equal[i] - 1, places)
        if kind is Outcome.NEEDS_INFORMATION:
            pending = next(o for o in outcomes if o.status is SchemeStatus.NEEDS_INFORMATION)
            return explain.needs_information_reason(pending)
        if any(o.limited and o.applies for o in outcomes):
            places = self.scheme.disability_limited_places or 0
            return explain.limited_places_reason(total, places, self.scheme.disability_zero_reason)
        return self.below_reason(i, total, outcomes)

    def _gives_interview(self, i: int, o: SchemeOutcome) -> bool:
        """A guaranteed-interview scheme applies (and, in a limited Disability Confident
        campaign, a place was given)."""
        return o.applies and not o.is_priority and (not o.limited or self.disability_chosen[i])

    def failed_reason(self, i: int, outcomes: tuple[SchemeOutcome, ...]) -> str:
        columns = self.failed_columns(i)
        agreed = self.agreed[i, columns].tolist()
        phrases = [self.failed_phrase(j, a) for j, a in zip(columns, agreed, strict=True)]
        return explain.failed_reason(phrases) + explain.scheme_note(outcomes)

    def incomplete_reason(self, i: int) -> str:
        agreed = self.agreed[i].tolist()
        return explain.incomplete_reason(
            [c for c, a in zip(self.criteria, agreed, strict=True) if a != a]  # NaN: no score
        )

    def below_reason(self, i: int, total: float, outcomes: tuple[SchemeOutcome, ...]) -> str:
        note = explain.scheme_not_applied_note(outcomes)
        if self.scheme.pass_mark is not None and not self.passes[i]:
            return explain.below_pass_mark_reason(total, self.scheme.pass_mark) + note
        return explain.below_cut_off_reason(total, self.cut_off, self.scheme.slots) + note

    def decide(self, i: int, app: Application, outcomes: tuple[SchemeOutcome, ...]) -> Decision:
        raw_total = self.totals[i]
        # NaN: no total yet. A withdrawn application is out of the competition: no total,
        # whatever scores it had before, so no page, letter or workbook shows one.
        total = None if raw_total != raw_total or app.withdrawn else raw_total
        rank = self.rank[i] if self.pool[i] else None
        return Decision(
            app.application_id,
            self._classify(i, app, outcomes, total),
            total,
            rank,
            tuple(o.scheme_id for o in outcomes if o.applies) if outcomes else (),
            outcomes,
            (self.meets[i] if self.complete[i] else None),
            self.incomplete[i],
            self,
            i,
        )

    def _classify(
        self, i: int, app: Application, outcomes: tuple[SchemeOutcome, ...], total: float | None
    ) -> Outcome:
        if app.withdrawn:
            return Outcome.WITHDRAWN
        if total is None:
            return Outcome.SCORING_INCOMPLETE
        if self.any_failed[i]:
            return Outcome.NOT_SHORTLISTED
        if outcomes and any(o.applies and o.is_priority for o in outcomes):
            return Outcome.SHORTLISTED_IN_PRIORITY_ROUND
        if self.merit[i]:
            return Outcome.SHORTLISTED_ON_MERIT
        if outcomes and any(self._gives_interview(i, o) for o in outcomes):
            return Outcome.SHORTLISTED_UNDER_SCHEME
        if self.tied[i] or self.disability_tied[i]:
            return Outcome.TIED_AT_CUT_OFF
        if any(o.status is SchemeStatus.NEEDS_INFORMATION for o in outcomes):
            return Outcome.NEEDS_INFORMATION
        return Outcome.NOT_SHORTLISTED


def _issues(
    vacancy: Vacancy, moderation: Moderation, withdrawn: Bools, names: Mapping[str, str]
) -> tuple[str, ...]:
    issues = []
    disagreements = int(moderation.needs_agreement.sum())
    if disagreements:
        one = disagreements == 1
        issues.append(
            f"{counted(disagreements, 'score')} {'differs' if one else 'differ'} by "
            f"{vacancy.scheme.disagreement_spread} or more and {'needs' if one else 'need'} "
            "an agreed score."
        )
    unfinished = [names.get(m, m) for m in moderation.unfinished_members()]
    if unfinished:
        issues.append(f"Not finished scoring: {', '.join(unfinished)}.")
    no_score = int(np.isnan(moderation.agreed[~withdrawn]).sum())
    if no_score:
        issues.append(
            f"{counted(no_score, 'application x criterion pair')} "
            f"{'has' if no_score == 1 else 'have'} no score at all."
        )
    return tuple(issues)
