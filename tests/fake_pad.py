"""The score pad's receipts for the fake repository (tests/fakes.py's FakeState): one per key
press, refused a second time as the table's key refuses it (storage/repository/pad_receipts.py),
so the PadPresses use case runs without a database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from storage.records import PressResult
from tests.fake_repository import FakeRepository
from tests.fakes import FakeState
from use_cases.ports.pad_presses import PadPressesRepository


@dataclass
class PadState(FakeState):
    receipts: dict[tuple[int, str, int], PressResult] = field(default_factory=dict)
    # (user id, the pad's client id, the press's number) -> what became of it


class FakePad(FakeRepository, PadPressesRepository):
    state: PadState

    def __init__(self, state: PadState) -> None:
        super().__init__(state)

    def receipts(
        self, *, session: object, user_id: int, client_id: str, seqs: Sequence[int]
    ) -> dict[int, PressResult]:
        found = self.state.receipts
        return {s: found[user_id, client_id, s] for s in seqs if (user_id, client_id, s) in found}

    def insert_receipt(
        self, *, session: object, user_id: int, vacancy_id: int, result: PressResult, at: datetime
    ) -> None:
        key = (user_id, result.client, result.seq)
        if key in self.state.receipts:
            raise IntegrityError("INSERT", {}, Exception("duplicate key"))
        self.state.receipts[key] = result.model_copy(update={"current": None})


def pad_world(repo: FakeRepository) -> FakePad:
    """`repo`'s world (tests/fakes.py's `fake_world`) with the pad's receipts."""
    return FakePad(PadState(**repo.state.__dict__))
