"""Where every application stands, as arrays over the applications: totals, the minimum
criteria, competition ranks within the pool and ties, merit places, the pass mark and the
cut-off; and the best of the disabled applicants in a limited Disability Confident campaign.

Ties at the cut-off are shown as ties for the panel; the order of the input never breaks a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from scoring.rules.minimum_criteria import failed_essentials, meets_minimum_criteria
from scoring.rules.moderation import Moderation
from scoring.vacancy import Vacancy

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


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


def scored_totals(vacancy: Vacancy, agreed: Floats) -> tuple[Floats, Bools]:
    """Each application's weighted total (NaN while any criterion has no agreed score), and
    whether it is complete."""
    weights = np.array(vacancy.weights(), dtype=float)
    complete = np.asarray(~np.isnan(agreed).any(axis=1), dtype=bool)
    totals = np.round(np.nan_to_num(agreed) @ weights, 9)
    totals[~complete] = np.nan
    return totals, complete


def stand(
    vacancy: Vacancy, moderation: Moderation, withdrawn: Bools, priority: Bools | None = None
) -> Standing:
    """`priority`: applicants a priority scheme applies to and whose minimum they pass,
    considered in a first round and so outside the open competition's ranking."""
    scheme = vacancy.scheme
    criteria = vacancy.scored_criteria
    agreed = moderation.agreed
    threshold = scheme.essential_threshold
    totals, complete = scored_totals(vacancy, agreed)
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


def limited_disability(
    vacancy: Vacancy, standing: Standing, applies: Bools, limited: bool
) -> tuple[Bools, Bools]:
    """Disability Confident 'limited' mode: the best K disabled applicants passing the scheme's
    minimum, by their scores (ties at the K-th place shown as ties). Off mode: all of them.
    `applies`: the scheme applies, its minimum is passed, not withdrawn, not in a priority round."""
    candidates = applies & standing.complete & ~standing.merit
    places = vacancy.scheme.disability_limited_places
    if not limited or places is None:
        return candidates, np.zeros_like(candidates)
    rank, equal = rank_in_pool(standing.totals, candidates)
    above = rank - 1
    chosen = candidates & (above + equal <= places)
    tied = candidates & (above < places) & (above + equal > places)
    return chosen, tied
