"""HR: importing applications into a vacancy. Every row is validated first; then all rows are
stored in one transaction, or none are. The panel's copy of the evidence is redacted here."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from formats.interchange import ApplicationsFile, read_applications
from formats.problems import InterchangeError, Problem
from scoring.rules.lifecycle import Action, check_allowed
from scoring.words.counts import counted
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import ImportRefused
from use_cases.models import ApplicationOverview, ApplicationRecord, ImportReport
from use_cases.ports.intake import IntakeRepository
from use_cases.redacting import redacted_evidence

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Progress = Callable[[float, str], object]  # what it returns is ignored (st.progress returns itself)


def _formula_like(file_name: str, parsed: ApplicationsFile, rows: dict[str, int]) -> list[Problem]:
    """Names never start like a spreadsheet formula; one that does is refused, not stored."""
    problems = []
    for app_id, details in parsed.personal.items():
        for column in ("first_name", "last_name"):
            value = str(getattr(details, column))
            if value.startswith(FORMULA_STARTS):
                problems.append(
                    Problem(
                        file_name, rows[app_id], column,
                        f"'{value[:30]}' starts like a spreadsheet formula; remove the leading '{value[0]}'.",
                    )
                )  # fmt: skip
    return problems


def _rows(
    parsed: ApplicationsFile, numbers: list[int], vacancy_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The applications (with the panel's redacted copy) and the personal details, as rows."""
    apps, details = [], []
    for a, number in zip(parsed.applications, numbers, strict=True):
        person = parsed.personal[a.application_id]
        declarations = a.declarations.model_dump(mode="json")
        statement, answers, found = redacted_evidence(
            a.statement, a.evidence, first_name=person.first_name, last_name=person.last_name,
            email=person.email, date_of_birth=a.declarations.date_of_birth, terms={},
        )  # fmt: skip
        apps.append(
            {
                "vacancy_id": vacancy_id, "reference": a.application_id,
                "panel_code": f"P{number:05d}", "received_date": a.received_date,
                "withdrawn": a.withdrawn, "statement": a.statement, "evidence": a.evidence,
                "panel_statement": statement, "panel_evidence": answers, "redactions": found,
                "redaction_terms": {},
            }
        )  # fmt: skip
        details.append(
            {
                "reference": a.application_id, "first_name": person.first_name,
                "last_name": person.last_name, "email": person.email, "declarations": declarations,
            }
        )  # fmt: skip
    return apps, details


class Intake(UseCase):
    repo: IntakeRepository

    def __init__(
        self, store: Store, *, repo: IntakeRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="import applications")
    def import_applications(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        file_name: str,
        data: bytes,
        on_progress: Progress | None = None,
    ) -> ImportReport:
        report = on_progress or (lambda fraction, text: None)
        if len(data) > MAX_BYTES:
            raise ImportRefused(
                f"{file_name} is {len(data) / 1024 / 1024:.0f} MB; the most the tool imports at once is {MAX_BYTES // 1024 // 1024} MB. Split it into smaller files."
            )
        digest = hashlib.sha256(data).hexdigest()
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.IMPORT_APPLICATIONS)
            earlier = self.repo.batch_with_digest(
                session=session, vacancy_id=vacancy_id, sha256=digest
            )
            if earlier is not None:
                raise ImportRefused(
                    f"{file_name} was imported already (as {earlier.file_name}, {earlier.rows} rows, on {earlier.imported_at:%d %B %Y at %H:%M}); nothing was imported again."
                )
            existing = self.repo.references(session=session, vacancy_id=vacancy_id)
        report(0.05, "Reading the file")
        try:
            parsed = read_applications(
                data, name=file_name, criterion_ids=[c.id for c in vacancy.criteria],
                scheme_ids=[d.id for d in vacancy.policy.declarations], today=self.clock().date(),
                closing_date=vacancy.closing_date,
            )  # fmt: skip
        except InterchangeError as exc:
            raise ImportRefused(
                f"{file_name} was not imported: {counted(len(exc.problems), 'problem')} to fix.",
                exc.problems,
            ) from None
        if len(parsed.applications) > MAX_ROWS:
            raise ImportRefused(
                f"{file_name} has {len(parsed.applications):,} rows; the most the tool imports at once is {MAX_ROWS:,}. Split it into smaller files."
            )
        rows = parsed.rows  # as a spreadsheet numbers them: blank lines count
        problems = _formula_like(file_name, parsed, rows)
        problems += [
            Problem(
                file_name,
                rows[a.application_id],
                "application_id",
                f"'{a.application_id}' is in this vacancy already (imported earlier); remove the row or give it a new reference.",
            )  # fmt: skip
            for a in parsed.applications
            if a.application_id in existing
        ]
        if problems:
            raise ImportRefused(
                f"{file_name} was not imported: {counted(len(problems), 'problem')} to fix.",
                problems,
            )
        report(0.3, f"Checked {counted(len(parsed.applications), 'row')}")
        taken = len(existing)
        numbers = list(range(taken + 1, taken + len(parsed.applications) + 1))
        random.SystemRandom().shuffle(numbers)  # panel codes carry no hint of the file's order
        apps, details = _rows(parsed, numbers, vacancy_id)
        report(0.5, "Redacted identifiers from the evidence")
        try:

            def write(session: Session) -> int:
                self.visible_vacancy(session, actor, vacancy_id, lock=True)
                if self.repo.references(session=session, vacancy_id=vacancy_id) != existing:
                    raise ImportRefused(
                        f"{file_name} was not imported: another import into this vacancy finished while this file was being checked. Nothing was stored; import it again to check it against the new rows."
                    )
                batch = self.repo.insert_batch(
                    session=session, vacancy_id=vacancy_id, file_name=file_name, sha256=digest,
                    applications=apps, details=details, imported_by=actor.user_id,
                )  # fmt: skip
                self.audit(
                    session, actor, "import_applications", "import_batch", batch,
                    vacancy_id=vacancy_id, new={"file": file_name, "rows": len(apps), "sha256": digest},
                )  # fmt: skip
                return batch

            batch = self.store.write(write)
        except IntegrityError:
            raise ImportRefused(
                f"{file_name} was not imported: another import into this vacancy finished at the same moment. Nothing was stored; try again."
            ) from None
        report(1.0, f"Imported {counted(len(apps), 'application')}")
        return ImportReport(batch_id=batch, file_name=file_name, rows=len(apps))

    @allowed(Role.HR, action="see applicants' personal details")
    def overview(self, actor: Actor, vacancy_id: int) -> list[ApplicationOverview]:
        """The list HR works from: who, declarations, what was redacted; no evidence."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            return self.repo.overview(session=session, vacancy_id=vacancy_id)

    @allowed(Role.HR, action="see applicants' personal details")
    def applications(self, actor: Actor, vacancy_id: int) -> list[ApplicationRecord]:
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            return self.repo.records(session=session, vacancy_id=vacancy_id)
