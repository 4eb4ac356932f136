"""An in-memory store and repository with the functions the scoring use cases call, for unit
tests of the service rules without a database. Transactions are real enough: a write that
raises leaves the state as it was."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from scoring.score_checks import ScoreTarget, ScoringRules, Seat, StoredScore
from scoring.vacancy import Vacancy
from storage.access import Actor
from storage.models import PanelApplication, ScoreRecord, VacancyPublic
from storage.repository import ApplicationRef, Located


@dataclass
class FakeState:
    vacancy: VacancyPublic
    seats: dict[int, Seat] = field(default_factory=dict)
    applications: dict[str, ApplicationRef] = field(default_factory=dict)  # by panel code
    conflicts: set[tuple[int, int]] = field(default_factory=set)  # (user id, application id)
    scores: dict[tuple[int, str, int], tuple[int, StoredScore]] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1
    reading: list[tuple[int, int, bool]] = field(default_factory=list)  # (app, user, opened)


class FakeRepository:
    """The repository's names, over a FakeState."""

    def __init__(self, state: FakeState) -> None:
        self.state = state

    # vacancies and seats
    def load_vacancy(self, *, session: object, vacancy_id: int) -> VacancyPublic | None:
        return self.state.vacancy if vacancy_id == self.state.vacancy.id else None

    def seat(self, *, session: object, vacancy_id: int, user_id: int) -> tuple[Seat, int] | None:
        if vacancy_id != self.state.vacancy.id:
            return None
        status = self.state.vacancy.status
        found = self.state.seats.get(user_id) or Seat(status, False, False, False, False)
        return Seat(status, found.assigned, found.released, found.declared, found.submitted), 1

    def scoring_rules(self, *, session: object, vacancy_id: int, version: int) -> ScoringRules:
        return ScoringRules.of(self.state.vacancy.rules)

    # applications
    def refs(self, *, session: object, vacancy_id: int) -> list[ApplicationRef]:
        return sorted(self.state.applications.values(), key=lambda a: a.panel_code)

    def conflicted_ids(self, *, session: object, vacancy_id: int, user_id: int) -> set[int]:
        return {a for u, a in self.state.conflicts if u == user_id}

    def panel_applications_by_code(
        self, *, session: object, vacancy_id: int, codes: Sequence[str]
    ) -> dict[str, tuple[ApplicationRef, PanelApplication]]:
        found = {c: self.state.applications[c] for c in codes if c in self.state.applications}
        return {c: (a, PanelApplication(panel_code=c, statement="", evidence={})) for c, a in found.items()}  # fmt: skip

    # scores
    def score_targets(
        self, *, session: object, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Located]:
        found = {}
        for code, criterion in keys:
            app = self.state.applications.get(code)
            if app is None:
                continue
            kept = self.state.scores.get((app.id, criterion, user_id))
            target = ScoreTarget(
                app.withdrawn, (user_id, app.id) in self.state.conflicts, kept[1] if kept else None
            )
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

    def scored_per_application(
        self, *, session: object, vacancy_id: int, user_id: int, criteria: Sequence[str]
    ) -> dict[str, int]:
        codes = {a.id: a.panel_code for a in self.state.applications.values()}
        counts: dict[str, int] = {}
        for app_id, criterion, user in self.state.scores:
            if user == user_id and criterion in criteria:
                counts[codes[app_id]] = counts.get(codes[app_id], 0) + 1
        return counts

    def member_scores(self, *, session: object, vacancy_id: int, user_id: int, username: str, panel_code: str | None) -> list[ScoreRecord]:  # fmt: skip
        codes = {a.id: a.panel_code for a in self.state.applications.values()}
        return [
            ScoreRecord(
                panel_code=codes[a],
                criterion_id=c,
                member=username,
                score=s.score,
                note=s.note,
                version=s.version,
            )  # fmt: skip
            for (a, c, u), (_, s) in self.state.scores.items()
            if u == user_id and panel_code in (None, codes[a])
        ]

    def set_submitted(
        self, *, session: object, vacancy_id: int, user_id: int, at: datetime
    ) -> None:
        seat = self.state.seats[user_id]
        self.state.seats[user_id] = Seat(seat.vacancy_status, seat.assigned, seat.released, seat.declared, True)  # fmt: skip

    def touch_review(
        self, *, session: object, vacancy_id: int, application_id: int, user_id: int,
        at: datetime, opened: bool,
    ) -> None:  # fmt: skip
        self.state.reading.append((application_id, user_id, opened))

    def record_audit(self, *, session: object, **entry: Any) -> None:
        self.state.audit.append(entry)

    def user_state(self, *, session: object, user_id: int) -> tuple[bool, Any, str | None]:
        """Every account the fake knows is an open panel member's (see `member`)."""
        from storage.access import Role

        return (True, Role.PANEL, None)


class FakeStore:
    """reading() and writing() over the fake repository's state; a write that raises is undone."""

    def __init__(self, repo: FakeRepository) -> None:
        from storage.session_rules import SessionRules

        self.repo = repo
        self.session_rules = SessionRules()
        self.audit_key = b"fake audit key"

    @contextmanager
    def reading(self) -> Iterator[object]:
        yield object()

    @contextmanager
    def writing(self) -> Iterator[object]:
        before = copy.deepcopy(self.repo.state)
        try:
            yield object()
        except BaseException:
            self.repo.state.__dict__.update(before.__dict__)
            raise


def fake_vacancy(rules: Vacancy, *, status: str = "open", vacancy_id: int = 1) -> VacancyPublic:
    return VacancyPublic(
        id=vacancy_id, organisation_id="darlington", title=rules.title, role_id="role",
        role_title=rules.title, level=None, grade=None, status=status,
        closing_date=date(2026, 1, 30), interview_date=None, retention_date=None,
        chunked_review=False, released_at=datetime(2026, 2, 1), rules=rules,
    )  # fmt: skip


def member(user_id: int = 7, username: str = "rpatel") -> Actor:
    from storage.access import Role

    return Actor(user_id=user_id, username=username, display_name=username.title(), role=Role.PANEL)
