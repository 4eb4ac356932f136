"""HR: the shortlist workbook, made from the request's one ShortlistOutcome. Name-blind unless
HR chooses to include names and contact details; the choice is written in the workbook and the
audit log."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from exports.build import export_from_result
from exports.model import AuditLine, HumanReviewFigures
from exports.shortlist_workbook import write_shortlist_workbook
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.human_review import HumanReview
from use_cases.models import AuditRecord
from use_cases.ports.workbooks import WorkbooksRepository
from use_cases.shortlists import ShortlistOutcome

SCORE_ACTIONS = ("score", "score_offline")


@dataclass(frozen=True)
class Download:
    file_name: str
    content: bytes
    companion_name: str | None = None  # the full panel scores, when too many for a sheet
    companion: bytes | None = None


# Entries whose values can name people: HR's redaction terms, a member's conflict note, the
# name of an imported file. The name-blind workbook shows that they happened, not the values.
NAMING_ACTIONS = frozenset(
    {"adjust_redaction", "declare_conflict", "declare_conflicts", "import_applications"}
)
WITHHELD = "(withheld from the name-blind workbook)"


def _line(e: AuditRecord, include_personal: bool) -> AuditLine:
    if not include_personal and e.action in NAMING_ACTIONS:
        return AuditLine(e.at, e.actor, e.action, e.entity, e.entity_id, None, WITHHELD)
    return AuditLine(e.at, e.actor, e.action, e.entity, e.entity_id, e.old_value, e.new_value)


class Workbooks(UseCase):
    repo: WorkbooksRepository

    def __init__(
        self,
        store: Store,
        *,
        human_review: HumanReview,
        repo: WorkbooksRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.human_review = human_review

    @allowed(Role.HR, action="export shortlists")
    def export_shortlist(
        self, actor: Actor, outcome: ShortlistOutcome, *, include_personal: bool = False
    ) -> Download:
        vacancy = outcome.vacancy
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy.id)
            panel_scores = self.repo.panel_score_frame(
                session=session, vacancy_id=vacancy.id, member_name="display_name", notes=True
            )
            entries = self.repo.audit_entries(
                session=session, vacancy_id=vacancy.id, leave_out=SCORE_ACTIONS, newest_first=False
            )
            score_events = self.repo.count_audit(
                session=session, vacancy_id=vacancy.id, actions=SCORE_ACTIONS
            )
            panel = [
                s.display_name for s in self.repo.panel(session=session, vacancy_id=vacancy.id)
            ]
            organisation = self.repo.organisation_name(
                session=session, organisation_id=vacancy.organisation_id
            )
            head = self.repo.audit_head(session=session)  # as this data was read
        status = (
            f"finalised by {vacancy.finalised_by} on {vacancy.finalised_at:%d %B %Y}"
            if vacancy.finalised and vacancy.finalised_at
            else None
        )
        data = export_from_result(
            outcome.result, outcome.decisions, panel_scores,
            organisation=organisation, role_id=vacancy.role_id, level=vacancy.level,
            grade=vacancy.grade, exported_by=actor.display_name, exported_at=self.clock(),
            panel=panel, personal=dict(outcome.people) if include_personal else None,
            status=status,
            audit=[_line(e, include_personal) for e in entries],
            audit_score_events=score_events,
        )  # fmt: skip
        review = self.human_review.review(actor, outcome)
        data = replace(
            data,
            review=HumanReviewFigures(review.vacancy, review.applications),
            audit_head=str(head) if head else None,
            shortlist_version=outcome.version,
        )
        stem = f"shortlist-vacancy-{vacancy.id}" + ("-with-names" if include_personal else "")
        with tempfile.TemporaryDirectory() as folder:
            companion_path = Path(folder) / f"{stem}-panel-scores.csv"
            out = io.BytesIO()
            written = write_shortlist_workbook(data, out, panel_scores_csv=companion_path)
            companion = None if written.panel_scores_in_workbook else companion_path.read_bytes()

        def write(session: Session) -> None:
            self.audit(
                session, actor, "export_shortlist", "vacancy", vacancy.id, vacancy_id=vacancy.id,
                new={
                    "include_personal": include_personal, "rows": len(data.lines),
                    "shortlist": outcome.version,
                },
            )  # fmt: skip

        self.store.write(write)
        return Download(
            f"{stem}.xlsx", out.getvalue(), companion_path.name if companion else None, companion
        )
