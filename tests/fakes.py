"""An in-memory store and repository with the functions the panel's use cases call (scoring,
submitting, reading, declaring, moderating, the shortlist they make), for unit tests of the
services without a database. Transactions are real enough: a write that raises leaves the state
as it was. `fake_world` builds a vacancy, its panel and its applications in one call."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy.exc import OperationalError

from criteria.loader import Catalogue
from incidents import retryable
from scoring.rules.score_checks import Seat, StoredScore
from scoring.vacancy import Vacancy
from storage.audit_chain import Head
from storage.audit_checkpoint import Checkpoint
from storage.repository import ApplicationRef
from storage.store import AFTER_COMMIT, ATTEMPTS, Store
from tests.fake_repository import FakeRepository as FakeRepository  # re-exported
from use_cases.access import Actor, Role
from use_cases.common import UseCase
from use_cases.models import VacancyPublic

RELEASED = datetime(2026, 2, 1)
U = TypeVar("U", bound=UseCase)


class HasState(Protocol):
    """A fake repository: its state is copied before a write and put back if the write fails."""

    @property
    def state(self) -> Any: ...


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
    accounts: dict[int, Actor] = field(default_factory=dict)  # panel members and HR, by id
    declared_at: dict[int, datetime] = field(default_factory=dict)  # by user id
    submitted_at: dict[int, datetime] = field(default_factory=dict)  # by user id
    names: dict[int, str] = field(default_factory=dict)  # applicants' names, by application id
    released_at: dict[int, datetime] = field(default_factory=dict)  # by application id
    agreed: dict[tuple[int, str], tuple[int, StoredScore]] = field(default_factory=dict)

    def ref(self, application_id: int) -> ApplicationRef:
        return next(a for a in self.applications.values() if a.id == application_id)


class FakeSession:
    """What a service may keep in a session: `info` (the after-commit queue)."""

    def __init__(self) -> None:
        self.info: dict[str, Any] = {}


R = TypeVar("R")


class FakeStore:
    """reading() and writing() over the fake repository's state; a write that raises is undone,
    and what a write queued with storage/store.py's `after_commit` is done once it commits."""

    def __init__(self, repo: HasState, catalogue: Catalogue | None = None) -> None:
        from storage.session_rules import SessionRules

        self.repo = repo
        self.catalogue = catalogue  # the roles vacancies are made from, for those that need it
        self.session_rules = SessionRules()
        self.audit_key = b"fake audit key"
        self.demo = False
        self.checkpoint: Checkpoint | None = None  # the file outside the database: none here
        self.remembered: list[Head] = []  # the heads the audit trail moved the checkpoint to

    def remember(self, head: Head) -> None:
        self.remembered.append(head)

    @contextmanager
    def reading(self) -> Iterator[object]:
        yield object()

    @contextmanager
    def writing(self) -> Iterator[object]:
        before = copy.deepcopy(self.repo.state)
        session = FakeSession()
        try:
            yield session
        except BaseException:
            self.repo.state.__dict__.update(before.__dict__)
            raise
        for action in session.info.pop(AFTER_COMMIT, []):
            action()

    def write(self, work: Callable[[object], R]) -> R:
        """As Store.write: `work` in one write, run again while the write is given up on."""
        for attempt in range(ATTEMPTS):
            try:
                with self.writing() as session:
                    return work(session)
            except Exception as exc:
                if not retryable(exc) or attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")


def fake_store(repo: HasState) -> Store:
    """A fake store over `repo`, typed as the Store it stands in for (`as_store`)."""
    return as_store(FakeStore(repo))


def as_store(store: FakeStore) -> Store:
    """The fake store, typed as the Store it stands in for: its sessions are stand-ins that
    only the fake repository reads, so the use case under test is checked against its
    repository Protocol (use_cases/ports/) and nothing else is cast."""
    return cast(Store, store)


def fake_vacancy(rules: Vacancy, *, status: str = "open", vacancy_id: int = 1) -> VacancyPublic:
    return VacancyPublic(
        id=vacancy_id, organisation_id="darlington", title=rules.title, role_id="role",
        role_title=rules.title, level=None, grade=None, status=status,
        closing_date=date(2026, 1, 30), interview_date=None, retention_date=None,
        chunked_review=False, released_at=RELEASED, rules=rules,
    )  # fmt: skip


def member(user_id: int = 7, username: str = "rpatel") -> Actor:
    return Actor(user_id=user_id, username=username, display_name=username.title(), role=Role.PANEL)


def hr(user_id: int = 1) -> Actor:
    return Actor(
        user_id=user_id, username="hr", display_name="Hilary", role=Role.HR,
        organisation_id="darlington",
    )  # fmt: skip


def application(number: int, *, withdrawn: bool = False, held: bool = False) -> ApplicationRef:
    """Application `number`: row id `number`, reference A<number>, panel code P0000<number>."""
    return ApplicationRef(number, f"A{number}", f"P{number:05d}", withdrawn, held)


def fake_world(
    rules: Vacancy,
    *,
    members: Iterable[Actor] = (),
    applications: Iterable[ApplicationRef] = (),
    conflicts: Iterable[tuple[int, int]] = (),
    status: str = "open",
    declared: bool = True,
    submitted: bool = False,
) -> FakeRepository:
    """A released vacancy with its panel (each member declared, none submitted unless said)
    and its applications (named 'Applicant <row id>'); HR (`hr()`) may see it."""
    state = FakeState(vacancy=fake_vacancy(rules, status=status))
    state.accounts[hr().user_id] = hr()
    for m in members:
        state.accounts[m.user_id] = m
        state.seats[m.user_id] = Seat(status, True, True, declared, submitted)
        if declared:
            state.declared_at[m.user_id] = RELEASED
        if submitted:
            state.submitted_at[m.user_id] = RELEASED
    for a in applications:
        state.applications[a.panel_code] = a
        state.names[a.id] = f"Applicant {a.id}"
        if not a.held:
            state.released_at[a.id] = RELEASED
    state.conflicts = set(conflicts)
    return FakeRepository(state)


def service(cls: type[U], repo: FakeRepository, now: datetime, **kwargs: Any) -> U:
    """A use case over the fake store (the fakes stand in for Store and Repository)."""
    return cls(fake_store(repo), repo=repo, clock=lambda: now, **kwargs)


def stored_scores(repo: FakeRepository, user_id: int) -> dict[tuple[str, str], int]:
    """A member's stored scores, by (panel code, criterion)."""
    state = repo.state
    return {
        (state.ref(a).panel_code, c): s.score
        for (a, c, u), (_, s) in state.scores.items()
        if u == user_id
    }


class SerializationFailure(Exception):
    """What psycopg raises when PostgreSQL gives a transaction up to keep others consistent."""

    sqlstate = "40001"


def given_up() -> OperationalError:
    """A database error worth a retry (incidents.py's `retryable`)."""
    return OperationalError("INSERT", {}, SerializationFailure("could not serialize access"))


def lost() -> OperationalError:
    """A database error for good: no retry helps."""
    return OperationalError("COMMIT", {}, Exception("disk I/O error"))
