"""Importing applications: the repository functions use_cases/intake.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.orm import Session

from storage.records import ApplicationOverview, ApplicationRecord
from storage.repository.batches import Batch
from use_cases.ports.common import UseCaseRepository


class IntakeRepository(UseCaseRepository, Protocol):
    """Batches of applications, stored once per digest, and the records read back."""

    def batch_with_digest(
        self, *, session: Session, vacancy_id: int, sha256: str
    ) -> Batch | None: ...

    def insert_batch(
        self,
        *,
        session: Session,
        vacancy_id: int,
        file_name: str,
        sha256: str,
        applications: list[dict[str, Any]],
        details: list[dict[str, Any]],
        imported_by: int,
    ) -> int: ...

    def overview(self, *, session: Session, vacancy_id: int) -> list[ApplicationOverview]: ...

    def records(self, *, session: Session, vacancy_id: int) -> list[ApplicationRecord]: ...

    def references(self, *, session: Session, vacancy_id: int) -> set[str]: ...
