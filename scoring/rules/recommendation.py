"""Each application's recommended decision, with its reason: classified from where it stands
and the schemes that apply to it, the reason worked out in words when first read (a large
vacancy's reasons cost more than its decisions). The tool recommends; a person finalises.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from scoring.applications import Application
from scoring.rules.guaranteed_interview import SchemeOutcome
from scoring.rules.moderation import Moderation
from scoring.rules.outcomes import Outcome
from scoring.rules.standing import Bools, Standing
from scoring.vacancy import Vacancy
from scoring.words import explain
from scoring.words import scheme_minimum as minimum_words
from scoring.words.scheme_answers import scheme_answers


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
    _context: DecisionContext = field(repr=False)
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
            "scheme_outcomes": scheme_answers(
                self.decision, self.scheme_outcomes, self.used_scheme, self.meets_minimum
            ),
        }

    @property
    def used_scheme(self) -> SchemeOutcome | None:
        """The scheme that gave the interview or the place in the priority round."""
        if self.decision is Outcome.SHORTLISTED_IN_PRIORITY_ROUND:
            return next(o for o in self.scheme_outcomes if o.qualifies and o.is_priority)
        if self.decision is Outcome.SHORTLISTED_UNDER_SCHEME:
            gives = self._context.gives_interview
            return next(o for o in self.scheme_outcomes if gives(self._index, o))
        return None


class DecisionContext:
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
        if kind is Outcome.SHORTLISTED_IN_PRIORITY_ROUND:
            scheme = d.used_scheme
            assert scheme is not None
            if scheme.minimum_figure is not None:
                return minimum_words.own_minimum_priority_reason(
                    total, scheme
                ) + explain.scheme_not_applied_note(outcomes, scheme)
            return explain.priority_reason(total, scheme, outcomes)
        if kind is Outcome.SHORTLISTED_UNDER_SCHEME:
            scheme = d.used_scheme
            assert scheme is not None
            if scheme.minimum_figure is not None:
                assert total is not None
                return minimum_words.own_minimum_met_reason(
                    total, scheme, self.on_merit(i, rank)
                ) + explain.scheme_not_applied_note(outcomes, scheme)
            assert total is not None and rank is not None
            return explain.scheme_reason(
                total, rank, self.pool_size, scheme, self.tied[i], outcomes
            )
        if self.any_failed[i] and kind is Outcome.NOT_SHORTLISTED:
            return self.failed_reason(i, outcomes)
        if kind is Outcome.SHORTLISTED_ON_MERIT:
            assert total is not None and rank is not None
            return explain.merit_reason(total, rank, self.pool_size, outcomes)
        if kind is Outcome.TIED_AT_CUT_OFF:
            assert total is not None
            note = explain.scheme_not_applied_note(outcomes)
            if self.tied[i] and rank is not None:
                places = (self.scheme.slots or 0) - (rank - 1)
                return explain.tie_reason(total, self.equal[i] - 1, places) + note
            limit = self.scheme.disability_limited_places or 0
            places = limit - self.disability_chosen_count
            if rank is not None:
                return explain.tie_reason(total, self.equal[i] - 1, places) + note
            # outside the merit pool (a scheme's own minimum): level with the others tied there
            level = sum(t and self.totals[j] == total for j, t in enumerate(self.disability_tied))
            return explain.tie_reason(total, level - 1, places) + note
        if kind is Outcome.NEEDS_INFORMATION:
            pending = next(o for o in outcomes if o.could_qualify)
            if pending.minimum_figure is not None:
                return minimum_words.own_minimum_needs_information_reason(
                    pending
                ) + explain.scheme_not_applied_note(outcomes, pending)
            return explain.needs_information_reason(pending, outcomes)
        assert total is not None
        if any(o.limited and o.qualifies for o in outcomes):
            places = self.scheme.disability_limited_places or 0
            reason = explain.limited_places_reason(
                total, places, self.scheme.disability_zero_reason
            )
            return reason + explain.scheme_not_applied_note(outcomes)
        return self.below_reason(i, total, outcomes)

    def on_merit(self, i: int, rank: int | None) -> str:
        """Where an application offered an interview under a scheme stands on merit."""
        if rank is None:
            columns = self.failed_columns(i)
            agreed = self.agreed[i, columns].tolist()
            phrases = [self.failed_phrase(j, a) for j, a in zip(columns, agreed, strict=True)]
            return "not shortlisted on merit: " + "; ".join(phrases)
        if self.tied[i]:
            return "tied at the cut-off on merit"
        return f"ranked {rank} of {self.pool_size} on merit"

    def gives_interview(self, i: int, o: SchemeOutcome) -> bool:
        """A guaranteed-interview scheme applies, its minimum is passed (and, in a limited
        Disability Confident campaign, a place was given)."""
        return o.qualifies and not o.is_priority and (not o.limited or self.disability_chosen[i])

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
        """A scheme's route is open to whoever passes its minimum (scoring/rules/
        scheme_minimum.py); the merit route only to those meeting every application-stage
        essential. With the default minimum both ask the same."""
        if app.withdrawn:
            return Outcome.WITHDRAWN
        if total is None:
            return Outcome.SCORING_INCOMPLETE
        if outcomes and any(o.qualifies and o.is_priority for o in outcomes):
            return Outcome.SHORTLISTED_IN_PRIORITY_ROUND
        if self.merit[i]:
            return Outcome.SHORTLISTED_ON_MERIT
        if outcomes and any(self.gives_interview(i, o) for o in outcomes):
            return Outcome.SHORTLISTED_UNDER_SCHEME
        if self.tied[i] or self.disability_tied[i]:
            return Outcome.TIED_AT_CUT_OFF
        if any(o.could_qualify for o in outcomes):
            return Outcome.NEEDS_INFORMATION
        return Outcome.NOT_SHORTLISTED
