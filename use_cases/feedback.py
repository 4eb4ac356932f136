"""HR: an applicant's feedback sheet (each criterion's outcome against the threshold, and the
decision with its reason), from the request's one ShortlistOutcome. Preparing one is audited."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from scoring.rules.human_review import feedback_sentence
from scoring.words.feedback import FeedbackSheet, criterion_outcomes
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.human_review import HumanReview
from use_cases.ports.feedback import FeedbackRepository
from use_cases.shortlists import ShortlistOutcome


class Feedback(UseCase):
    repo: FeedbackRepository

    def __init__(
        self,
        store: Store,
        *,
        human_review: HumanReview,
        repo: FeedbackRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.human_review = human_review

    @allowed(Role.HR, action="prepare feedback for an applicant")
    def feedback_sheet(
        self,
        actor: Actor,
        outcome: ShortlistOutcome,
        reference: str,
        *,
        include_name: bool = False,
    ) -> FeedbackSheet:
        """For a feedback request, or (with the name) a subject access request."""
        vacancy = outcome.vacancy
        decision = outcome.decision(reference)

        def write(session: Session) -> str:
            self.visible_vacancy(session, actor, vacancy.id)
            organisation = self.repo.organisation_name(
                session=session, organisation_id=vacancy.organisation_id
            )
            self.audit(
                session, actor, "prepare_feedback", "application", reference,
                vacancy_id=vacancy.id, new={"include_name": include_name},
            )  # fmt: skip
            return organisation

        organisation = self.store.write(write)
        moderation = outcome.result.moderation
        row = list(moderation.cube.application_ids).index(reference)
        agreed = {
            c: (None if pd.isna(v) else int(v))
            for c, v in zip(moderation.cube.criterion_ids, moderation.agreed[row], strict=True)
        }
        scheme = vacancy.scheme
        scale = tuple((p.value, p.label) for p in scheme.scale.points)
        person = outcome.people.get(reference)
        read = self.human_review.review(actor, outcome).of(reference)
        reviewed = feedback_sentence(read) if read else ""
        return FeedbackSheet(
            organisation=organisation, vacancy=vacancy.title, role=vacancy.role_title,
            reference=reference, name=person.full_name if include_name and person else None,
            decision=decision.decision.label, reason=decision.reason, total=decision.total,
            scale=scale, threshold=scheme.essential_threshold,
            criteria=criterion_outcomes(
                vacancy.criteria, agreed, scale=scale, threshold=scheme.essential_threshold
            ),
            prepared_by=actor.display_name, prepared_on=self.clock(),
            finalised=vacancy.finalised, reviewed=reviewed,
        )  # fmt: skip
