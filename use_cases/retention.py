"""Retention: personal details and evidence are deleted after the retention date (default six
months after closing) of a vacancy that is over (finalised or closed: scoring/rules/lifecycle.py);
anonymised counts are kept; every purge is audited."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from scoring.rules.lifecycle import Transition, is_purgeable, status_of
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.models import PurgeReport
from use_cases.ports.retention import RetentionRepository


class Retention(UseCase):
    repo: RetentionRepository

    def __init__(
        self, store: Store, *, repo: RetentionRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, Role.ADMIN, action="purge expired personal data")
    def purge_expired(self, actor: Actor, *, today: date) -> PurgeReport:
        def write(session: Session) -> PurgeReport:
            organisation = None if actor.role is Role.ADMIN else actor.organisation_id or ""
            candidates = self.repo.purge_candidates(
                session=session, today=today, organisation_id=organisation
            )
            due = [(v, d) for v, s, d in candidates if is_purgeable(status_of(s), d, today)]
            deleted, purged = 0, []
            for vacancy_id, retention_date in due:
                summary = self.repo.anonymised_summary(session=session, vacancy_id=vacancy_id)
                if not self.repo.move_status(
                    session=session, vacancy_id=vacancy_id, transition=Transition.PURGE,
                    purged_at=self.clock(), summary=summary, closed_reason=None,
                ):  # fmt: skip
                    continue  # purged by another run since it was read: nothing left to do
                self.repo.purge_vacancy(session=session, vacancy_id=vacancy_id)
                purged.append(vacancy_id)
                self.repo.forget_audit_values(session=session, vacancy_id=vacancy_id)
                deleted += summary["applications"]
                self.audit(
                    session, actor, "purge", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                    new={"retention_date": str(retention_date), **summary},
                )  # fmt: skip
            return PurgeReport(vacancies=purged, applications_deleted=deleted)

        return self.store.write(write)
