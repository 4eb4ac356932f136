"""The score pad's views, against the in-memory repository: what the pad shows is opened and
what it leaves has its reading closed, through the one record of reading; an application the
member may not read is passed over."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import NotDeclared
from scoring.rules.score_checks import Seat
from storage.repository import ApplicationRef
from tests import factories
from tests.fakes import FakeRepository, FakeState, FakeStore, fake_vacancy, member
from use_cases.panel_reading import PanelReading

ROSA = member()


def reading(*, declared: bool = True) -> tuple[PanelReading, FakeRepository]:
    state = FakeState(vacancy=fake_vacancy(factories.vacancy([factories.criterion("c1")])))
    state.seats[ROSA.user_id] = Seat("open", True, True, declared, False)
    state.applications = {
        "P00001": ApplicationRef(1, "A1", "P00001", False),
        "P00002": ApplicationRef(2, "A2", "P00002", True),  # withdrawn
        "P00003": ApplicationRef(3, "A3", "P00003", False),
    }
    state.conflicts = {(ROSA.user_id, 3)}
    repo = FakeRepository(state)
    now = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    service = PanelReading(
        FakeStore(repo),  # type: ignore[arg-type]
        progress=None,  # type: ignore[arg-type]
        repo=repo,  # type: ignore[arg-type]
        clock=lambda: now,
    )
    return service, repo


def test_the_pad_moving_on_closes_one_reading_and_opens_the_next() -> None:
    service, repo = reading()
    service.pad_moved(ROSA, 1, left=None, shown="P00001")
    assert repo.state.reading == [(1, ROSA.user_id, True)]
    service.pad_moved(ROSA, 1, left="P00001", shown=None)
    assert repo.state.reading[1:] == [(1, ROSA.user_id, False)]


def test_a_withdrawn_or_conflicted_application_is_not_recorded_as_read() -> None:
    service, repo = reading()
    service.pad_moved(ROSA, 1, left="P00002", shown="P00003")
    service.pad_moved(ROSA, 1, left=None, shown="P99999")
    assert repo.state.reading == []


def test_nothing_is_recorded_before_the_member_has_declared() -> None:
    service, repo = reading(declared=False)
    with pytest.raises(NotDeclared):
        service.pad_moved(ROSA, 1, left=None, shown="P00001")
    assert repo.state.reading == []
