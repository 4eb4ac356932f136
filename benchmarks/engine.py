"""Time the shortlisting engine against the row-by-row reference on synthetic vacancies."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from fixtures.reference import reference_decisions
from fixtures.synthetic import SyntheticVacancy, synthetic_vacancy
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy

BENCH_ROLE = "medway-data-and-insight-officer"


def bench_vacancy(criteria: int = 30) -> Vacancy:
    """A real role (Medway Data and Insight Officer, level C) cut to `criteria` criteria, under
    Dartford's interview schemes (Medway records none) so that every scheme route is assessed."""
    catalogue = load_catalogue()
    role = catalogue.role(BENCH_ROLE)
    variant = effective_criteria(role, catalogue.organisation_of(role), level="C")
    base = Vacancy.from_variant(variant, Scheme(slots=max(criteria // 3, 1) * 10))
    policy = catalogue.organisations["dartford"].guaranteed_interview
    return base.model_copy(update={"criteria": base.scored_criteria[:criteria], "policy": policy})


def timed(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@dataclass(frozen=True)
class EngineFigures:
    applications: int
    criteria: int
    members: int
    engine_seconds: float
    reference_seconds: float
    reasons_seconds: float

    @property
    def ratio(self) -> float:
        return self.reference_seconds / self.engine_seconds


def measure_engine(applications: int, criteria: int = 30, seed: int = 7) -> EngineFigures:
    data: SyntheticVacancy = synthetic_vacancy(bench_vacancy(criteria), applications, seed=seed)
    engine = timed(lambda: shortlist(data.vacancy, data.applications, data.panel_scores), repeat=5)
    reference = timed(
        lambda: reference_decisions(data.vacancy, data.applications, data.panel_scores), repeat=1
    )
    result = shortlist(data.vacancy, data.applications, data.panel_scores)
    reasons = timed(lambda: [d.reason for d in result.decisions], repeat=1)
    return EngineFigures(applications, criteria, len(data.members), engine, reference, reasons)
