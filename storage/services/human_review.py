"""HR: the proof of human review of a vacancy (scoring/human_review.py), from the request's one
ShortlistOutcome: per application, which members opened it, for how long, what they scored and
noted; per vacancy, the override rate and the sign-off."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.human_review import (
    ApplicationReview,
    MemberReview,
    VacancyReview,
    vacancy_review,
)
from scoring.shortlist import Outcome
from storage.access import Actor, Role, allowed
from storage.services.common import UseCase
from storage.services.shortlists import ShortlistOutcome


@dataclass(frozen=True)
class HumanReviewView:
    vacancy: VacancyReview
    applications: tuple[ApplicationReview, ...]  # by HR's reference

    def of(self, reference: str) -> ApplicationReview | None:
        return next((a for a in self.applications if a.reference == reference), None)


class HumanReview(UseCase):
    @allowed(Role.HR, action="see the proof of human review")
    def review(self, actor: Actor, outcome: ShortlistOutcome) -> HumanReviewView:
        vacancy = outcome.vacancy
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy.id)
            seats = self.repo.panel(session=session, vacancy_id=vacancy.id)
            rows = {
                (r.application_id, r.user_id): r
                for r in self.repo.review_rows(session=session, vacancy_id=vacancy.id)
            }
            counts = self.repo.scored_and_noted(session=session, vacancy_id=vacancy.id)
        lines = []
        for reference, ref in sorted(outcome.refs.items()):
            if ref.withdrawn:
                continue
            members = []
            for seat in seats:
                row = rows.get((ref.id, seat.user_id))
                scored, noted = counts.get((ref.id, seat.user_id), (0, 0))
                members.append(
                    MemberReview(
                        member=seat.display_name,
                        opened=bool(row and row.views),
                        seconds=row.seconds if row else 0,
                        views=row.views if row else 0,
                        scored=scored,
                        noted=noted,
                    )
                )
            lines.append(ApplicationReview(reference, tuple(members)))
        decided = [d for d in outcome.decisions if d.decision is not Outcome.WITHDRAWN]
        summary = vacancy_review(
            lines,
            decisions=len(decided),
            overrides=sum(1 for d in decided if d.overridden),
            signed_off_by=vacancy.finalised_by,
            signed_off_at=vacancy.finalised_at,
        )
        return HumanReviewView(summary, tuple(lines))
