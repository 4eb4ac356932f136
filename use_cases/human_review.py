"""HR: the proof of human review of a vacancy (scoring/rules/human_review.py), from the request's one
ShortlistOutcome: per application, which members opened it, for how long, what they scored and
noted; per vacancy, the override rate and the sign-off. Gathers what is stored; the core makes
the table and counts the figures from it."""

from __future__ import annotations

from scoring.rules.human_review import Panellist, ReadingRecord, ReviewProof, review_vacancy
from scoring.rules.outcomes import Outcome
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.ports.human_review import HumanReviewRepository
from use_cases.shortlists import ShortlistOutcome

HumanReviewView = ReviewProof  # the name pages and exports know it by


class HumanReview(UseCase):
    repo: HumanReviewRepository

    def __init__(
        self, store: Store, *, repo: HumanReviewRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="see the proof of human review")
    def review(self, actor: Actor, outcome: ShortlistOutcome) -> ReviewProof:
        vacancy = outcome.vacancy
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy.id)
            seats = self.repo.panel(session=session, vacancy_id=vacancy.id)
            rows = self.repo.review_rows(session=session, vacancy_id=vacancy.id)
            counts = self.repo.scored_and_noted(session=session, vacancy_id=vacancy.id)
        live = {ref.id: reference for reference, ref in outcome.refs.items() if not ref.withdrawn}
        decided = [d for d in outcome.decisions if d.decision is not Outcome.WITHDRAWN]
        return review_vacancy(
            sorted(live.values()),
            [Panellist(s.user_id, s.display_name) for s in seats],
            [
                ReadingRecord(live[r.application_id], r.user_id, r.seconds, r.views)
                for r in rows
                if r.application_id in live
            ],
            {(live[a], u): n for (a, u), n in counts.items() if a in live},
            decisions=len(decided),
            overrides=sum(1 for d in decided if d.overridden),
            by_decision=outcome.tally.by_decision,
            signed_off_by=vacancy.finalised_by,
            signed_off_at=vacancy.finalised_at,
        )
