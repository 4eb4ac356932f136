"""Figures behind the charts: the distribution of totals, the applications x criteria matrix,
pass rates per essential, panel agreement and the funnel. Pure: from the engine's result."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd

from scoring.decisions import FinalDecision
from scoring.shortlist import Outcome, ShortlistResult


@dataclass(frozen=True)
class Funnel:
    applied: int
    withdrawn: int
    meets_minimum: int
    shortlisted_on_merit: int
    scheme_additions: int
    tied: int

    @property
    def considered(self) -> int:
        return self.applied - self.withdrawn

    @property
    def interviewed(self) -> int:
        return self.shortlisted_on_merit + self.scheme_additions


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


def funnel(result: ShortlistResult, decisions: Sequence[FinalDecision]) -> Funnel:
    """From applied to interviewed, by the decisions as they stand (people's included)."""
    kinds = [d.decision for d in decisions]
    return Funnel(
        applied=len(kinds),
        withdrawn=kinds.count(Outcome.WITHDRAWN),
        meets_minimum=int(result.standing.pool.sum()),
        shortlisted_on_merit=kinds.count(Outcome.SHORTLISTED_ON_MERIT),
        scheme_additions=kinds.count(Outcome.SHORTLISTED_UNDER_SCHEME),
        tied=kinds.count(Outcome.TIED_AT_CUT_OFF),
    )


def totals(result: ShortlistResult) -> list[float]:
    """Totals of the applications with every score agreed, withdrawn ones left out."""
    s = result.standing
    return [
        float(t)
        for t, ok, d in zip(
            s.totals, s.complete, result.moderation.cube.application_ids, strict=True
        )
        if ok and not _withdrawn(result, d)
    ]


def _withdrawn(result: ShortlistResult, application_id: str) -> bool:
    return result.by_id()[application_id].decision is Outcome.WITHDRAWN


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


def panel_agreement(panel_scores: pd.DataFrame) -> list[Agreement]:
    """Member against member, over the application x criterion pairs both scored."""
    if panel_scores.empty:
        return []
    wide = panel_scores.pivot_table(
        index=["application_id", "criterion_id"],
        columns="panel_member",
        values="score",
        aggfunc="first",
        observed=True,
    )
    out = []
    for a, b in combinations(sorted(map(str, wide.columns)), 2):
        both = wide[[a, b]].dropna()
        if both.empty:
            continue
        diff = (both[a] - both[b]).abs()
        out.append(Agreement(a, b, int(len(both)), float((diff == 0).mean()), float(diff.mean())))
    return out
