"""Each claimed scheme's own minimum, judged for every application of one vacancy once its
scores are agreed: the outcomes come back with `minimum_met` and the applicant's figure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from criteria.policy_minimum import EveryEssential
from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus
from scoring.rules.scheme_minimum import (
    Bools,
    Floats,
    essentials_figure,
    meets_scheme_minimum,
)
from scoring.vacancy import Vacancy
from scoring.words.scheme_minimum import minimum_figure


def judge_minimums(
    vacancy: Vacancy,
    agreed: Floats,
    totals: Floats,
    outcomes: Sequence[tuple[SchemeOutcome, ...]],
) -> list[tuple[SchemeOutcome, ...]]:
    """`outcomes[i]` with each scheme's minimum judged for application i (left unjudged while
    its scores are incomplete, and for a declaration the policy runs no scheme for)."""
    criteria = vacancy.scored_criteria
    scale = vacancy.scheme.scale
    met: dict[str, Bools] = {}
    complete = np.asarray(~np.isnan(totals), dtype=bool).tolist()
    judged = []
    for i, out in enumerate(outcomes):
        if not out or not complete[i]:
            judged.append(out)
            continue
        mine = []
        for o in out:
            scheme = (
                None
                if o.status is SchemeStatus.SWITCHED_OFF
                else vacancy.policy.scheme(o.scheme_id)
            )
            if scheme is None:
                mine.append(o)
                continue
            if scheme.id not in met:
                met[scheme.id] = meets_scheme_minimum(
                    scheme.minimum,
                    agreed,
                    criteria,
                    threshold=vacancy.scheme.essential_threshold,
                    scale_maximum=scale.maximum,
                    totals=totals,
                )
            words = None
            if not isinstance(scheme.minimum, EveryEssential):
                figure = essentials_figure(agreed[i], criteria, scale.maximum)
                words = minimum_figure(scheme.minimum, figure, float(totals[i]), criteria, scale)
            mine.append(replace(o, minimum_met=bool(met[scheme.id][i]), minimum_figure=words))
        judged.append(tuple(mine))
    return judged
