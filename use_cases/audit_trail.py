"""HR: the audit log of their organisation, or of one vacancy. Administrators: the check of its
hash chain against the guards, the key and the heads remembered outside the database."""

from __future__ import annotations

from collections.abc import Sequence

from storage.audit_chain import Anchor, Break, head_of, verify
from storage.audit_checkpoint import CheckpointUnreadable
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.models import AuditRecord
from use_cases.ports.audit_trail import AuditTrailRepository


class AuditTrail(UseCase):
    repo: AuditTrailRepository

    def __init__(
        self, store: Store, *, repo: AuditTrailRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="read the audit log")
    def audit_log(
        self, actor: Actor, vacancy_id: int | None = None, limit: int = 1000
    ) -> list[AuditRecord]:
        """Newest first. Without a vacancy: the entries about the HR officer's organisation
        only (its vacancies, and what its people did outside any vacancy)."""
        with self.store.reading() as session:
            if vacancy_id is not None:
                self.visible_vacancy(session, actor, vacancy_id)
                return self.repo.audit_entries(session=session, vacancy_id=vacancy_id, limit=limit)
            return self.repo.audit_entries(
                session=session, organisation_id=actor.organisation_id or "", limit=limit
            )

    @allowed(Role.ADMIN, action="check the audit log")
    def verify(self, actor: Actor, anchors: Sequence[Anchor] = ()) -> tuple[int, list[Break]]:
        """(entries checked, every break in the hash chain or missing guard, and every head
        the chain no longer reaches: the store's checkpoint and `anchors`, e.g. heads printed
        in workbooks). A whole chain moves the checkpoint on to its head."""
        breaks, remembered = [], list(anchors)
        if self.store.checkpoint is not None:  # read first: it only names committed entries
            try:
                found = self.store.checkpoint.read()
            except CheckpointUnreadable as exc:
                breaks.append(Break(0, str(exc)))
            else:
                remembered += [found] if found else []
        with self.store.reading() as session:
            entries = self.repo.audit_chain(session=session)
            missing = self.repo.missing_audit_guards(session=session)
            keyed_from = self.repo.audit_keyed_from(session=session)
        breaks += [Break(0, f"the guard {g} is missing or disabled") for g in missing]
        breaks += verify(
            entries, key=self.store.audit_key, keyed_from=keyed_from, anchors=remembered
        )
        head = head_of(entries)
        if head is not None and not breaks:
            self.store.remember(head)
        return len(entries), breaks
