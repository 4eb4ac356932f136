"""Calibration: how each panel member's scores compare with colleagues' on the same items.

An item is one application x criterion. For each member, over the items a colleague also
scored: the mean difference between their score and the colleagues' mean (negative = harsher),
the spread of their scores against the colleagues', and how often they agree exactly or within
one point.

The flag looks at the gap between a member's score and the whole panel's mean on the same item
(their own score included), so that one harsh member does not make everyone else look lenient.
A member is flagged "harsh" or "lenient" when that gap is at least `threshold` points (default
15% of the scale's range), over at least `min_shared` shared items, and consistent (the gap is
at least twice its standard error). With only two scorers per item a gap shows that they
differ, not which of them is out of line; the explanation says so. A flag is a prompt for the
moderation discussion, not a verdict.

`standardised` puts each member's scores on the panel's common footing (a z-score within the
member, mapped back onto the panel's mean and spread). It is a view for the discussion: the
stored scores never change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

ITEM = ["application_id", "criterion_id"]


@dataclass(frozen=True)
class MemberCalibration:
    member: str
    scores: int
    shared: int
    mean: float
    mean_difference: float  # against the colleagues' mean on the same items
    panel_gap: float  # against the whole panel's mean on the same items (decides the flag)
    spread: float
    colleagues_spread: float
    exact_agreement: float
    within_one: float
    flag: str  # "harsh", "lenient" or ""
    explanation: str


@dataclass(frozen=True)
class Calibration:
    members: tuple[MemberCalibration, ...]
    threshold: float
    min_shared: int


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[[*ITEM, "panel_member", "score"]].copy()
    for column in (*ITEM, "panel_member"):
        out[column] = out[column].astype(str)
    out["score"] = out["score"].astype(float)
    return out.dropna(subset=["score"])


def calibrate(
    panel_scores: pd.DataFrame,
    *,
    scale_min: int,
    scale_max: int,
    min_shared: int = 10,
    threshold: float | None = None,
) -> Calibration:
    limit = 0.15 * (scale_max - scale_min) if threshold is None else threshold
    if panel_scores.empty:
        return Calibration((), limit, min_shared)
    scores = _plain(panel_scores)
    per_item = scores.groupby(ITEM, observed=True)["score"].agg(["sum", "count"])
    joined = scores.join(per_item, on=ITEM)
    others = joined["count"] - 1
    joined["others_mean"] = np.where(
        others > 0, (joined["sum"] - joined["score"]) / others.where(others > 0, 1), np.nan
    )
    joined["difference"] = joined["score"] - joined["others_mean"]
    joined["gap"] = joined["score"] - joined["sum"] / joined["count"]
    # pairs of members on the same item, for agreement
    pairs = scores.merge(scores, on=ITEM, suffixes=("", "_other"))
    pairs = pairs[pairs["panel_member"] != pairs["panel_member_other"]]
    gap = (pairs["score"] - pairs["score_other"]).abs()
    pairs = pairs.assign(exact=gap == 0, within=gap <= 1)
    agreement = pairs.groupby("panel_member")[["exact", "within"]].mean()
    colleagues = pairs.groupby("panel_member")["score_other"].std(ddof=0)

    members = []
    for member, mine in joined.groupby("panel_member", sort=True):
        shared = mine.dropna(subset=["others_mean"])
        n = len(shared)
        diff = float(shared["difference"].mean()) if n else math.nan
        mean_gap = float(shared["gap"].mean()) if n else math.nan
        spread = float(mine["score"].std(ddof=0)) if len(mine) >= 2 else math.nan
        pairs_only = n > 0 and bool((shared["count"] == 2).all())
        flag, why = _flag(diff, mean_gap, shared["gap"], n, limit, min_shared, pairs_only)
        members.append(
            MemberCalibration(
                member=str(member),
                scores=len(mine),
                shared=n,
                mean=float(mine["score"].mean()),
                mean_difference=diff,
                panel_gap=mean_gap,
                spread=spread,
                colleagues_spread=float(colleagues.get(member, math.nan)),
                exact_agreement=float(agreement["exact"].get(member, math.nan)),
                within_one=float(agreement["within"].get(member, math.nan)),
                flag=flag,
                explanation=why,
            )
        )
    return Calibration(tuple(members), limit, min_shared)


def _flag(
    diff: float,
    gap: float,
    gaps: pd.Series,
    n: int,
    limit: float,
    min_shared: int,
    pairs_only: bool,
) -> tuple[str, str]:
    if n < min_shared:
        return "", f"Too few shared scores to judge ({n}; needs {min_shared})."
    sd = float(gaps.std(ddof=1)) if n > 1 else 0.0
    consistent = sd == 0 or abs(gap) / (sd / math.sqrt(n)) >= 2
    word = "lower" if diff < 0 else "higher"
    said = (
        f"Scores {abs(diff):.2f} points {word} than colleagues on the same {n} scores "
        f"({abs(gap):.2f} from the panel's mean)"
    )
    if abs(gap) >= limit and consistent:
        flag = "harsh" if gap < 0 else "lenient"
        caveat = (
            " Only two scored each application: this shows the two differ, not which is out of line."
            if pairs_only
            else ""
        )
        return flag, f"{said}; likely {flag}.{caveat}"
    if abs(gap) >= limit:
        return "", f"{said}, but not consistently; no flag."
    return "", f"{said}; within {limit:.2f} points, no flag."


def standardised(panel_scores: pd.DataFrame, *, scale_min: int, scale_max: int) -> pd.DataFrame:
    """A copy of the scores with a `standardised` column; `score` is left exactly as it was."""
    out = panel_scores.copy()
    if out.empty:
        return out.assign(standardised=pd.Series(dtype=float))
    values = out["score"].astype(float)
    members = out["panel_member"].astype(str)
    mean = values.groupby(members).transform("mean")
    sd = values.groupby(members).transform(lambda s: s.std(ddof=0))
    z = ((values - mean) / sd.where(sd > 0)).fillna(0.0)
    pooled_mean, pooled_sd = float(values.mean()), float(values.std(ddof=0))
    out["standardised"] = (pooled_mean + z * pooled_sd).clip(scale_min, scale_max).round(2)
    return out
