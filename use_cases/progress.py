"""How far scoring has got: a member's own progress, HR's view of every member, and a member's
submission. All three count the scores a member owes with one rule (`scores_owed`)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from scoring.rules.deadlines import pace
from scoring.rules.lifecycle import Action, check_allowed
from scoring.rules.owed_scores import Owed, check_may_submit, scores_owed
from scoring.rules.score_checks import scores_locked
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.models import CodeProgress, MemberProgress, MemberStanding, VacancyPublic
from use_cases.ports.progress import ProgressRepository


class Progress(UseCase):
    repo: ProgressRepository

    def __init__(
        self, store: Store, *, repo: ProgressRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    def owed(
        self, session: Session, vacancy: VacancyPublic, user_id: int, scored: dict[str, int]
    ) -> tuple[Owed, ...]:
        applications = self.repo.refs(session=session, vacancy_id=vacancy.id)
        conflicted = self.repo.conflicted_ids(
            session=session, vacancy_id=vacancy.id, user_id=user_id
        )
        return scores_owed(
            applications,
            conflicted={a.panel_code for a in applications if a.id in conflicted},
            scored=scored,
            criteria=len(vacancy.scored_criteria),
        )

    def _mine(self, session: Session, vacancy: VacancyPublic, user_id: int) -> tuple[Owed, ...]:
        scored = self.repo.scored_per_application(
            session=session,
            vacancy_id=vacancy.id,
            user_id=user_id,
            criteria=[c.id for c in vacancy.scored_criteria],
        )
        return self.owed(session, vacancy, user_id, scored)

    @allowed(Role.PANEL, action="see their scoring progress")
    def my_progress(self, actor: Actor, vacancy_id: int) -> list[CodeProgress]:
        """For each application the member scores: how many criteria they have scored."""
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            self.ready_to_read(session, vacancy_id, actor.user_id)
            return [
                CodeProgress(panel_code=o.panel_code, scored=o.scored, expected=o.expected)
                for o in self._mine(session, vacancy, actor.user_id)
            ]

    @allowed(Role.HR, action="see scoring progress")
    def progress(self, actor: Actor, vacancy_id: int) -> list[MemberProgress]:
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            per_member = self.repo.scored_per_member(
                session=session,
                vacancy_id=vacancy_id,
                criteria=[c.id for c in vacancy.scored_criteria],
            )
            conflicts = self.repo.conflict_counts(session=session, vacancy_id=vacancy_id)
            result = []
            for seat in self.repo.panel(session=session, vacancy_id=vacancy_id):
                owed = self.owed(session, vacancy, seat.user_id, per_member.get(seat.user_id, {}))
                result.append(
                    MemberProgress(
                        user_id=seat.user_id, member=seat.display_name,
                        scored=sum(o.scored for o in owed), expected=sum(o.expected for o in owed),
                        submitted_at=seat.submitted_at,
                        conflicts_declared_at=seat.conflicts_declared_at,
                        conflicts=conflicts.get(seat.user_id, 0),
                        pace=pace(
                            sum(o.scored for o in owed), sum(o.expected for o in owed),
                            released=vacancy.released_at, deadline=vacancy.scoring_deadline,
                            now=self.clock(),
                        ),
                    )
                )  # fmt: skip
            return result

    @allowed(Role.PANEL, action="see their scoring progress")
    def my_standing(self, actor: Actor, vacancy_id: int) -> MemberStanding:
        """When the member submitted, and whether their scores may still change."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
            assert found is not None  # visible_vacancy checked the seat
            return MemberStanding(
                submitted_at=self._submitted_at(session, vacancy_id, actor.user_id),
                locked=scores_locked(found[0]),
            )

    def _submitted_at(self, session: Session, vacancy_id: int, user_id: int) -> datetime | None:
        seats = self.repo.panel(session=session, vacancy_id=vacancy_id)
        at = next((s.submitted_at for s in seats if s.user_id == user_id), None)
        return at if at is None or at.tzinfo else at.replace(tzinfo=UTC)  # SQLite keeps no zone

    @allowed(Role.PANEL, action="submit scores")
    def submit(self, actor: Actor, vacancy_id: int) -> datetime:
        """The member's scores become final; moderation opens to them. Returns when they were
        submitted: submitting again (a double click, a second window) changes nothing and
        answers with the first submission's time."""

        def write(session: Session) -> datetime:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
            assert found is not None  # visible_vacancy checked the seat
            if found[0].submitted:  # a double click, a second window: calm, and nothing changes
                submitted = self._submitted_at(session, vacancy_id, actor.user_id)
                assert submitted is not None
                return submitted
            check_allowed(vacancy.state, Action.SUBMIT_SCORES)
            owed = self._mine(session, vacancy, actor.user_id)
            state = check_may_submit(submitted=False, owed=owed)
            now = self.clock()
            self.repo.set_submitted(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id, at=now
            )
            self.audit(
                session, actor, "submit_scores", "panel_assignment", actor.user_id,
                vacancy_id=vacancy_id, new={"scores": state.given},
            )  # fmt: skip
            return now

        return self.store.write(write)
