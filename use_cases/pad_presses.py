"""Key presses from the score pad: applied once each, in the order they were pressed, through
the one write path, and acknowledged. The pad resends every press it has no acknowledgement
for; a press already applied is acknowledged from its receipt, never applied again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from scoring.errors import DomainError
from scoring.rules.score_checks import ScoreChange
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.models import PressResult
from use_cases.ports.pad_presses import PadPressesRepository
from use_cases.score_writes import ScoreWrites


@dataclass(frozen=True)
class Press:
    """One key press: its number in the pad's sequence, and the score it gives."""

    seq: int
    change: ScoreChange


class PadPresses(UseCase):
    repo: PadPressesRepository

    def __init__(
        self,
        store: Store,
        *,
        writes: ScoreWrites,
        repo: PadPressesRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.writes = writes

    @allowed(Role.PANEL, action="score applications")
    def apply_presses(
        self, actor: Actor, vacancy_id: int, *, client_id: str, presses: Sequence[Press]
    ) -> dict[int, PressResult]:
        """Each press, in sequence order, in one write transaction of its own: its receipt
        looked up there, and if it has none, applied with its receipt. A refused press gets a
        receipt too (one more write), so its answer never changes."""
        return {
            press.seq: self._apply(actor, vacancy_id, client_id, press)
            for press in sorted(presses, key=lambda p: p.seq)
        }

    def _apply(self, actor: Actor, vacancy_id: int, client_id: str, press: Press) -> PressResult:
        change = press.change
        base = {
            "client": client_id, "seq": press.seq, "panel_code": change.panel_code,
            "criterion_id": change.criterion_id,
        }  # fmt: skip

        def write(session: Session) -> PressResult:
            known = self._receipt(session, actor, client_id, press.seq)
            if known is not None:  # applied before: answered from its receipt, never again
                return known
            (saved,) = self.writes.record(
                session, actor=actor, member=actor, vacancy_id=vacancy_id, changes=[change]
            ).records
            result = PressResult(
                **base, ok=True, score=saved.score, note=saved.note, version=saved.version
            )
            self.repo.insert_receipt(
                session=session, user_id=actor.user_id, vacancy_id=vacancy_id,
                result=result, at=self.clock(),
            )  # fmt: skip
            return result

        try:
            return self.store.write(write)
        except IntegrityError:  # applied meanwhile (another run of the same pad), or raced
            return self._refused(
                actor, vacancy_id, base, "it was scored from another window at the same moment"
            )
        except DomainError as refusal:
            return self._refused(actor, vacancy_id, base, str(refusal))

    def _receipt(
        self, session: Session, actor: Actor, client_id: str, seq: int
    ) -> PressResult | None:
        found = self.repo.receipts(
            session=session, user_id=actor.user_id, client_id=client_id, seqs=[seq]
        )
        return found.get(seq)

    def _refused(
        self, actor: Actor, vacancy_id: int, base: dict[str, object], message: str
    ) -> PressResult:
        """The refusal, with the member's score as stored now, and its receipt, in one write;
        a press another run of this pad answered meanwhile keeps that answer."""
        seq, client_id = int(str(base["seq"])), str(base["client"])
        answer = PressResult.model_validate(
            {**base, "ok": False, "score": None, "note": "", "version": None,
             "message": message, "current": None}
        )  # fmt: skip

        def write(session: Session) -> PressResult:
            nonlocal answer
            known = self._receipt(session, actor, client_id, seq)
            if known is not None:
                return known
            mine = self.repo.member_scores(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id,
                username=actor.username, panel_code=str(base["panel_code"]),
            )  # fmt: skip
            current = next((s for s in mine if s.criterion_id == base["criterion_id"]), None)
            answer = answer.model_copy(update={"current": current})
            self.repo.insert_receipt(
                session=session, user_id=actor.user_id, vacancy_id=vacancy_id,
                result=answer, at=self.clock(),
            )  # fmt: skip
            return answer

        try:
            return self.store.write(write)
        except IntegrityError:  # recorded by the other run of this pad already, or no vacancy
            return answer
