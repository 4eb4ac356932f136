"""A straightforward row-by-row implementation of moderation, totals, minimum criteria and
ranking. It is the oracle the property tests compare the vectorised engine against, and the
baseline the benchmark times the engine against. Clarity over speed: do not optimise it.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from scoring.applications import Application
from scoring.guaranteed_interview import SchemeStatus, assess_schemes, reference_date
from scoring.scheme import ModerationRule
from scoring.vacancy import Vacancy


@dataclass(frozen=True)
class ReferenceStanding:
    total: float | None
    meets_minimum: bool | None
    failed: tuple[str, ...]
    rank: int | None
    merit: bool
    tied: bool


def reference_standings(
    vacancy: Vacancy,
    applications: Sequence[Application],
    panel_scores: pd.DataFrame,
    agreed_scores: pd.DataFrame | None = None,
    priority_round: frozenset[str] = frozenset(),
) -> dict[str, ReferenceStanding]:
    """`priority_round`: ids considered in the first, ring-fenced round, outside the ranking."""
    scheme = vacancy.scheme
    scored = vacancy.scored_criteria
    scored_ids = {c.id for c in scored}
    given: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in panel_scores.itertuples(index=False):
        if str(row.criterion_id) in scored_ids:
            given[(str(row.application_id), str(row.criterion_id))].append(float(row.score))  # type: ignore[arg-type]
    recorded: dict[tuple[str, str], float] = {}
    if agreed_scores is not None:
        for row in agreed_scores.itertuples(index=False):
            recorded[(str(row.application_id), str(row.criterion_id))] = float(row.score)  # type: ignore[arg-type]

    totals: dict[str, float | None] = {}
    failed: dict[str, list[str]] = {}
    for app in applications:
        total: float | None = 0.0
        failed[app.application_id] = []
        for criterion in scored:
            key = (app.application_id, criterion.id)
            values = given.get(key, [])
            if key in recorded:
                agreed: float | None = recorded[key]
            elif not values or scheme.moderation is ModerationRule.AGREEMENT_REQUIRED:
                agreed = None
            elif scheme.moderation is ModerationRule.ROUNDED_DOWN_MEAN:
                agreed = float(math.floor(sum(values) / len(values) + 1e-9))
            else:
                agreed = float(math.floor(statistics.median(values) + 1e-9))
            if agreed is None:
                total = None
                continue
            if total is not None:
                total += scheme.weight(criterion.id, criterion.category.value) * agreed
            if criterion.rules_out_at_shortlisting and agreed < scheme.essential_threshold:
                failed[app.application_id].append(criterion.id)
        totals[app.application_id] = None if total is None else round(total, 9)

    pool = [
        a.application_id
        for a in applications
        if totals[a.application_id] is not None
        and not failed[a.application_id]
        and not a.withdrawn
        and a.application_id not in priority_round
    ]
    ascending = sorted(t for a in pool if (t := totals[a]) is not None)
    result = {}
    for app in applications:
        app_id = app.application_id
        total = totals[app_id]
        meets = None if total is None else not failed[app_id]
        if app_id not in pool or total is None:
            result[app_id] = ReferenceStanding(
                total, meets, tuple(failed[app_id]), None, False, False
            )
            continue
        above = len(ascending) - bisect.bisect_right(ascending, total)
        equal = bisect.bisect_right(ascending, total) - bisect.bisect_left(ascending, total)
        passes = scheme.pass_mark is None or total >= scheme.pass_mark - 1e-9
        if scheme.slots is None:
            merit, tied = passes, False
        else:
            merit = passes and above + equal <= scheme.slots
            tied = passes and above < scheme.slots < above + equal
        result[app_id] = ReferenceStanding(
            total, meets, tuple(failed[app_id]), above + 1, merit, tied
        )
    return result


def reference_decisions(
    vacancy: Vacancy,
    applications: Sequence[Application],
    panel_scores: pd.DataFrame,
    agreed_scores: pd.DataFrame | None = None,
) -> dict[str, str]:
    """Each application's decision (the Outcome value), worked out one application at a time
    from the rules in PRODUCT.md, independently of the engine's code."""
    outcomes = {
        a.application_id: assess_schemes(
            a.declarations, vacancy.policy, reference_date(a.received_date, vacancy.closing_date)
        )
        for a in applications
    }
    priority = frozenset(
        x for x, out in outcomes.items() if any(o.applies and o.is_priority for o in out)
    )
    standings = reference_standings(vacancy, applications, panel_scores, agreed_scores, priority)

    # Disability Confident in "limited" mode: the best K disabled applicants not on merit.
    places = vacancy.scheme.disability_limited_places
    limited = any(s.volume_mode == "limited" for s in vacancy.policy.schemes) and places is not None
    disabled = [
        a.application_id
        for a in applications
        if standings[a.application_id].rank is not None
        and not standings[a.application_id].merit
        and any(o.limited and o.applies for o in outcomes[a.application_id])
    ]
    chosen: set[str] = set(disabled)
    tied_disabled: set[str] = set()
    if limited and places is not None:
        totals = sorted(
            (t for x in disabled if (t := standings[x].total) is not None), reverse=True
        )
        chosen = set()
        for x in disabled:
            total = standings[x].total
            above = sum(1 for t in totals if total is not None and t > total)
            equal = sum(1 for t in totals if t == total)
            if above + equal <= places:
                chosen.add(x)
            elif above < places:
                tied_disabled.add(x)

    decisions = {}
    for app in applications:
        x = app.application_id
        s = standings[x]
        others = [o for o in outcomes[x] if o.applies and not o.limited and not o.is_priority]
        if app.withdrawn:
            decisions[x] = "withdrawn"
        elif s.total is None:
            decisions[x] = "scoring_incomplete"
        elif s.failed:
            decisions[x] = "not_shortlisted"
        elif x in priority:
            decisions[x] = "shortlisted_in_priority_round"
        elif s.merit:
            decisions[x] = "shortlisted_on_merit"
        elif x in chosen or others:
            decisions[x] = "shortlisted_under_scheme"
        elif s.tied or x in tied_disabled:
            decisions[x] = "tied_at_cut_off"
        elif any(o.status is SchemeStatus.NEEDS_INFORMATION for o in outcomes[x]):
            decisions[x] = "needs_information"
        else:
            decisions[x] = "not_shortlisted"
    return decisions
