"""Offline scoring sheets: a panel member (or HR for them) downloads one, scores in Excel, and
gives it back. Built only when asked. Returned scores go through the one write path
(ScoreWrites.record) with the versions the sheet was made from: a score changed in the app
since the download is refused, never overwritten. The versions are signed with a key derived
from the deployment's secret, so an old sheet cannot pass itself off as new by an edited
version: that row is refused as a stale one is."""

from __future__ import annotations

import hashlib
import io

from sqlalchemy.orm import Session

from exports.scoring_sheet import SheetApplication, write_scoring_sheet
from formats.problems import Problem
from formats.scoring_sheet_problems import ScoringSheetError
from formats.scoring_sheet_reader import read_scoring_sheet
from scoring.rules.lifecycle import Action, check_allowed
from scoring.rules.score_checks import ScoreChange
from scoring.words.counts import counted
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.collection_paused import collection_paused
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import ImportRefused, InvalidInput, NotAllowed, ScoresRefused
from use_cases.ports.scoring_sheets import ScoringSheetsRepository
from use_cases.score_writes import ScoreWrites
from use_cases.workbooks import Download


class ScoringSheets(UseCase):
    repo: ScoringSheetsRepository

    def __init__(
        self,
        store: Store,
        *,
        writes: ScoreWrites,
        key: bytes,
        repo: ScoringSheetsRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        """`key`: signs each sheet's hidden columns (settings.py `derive`, never made here)."""
        super().__init__(store, repo=repo, clock=clock)
        self.writes = writes
        self.key = key

    def _member(
        self, session: Session, actor: Actor, vacancy_id: int, member_id: int | None
    ) -> Actor:
        if actor.role is Role.PANEL:
            if member_id not in (None, actor.user_id):
                raise NotAllowed("You can only download or return your own scoring sheet.")
            member_id = actor.user_id
        if member_id is None:
            raise InvalidInput("Choose the panel member whose scoring sheet it is.")
        seats = {s.user_id: s for s in self.repo.panel(session=session, vacancy_id=vacancy_id)}
        if member_id not in seats:
            raise InvalidInput("That person is not on the panel for this vacancy.")
        account = self.repo.account_by_id(session=session, user_id=member_id)
        assert account is not None
        member: Actor = account.actor
        return member

    @allowed(Role.PANEL, Role.HR, action="download scoring sheets")
    def scoring_sheet(
        self, actor: Actor, vacancy_id: int, *, member_id: int | None = None
    ) -> Download:
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            member = self._member(session, actor, vacancy_id, member_id)
            self.ready_to_read(session, vacancy_id, member.user_id)
            found = self.repo.panel_applications(session=session, vacancy_id=vacancy_id)
            scored = self.scored_by(session, vacancy_id, member.user_id, (r for r, _ in found))
            apps = [app for ref, app in found if ref.panel_code in scored]
            mine = self.repo.member_scores(
                session=session, vacancy_id=vacancy_id, user_id=member.user_id,
                username=member.username, panel_code=None,
            )  # fmt: skip
        out = io.BytesIO()
        with collection_paused():  # a few hundred thousand short-lived objects
            write_scoring_sheet(
                out, vacancy_id=vacancy_id, vacancy_title=vacancy.title, member=member.username,
                member_name=member.display_name, criteria=vacancy.scored_criteria,
                scale=vacancy.scheme.scale,
                applications=[SheetApplication(a.panel_code, a.statement, a.evidence) for a in apps],
                existing={(s.panel_code, s.criterion_id): (s.score, s.note, s.version) for s in mine},
                made_at=self.clock(), key=self.key,
            )  # fmt: skip
        return Download(
            f"scoring-sheet-vacancy-{vacancy_id}-{member.username}.xlsx", out.getvalue()
        )

    @allowed(Role.PANEL, Role.HR, action="return scoring sheets")
    def import_scoring_sheet(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        data: bytes,
        file_name: str,
        member_id: int | None = None,
    ) -> int:
        """Record the scores the member changed in the sheet as theirs, all or nothing.
        Returns how many were recorded."""

        def write(session: Session) -> int:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.SCORE)
            member = self._member(session, actor, vacancy_id, member_id)
            self.writes.open_seat(session, member, vacancy_id, actor=actor)
            refs = self.repo.refs(session=session, vacancy_id=vacancy_id)
            scored = self.scored_by(session, vacancy_id, member.user_id, refs)
            codes = [a.panel_code for a in refs if a.panel_code in scored]
            try:
                sheet = read_scoring_sheet(
                    data, vacancy_id=vacancy_id, member=member.username,
                    expected=[(code, c.id) for code in codes for c in vacancy.scored_criteria],
                    scale=vacancy.scheme.scale, key=self.key,
                )  # fmt: skip
            except ScoringSheetError as exc:
                problems = [  # the cell as a refused stale score names it: Scores!E12
                    Problem(file_name, None, p.place if p.sheet != "file" else None, p.said)
                    for p in exc.problems
                ]
                raise ImportRefused(
                    f"{file_name} was not imported: {counted(len(exc.problems), 'problem')} to fix. Nothing was stored.",
                    problems,
                ) from None
            changed = [s for s in sheet if s.changed]
            try:
                recorded = self.writes.record(
                    session, actor=actor, member=member, vacancy_id=vacancy_id,
                    changes=[ScoreChange(s.panel_code, s.criterion_id, s.score, s.note, s.drawn_version) for s in changed],
                    action="score_offline", every_refusal=True, as_stored=False,
                )  # fmt: skip
            except ScoresRefused as refused:
                cells = {(s.panel_code, s.criterion_id): s.cell for s in changed}
                problems = [
                    Problem(
                        file_name, None, f"Scores!{cells[(c.panel_code, c.criterion_id)]}", str(e)
                    )
                    for c, e in refused.refusals
                ]
                raise ImportRefused(
                    f"{file_name} was not imported: {counted(len(problems), 'problem')} to fix. Nothing was stored.",
                    problems,
                ) from None
            self.audit(
                session, actor, "import_scoring_sheet", "panel_assignment", member.user_id,
                vacancy_id=vacancy_id,
                new={
                    "file": file_name, "sha256": hashlib.sha256(data).hexdigest(),
                    "scores_changed": recorded.written, "member": member.username,
                },
            )  # fmt: skip
            return recorded.written

        with collection_paused():  # a few hundred thousand short-lived objects
            return self.store.write(write)
