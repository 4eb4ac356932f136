"""E-mail leaves only once the write that records it has committed, against the in-memory
store: a write that rolls back sends nothing, a write the database gave up on is run again
(that transaction alone) and sends once, and a service call is never run again, so neither a
write that committed nor the mail sent after it is repeated."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError

from scoring.rules.deadlines import Pace
from storage.store import ATTEMPTS
from tests import factories
from tests.fakes import FakeRepository, FakeState, FakeStore, fake_vacancy, given_up
from use_cases import access
from use_cases.access import Actor, Role, allowed
from use_cases.common import Outbox
from use_cases.mail import Mail, Send
from use_cases.models import MemberProgress
from use_cases.reminders import Reminders

NOW = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)
HR = Actor(
    user_id=1, username="hr", display_name="Hilary HR", role=Role.HR, organisation_id="darlington"
)
LETTER = Mail("rosa@example.org", "Scoring reminder", "Dear Rosa", NOW)


class Kept:
    """A mailer that keeps each message it is given."""

    def __init__(self) -> None:
        self.sent: list[Mail] = []

    def problem(self) -> str | None:
        return None

    @contextmanager
    def connection(self) -> Iterator[Send]:
        yield self.sent.append


class ReminderRepository(FakeRepository):
    """The fake repository, with the reads reminders make, and an audit write that the
    database gives up on at the calls numbered in `failing` (1: the first)."""

    def __init__(self, state: FakeState, failing: set[int]) -> None:
        super().__init__(state)
        self.failing = failing
        self.calls = 0

    def user_state(self, *, session: object, user_id: int) -> tuple[bool, Any, str | None]:
        return (True, Role.HR, "darlington")

    def lock_vacancy(self, *, session: object, vacancy_id: int) -> None:
        pass

    def emails(self, *, session: object, user_ids: list[int]) -> dict[int, str]:
        return {u: f"member{u}@example.org" for u in user_ids}

    def entity_ids_since(
        self, *, session: object, vacancy_id: int, action: str, since: datetime, undone_by: str = ""
    ) -> set[str]:
        newest = {
            e["entity_id"]: e["action"]
            for e in self.state.audit
            if e["vacancy_id"] == vacancy_id and e["action"] in (action, undone_by)
        }
        return {entity for entity, what in newest.items() if what == action}

    def record_audit(self, *, session: object, **entry: Any) -> None:
        self.calls += 1
        if self.calls in self.failing:
            raise given_up()
        super().record_audit(session=session, **entry)


class Behind:
    """Progress: `members` panel members, all behind with their scoring."""

    def __init__(self, members: int) -> None:
        self.members = members

    def progress(self, actor: Actor, vacancy_id: int) -> list[MemberProgress]:
        return [
            MemberProgress(
                user_id=10 + n,
                member=f"Member {n}",
                scored=0,
                expected=10,
                submitted_at=None,
                pace=Pace.BEHIND,
            )  # fmt: skip
            for n in range(self.members)
        ]


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(
    members=st.integers(min_value=1, max_value=4),
    failing=st.sets(st.integers(min_value=1, max_value=12), max_size=ATTEMPTS - 1),
)
def test_each_member_behind_is_reminded_once_however_often_the_audit_write_is_given_up_on(
    members: int, failing: set[int]
) -> None:
    state = FakeState(vacancy=fake_vacancy(factories.vacancy([factories.criterion("c1")])))
    repo = ReminderRepository(state, failing)
    kept = Kept()
    reminders = Reminders(
        FakeStore(repo),  # type: ignore[arg-type]
        progress=Behind(members),  # type: ignore[arg-type]
        mailer=kept, repo=repo, clock=lambda: NOW,  # type: ignore[arg-type]
    )  # fmt: skip

    report = reminders.send_reminders(HR, state.vacancy.id)

    addresses = [f"member{10 + n}@example.org" for n in range(members)]
    assert sorted(m.to for m in kept.sent) == addresses, "each member e-mailed once"
    assert report.sent == tuple(f"Member {n}" for n in range(members))
    audited = [e["entity_id"] for e in state.audit if e["action"] == "send_reminder"]
    assert sorted(audited) == [str(10 + n) for n in range(members)], "and audited once"


def test_mail_queued_in_a_write_goes_once_it_has_committed_and_never_if_it_rolls_back() -> None:
    store = FakeStore(
        FakeRepository(
            FakeState(vacancy=fake_vacancy(factories.vacancy([factories.criterion("c1")])))
        )
    )
    kept = Kept()
    with pytest.raises(ValueError, match="rolled back"):
        with store.writing() as session:
            Outbox(session, kept).add("rosa", LETTER)  # type: ignore[arg-type]
            raise ValueError("rolled back")
    assert kept.sent == []

    with store.writing() as session:
        outbox = Outbox(session, kept)  # type: ignore[arg-type]
        outbox.add("rosa", LETTER)
        assert kept.sent == [], "nothing leaves before the commit"
    assert kept.sent == [LETTER] and outbox.delivery().sent == ("rosa",)


def test_a_call_is_run_once_and_only_its_write_the_database_gave_up_on_runs_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(access, "REGISTRY", {})  # the toy below is no service method
    store = FakeStore(
        FakeRepository(
            FakeState(vacancy=fake_vacancy(factories.vacancy([factories.criterion("c1")])))
        )
    )
    kept = Kept()

    class Toy:
        def __init__(self) -> None:
            self.calls = self.firsts = self.seconds = 0

        @allowed(Role.HR, action="try")
        def act(self, actor: Actor) -> None:
            self.calls += 1

            def first(session: object) -> None:
                self.firsts += 1
                Outbox(session, kept).add("rosa", LETTER)  # type: ignore[arg-type]

            def second(session: object) -> None:
                self.seconds += 1
                if self.seconds == 1:
                    raise given_up()

            store.write(first)
            store.write(second)

    toy = Toy()
    toy.act(HR)
    assert (toy.calls, toy.firsts, toy.seconds) == (1, 1, 2), "the given-up write alone again"
    assert kept.sent == [LETTER], "the mail of the committed write went once"


def test_a_call_whose_write_is_given_up_on_every_time_fails_without_running_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(access, "REGISTRY", {})  # the toy below is no service method

    class Toy:
        def __init__(self) -> None:
            self.runs = 0

        @allowed(Role.HR, action="try")
        def act(self, actor: Actor) -> None:
            self.runs += 1
            raise given_up()  # as a write Store.write gave up on after its own attempts

    toy = Toy()
    with pytest.raises(OperationalError):
        toy.act(HR)
    assert toy.runs == 1, "@allowed checks the role; it never repeats the call"
