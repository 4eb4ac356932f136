"""Shortlist: rank those meeting the minimum criteria, cut at slots and/or a pass mark, add
guaranteed-interview applicants who pass their scheme's minimum, and give every application a
decision with its reason.

Ties at the cut-off are shown as ties for the panel; the order of the input never breaks a tie.
The tool recommends; a person finalises.

Where each application stands is scoring/rules/standing.py, each recommended decision and its
reason scoring/rules/recommendation.py, the outcomes themselves scoring/rules/outcomes.py; this
module puts them together and lists what keeps the shortlist from being final.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from scoring.applications import Application
from scoring.rules.guaranteed_interview import reference_date
from scoring.rules.judged_minimums import judge_minimums
from scoring.rules.moderation import Moderation, ScoreCube, expected_scores, moderate
from scoring.rules.outcomes import Outcome as Outcome  # re-exported: see below
from scoring.rules.recommendation import Decision, DecisionContext
from scoring.rules.standing import Bools, Standing, limited_disability, scored_totals, stand
from scoring.rules.vacancy_cover import assess_covered_schemes
from scoring.vacancy import Vacancy
from scoring.words.counts import counted

# `Outcome` lives in scoring/rules/outcomes.py; it is still importable from here because the
# files read and written (exports/) and a screen (app_pages/) import it from here, and those are
# being split elsewhere: once they import it from its home, this re-export goes.


@dataclass(frozen=True)
class ShortlistResult:
    vacancy: Vacancy
    decisions: tuple[Decision, ...]
    moderation: Moderation
    standing: Standing
    issues: tuple[str, ...] = field(default=())

    @property
    def is_final(self) -> bool:
        """Every score given and every disagreement moderated: the shortlist can be signed off."""
        return not self.issues

    def by_id(self) -> dict[str, Decision]:
        return {d.application_id: d for d in self.decisions}


def shortlist(
    vacancy: Vacancy,
    applications: Sequence[Application],
    panel_scores: pd.DataFrame,
    agreed_scores: pd.DataFrame | None = None,
    *,
    members: Sequence[str] | None = None,
    exclusions: set[tuple[str, str]] | None = None,
    member_names: Mapping[str, str] | None = None,
) -> ShortlistResult:
    """Decisions for every application. Inputs are validated already (see interchange.py).
    `member_names`: each member's name as people know them, by the id the scores carry (a
    user name); the issues name people by it."""
    apps = sorted(applications, key=lambda a: a.application_id)
    ids = [a.application_id for a in apps]
    criteria = vacancy.scored_criteria
    cube = ScoreCube.from_frame(panel_scores, ids, [c.id for c in criteria], members, exclusions)
    withdrawn = np.array([a.withdrawn for a in apps], dtype=bool)
    cube = replace(cube, expected=expected_scores(apps, cube.expected))
    moderation = moderate(cube, vacancy.scheme, agreed_scores)
    closing = vacancy.closing_date
    assessed = [
        assess_covered_schemes(
            a.declarations, vacancy.policy, reference_date(a.received_date, closing), vacancy.post
        )
        for a in apps
    ]
    totals, _ = scored_totals(vacancy, moderation.agreed)
    outcomes = judge_minimums(vacancy, moderation.agreed, totals, assessed)
    priority = np.array([any(o.qualifies and o.is_priority for o in out) for out in outcomes], bool)
    standing = stand(vacancy, moderation, withdrawn, priority)
    limited_applies = np.array(
        [any(o.limited and o.qualifies for o in out) for out in outcomes], dtype=bool
    )
    limited_applies &= ~withdrawn & ~priority
    limited = any(s.volume_mode == "limited" for s in vacancy.policy.schemes)
    chosen, tied = limited_disability(vacancy, standing, limited_applies, limited)
    ctx = DecisionContext(vacancy, standing, moderation, chosen, tied)
    decided = [ctx.decide(i, a, outcomes[i]) for i, a in enumerate(apps)]
    # Ranked first, by rank; then the rest; application id within (apps are sorted by id).
    order = np.lexsort((np.arange(len(apps)), standing.rank, ~standing.pool)).tolist()
    decisions = tuple(decided[k] for k in order)
    return ShortlistResult(
        vacancy, decisions, moderation, standing,
        _issues(vacancy, moderation, withdrawn, member_names or {}),
    )  # fmt: skip


def _issues(
    vacancy: Vacancy, moderation: Moderation, withdrawn: Bools, names: Mapping[str, str]
) -> tuple[str, ...]:
    issues = []
    disagreements = int(moderation.needs_agreement.sum())
    if disagreements:
        one = disagreements == 1
        issues.append(
            f"{counted(disagreements, 'score')} {'differs' if one else 'differ'} by "
            f"{vacancy.scheme.disagreement_spread} or more and {'needs' if one else 'need'} "
            "an agreed score."
        )
    unfinished = [names.get(m, m) for m in moderation.unfinished_members()]
    if unfinished:
        issues.append(f"Not finished scoring: {', '.join(unfinished)}.")
    no_score = int(np.isnan(moderation.agreed[~withdrawn]).sum())
    if no_score:
        issues.append(
            f"{counted(no_score, 'application x criterion pair')} "
            f"{'has' if no_score == 1 else 'have'} no score at all."
        )
    return tuple(issues)
