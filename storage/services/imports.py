"""HR: importing applications into a vacancy. Every row is validated first; then all rows are
stored in one transaction, or none are."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from scoring.interchange import ApplicationsFile, read_applications
from scoring.problems import InterchangeError, Problem
from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import ImportRefused
from storage.models import ApplicationRecord, ImportReport
from storage.services.base import ServiceBase
from storage.services.redacting import redacted_evidence

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Progress = Callable[[float, str], None]


def _formula_like(
    file_name: str, personal: dict[str, object], rows: dict[str, int]
) -> list[Problem]:
    """Names never start like a spreadsheet formula; one that does is refused, not stored."""
    problems = []
    for app_id, details in personal.items():
        for column in ("first_name", "last_name"):
            value = str(getattr(details, column))
            if value.startswith(FORMULA_STARTS):
                problems.append(
                    Problem(
                        file_name,
                        rows[app_id],
                        column,
                        f"'{value[:30]}' starts like a spreadsheet formula; remove the leading '{value[0]}'.",
                    )
                )
    return problems


class ImportService(ServiceBase):
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
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(vacancy)
            earlier = session.scalar(
                select(tables.ImportBatch).where(
                    tables.ImportBatch.vacancy_id == vacancy_id, tables.ImportBatch.sha256 == digest
                )
            )
            if earlier is not None:
                raise ImportRefused(
                    f"{file_name} was imported already (as {earlier.file_name}, {earlier.rows} rows, on {earlier.imported_at:%d %B %Y at %H:%M}); nothing was imported again."
                )
            policy_schemes = [s["id"] for s in vacancy.policy.get("further_schemes", [])]
            criterion_ids = [c["id"] for c in vacancy.criteria]
            existing = dict(
                session.execute(
                    select(tables.Application.reference, tables.Application.id).where(
                        tables.Application.vacancy_id == vacancy_id
                    )
                ).all()
            )
            codes_taken = (
                session.scalar(
                    select(func.count())
                    .select_from(tables.Application)
                    .where(tables.Application.vacancy_id == vacancy_id)
                )
                or 0
            )
        report(0.05, "Reading the file")
        try:
            parsed = read_applications(
                data, name=file_name, criterion_ids=criterion_ids, scheme_ids=policy_schemes
            )
        except InterchangeError as exc:
            raise ImportRefused(
                f"{file_name} was not imported: {len(exc.problems)} problem(s) to fix.",
                exc.problems,
            ) from None
        if len(parsed.applications) > MAX_ROWS:
            raise ImportRefused(
                f"{file_name} has {len(parsed.applications):,} rows; the most the tool imports at once is {MAX_ROWS:,}. Split it into smaller files."
            )
        rows = {a.application_id: i + 2 for i, a in enumerate(parsed.applications)}
        problems = _formula_like(file_name, dict(parsed.personal), rows)
        problems += [
            Problem(
                file_name,
                rows[a.application_id],
                "application_id",
                f"'{a.application_id}' is in this vacancy already (imported earlier); remove the row or give it a new reference.",
            )
            for a in parsed.applications
            if a.application_id in existing
        ]
        if problems:
            raise ImportRefused(
                f"{file_name} was not imported: {len(problems)} problem(s) to fix.", problems
            )
        report(0.3, f"Checked {len(parsed.applications):,} rows")

        numbers = list(range(codes_taken + 1, codes_taken + len(parsed.applications) + 1))
        random.SystemRandom().shuffle(numbers)  # panel codes carry no hint of the file's order
        try:
            return self._store_batch(actor, vacancy_id, file_name, digest, parsed, numbers, report)
        except IntegrityError:
            raise ImportRefused(
                f"{file_name} was not imported: another import into this vacancy finished at the same moment. Nothing was stored; try again."
            ) from None

    def _store_batch(
        self,
        actor: Actor,
        vacancy_id: int,
        file_name: str,
        digest: str,
        parsed: ApplicationsFile,
        numbers: list[int],
        report: Progress,
    ) -> ImportReport:
        with self.store.writing() as session:
            batch = tables.ImportBatch(
                vacancy_id=vacancy_id,
                file_name=file_name,
                sha256=digest,
                rows=len(parsed.applications),
                imported_by=actor.user_id,
            )
            session.add(batch)
            session.flush()
            app_rows = []
            for a, number in zip(parsed.applications, numbers, strict=True):
                person = parsed.personal[a.application_id]
                panel_statement, panel_evidence, found = redacted_evidence(
                    a.statement,
                    a.evidence,
                    first_name=person.first_name,
                    last_name=person.last_name,
                    email=person.email,
                    declarations=a.declarations.model_dump(mode="json"),
                    terms={},
                )
                app_rows.append(
                    {
                        "vacancy_id": vacancy_id,
                        "reference": a.application_id,
                        "panel_code": f"P{number:05d}",
                        "received_date": a.received_date,
                        "withdrawn": a.withdrawn,
                        "statement": a.statement,
                        "evidence": a.evidence,
                        "panel_statement": panel_statement,
                        "panel_evidence": panel_evidence,
                        "redactions": found,
                        "redaction_terms": {},
                        "batch_id": batch.id,
                    }
                )
            report(0.5, "Redacted identifiers from the evidence")
            session.execute(tables.Application.__table__.insert(), app_rows)
            report(0.7, "Stored the evidence")
            ids = dict(
                session.execute(
                    select(tables.Application.reference, tables.Application.id).where(
                        tables.Application.batch_id == batch.id
                    )
                ).all()
            )
            detail_rows = [
                {
                    "application_id": ids[a.application_id],
                    "first_name": parsed.personal[a.application_id].first_name,
                    "last_name": parsed.personal[a.application_id].last_name,
                    "email": parsed.personal[a.application_id].email,
                    "declarations": a.declarations.model_dump(mode="json"),
                }
                for a in parsed.applications
            ]
            session.execute(tables.ApplicantDetails.__table__.insert(), detail_rows)
            audit.record(
                session,
                actor,
                "import_applications",
                "import_batch",
                batch.id,
                vacancy_id=vacancy_id,
                new={"file": file_name, "rows": len(app_rows), "sha256": digest},
            )
            report(1.0, f"Imported {len(app_rows):,} applications")
            return ImportReport(batch_id=batch.id, file_name=file_name, rows=len(app_rows))

    @allowed(Role.HR, action="see applicants' personal details")
    def applications(self, actor: Actor, vacancy_id: int) -> list[ApplicationRecord]:
        with self.store.reading() as session:
            self.vacancy_row(session, actor, vacancy_id)
            rows = self.applications_with_details(session, vacancy_id)
            return [
                ApplicationRecord(
                    id=a.id,
                    reference=a.reference,
                    panel_code=a.panel_code,
                    received_date=a.received_date,
                    withdrawn=a.withdrawn,
                    first_name=d.first_name,
                    last_name=d.last_name,
                    email=d.email,
                    declarations=d.declarations,
                    statement=a.statement,
                    evidence=a.evidence,
                )  # fmt: skip
                for a, d in rows
            ]
