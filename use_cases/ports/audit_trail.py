"""The audit trail: the repository functions use_cases/audit_trail.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session

from storage.audit_chain import StoredEntry
from storage.records import AuditRecord
from use_cases.ports.common import UseCaseRepository


class AuditTrailRepository(UseCaseRepository, Protocol):
    """The audit log read back, and the chain's checks."""

    def audit_chain(self, *, session: Session) -> list[StoredEntry]: ...

    def audit_entries(
        self,
        *,
        session: Session,
        vacancy_id: int | None = None,
        organisation_id: str | None = None,
        leave_out: Sequence[str] = (),
        limit: int | None = None,
        newest_first: bool = True,
    ) -> list[AuditRecord]: ...

    def audit_keyed_from(self, *, session: Session) -> int: ...

    def missing_audit_guards(self, *, session: Session) -> list[str]: ...
