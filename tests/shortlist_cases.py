"""Random shortlists for property tests: a vacancy under one of four policies (Dartford's
schemes, Darlington's none, a priority round as well, and each scheme with a minimum of its own),
applications with scheme claims, panel
scores, and a sequence of people's decisions, each one the decision choices offered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pandas as pd
from hypothesis import strategies as st

from criteria.policy import GuaranteedInterviewPolicy
from scoring.applications import Application
from scoring.rules.decision_choices import decisions_open_to
from scoring.rules.decisions import FinalDecision, PersonsDecision, merge_decisions
from scoring.rules.shortlist import ShortlistResult, shortlist
from scoring.vacancy import Vacancy
from tests.factories import DARTFORD_POLICY, NO_SCHEME, application, criterion, vacancy

PRIORITY_POLICY = GuaranteedInterviewPolicy.model_validate(
    {
        "version": "test", "source": "test",
        "schemes": [
            {
                "id": "redeployment", "name": "Redeployment", "kind": "priority",
                "explanation": "Staff at risk of redundancy are considered first.",
                "routes": [{"id": "at-risk", "conditions": [{"at_risk_of_redundancy": True}]}],
            },
            *[s.model_dump(mode="json") for s in DARTFORD_POLICY.schemes],
        ],
    }
)  # fmt: skip
OWN_MINIMUMS = {"redeployment": {"essentials_share": "50%"}, "disability": {"each_essential_at_least": 1}, "care_leaver": {"pass_mark": 4}}  # fmt: skip
OWN_MINIMUM_POLICY = GuaranteedInterviewPolicy.model_validate(
    {
        "version": "test", "source": "test",
        "schemes": [
            {**s.model_dump(mode="json"), **({"minimum": OWN_MINIMUMS[s.id]} if s.id in OWN_MINIMUMS else {})}
            for s in PRIORITY_POLICY.schemes
        ],
    }
)  # fmt: skip  # each scheme with a minimum of its own (issue 28, item 3)
POLICIES = {
    "dartford": DARTFORD_POLICY,
    "darlington": NO_SCHEME,
    "priority": PRIORITY_POLICY,
    "own minimums": OWN_MINIMUM_POLICY,
}
MEMBERS = ("m1", "m2")
WHEN = datetime(2026, 2, 3, 10, 0, tzinfo=UTC)


@dataclass
class Campaign:
    vacancy: Vacancy
    applications: list[Application]
    scores: pd.DataFrame
    steps: list[tuple[int, int, str]]  # (application index, choice index, reason)
    late: int = 0  # the last `late` applications arrive after the first half of the steps
    stored: dict[str, PersonsDecision] = field(default_factory=dict)

    def result(self, arrived: int | None = None) -> ShortlistResult:
        apps = self.applications[:arrived]
        ids = {a.application_id for a in apps}
        scores = self.scores[self.scores["application_id"].isin(ids)].reset_index(drop=True)
        return shortlist(self.vacancy, apps, scores)

    def decide(self) -> tuple[ShortlistResult, tuple[FinalDecision, ...]]:
        """Each step a person's decision among those offered for the application then; the
        shortlist is made again after each, as the page would be. Late applications (and their
        scores) arrive half-way through, after decisions on the others."""
        early = len(self.applications) - self.late
        half = len(self.steps) // 2 if self.late else 0
        if half:
            self._steps(self.result(early), self.steps[:half], 0)
        return self._steps(self.result(), self.steps[half:], half)

    def _steps(
        self, result: ShortlistResult, steps: list[tuple[int, int, str]], start: int
    ) -> tuple[ShortlistResult, tuple[FinalDecision, ...]]:
        decisions = merge_decisions(result, self.stored, finalised=False)
        for n, (which, choice, reason) in enumerate(steps, start=start):
            d = decisions[which % len(decisions)]
            offered = decisions_open_to(d)
            if not offered:
                continue
            chosen = offered[choice % len(offered)]
            before = self.stored.get(d.application_id)
            self.stored[d.application_id] = PersonsDecision(
                d.application_id, chosen, d.recommended, reason, None, "Hilary Hughes",
                WHEN + timedelta(minutes=n), (before.version + 1) if before else 1,
            )  # fmt: skip
            decisions = merge_decisions(result, self.stored, finalised=False)
        return result, decisions


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    n_criteria = draw(st.integers(1, 4))
    criteria = [
        criterion(f"c{i}", draw(st.sampled_from(["essential", "essential", "desirable"])))
        for i in range(n_criteria)
    ]
    policy = POLICIES[draw(st.sampled_from(sorted(POLICIES)))]
    v = vacancy(
        criteria,
        policy=policy,
        slots=draw(st.one_of(st.none(), st.integers(1, 5))),
        pass_mark=draw(st.one_of(st.none(), st.integers(0, 3 * n_criteria))),
    )
    n_apps = draw(st.integers(1, 9))
    apps = [
        application(
            f"A{i:02d}",
            disability=draw(st.booleans()),
            care_leaver=draw(st.booleans()),
            at_risk_of_redundancy=draw(st.booleans()),
            withdrawn=draw(st.sampled_from([False] * 7 + [True])),
        )
        for i in range(n_apps)
    ]
    rows = [
        {"application_id": a.application_id, "criterion_id": c.id, "panel_member": m,
         "score": draw(st.integers(0, 3))}
        for a in apps
        for c in criteria
        for m in MEMBERS
        if draw(st.integers(0, 19))  # now and then a score not given yet
    ]  # fmt: skip
    steps = draw(
        st.lists(
            st.tuples(st.integers(0, 50), st.integers(0, 10), st.just("Decided at the panel.")),
            max_size=8,
        )
    )
    late = draw(st.integers(0, max(0, n_apps - 1)))
    return Campaign(v, apps, pd.DataFrame(rows, columns=list(ROW)), steps, late)


ROW = ("application_id", "criterion_id", "panel_member", "score")
