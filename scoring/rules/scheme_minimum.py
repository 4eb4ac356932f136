"""A scheme's own minimum (criteria/policy_minimum.py): who passes it, as arrays over the
applications, and each applicant's figure against it.

- every_essential (the default): every application-stage essential has an agreed score at the
  vacancy's threshold - the minimum criteria, as the merit route asks;
- each_essential_at_least N: every application-stage essential has an agreed score of N or more;
- essentials_share P%: the agreed scores on the application-stage essentials, added up, are at
  least P% of (the scale's maximum x their number); scores count as given, so on a 1-5 scale
  the lowest mark, 1, counts as a mark (an applicant scored 1 on every essential has 20%);
  unweighted; boundaries inclusive, compared exactly (no rounding);
- pass_mark N: the vacancy's weighted total is N or more.

A vacancy with no application-stage essential passes every test but a pass mark. An application
whose scores are not all agreed passes none (it has no total yet). The minimum decides only its
scheme's route: the merit route always asks every application-stage essential met.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_minimum import (
    EachEssentialAtLeast,
    EssentialsShare,
    EveryEssential,
    OneMinimum,
    OwnPassMark,
    SchemeMinimum,
    tests_of,
)
from criteria.schema import Criterion
from scoring.rules.minimum_criteria import meets_minimum_criteria, ruling_out_mask
from scoring.rules.scheme import Scale
from scoring.words.scheme_names import the_scheme

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

TOLERANCE = 1e-9  # totals are rounded to 9 places (scoring/rules/standing.py)


def share_asked(minimum: EssentialsShare) -> Fraction:
    """The share as an exact fraction: '62.5%' -> 5/8."""
    return Fraction(str(minimum.essentials_share)) / 100


def meets_scheme_minimum(
    minimum: SchemeMinimum,
    agreed: Floats,
    criteria: tuple[Criterion, ...],
    *,
    threshold: int,
    scale_maximum: int,
    totals: Floats,
) -> Bools:
    """(applications,): True where the application passes `minimum`. `agreed` is (applications
    x criteria) with NaN for no agreed score; `totals` NaN where any score is missing."""
    complete = np.asarray(~np.isnan(totals), dtype=bool)
    if not isinstance(minimum, OneMinimum):  # all of several tests
        every: Bools = complete.copy()
        for test in tests_of(minimum):
            every &= meets_scheme_minimum(
                test,
                agreed,
                criteria,
                threshold=threshold,
                scale_maximum=scale_maximum,
                totals=totals,
            )
        return every
    if isinstance(minimum, OwnPassMark):
        with np.errstate(invalid="ignore"):
            return np.asarray(complete & (totals >= minimum.pass_mark - TOLERANCE), dtype=bool)
    if isinstance(minimum, EveryEssential):
        return np.asarray(meets_minimum_criteria(agreed, criteria, threshold) & complete, bool)
    essentials = np.nan_to_num(agreed[:, ruling_out_mask(criteria)])
    if isinstance(minimum, EachEssentialAtLeast):
        met = (essentials >= minimum.each_essential_at_least).all(axis=1)
        return np.asarray(met & complete, dtype=bool)
    asked = share_asked(minimum)
    marks = np.rint(essentials.sum(axis=1)).astype(np.int64)  # agreed scores are whole points
    possible = scale_maximum * essentials.shape[1]
    # marks / possible >= p / q, exactly, as marks * q >= p * possible (possible 0: nothing asked)
    met = marks * asked.denominator >= asked.numerator * possible
    return np.asarray(met & complete, dtype=bool)


@dataclass(frozen=True)
class EssentialsFigure:
    """One application's figure on its application-stage essentials."""

    marks: int
    possible: int
    lowest: tuple[int, int] | None  # (column in criteria, agreed score) of the lowest essential

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.marks, self.possible) if self.possible else None


def essentials_figure(
    agreed_row: Floats, criteria: tuple[Criterion, ...], scale_maximum: int
) -> EssentialsFigure:
    """The marks on the application-stage essentials, out of the marks possible, and the
    lowest of them (the first such criterion on a tie)."""
    columns = np.flatnonzero(ruling_out_mask(criteria)).tolist()
    scores = [int(round(float(agreed_row[j]))) for j in columns]
    lowest = None
    if columns:
        k = int(np.argmin(scores))
        lowest = (columns[k], scores[k])
    return EssentialsFigure(sum(scores), scale_maximum * len(columns), lowest)


def minimum_off_scale(policy: GuaranteedInterviewPolicy, scale: Scale) -> str | None:
    """A scheme asking a score on each essential that the vacancy's scale does not have (no
    applicant could pass it): what is wrong and what to do, for HR setting up the vacancy."""
    for scheme in policy.schemes:
        for m in tests_of(scheme.minimum):
            if not isinstance(m, EachEssentialAtLeast) or m.each_essential_at_least in scale.values:
                continue
            return (
                f"{the_scheme(scheme.name, start=True)} asks a score of at least "
                f"{m.each_essential_at_least} "
                f"on each essential, which is not on the {scale.name} scale "
                f"({scale.minimum}-{scale.maximum}): choose a scale that has it, or ask whoever "
                "keeps the policy to correct the scheme's minimum."
            )
    return None
