"""The audit log for the fake repository (tests/fakes.py's FakeState): each entry chained and
hashed with the store's key as it is written, as storage/repository/audit.py does, and read
back by vacancy or by organisation, so the audit trail runs without a database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from storage.audit_chain import GENESIS, ChainedEntry, StoredEntry, keyed_hash, payload_hash
from storage.records import Actor, AuditRecord
from tests.fake_repository import FakeRepository
from tests.fakes import FakeState
from use_cases.ports.audit_trail import AuditTrailRepository

WRITTEN = datetime(2026, 2, 2, 9, 0)


@dataclass
class AuditState(FakeState):
    chain: list[StoredEntry] = field(default_factory=list)
    organisations: dict[int, str | None] = field(default_factory=dict)  # of each entry's actor
    missing_guards: list[str] = field(default_factory=list)


class FakeAudit(FakeRepository, AuditTrailRepository):
    state: AuditState

    def __init__(self, state: AuditState) -> None:
        super().__init__(state)

    def record_audit(
        self, *, session: object, key: bytes, actor: Actor | None, action: str, entity: str,
        entity_id: str | int | None = None, vacancy_id: int | None = None, old: Any = None,
        new: Any = None,
    ) -> None:  # fmt: skip
        chain = self.state.chain
        entry = ChainedEntry(
            id=len(chain) + 1, at=WRITTEN + timedelta(minutes=len(chain)),
            actor_id=actor.user_id if actor else None, actor=actor.username if actor else "system",
            action=action, vacancy_id=vacancy_id, entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            payload_hash=payload_hash(old, new),
        )  # fmt: skip
        previous = chain[-1].entry_hash or "" if chain else GENESIS
        chain.append(StoredEntry(entry, keyed_hash(key, previous, entry), (old, new)))
        self.state.organisations[entry.id] = actor.organisation_id if actor else None
        super().record_audit(
            session=session, key=key, actor=actor, action=action, entity=entity,
            entity_id=entity_id, vacancy_id=vacancy_id, old=old, new=new,
        )  # fmt: skip

    def audit_entries(
        self, *, session: object, vacancy_id: int | None = None,
        organisation_id: str | None = None, leave_out: Sequence[str] = (),
        limit: int | None = None, newest_first: bool = True,
    ) -> list[AuditRecord]:  # fmt: skip
        vacancies = {v.id: v.organisation_id for v in [self.state.vacancy]}
        found = [
            AuditRecord(
                id=e.id,
                at=e.at,
                actor=e.actor,
                action=e.action,
                vacancy_id=e.vacancy_id,
                entity=e.entity,
                entity_id=e.entity_id,
                old_value=(s.payload or (None, None))[0],
                new_value=(s.payload or (None, None))[1],
            )  # fmt: skip
            for s in self.state.chain
            if (e := s.entry).action not in leave_out
            and vacancy_id in (None, e.vacancy_id)
            and (
                organisation_id is None
                or (e.vacancy_id is not None and vacancies.get(e.vacancy_id) == organisation_id)
                or (e.vacancy_id is None and self.state.organisations[e.id] == organisation_id)
            )
        ]
        found = found[::-1] if newest_first else found
        return found[:limit] if limit is not None else found

    def audit_chain(self, *, session: object) -> list[StoredEntry]:
        return list(self.state.chain)

    def missing_audit_guards(self, *, session: object) -> list[str]:
        return list(self.state.missing_guards)

    def audit_keyed_from(self, *, session: object) -> int:
        return 1  # every entry here is written with the key


def audit_world(repo: FakeRepository) -> FakeAudit:
    """`repo`'s world (tests/fakes.py's `fake_world`) with the audit log chained."""
    return FakeAudit(AuditState(**repo.state.__dict__))
