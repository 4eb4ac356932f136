"""People's decisions on the shortlist for the fake repository (tests/fake_vacancies.py's
state): overrides saved compare-and-set and the sign-off at finalising, as
storage/repository/decisions.py does, so the Shortlists use case runs without a database; and
the reading times and counts the proof of human review and the feedback sheets read, and the
equality-monitoring answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from scoring.rules.decisions import PersonsDecision
from scoring.rules.outcomes import Outcome
from scoring.rules.score_checks import StoredScore
from storage.repository.review_time import ReviewRow
from tests import factories
from tests.fake_repository import FakeRepository
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import application, fake_world, member
from use_cases.models import VacancyPublic
from use_cases.ports.feedback import FeedbackRepository
from use_cases.ports.human_review import HumanReviewRepository
from use_cases.ports.monitoring import MonitoringRepository
from use_cases.ports.shortlists import ShortlistsRepository


class FakeDecisions(
    FakeVacancies,
    FeedbackRepository,
    HumanReviewRepository,
    MonitoringRepository,
    ShortlistsRepository,
):
    """`race` (FakeVacancies) also makes the next override find another window's decision."""

    def persons_decisions(self, *, session: object, vacancy_id: int) -> dict[str, PersonsDecision]:
        found = self.state.decisions
        return {self.state.ref(a).reference: d for a, d in found.items()}

    def _decided(
        self, application_id: int, recommended: Outcome, decision: Outcome, by: int,
        at: datetime, version: int, *, override: str | None, signed: str | None,
    ) -> None:  # fmt: skip
        self.state.decisions[application_id] = PersonsDecision(
            application_id=self.state.ref(application_id).reference, decision=decision,
            recommended=recommended, override_reason=override, signed_off_reason=signed,
            decided_by=self.state.accounts[by].display_name, decided_at=at, version=version,
        )  # fmt: skip

    def save_override(
        self, *, session: object, application_id: int, expected_version: int | None,
        recommended: Outcome, decision: Outcome, override_reason: str, by: int, at: datetime,
    ) -> bool:  # fmt: skip
        stored = self.state.decisions.get(application_id)
        if self._lost_race() or (stored.version if stored else None) != expected_version:
            return False
        version = 1 if expected_version is None else expected_version + 1
        self._decided(application_id, recommended, decision, by, at, version, override=override_reason, signed=None)  # fmt: skip
        return True

    def sign_off(
        self, *, session: object, signed: dict[int, tuple[Outcome, Outcome, str]], by: int,
        at: datetime,
    ) -> None:  # fmt: skip
        for app_id, (recommended, decision, reason) in signed.items():
            stored = self.state.decisions.get(app_id)
            if stored is None:
                self._decided(app_id, recommended, decision, by, at, 1, override=None, signed=reason)  # fmt: skip
            else:
                self.state.decisions[app_id] = replace(
                    stored, signed_off_reason=reason, version=stored.version + 1
                )

    # what the proof of human review and the feedback sheets read -----------------------------
    def review_rows(self, *, session: object, vacancy_id: int) -> list[ReviewRow]:
        found = self.state.review_time
        return [ReviewRow(a, u, s, v, None) for (a, u), (s, v) in found.items()]

    def scored_and_noted(
        self, *, session: object, vacancy_id: int
    ) -> dict[tuple[int, int], tuple[int, int]]:
        counts: dict[tuple[int, int], tuple[int, int]] = {}
        for (app_id, _, user_id), (_, stored) in self.state.scores.items():
            scored, noted = counts.get((app_id, user_id), (0, 0))
            counts[app_id, user_id] = (scored + 1, noted + bool(stored.note.strip()))
        return counts

    def replace_answers(
        self, *, session: object, vacancy_id: int, answers: dict[int, dict[str, str]]
    ) -> None:
        self.state.monitoring = dict(answers)

    def answers(self, *, session: object, vacancy_id: int) -> list[tuple[str, dict[str, str]]]:
        found = self.state.monitoring
        return [(self.state.ref(a).reference, found[a]) for a in sorted(found)]

    def organisation_name(self, *, session: object, organisation_id: str) -> str:
        return {"darlington": "Darlington Borough Council"}.get(organisation_id, organisation_id)


def decisions_world(repo: FakeRepository, *others: VacancyPublic) -> FakeDecisions:
    """`repo`'s world (tests/fakes.py's `fake_world`) with the vacancy and decision functions."""
    return FakeDecisions(vacancy_world(repo, *others).state)


def scored_world(*, status: str = "moderation", scored: bool = True) -> FakeDecisions:
    """Rosa (7, rpatel) and Sam (8, sokafor), both submitted, over A1, A2 and A3, scored 3, 2
    and 1 on every criterion by both (unless not `scored`), and A4 withdrawn: A1 and A2 are
    shortlisted on merit, A3 is not."""
    rules = factories.vacancy()
    members = [member(7, "rpatel"), member(8, "sokafor")]
    apps = [application(1), application(2), application(3), application(4, withdrawn=True)]
    repo = decisions_world(
        fake_world(rules, members=members, applications=apps, submitted=True, status=status)
    )
    for n, score in ((1, 3), (2, 2), (3, 1)) if scored else ():
        for c in rules.scored_criteria:
            for m in members:
                repo.state.next_id += 1
                repo.state.scores[(n, c.id, m.user_id)] = (repo.state.next_id, StoredScore(score, "", 1))  # fmt: skip
    return repo
