"""Figures behind the charts: the distribution of totals, the applications x criteria matrix,
pass rates per essential, panel agreement and the funnel. Pure: from the engine's result."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from scoring.rules.decisions import FinalDecision
from scoring.rules.moderation import ScoreCube
from scoring.rules.outcomes import Outcome
from scoring.rules.shortlist import ShortlistResult
from scoring.rules.sign_off import Tally, tally


@dataclass(frozen=True)
class Funnel:
    """From applied to interview. The decisions are counted by `sign_off.tally`, as the page
    and the workbook count them; each route to interview is its own figure."""

    tally: Tally
    meets_minimum: int

    @property
    def applied(self) -> int:
        return self.tally.applications

    @property
    def considered(self) -> int:
        return self.tally.considered

    @property
    def shortlisted_on_merit(self) -> int:
        return self.tally.on_merit

    @property
    def interviewed(self) -> int:
        return self.tally.shortlisted


@dataclass(frozen=True)
class PassRate:
    criterion_id: str
    label: str
    assessed: int
    passed: int

    @property
    def rate(self) -> float:
        return self.passed / self.assessed if self.assessed else 0.0


@dataclass(frozen=True)
class Agreement:
    member_a: str
    member_b: str
    pairs: int  # criteria both scored for the same applications
    exact: float  # share of identical scores
    mean_difference: float  # mean absolute difference


def funnel(decisions: Sequence[FinalDecision]) -> Funnel:
    """From applied to interviewed, by the decisions as they stand (people's included)."""
    return Funnel(
        tally=tally(decisions),
        meets_minimum=sum(
            1 for d in decisions if d.meets_minimum and d.decision is not Outcome.WITHDRAWN
        ),
    )


def totals(result: ShortlistResult) -> list[float]:
    """Totals of the applications with every score agreed, withdrawn ones left out."""
    s = result.standing
    withdrawn = {d.application_id for d in result.decisions if d.decision is Outcome.WITHDRAWN}
    return [
        float(t)
        for t, ok, d in zip(
            s.totals, s.complete, result.moderation.cube.application_ids, strict=True
        )
        if ok and d not in withdrawn
    ]


def essential_pass_rates(result: ShortlistResult) -> list[PassRate]:
    """For each essential assessed from the application: how many met it, of those scored."""
    agreed = result.moderation.agreed
    threshold = result.vacancy.scheme.essential_threshold
    rates = []
    for j, c in enumerate(result.vacancy.scored_criteria):
        if not c.rules_out_at_shortlisting:
            continue
        column = agreed[:, j]
        scored = column[~np.isnan(column)]
        label = f"{c.number}. {c.text}" if c.number else c.text
        rates.append(PassRate(c.id, label, int(scored.size), int((scored >= threshold).sum())))
    return rates


def panel_agreement(cube: ScoreCube, names: Mapping[str, str] | None = None) -> list[Agreement]:
    """Member against member, over the application x criterion pairs both scored (from the
    engine's score cube; `names` shows members by their names rather than user names)."""
    shown = names or {}
    order = sorted(
        range(len(cube.members)), key=lambda k: shown.get(cube.members[k], cube.members[k])
    )
    out = []
    for i, j in combinations(order, 2):
        a, b = cube.scores[:, :, i], cube.scores[:, :, j]
        both = ~np.isnan(a) & ~np.isnan(b)
        pairs = int(both.sum())
        if not pairs:
            continue
        diff = np.abs(a[both] - b[both])
        out.append(
            Agreement(
                shown.get(cube.members[i], cube.members[i]),
                shown.get(cube.members[j], cube.members[j]),
                pairs,
                float((diff == 0).mean()),
                float(diff.mean()),
            )
        )
    return out
