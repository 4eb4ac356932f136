"""What a panel member reads: anonymised applications (a panel code and the redacted
evidence, never names, contacts or declarations), their own scores, and their own order of
applications for chunked review."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from scoring.rules.score_checks import scores_locked
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import NotAllowed
from use_cases.models import PadApplication, PanelApplication, ScoreRecord, VacancyPublic
from use_cases.ports.panel_reading import PanelReadingRepository
from use_cases.progress import Progress


@dataclass(frozen=True)
class ScorePage:
    """What the Score page draws around the pad, read at once: the member's vacancies, the one
    chosen (None: they have none), whether they have declared their conflicts on it, why their
    scores can no longer change (None while they may), and the applications they score (none
    before release and declaration)."""

    vacancies: list[VacancyPublic]
    vacancy: VacancyPublic | None
    declared: bool = False
    locked: str | None = None
    codes: tuple[str, ...] = ()


class PanelReading(UseCase):
    repo: PanelReadingRepository

    def __init__(
        self,
        store: Store,
        *,
        progress: Progress,
        repo: PanelReadingRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.progress = progress

    @allowed(Role.PANEL, action="read applications for scoring")
    def score_page(self, actor: Actor, wanted: int | None) -> ScorePage:
        """The Score page's reads in one transaction, for the vacancy `wanted` if the member
        is on its panel, else their first."""
        with self.store.reading() as session:
            vacancies = self.repo.list_vacancies(
                session=session, organisation_id=actor.organisation_id,
                panel_member=actor.user_id,
            )  # fmt: skip
            chosen = next((v for v in vacancies if v.id == wanted), None) or next(
                iter(vacancies), None
            )
            if chosen is None:
                return ScorePage(vacancies, None)
            vacancy = self.visible_vacancy(session, actor, chosen.id)
            found = self.repo.seat(session=session, vacancy_id=vacancy.id, user_id=actor.user_id)
            assert found is not None  # visible_vacancy checked the seat
            seat = found[0]
            declared = seat.declared  # as Declarations.has_declared
            if vacancy.released_at is None or not declared:
                return ScorePage(vacancies, vacancy, declared, scores_locked(seat))
            self.ready_to_read(session, vacancy.id, actor.user_id)
            scored = self.repo.scored_per_application(
                session=session, vacancy_id=vacancy.id, user_id=actor.user_id,
                criteria=[c.id for c in vacancy.scored_criteria],
            )  # fmt: skip
            owed = self.progress.owed(session, vacancy, actor.user_id, scored)
            return ScorePage(
                vacancies, vacancy, declared, scores_locked(seat), tuple(o.panel_code for o in owed)
            )

    @allowed(Role.PANEL, action="read applications for scoring")
    def panel_applications(self, actor: Actor, vacancy_id: int) -> list[PanelApplication]:
        """The applications the member scores (scoring/rules/who_scores.py): not those withdrawn,
        held or declared a conflict with."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            self.ready_to_read(session, vacancy_id, actor.user_id)
            found = self.repo.panel_applications(session=session, vacancy_id=vacancy_id)
            scored = self.scored_by(session, vacancy_id, actor.user_id, (r for r, _ in found))
            return [app for ref, app in found if ref.panel_code in scored]

    @allowed(Role.PANEL, action="read applications for scoring")
    def panel_application(self, actor: Actor, vacancy_id: int, panel_code: str) -> PanelApplication:
        """One anonymised application: what the scoring screen shows. Opening it is recorded
        (scoring/rules/human_review.py): the member's reading time on it, in the same write."""

        def read_and_record(session: Session) -> PanelApplication:
            self.visible_vacancy(session, actor, vacancy_id)
            self.ready_to_read(session, vacancy_id, actor.user_id)
            found = self.repo.panel_application(
                session=session, vacancy_id=vacancy_id, panel_code=panel_code
            )
            if found is None or not self.scored_by(session, vacancy_id, actor.user_id, [found[0]]):
                raise NotAllowed(f"{panel_code} is not one of the applications you score.")
            self.repo.touch_review(  # the proof of human review: who opened what
                session=session, vacancy_id=vacancy_id, application_id=found[0].id,
                user_id=actor.user_id, at=self.clock(), opened=True,
            )  # fmt: skip
            return found[1]

        return self.store.write(read_and_record)

    @allowed(Role.PANEL, action="read applications for scoring")
    def pad_moved(
        self, actor: Actor, vacancy_id: int, *, left: str | None, shown: str | None
    ) -> None:
        """The score pad stopped showing `left` and shows `shown` (panel codes; either may be
        None): the reading of `left` runs to now, and `shown` is opened (scoring/rules/human_review.py)
        through the same record as opening it on the Score page. An application the member
        may no longer read is passed over."""
        codes = [c for c in (left, shown) if c is not None]
        if not codes:
            return

        def record(session: Session) -> None:
            self.visible_vacancy(session, actor, vacancy_id)
            self.ready_to_read(session, vacancy_id, actor.user_id)
            found = self.repo.panel_applications_by_code(
                session=session, vacancy_id=vacancy_id, codes=codes
            )
            conflicted = self.repo.conflicted_ids(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id
            )
            readable = {
                code: ref.id
                for code, (ref, _) in found.items()
                if not ref.withdrawn and not ref.held and ref.id not in conflicted
            }
            now = self.clock()
            for code, opened in ((left, False), (shown, True)):
                if code in readable:
                    self.repo.touch_review(
                        session=session, vacancy_id=vacancy_id, application_id=readable[code],
                        user_id=actor.user_id, at=now, opened=opened,
                    )  # fmt: skip

        self.store.write(record)

    @allowed(Role.PANEL, action="read applications for scoring")
    def pad_applications(
        self, actor: Actor, vacancy_id: int, panel_codes: Sequence[str]
    ) -> list[PadApplication]:
        """What the score pad shows for a few applications (the one in view and those around
        it): the redacted evidence and the member's own scores, in one read."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            self.ready_to_read(session, vacancy_id, actor.user_id)
            found = self.repo.panel_applications_by_code(
                session=session, vacancy_id=vacancy_id, codes=panel_codes
            )
            scored = self.scored_by(
                session, vacancy_id, actor.user_id, (ref for ref, _ in found.values())
            )
            mine = self.repo.member_scores(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id,
                username=actor.username, panel_code=None, panel_codes=list(found),
            )  # fmt: skip
        by_code: dict[str, dict[str, ScoreRecord]] = {}
        for s in mine:
            by_code.setdefault(s.panel_code, {})[s.criterion_id] = s
        return [
            PadApplication(
                panel_code=code,
                statement=app.statement,
                evidence=app.evidence,
                scores=by_code.get(code, {}),
            )  # fmt: skip
            for code in panel_codes
            if code in scored
            for _, app in [found[code]]
        ]

    @allowed(Role.PANEL, action="read their own scores")
    def my_scores(
        self, actor: Actor, vacancy_id: int, panel_code: str | None = None
    ) -> list[ScoreRecord]:
        """The member's own scores: for the whole vacancy, or one application."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            return self.repo.member_scores(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id,
                username=actor.username, panel_code=panel_code,
            )  # fmt: skip

    @allowed(Role.PANEL, action="score applications")
    def review_order(self, actor: Actor, vacancy_id: int) -> list[str]:
        """The panel codes in this member's own random order (the same each visit), so that no
        two members meet the applications in the same sequence."""
        codes = [p.panel_code for p in self.progress.my_progress(actor, vacancy_id)]
        random.Random(f"{vacancy_id}:{actor.user_id}").shuffle(codes)
        return codes
