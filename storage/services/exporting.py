"""HR: the shortlist workbook. Panel (and HR on their behalf): offline scoring sheets out and
back in. The choice to include names is recorded in the workbook and the audit log."""

from __future__ import annotations

import hashlib
import io
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import func, select

from exports.build import Override, export_from_result
from exports.model import AuditLine
from exports.scoring_sheet import (
    ScoringSheetError,
    SheetApplication,
    read_scoring_sheet,
    write_scoring_sheet,
)
from exports.shortlist_workbook import write_shortlist_workbook
from scoring.applications import PersonalDetails
from scoring.problems import Problem
from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import ImportRefused, InvalidInput, NotAllowed
from storage.services.panel import PanelService
from storage.services.shortlisting import ShortlistService

SCORE_ACTIONS = ("score", "score_offline")


@dataclass(frozen=True)
class Download:
    file_name: str
    content: bytes
    companion_name: str | None = None  # the full panel scores, when too many for a sheet
    companion: bytes | None = None


class ExportService(ShortlistService, PanelService):
    @allowed(Role.HR, action="export shortlists")
    def export_shortlist(
        self, actor: Actor, vacancy_id: int, *, include_personal: bool = False
    ) -> Download:
        """The workbook, name-blind unless HR chooses to include names and contact details."""
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            result, apps, details = self.compute(session, vacancy)
            by_id = {a.id: a.reference for a in apps.values()}
            users = dict(session.execute(select(tables.User.id, tables.User.display_name)).all())
            rows = session.execute(
                select(tables.PanelScore.application_id, tables.PanelScore.criterion_id, tables.PanelScore.user_id, tables.PanelScore.score, tables.PanelScore.note)
                .join(tables.Application).where(tables.Application.vacancy_id == vacancy_id)
                .order_by(tables.PanelScore.application_id, tables.PanelScore.criterion_id, tables.PanelScore.user_id)
            ).all()  # fmt: skip
            panel_scores = pd.DataFrame(
                [(by_id[a], c, users.get(u, str(u)), s, n) for a, c, u, s, n in rows],
                columns=["application_id", "criterion_id", "panel_member", "score", "note"],
            )
            stored = session.scalars(
                select(tables.Decision)
                .join(tables.Application)
                .where(tables.Application.vacancy_id == vacancy_id)
            )
            overrides = {
                by_id[d.application_id]: Override(d.decision, d.reason, d.override_reason)
                for d in stored
            }
            entries = list(
                session.scalars(
                    select(tables.AuditEntry)
                    .where(
                        tables.AuditEntry.vacancy_id == vacancy_id,
                        tables.AuditEntry.action.not_in(SCORE_ACTIONS),
                    )
                    .order_by(tables.AuditEntry.id)
                )
            )
            score_events = (
                session.scalar(
                    select(func.count())
                    .select_from(tables.AuditEntry)
                    .where(
                        tables.AuditEntry.vacancy_id == vacancy_id,
                        tables.AuditEntry.action.in_(SCORE_ACTIONS),
                    )
                )
                or 0
            )
            panel = [
                users[u]
                for u in session.scalars(
                    select(tables.PanelAssignment.user_id).where(
                        tables.PanelAssignment.vacancy_id == vacancy_id
                    )
                )
            ]
            personal = (
                {
                    ref: PersonalDetails(
                        first_name=d.first_name, last_name=d.last_name, email=d.email
                    )
                    for ref, d in details.items()
                    if d
                }
                if include_personal
                else None
            )
            organisation = session.get(tables.Organisation, vacancy.organisation_id)
            finaliser = users.get(vacancy.finalised_by) if vacancy.finalised_by else None
            status = (
                f"finalised by {finaliser} on {vacancy.finalised_at:%d %B %Y}"
                if vacancy.status == "finalised" and vacancy.finalised_at
                else None
            )
        data = export_from_result(
            result, panel_scores,
            organisation=organisation.name if organisation else vacancy.organisation_id,
            role_id=vacancy.role_id, level=vacancy.level, grade=vacancy.grade,
            exported_by=actor.display_name, exported_at=datetime.now(UTC), panel=panel,
            personal=personal, overrides=overrides, status=status,
            audit=[AuditLine(e.at, e.actor, e.action, e.entity, e.entity_id, e.old_value, e.new_value) for e in entries],
            audit_score_events=score_events,
        )  # fmt: skip
        stem = f"shortlist-vacancy-{vacancy_id}" + ("-with-names" if include_personal else "")
        with tempfile.TemporaryDirectory() as folder:
            companion_path = Path(folder) / f"{stem}-panel-scores.csv"
            out = io.BytesIO()
            written = write_shortlist_workbook(data, out, panel_scores_csv=companion_path)
            companion = None if written.panel_scores_in_workbook else companion_path.read_bytes()
        with self.store.writing() as session:
            audit.record(
                session,
                actor,
                "export_shortlist",
                "vacancy",
                vacancy_id,
                vacancy_id=vacancy_id,
                new={"include_personal": include_personal, "rows": len(data.lines)},
            )
        return Download(
            f"{stem}.xlsx", out.getvalue(), companion_path.name if companion else None, companion
        )

    def _member(self, session, actor: Actor, vacancy_id: int, member_id: int | None) -> tables.User:  # type: ignore[no-untyped-def]
        if actor.role is Role.PANEL:
            if member_id not in (None, actor.user_id):
                raise NotAllowed("You can only download or return your own scoring sheet.")
            member_id = actor.user_id
        if member_id is None:
            raise InvalidInput("Choose the panel member whose scoring sheet it is.")
        if session.get(tables.PanelAssignment, (vacancy_id, member_id)) is None:
            raise InvalidInput("That person is not on the panel for this vacancy.")
        user = session.get(tables.User, member_id)
        assert user is not None
        return user

    def _sheet_rows(
        self, session, vacancy: tables.Vacancy, user_id: int
    ) -> list[tables.Application]:  # type: ignore[no-untyped-def]
        conflicted = set(
            session.scalars(
                select(tables.Conflict.application_id).where(
                    tables.Conflict.vacancy_id == vacancy.id, tables.Conflict.user_id == user_id
                )
            )
        )
        apps = session.scalars(
            select(tables.Application)
            .where(
                tables.Application.vacancy_id == vacancy.id, tables.Application.withdrawn.is_(False)
            )
            .order_by(tables.Application.panel_code)
        )
        return [a for a in apps if a.id not in conflicted]

    @allowed(Role.PANEL, Role.HR, action="download scoring sheets")
    def scoring_sheet(
        self, actor: Actor, vacancy_id: int, *, member_id: int | None = None
    ) -> Download:
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            member = self._member(session, actor, vacancy_id, member_id)
            self.ready_to_score(session, vacancy, member.id)
            engine_vacancy = self.engine_vacancy(vacancy)
            apps = self._sheet_rows(session, vacancy, member.id)
            mine = session.execute(
                select(tables.Application.panel_code, tables.PanelScore.criterion_id, tables.PanelScore.score, tables.PanelScore.note)
                .join(tables.Application).where(tables.Application.vacancy_id == vacancy_id, tables.PanelScore.user_id == member.id)
            ).all()  # fmt: skip
        out = io.BytesIO()
        write_scoring_sheet(
            out, vacancy_id=vacancy_id, vacancy_title=vacancy.title, member=member.username, member_name=member.display_name,
            criteria=engine_vacancy.scored_criteria, scale=engine_vacancy.scheme.scale,
            applications=[SheetApplication(a.panel_code, a.panel_statement, a.panel_evidence) for a in apps],
            existing={(code, crit): (score, note) for code, crit, score, note in mine},
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
        """Record every score in the sheet as the member's, all or nothing. Returns how many
        scores changed."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            member = self._member(session, actor, vacancy_id, member_id)
            assignment = session.get(tables.PanelAssignment, (vacancy_id, member.id))
            if assignment is not None and assignment.submitted_at is not None:
                raise InvalidInput(
                    f"{member.display_name} has submitted their scores; changes now go through moderation."
                )
            engine_vacancy = self.engine_vacancy(vacancy)
            apps = {a.panel_code: a for a in self._sheet_rows(session, vacancy, member.id)}
            criteria = [c.id for c in engine_vacancy.scored_criteria]
            try:
                scores = read_scoring_sheet(
                    data,
                    vacancy_id=vacancy_id,
                    member=member.username,
                    expected=[(code, c) for code in apps for c in criteria],
                    scale=engine_vacancy.scheme.scale,
                )
            except ScoringSheetError as exc:
                problems = [
                    Problem(file_name, None, str(p).split(":")[0], str(p)) for p in exc.problems
                ]
                raise ImportRefused(
                    f"{file_name} was not imported: {len(exc.problems)} problem(s) to fix. Nothing was stored.",
                    problems,
                ) from None
            current = {
                (a.panel_code, s.criterion_id): s
                for s, a in session.execute(
                    select(tables.PanelScore, tables.Application)
                    .join(tables.Application)
                    .where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.PanelScore.user_id == member.id,
                    )
                )
            }
            changed = 0
            now = datetime.now(UTC)
            for s in scores:
                row = current.get((s.panel_code, s.criterion_id))
                if row is not None and (row.score, row.note) == (s.score, s.note):
                    continue
                old = None if row is None else {"score": row.score, "note": row.note}
                if row is None:
                    session.add(
                        tables.PanelScore(
                            application_id=apps[s.panel_code].id,
                            criterion_id=s.criterion_id,
                            user_id=member.id,
                            score=s.score,
                            note=s.note,
                            version=1,
                            updated_at=now,
                        )
                    )
                else:
                    row.score, row.note, row.version, row.updated_at = (
                        s.score,
                        s.note,
                        row.version + 1,
                        now,
                    )
                audit.record(
                    session,
                    actor,
                    "score_offline",
                    "panel_score",
                    f"{s.panel_code}/{s.criterion_id}",
                    vacancy_id=vacancy_id,
                    old=old,
                    new={"score": s.score, "note": s.note, "member": member.username},
                )
                changed += 1
            audit.record(
                session,
                actor,
                "import_scoring_sheet",
                "panel_assignment",
                member.id,
                vacancy_id=vacancy_id,
                new={
                    "file": file_name,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "scores_changed": changed,
                    "member": member.username,
                },
            )
            return changed
