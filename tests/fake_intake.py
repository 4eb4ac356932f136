"""Imported batches of applications for the fake repository (tests/fakes.py's FakeState):
stored whole, as storage/repository/batches.py stores them, and read back as HR's records and
overview, so the Intake use case runs without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from scoring.applications import Declarations
from storage.records import ApplicationOverview, ApplicationRecord
from storage.repository.batches import Batch
from tests.fake_repository import FakeRepository
from tests.fakes import FakeState
from use_cases.ports.intake import IntakeRepository

IMPORTED = datetime(2026, 2, 2, 9, 0)


@dataclass
class IntakeState(FakeState):
    batches: dict[int, tuple[Batch, str]] = field(default_factory=dict)  # id -> (batch, sha256)
    rows: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    # (batch id, the application's row, its personal details' row), in the order stored


class FakeIntake(FakeRepository, IntakeRepository):
    state: IntakeState

    def __init__(self, state: IntakeState) -> None:
        super().__init__(state)

    def batch_with_digest(self, *, session: object, vacancy_id: int, sha256: str) -> Batch | None:
        found = [b for b, digest in self.state.batches.values() if digest == sha256]
        return found[0] if found else None

    def references(self, *, session: object, vacancy_id: int) -> set[str]:
        return {a["reference"] for _, a, _ in self.state.rows}

    def insert_batch(
        self, *, session: object, vacancy_id: int, file_name: str, sha256: str,
        applications: list[dict[str, Any]], details: list[dict[str, Any]], imported_by: int,
    ) -> int:  # fmt: skip
        batch_id = len(self.state.batches) + 1
        self.state.batches[batch_id] = (Batch(file_name, len(applications), IMPORTED), sha256)
        by_reference = {d["reference"]: d for d in details}
        self.state.rows += [(batch_id, a, by_reference[a["reference"]]) for a in applications]
        return batch_id

    def records(self, *, session: object, vacancy_id: int) -> list[ApplicationRecord]:
        return [
            ApplicationRecord(
                id=n,
                reference=a["reference"],
                panel_code=a["panel_code"],
                received_date=a["received_date"],
                withdrawn=a["withdrawn"],
                first_name=d["first_name"],
                last_name=d["last_name"],
                email=d["email"],
                declarations=Declarations.model_validate(d["declarations"]),
                statement=a["statement"],
                evidence=a["evidence"],
            )  # fmt: skip
            for n, (_, a, d) in enumerate(sorted(self.state.rows, key=_reference), start=1)
        ]

    def overview(self, *, session: object, vacancy_id: int) -> list[ApplicationOverview]:
        return [
            ApplicationOverview(
                reference=a["reference"],
                panel_code=a["panel_code"],
                name=f"{d['first_name']} {d['last_name']}",
                email=d["email"],
                received_date=a["received_date"],
                withdrawn=a["withdrawn"],
                declarations=Declarations.model_validate(d["declarations"]),
                redactions=a["redactions"],
                extra=[],
                keep=[],
                held=not a["withdrawn"],
            )  # fmt: skip
            for _, a, d in sorted(self.state.rows, key=_reference)
        ]


def _reference(row: tuple[int, dict[str, Any], dict[str, Any]]) -> str:
    return str(row[1]["reference"])


def intake_world(repo: FakeRepository) -> FakeIntake:
    """`repo`'s world (tests/fakes.py's `fake_world`) with the batches imported into it."""
    return FakeIntake(IntakeState(**repo.state.__dict__))
