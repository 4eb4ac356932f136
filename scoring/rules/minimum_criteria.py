"""Minimum criteria: every essential assessed from the application is met.

An essential is met when its agreed score is at least the scheme's threshold (2 on the 0-3
scale). Essentials assessed at interview, by test or from documents never rule anyone out at
shortlisting; nor do desirables or behaviours.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from criteria.schema import Criterion

Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]


def ruling_out_mask(criteria: tuple[Criterion, ...]) -> Bools:
    return np.array([c.rules_out_at_shortlisting for c in criteria], dtype=bool)


def failed_essentials(agreed: Floats, criteria: tuple[Criterion, ...], threshold: int) -> Bools:
    """(applications x criteria): an application-stage essential with an agreed score below
    the threshold. A criterion with no agreed score yet is not counted as failed."""
    with np.errstate(invalid="ignore"):
        below = agreed < threshold
    return below & ruling_out_mask(criteria)[None, :]


def meets_minimum_criteria(
    agreed: Floats, criteria: tuple[Criterion, ...], threshold: int
) -> Bools:
    """True where every application-stage essential has an agreed score at the threshold."""
    mask = ruling_out_mask(criteria)
    with np.errstate(invalid="ignore"):
        met = agreed[:, mask] >= threshold
    return np.asarray(met.all(axis=1), dtype=bool)
