"""A write the database gave up on (a deadlock, a serialization failure) is run again as one
transaction, on the real store: never a write that had committed before it, and never the
service call around it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage import tables
from storage.store import ATTEMPTS, Store, after_commit
from tests.fakes import given_up
from use_cases import access
from use_cases.access import Actor, Role, allowed

HR = Actor(
    user_id=0, username="cli", display_name="Command line", role=Role.HR,
    organisation_id="darlington",
)  # fmt: skip


def deployment_rows(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(tables.Deployment)) or 0)


def add_row(session: Session, key: str) -> None:
    session.add(tables.Deployment(key=key, value="x"))


def test_a_write_given_up_on_runs_again_in_a_fresh_transaction_and_commits_once(
    store: Store,
) -> None:
    runs: list[int] = []
    done: list[str] = []

    def work(session: Session) -> int:
        runs.append(1)
        add_row(session, f"retry-{len(runs)}")
        after_commit(session, lambda: done.append("sent"))
        if len(runs) == 1:
            session.flush()
            raise given_up()
        return len(runs)

    with store.reading() as session:
        before = deployment_rows(session)
    assert store.write(work) == 2
    with store.reading() as session:
        assert deployment_rows(session) == before + 1, "the first attempt rolled back whole"
    assert done == ["sent"], "what the committed attempt queued, done once"


def test_a_call_is_not_run_again_once_one_of_its_writes_has_committed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "REGISTRY", {})  # the toy below is no service method

    class Toy:
        def __init__(self) -> None:
            self.firsts = self.seconds = 0

        @allowed(Role.HR, action="try")
        def act(self, actor: Actor) -> None:
            def first(session: Session) -> None:
                self.firsts += 1
                add_row(session, f"first-{self.firsts}")

            def second(session: Session) -> None:
                self.seconds += 1
                raise given_up()

            store.write(first)
            store.write(second)

    with store.reading() as session:
        before = deployment_rows(session)
    toy = Toy()
    with pytest.raises(OperationalError):
        toy.act(HR)
    assert toy.seconds == ATTEMPTS, "the failing transaction alone was tried again"
    assert toy.firsts == 1, "the stored first write is never repeated"
    with store.reading() as session:
        assert deployment_rows(session) == before + 1
