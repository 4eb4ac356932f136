"""From panel scores to agreed scores, with the flags moderation needs.

Scores are held in a cube: application x criterion x panel member (NaN = not scored). Each
member scores on their own; where their scores for a criterion differ by the scheme's
disagreement spread (default 2) or more, the criterion needs an agreed score before the
shortlist can be final. Otherwise the agreed score defaults to the scheme's rule
(rounded-down mean, or median), unless the panel has recorded an agreed score.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.applications import Application
from scoring.rules.scheme import ModerationRule, Scheme
from scoring.rules.who_scores import is_scored_by_member

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def _codes(values: pd.Series, universe: Sequence[str]) -> npt.NDArray[np.intp]:
    """Positions of `values` in `universe` (-1 where absent); fast for categorical columns."""
    index = pd.Index(universe)
    if isinstance(values.dtype, pd.CategoricalDtype):
        lookup = index.get_indexer(pd.Index(values.cat.categories.astype(str)))
        codes = values.cat.codes.to_numpy()
        return np.asarray(np.where(codes >= 0, lookup[codes], -1), dtype=np.intp)
    return np.asarray(index.get_indexer(pd.Index(values.astype(str))), dtype=np.intp)


@dataclass(frozen=True)
class ScoreCube:
    application_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    members: tuple[str, ...]
    scores: Floats  # (A, C, M)
    expected: Bools  # (A, M): member is expected to score this application

    @classmethod
    def from_frame(
        cls,
        panel_scores: pd.DataFrame,
        application_ids: Sequence[str],
        criterion_ids: Sequence[str],
        members: Sequence[str] | None = None,
        exclusions: set[tuple[str, str]] | None = None,
    ) -> ScoreCube:
        """Build from a long frame (application_id, criterion_id, panel_member, score).

        Rows for criteria outside `criterion_ids` (e.g. interview-stage criteria) are ignored;
        the caller validates ids and duplicates first. `exclusions` holds (member, application)
        pairs a member must not score (a declared conflict of interest).
        """
        if members is None:
            column = panel_scores["panel_member"]
            if isinstance(column.dtype, pd.CategoricalDtype):
                codes = column.cat.codes.to_numpy()
                used = np.bincount(codes[codes >= 0], minlength=len(column.cat.categories)) > 0
                members = sorted(str(m) for m in column.cat.categories[used])
            else:
                members = sorted(str(m) for m in column.unique())
        a = _codes(panel_scores["application_id"], application_ids)
        c = _codes(panel_scores["criterion_id"], criterion_ids)
        m = _codes(panel_scores["panel_member"], members)
        shape = (len(application_ids), len(criterion_ids), len(members))
        flat = (a * shape[1] + c) * shape[2] + m
        values = panel_scores["score"].to_numpy(dtype=float)
        keep = (a >= 0) & (c >= 0) & (m >= 0)
        if not keep.all():
            flat, values = flat[keep], values[keep]
        cube = np.full(shape, np.nan)
        cube.reshape(-1)[flat] = values
        expected = np.ones((len(application_ids), len(members)), dtype=bool)
        if exclusions:
            app_pos = {x: i for i, x in enumerate(application_ids)}
            member_pos = {x: i for i, x in enumerate(members)}
            for member, app in exclusions:
                if member in member_pos and app in app_pos:
                    expected[app_pos[app], member_pos[member]] = False
            cube[~expected[:, None, :].repeat(len(criterion_ids), axis=1)] = np.nan
        return cls(tuple(application_ids), tuple(criterion_ids), tuple(members), cube, expected)

    def to_frame(self) -> pd.DataFrame:
        """The scores given, in the long form (application_id, criterion_id, panel_member,
        score): the cube read back the way it was built."""
        a, c, m = np.nonzero(~np.isnan(self.scores))
        return pd.DataFrame(
            {
                "application_id": np.asarray(self.application_ids, dtype=object)[a],
                "criterion_id": np.asarray(self.criterion_ids, dtype=object)[c],
                "panel_member": np.asarray(self.members, dtype=object)[m],
                "score": self.scores[a, c, m].astype(np.int64),
            }
        )


def expected_scores(applications: Sequence[Application], free: Bools) -> Bools:
    """(A, M): whether each member scores each application, by the one rule
    (scoring/rules/who_scores.py); `free` is False where the member declared a conflict with it."""
    rows = np.asarray(free, dtype=bool).tolist()
    return np.array(
        [
            [is_scored_by_member(withdrawn=a.withdrawn, held=a.held, conflicted=not f) for f in row]
            for a, row in zip(applications, rows, strict=True)
        ],
        dtype=bool,
    ).reshape(np.shape(free))


@dataclass(frozen=True)
class Moderation:
    """Per application x criterion: the agreed score and why, and what still needs doing."""

    cube: ScoreCube
    count: Floats  # number of scores given
    low: Floats
    high: Floats
    default: Floats  # the scheme's default agreed score (NaN when none)
    recorded: Floats  # agreed score recorded by the panel (NaN when none)
    agreed: Floats  # recorded, else default; NaN when there is none yet
    needs_agreement: Bools  # spread >= disagreement spread and nothing recorded
    missing: Bools  # (A, C, M): expected score not given

    @property
    def spread(self) -> Floats:
        return self.high - self.low

    def unfinished_members(self) -> list[str]:
        per_member = np.asarray(self.missing.any(axis=(0, 1)), dtype=bool).tolist()
        return [
            m for m, unfinished in zip(self.cube.members, per_member, strict=True) if unfinished
        ]

    def nothing_to_moderate(self) -> str:
        """What moderation says when no score awaits an agreed one: on an empty vacancy, or
        before two members have scored the same application, there is nothing to compare yet,
        which is not the same as every score agreeing."""
        if not self.cube.application_ids:
            return "Nothing to moderate yet: the vacancy has no applications."
        if not (self.count >= 2).any():
            return (
                "Nothing to moderate yet: no application has scores from two panel members "
                "to compare."
            )
        if self.missing.any():
            return (
                "Nothing to moderate so far: the scores given are within the agreed spread. "
                "More may need agreeing as the panel finishes scoring."
            )
        return "Nothing to moderate: the panel's scores are within the agreed spread."

    def incomplete_applications(self) -> Bools:
        return np.asarray(
            self.missing.any(axis=(1, 2))
            | self.needs_agreement.any(axis=1)
            | np.isnan(self.agreed).any(axis=1),
            dtype=bool,
        )


def moderate(
    cube: ScoreCube, scheme: Scheme, agreed_scores: pd.DataFrame | None = None
) -> Moderation:
    scores = cube.scores
    given = ~np.isnan(scores)
    # Every score given (the usual case once scoring is done): plain reductions are faster.
    complete = bool(given.all())
    members = [scores[:, :, k] for k in range(scores.shape[2])]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", category=RuntimeWarning)  # all-NaN slices -> NaN
        if complete and members:
            # Panels are small: combining member by member beats reducing a short last axis.
            count = np.full(scores.shape[:2], float(len(members)))
            low, high, total = members[0].copy(), members[0].copy(), members[0].copy()
            for member in members[1:]:
                np.minimum(low, member, out=low)
                np.maximum(high, member, out=high)
                total += member
            mean = total / len(members)
        elif not members:  # no panel yet: nothing scored, nothing to reduce
            count = np.zeros(scores.shape[:2])
            low = high = mean = np.full(scores.shape[:2], np.nan)
        else:
            count = given.sum(axis=2).astype(float)
            low = np.nanmin(scores, axis=2)
            high = np.nanmax(scores, axis=2)
            mean = np.nanmean(scores, axis=2)
        if scheme.moderation is ModerationRule.ROUNDED_DOWN_MEAN:
            default = np.floor(mean + 1e-9)
        elif scheme.moderation is ModerationRule.MEDIAN and members:
            default = np.floor(np.nanmedian(scores, axis=2) + 1e-9)
        else:
            default = np.full(count.shape, np.nan)
    recorded = np.full(count.shape, np.nan)
    if agreed_scores is not None and len(agreed_scores):
        a = _codes(agreed_scores["application_id"], cube.application_ids)
        c = _codes(agreed_scores["criterion_id"], cube.criterion_ids)
        keep = (a >= 0) & (c >= 0)
        recorded[a[keep], c[keep]] = agreed_scores["score"].to_numpy(dtype=float)[keep]
    has_record = ~np.isnan(recorded)
    needs_agreement = (high - low >= scheme.disagreement_spread) & ~has_record
    if scheme.moderation is ModerationRule.AGREEMENT_REQUIRED:
        needs_agreement = needs_agreement | ((count > 0) & ~has_record)
    agreed = np.where(has_record, recorded, default)
    missing = ~given & cube.expected[:, None, :]
    return Moderation(cube, count, low, high, default, recorded, agreed, needs_agreement, missing)
