"""The repository's names over a FakeState (tests/fakes.py): each function answers as the one in
storage/repository/ does, from plain dictionaries, with the same keyword-only arguments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy.exc import IntegrityError

from scoring.applications import Application
from scoring.score_checks import ScoreTarget, ScoringRules, Seat, StoredScore
from storage.models import AgreedRecord, PanelApplication, ScoreRecord, VacancyPublic
from storage.repository import ApplicationRef, Located
from storage.repository.panel import PanelSeat

if TYPE_CHECKING:
    from tests.fakes import FakeState


class FakeRepository:
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
        from storage.access import Role

        account = self.state.accounts.get(user_id)
        if account is None:
            return (True, Role.PANEL, None)
        return (True, account.role, account.organisation_id)

    def record_audit(self, *, session: object, **entry: Any) -> None:
        self.state.audit.append(entry)

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

    # panel scores ----------------------------------------------------------------------------
    def score_targets(
        self, *, session: object, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Located]:
        found = {}
        for code, criterion in keys:
            app = self.state.applications.get(code)
            if app is None:
                continue
            kept = self.state.scores.get((app.id, criterion, user_id))
            conflicted = (user_id, app.id) in self.state.conflicts
            target = ScoreTarget(app.withdrawn, conflicted, kept[1] if kept else None, app.held)
            found[(code, criterion)] = Located(app.id, kept[0] if kept else None, target)
        return found

    def insert_panel_score(
        self, *, session: object, application_id: int, criterion_id: str, user_id: int,
        score: int, note: str, at: datetime,
    ) -> int:  # fmt: skip
        key = (application_id, criterion_id, user_id)
        if key in self.state.scores:
            raise IntegrityError("INSERT", {}, Exception("unique constraint"))
        self.state.next_id += 1
        self.state.scores[key] = (self.state.next_id, StoredScore(score, note, 1))
        return self.state.next_id

    def update_panel_score(
        self, *, session: object, score_id: int, expected_version: int, score: int, note: str,
        at: datetime,
    ) -> bool:  # fmt: skip
        for key, (row_id, stored) in self.state.scores.items():
            if row_id == score_id:
                if stored.version != expected_version:
                    return False
                self.state.scores[key] = (row_id, StoredScore(score, note, expected_version + 1))
                return True
        return False

    def withdraw_member_scores(
        self, *, session: object, application_id: int, user_id: int
    ) -> dict[str, int]:
        mine = [k for k in self.state.scores if k[0] == application_id and k[2] == user_id]
        return {k[1]: self.state.scores.pop(k)[1].score for k in mine}

    def scored_per_member(
        self, *, session: object, vacancy_id: int, criteria: Sequence[str]
    ) -> dict[int, dict[str, int]]:
        counts: dict[int, dict[str, int]] = {}
        for app_id, criterion, user in self.state.scores:
            if criterion in criteria:
                per = counts.setdefault(user, {})
                code = self.state.ref(app_id).panel_code
                per[code] = per.get(code, 0) + 1
        return counts

    def scored_per_application(
        self, *, session: object, vacancy_id: int, user_id: int, criteria: Sequence[str]
    ) -> dict[str, int]:
        per = self.scored_per_member(session=session, vacancy_id=vacancy_id, criteria=criteria)
        return per.get(user_id, {})

    def member_scores(
        self, *, session: object, vacancy_id: int, user_id: int, username: str,
        panel_code: str | None, panel_codes: Sequence[str] | None = None,
    ) -> list[ScoreRecord]:  # fmt: skip
        records = []
        for (a, c, u), (_, s) in self.state.scores.items():
            code = self.state.ref(a).panel_code
            if u != user_id or panel_code not in (None, code):
                continue
            if panel_codes is not None and code not in panel_codes:
                continue
            records.append(
                ScoreRecord(
                    panel_code=code,
                    criterion_id=c,
                    member=username,
                    score=s.score,
                    note=s.note,
                    version=s.version,
                )  # fmt: skip
            )
        return records

    def panel_score_frame(self, *, session: object, vacancy_id: int) -> pd.DataFrame:
        rows = [
            (self.state.ref(a).reference, c, self.state.accounts[u].username, s.score)
            for (a, c, u), (_, s) in self.state.scores.items()
        ]
        return pd.DataFrame(rows, columns=["application_id", "criterion_id", "panel_member", "score"])  # fmt: skip

    def touch_review(
        self, *, session: object, vacancy_id: int, application_id: int, user_id: int,
        at: datetime, opened: bool,
    ) -> None:  # fmt: skip
        self.state.reading.append((application_id, user_id, opened))

    # agreed scores and decisions -------------------------------------------------------------
    def stored_agreed(
        self, *, session: object, application_id: int, criterion_id: str
    ) -> tuple[int, StoredScore] | None:
        return self.state.agreed.get((application_id, criterion_id))

    def insert_agreed(
        self, *, session: object, application_id: int, criterion_id: str, score: int, note: str,
        by: int,
    ) -> None:  # fmt: skip
        key = (application_id, criterion_id)
        if key in self.state.agreed:
            raise IntegrityError("INSERT", {}, Exception("unique constraint"))
        self.state.next_id += 1
        self.state.agreed[key] = (self.state.next_id, StoredScore(score, note, 1))

    def update_agreed(
        self, *, session: object, agreed_id: int, expected_version: int, score: int, note: str,
        by: int, at: datetime,
    ) -> bool:  # fmt: skip
        for key, (row_id, stored) in self.state.agreed.items():
            if row_id == agreed_id and stored.version == expected_version:
                self.state.agreed[key] = (row_id, StoredScore(score, note, expected_version + 1))
                return True
        return False

    def agreed_scores(self, *, session: object, vacancy_id: int) -> list[AgreedRecord]:
        return [
            AgreedRecord(
                panel_code=self.state.ref(a).panel_code,
                criterion_id=c,
                score=s.score,
                note=s.note,
                version=s.version,
            )  # fmt: skip
            for (a, c), (_, s) in self.state.agreed.items()
        ]

    def agreed_frame(self, *, session: object, vacancy_id: int) -> pd.DataFrame:
        rows = [(self.state.ref(a).reference, c, s.score) for (a, c), (_, s) in self.state.agreed.items()]  # fmt: skip
        return pd.DataFrame(rows, columns=["application_id", "criterion_id", "score"])

    def persons_decisions(self, *, session: object, vacancy_id: int) -> dict[str, Any]:
        return {}
