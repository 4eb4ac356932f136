"""The repository's names over a FakeState (tests/fakes.py): each function answers as the one in
storage/repository/ does, from plain dictionaries, with the same keyword-only arguments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scoring.applications import Application
from scoring.rules.score_checks import ScoringRules, Seat
from storage.records import Actor
from storage.repository import ApplicationRef
from storage.repository.audit import Entry
from storage.repository.panel import PanelSeat
from storage.repository.sessions import OpenSession
from storage.repository.users import Account
from tests.fake_scores import FakeScores
from use_cases.models import PanelApplication, VacancyPublic
from use_cases.ports.declarations import DeclarationsRepository
from use_cases.ports.moderation import ModerationRepository
from use_cases.ports.panel_reading import PanelReadingRepository
from use_cases.ports.progress import ProgressRepository
from use_cases.ports.reports import ReportsRepository
from use_cases.ports.score_writes import ScoreWritesRepository
from use_cases.ports.scoring_sheets import ScoringSheetsRepository

if TYPE_CHECKING:
    from tests.fakes import FakeState


class FakeRepository(
    FakeScores,
    DeclarationsRepository,
    ModerationRepository,
    PanelReadingRepository,
    ProgressRepository,
    ReportsRepository,
    ScoreWritesRepository,
    ScoringSheetsRepository,
):
    """Vacancies, seats, accounts, applications and conflicts here; scores in FakeScores. The
    Protocols it declares are the use cases it stands in the repository for: mypy checks each
    function here against the signature there."""

    def __init__(self, state: FakeState) -> None:
        self.state = state

    # vacancies, seats, accounts, audit ---------------------------------------------------------
    def load_vacancy(self, *, session: object, vacancy_id: int) -> VacancyPublic | None:
        return self.state.vacancy if vacancy_id == self.state.vacancy.id else None

    def lock_vacancy(self, *, session: object, vacancy_id: int) -> None:
        pass

    def seat(self, *, session: object, vacancy_id: int, user_id: int) -> tuple[Seat, int] | None:
        if vacancy_id != self.state.vacancy.id:
            return None
        status = self.state.vacancy.status
        found = self.state.seats.get(user_id) or Seat(status, False, False, False, False)
        return Seat(status, found.assigned, found.released, found.declared, found.submitted), 1

    def scoring_rules(self, *, session: object, vacancy_id: int, version: int) -> ScoringRules:
        return ScoringRules.of(self.state.vacancy.rules)

    def panel(self, *, session: object, vacancy_id: int) -> list[PanelSeat]:
        seats = [
            PanelSeat(
                uid,
                self.state.accounts[uid].username,
                self.state.accounts[uid].display_name,
                self.state.submitted_at.get(uid),
                self.state.declared_at.get(uid),
            )  # fmt: skip
            for uid, seat in self.state.seats.items()
            if seat.assigned
        ]
        return sorted(seats, key=lambda s: s.display_name)

    def set_submitted(
        self, *, session: object, vacancy_id: int, user_id: int, at: datetime
    ) -> None:
        seat = self.state.seats[user_id]
        self.state.seats[user_id] = Seat(seat.vacancy_status, seat.assigned, seat.released, seat.declared, True)  # fmt: skip
        self.state.submitted_at[user_id] = at

    def set_declared(self, *, session: object, vacancy_id: int, user_id: int, at: datetime) -> None:
        seat = self.state.seats[user_id]
        self.state.seats[user_id] = Seat(seat.vacancy_status, seat.assigned, seat.released, True, seat.submitted)  # fmt: skip
        self.state.declared_at[user_id] = at

    def user_state(self, *, session: object, user_id: int) -> tuple[bool, Any, str | None]:
        """Every account the fake knows is open, with the role it was made with."""
        from use_cases.access import Role

        account = self.state.accounts.get(user_id)
        if account is None:
            return (True, Role.PANEL, None)
        return (True, account.role, account.organisation_id)

    def account_by_id(self, *, session: object, user_id: int) -> Account | None:
        found = self.state.accounts.get(user_id)
        return None if found is None else Account(found, None, True, None, False)

    def open_session(
        self, *, session: object, session_id: str | None = None, token_hash: str | None = None
    ) -> OpenSession | None:
        """The fake's actors carry no session (they are checked by account, `user_state`)."""
        return None

    def touch_session(self, *, session: object, session_id: str, at: datetime) -> None:
        pass

    def record_audit(
        self, *, session: object, key: bytes, actor: Actor | None, action: str, entity: str,
        entity_id: str | int | None = None, vacancy_id: int | None = None, old: Any = None,
        new: Any = None,
    ) -> None:  # fmt: skip
        self.state.audit.append(
            {"key": key, "actor": actor, "action": action, "entity": entity,
             "entity_id": entity_id, "vacancy_id": vacancy_id, "old": old, "new": new}
        )  # fmt: skip

    def record_audits(
        self, *, session: object, key: bytes, actor: Actor | None, entries: Sequence[Entry]
    ) -> None:
        for e in entries:
            self.record_audit(
                session=session, key=key, actor=actor, action=e.action, entity=e.entity,
                entity_id=e.entity_id, vacancy_id=e.vacancy_id, old=e.old, new=e.new,
            )  # fmt: skip

    def change_token(self, *, session: object, vacancy_id: int) -> tuple[int, int]:
        return (len(self.state.audit), len(self.state.audit))

    # applications ----------------------------------------------------------------------------
    def refs(self, *, session: object, vacancy_id: int) -> list[ApplicationRef]:
        return sorted(self.state.applications.values(), key=lambda a: a.panel_code)

    def ref_by_code(
        self, *, session: object, vacancy_id: int, panel_code: str
    ) -> ApplicationRef | None:
        return self.state.applications.get(panel_code)

    def _read(self, ref: ApplicationRef) -> PanelApplication:
        return PanelApplication(
            panel_code=ref.panel_code, statement=f"The statement of {ref.panel_code}.", evidence={}
        )

    def panel_application(
        self, *, session: object, vacancy_id: int, panel_code: str
    ) -> tuple[ApplicationRef, PanelApplication] | None:
        ref = self.state.applications.get(panel_code)
        return None if ref is None else (ref, self._read(ref))

    def panel_applications(
        self, *, session: object, vacancy_id: int
    ) -> list[tuple[ApplicationRef, PanelApplication]]:
        return [(r, self._read(r)) for r in self.refs(session=session, vacancy_id=vacancy_id)]

    def panel_applications_by_code(
        self, *, session: object, vacancy_id: int, codes: Sequence[str]
    ) -> dict[str, tuple[ApplicationRef, PanelApplication]]:
        found = self.state.applications
        return {c: (found[c], self._read(found[c])) for c in codes if c in found}

    def names(
        self, *, session: object, vacancy_id: int, since: datetime | None = None
    ) -> list[tuple[int, str]]:
        return [
            (a.id, self.state.names[a.id])
            for a in self.state.applications.values()
            if not a.withdrawn
            and a.id in self.state.released_at
            and (since is None or self.state.released_at[a.id] > since)
        ]

    def references_of(self, *, session: object, application_ids: list[int]) -> list[str]:
        return sorted(self.state.ref(i).reference for i in application_ids)

    def for_engine(self, *, session: object, vacancy_id: int) -> tuple[list[Application], dict[str, Any]]:  # fmt: skip
        return [
            Application(application_id=a.reference, withdrawn=a.withdrawn, held=a.held and not a.withdrawn)
            for a in self.state.applications.values()
        ], {}  # fmt: skip

    # conflicts -------------------------------------------------------------------------------
    def conflicted_ids(self, *, session: object, vacancy_id: int, user_id: int) -> set[int]:
        return {a for u, a in self.state.conflicts if u == user_id}

    def conflict_counts(self, *, session: object, vacancy_id: int) -> dict[int, int]:
        counts: dict[int, int] = {}
        for user, _ in self.state.conflicts:
            counts[user] = counts.get(user, 0) + 1
        return counts

    def conflicts(self, *, session: object, vacancy_id: int) -> set[tuple[str, str]]:
        accounts, state = self.state.accounts, self.state
        return {(accounts[u].username, state.ref(a).reference) for u, a in state.conflicts}

    def add_conflict(
        self, *, session: object, vacancy_id: int, user_id: int, application_id: int, note: str
    ) -> bool:
        if (user_id, application_id) in self.state.conflicts:
            return False
        self.state.conflicts.add((user_id, application_id))
        return True
