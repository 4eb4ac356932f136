"""What the shortlist workbook reads beside the shortlist, for the fake repository
(tests/fake_decisions.py): the vacancy's audit entries in order, their count and head, and the
applicants' names and addresses (`Applicant <row id>`, as tests/fakes.py's world names them) for a workbook with names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from scoring.applications import Application, PersonalDetails
from storage.audit_chain import Head
from storage.records import AuditRecord
from tests.fake_decisions import FakeDecisions, scored_world
from use_cases.ports.workbooks import WorkbooksRepository

WRITTEN = datetime(2026, 2, 2, 9, 0)


class FakeWorkbooks(FakeDecisions, WorkbooksRepository):
    def for_engine(
        self, *, session: object, vacancy_id: int
    ) -> tuple[list[Application], dict[str, PersonalDetails]]:
        applications, _ = super().for_engine(session=session, vacancy_id=vacancy_id)
        people = {
            a.reference: PersonalDetails(
                first_name="Applicant", last_name=str(a.id), email=f"applicant{a.id}@example.org"
            )
            for a in self.state.applications.values()
        }
        return applications, people

    def _entries(self, vacancy_id: int) -> list[tuple[int, dict[str, Any]]]:
        found = enumerate(self.state.audit, start=1)
        return [(n, e) for n, e in found if e["vacancy_id"] == vacancy_id]

    def audit_entries(
        self, *, session: object, vacancy_id: int | None = None,
        organisation_id: str | None = None, leave_out: Sequence[str] = (),
        limit: int | None = None, newest_first: bool = True,
    ) -> list[AuditRecord]:  # fmt: skip
        found = [
            AuditRecord(
                id=n,
                at=WRITTEN + timedelta(minutes=n),
                actor=e["actor"].username if e["actor"] else "system",
                action=e["action"],
                vacancy_id=e["vacancy_id"],
                entity=e["entity"],
                entity_id=None if e["entity_id"] is None else str(e["entity_id"]),
                old_value=e["old"],
                new_value=e["new"],
            )  # fmt: skip
            for n, e in self._entries(vacancy_id or 0)
            if e["action"] not in leave_out
        ]
        found = found[::-1] if newest_first else found
        return found[:limit] if limit is not None else found

    def count_audit(self, *, session: object, vacancy_id: int, actions: Sequence[str]) -> int:
        return sum(e["action"] in actions for _, e in self._entries(vacancy_id))

    def audit_head(self, *, session: object) -> Head | None:
        return Head(len(self.state.audit), "ab" * 32) if self.state.audit else None


def workbooks_world(*, status: str = "moderation") -> FakeWorkbooks:
    """tests/fake_decisions.py's scored world, with what the workbook reads."""
    return FakeWorkbooks(scored_world(status=status).state)
