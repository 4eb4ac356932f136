"""Retention: personal details and evidence are deleted after the retention date (default six
months after closing); anonymised counts are kept; every purge is audited."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy import delete, select

from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.models import PurgeReport
from storage.services.base import ServiceBase


class RetentionService(ServiceBase):
    @allowed(Role.HR, Role.ADMIN, action="purge expired personal data")
    def purge_expired(self, actor: Actor, *, today: date) -> PurgeReport:
        with self.store.writing() as session:
            due = list(
                session.scalars(
                    select(tables.Vacancy).where(
                        tables.Vacancy.retention_date <= today, tables.Vacancy.purged_at.is_(None)
                    )
                )
            )
            if actor.organisation_id:
                due = [v for v in due if v.organisation_id == actor.organisation_id]
            deleted = 0
            for vacancy in due:
                apps = list(
                    session.scalars(
                        select(tables.Application).where(
                            tables.Application.vacancy_id == vacancy.id
                        )
                    )
                )
                decisions = Counter(
                    session.scalars(
                        select(tables.Decision.decision)
                        .join(tables.Application)
                        .where(tables.Application.vacancy_id == vacancy.id)
                    )
                )
                declared = Counter()
                for details in session.scalars(
                    select(tables.ApplicantDetails)
                    .join(tables.Application)
                    .where(tables.Application.vacancy_id == vacancy.id)
                ):
                    d = details.declarations
                    declared["disability"] += bool(d.get("disability"))
                    declared["care_leaver"] += bool(d.get("care_leaver"))
                    declared["armed_forces"] += d.get("armed_forces_status", "none") != "none"
                summary = {
                    "applications": len(apps),
                    "withdrawn": sum(a.withdrawn for a in apps),
                    "decisions": dict(decisions),
                    "declared_schemes": dict(declared),
                }
                session.execute(
                    delete(tables.Application).where(tables.Application.vacancy_id == vacancy.id)
                )
                session.execute(
                    delete(tables.ImportBatch).where(tables.ImportBatch.vacancy_id == vacancy.id)
                )
                vacancy.status = "purged"
                vacancy.purged_at = datetime.now(UTC)
                vacancy.summary = summary
                deleted += len(apps)
                audit.record(
                    session,
                    actor,
                    "purge",
                    "vacancy",
                    vacancy.id,
                    vacancy_id=vacancy.id,
                    new={"retention_date": str(vacancy.retention_date), **summary},
                )
            return PurgeReport(vacancies=[v.id for v in due], applications_deleted=deleted)
