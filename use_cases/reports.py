"""HR's charts of a vacancy, made from the request's one ShortlistOutcome."""

from __future__ import annotations

from dataclasses import asdict

import numpy as np

from scoring.rules import reports
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.models import AgreementRow, PassRateRow, VacancyReport
from use_cases.ports.reports import ReportsRepository
from use_cases.shortlists import ShortlistOutcome


class Reports(UseCase):
    repo: ReportsRepository

    def __init__(
        self, store: Store, *, repo: ReportsRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="see a vacancy's charts")
    def report(self, actor: Actor, outcome: ShortlistOutcome) -> VacancyReport:
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, outcome.vacancy.id)
            names = {
                s.username: s.display_name
                for s in self.repo.panel(session=session, vacancy_id=outcome.vacancy.id)
            }
        result = outcome.result
        return VacancyReport(
            totals=reports.totals(result),
            cut_off=result.standing.cut_off,
            pass_mark=result.vacancy.scheme.pass_mark,
            matrix_references=list(result.moderation.cube.application_ids),
            matrix_criteria=[c.id for c in result.vacancy.scored_criteria],
            matrix=[
                [None if np.isnan(v) else float(v) for v in row] for row in result.moderation.agreed
            ],
            pass_rates=[
                PassRateRow(**asdict(r), rate=r.rate) for r in reports.essential_pass_rates(result)
            ],
            agreement=[
                AgreementRow(**asdict(a))
                for a in reports.panel_agreement(result.moderation.cube, names)
            ],
            funnel=reports.funnel(outcome.decisions),
        )
