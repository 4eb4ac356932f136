"""Properties of the shortlist that must hold for any vacancy (hypothesis)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria.schema import Criterion
from fixtures.reference import reference_decisions, reference_standings
from scoring.applications import Application
from scoring.rules.outcomes import Outcome
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from tests.factories import application, criterion, vacancy

MEMBERS = ("m1", "m2", "m3")


@dataclass
class Case:
    vacancy: Vacancy
    applications: list[Application]
    scores: pd.DataFrame


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n_criteria = draw(st.integers(1, 5))
    criteria: list[Criterion] = []
    for i in range(n_criteria):
        requirement = draw(st.sampled_from(["essential", "essential", "desirable"]))
        stage = draw(st.sampled_from(["application", "application", "application", "interview"]))
        criteria.append(criterion(f"c{i}", requirement, stage))
    if not any(c.stage == "application" for c in criteria):
        criteria.append(criterion("c-last"))
    slots = draw(st.one_of(st.none(), st.integers(0, 6)))
    pass_mark = draw(st.one_of(st.none(), st.integers(0, 3 * len(criteria))))
    v = vacancy(criteria, slots=slots, pass_mark=pass_mark)
    n_apps = draw(st.integers(1, 10))
    apps = [
        application(
            f"A{i:02d}",
            disability=draw(st.booleans()),
            care_leaver=draw(st.booleans()),
            withdrawn=draw(st.sampled_from([False] * 9 + [True])),
        )
        for i in range(n_apps)
    ]
    n_members = draw(st.integers(1, 3))
    rows = [
        {
            "application_id": a.application_id,
            "criterion_id": c.id,
            "panel_member": m,
            "score": draw(st.integers(0, 3)),
        }
        for a in apps
        for c in criteria
        for m in MEMBERS[:n_members]
    ]
    return Case(v, apps, pd.DataFrame(rows))


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cases())
def test_a_scheme_applicant_who_meets_the_minimum_criteria_is_always_shortlisted(
    case: Case,
) -> None:
    for d in shortlist(case.vacancy, case.applications, case.scores).decisions:
        if d.schemes and d.meets_minimum and d.decision is not Outcome.WITHDRAWN:
            assert d.decision.is_shortlisted, d


@PROPERTY
@given(cases(), st.randoms(use_true_random=False))
def test_raising_a_score_never_removes_that_applicant_from_the_shortlist(
    case: Case, rnd: random.Random
) -> None:
    before = shortlist(case.vacancy, case.applications, case.scores).by_id()
    row = rnd.randrange(len(case.scores))
    raised = case.scores.copy()
    raised.loc[row, "score"] = rnd.randint(int(raised.loc[row, "score"]), 3)
    after = shortlist(case.vacancy, case.applications, raised).by_id()
    app_id = raised.loc[row, "application_id"]
    if before[app_id].decision.is_shortlisted:
        assert after[app_id].decision.is_shortlisted


@PROPERTY
@given(cases(), st.randoms(use_true_random=False))
def test_shuffling_the_input_rows_never_changes_a_decision(case: Case, rnd: random.Random) -> None:
    before = {
        d.application_id: d
        for d in shortlist(case.vacancy, case.applications, case.scores).decisions
    }
    apps = list(case.applications)
    rnd.shuffle(apps)
    shuffled = case.scores.sample(frac=1, random_state=rnd.randrange(2**32)).reset_index(drop=True)
    after = shortlist(case.vacancy, apps, shuffled).by_id()
    assert after == before


@PROPERTY
@given(cases())
def test_nobody_who_fails_an_application_stage_essential_is_shortlisted(case: Case) -> None:
    for d in shortlist(case.vacancy, case.applications, case.scores).decisions:
        if d.failed_essentials:
            assert d.decision is Outcome.NOT_SHORTLISTED or d.decision is Outcome.WITHDRAWN


@PROPERTY
@given(cases())
def test_the_engine_agrees_with_the_row_by_row_reference(case: Case) -> None:
    result = shortlist(case.vacancy, case.applications, case.scores)
    reference = reference_standings(case.vacancy, case.applications, case.scores)
    s = result.standing
    for i, app_id in enumerate(result.moderation.cube.application_ids):
        ref = reference[app_id]
        total = None if math.isnan(s.totals[i]) else float(s.totals[i])
        assert total == ref.total
        assert (
            tuple(c.id for c, f in zip(case.vacancy.scored_criteria, s.failed[i], strict=True) if f)
            == ref.failed
        )
        assert (int(s.rank[i]) if s.pool[i] else None) == ref.rank
        assert bool(s.merit[i]) == ref.merit
        assert bool(s.tied[i]) == ref.tied


@PROPERTY
@given(cases())
def test_every_decision_agrees_with_the_reference_rules(case: Case) -> None:
    result = shortlist(case.vacancy, case.applications, case.scores)
    expected = reference_decisions(case.vacancy, case.applications, case.scores)
    assert {d.application_id: d.decision.value for d in result.decisions} == expected
