"""Hole 8: two HR officers finalising at once on PostgreSQL got an unhandled IntegrityError
(6 of 8 trials) or were both told they succeeded (2 of 8); two concurrent imports with the
same references deadlocked. Now one wins and the other gets a clear message."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import repeat
from typing import Any

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, World, make_world, moderate_sample, score_sample
from use_cases import Services
from use_cases.errors import ServiceError


def at_once(calls: list[Callable[[], Any]]) -> list[object]:
    """Run the calls in threads released together; what each returned or raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = calls[i]() or "done"
        except Exception as exc:  # the assertion below says which kinds are acceptable
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def ready_to_finalise(services: Services) -> World:
    """The sample vacancy scored and moderated, its ties decided (as the journey test does)."""
    world = make_world(services)
    score_sample(world)
    moderate_sample(world, reasons=repeat("Decided by the panel."))
    return world


def test_two_hr_officers_finalising_at_once_one_wins_the_other_is_told(
    database_url: str,
) -> None:
    catalogue = load_catalogue()
    services = Services(open_store(database_url, catalogue))
    world = ready_to_finalise(services)
    second = Services(open_store(database_url, catalogue))  # the other officer's server
    results = at_once(
        [
            lambda: services.shortlists.finalise(
                world.hr,
                world.vacancy.id,
                expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
            ),
            lambda: second.shortlists.finalise(
                world.hr,
                world.vacancy.id,
                expected_shortlist=second.shortlists.outcome(world.hr, world.vacancy.id).version,
            ),
        ]
    )
    assert sorted(type(r).__name__ for r in results) == ["NotAtThisStage", "str"], results
    refused = next(r for r in results if isinstance(r, ServiceError))
    assert "finalised already" in str(refused)
    with services.store.reading() as session:
        finalised = services.audit.repo.count_audit(
            session=session, vacancy_id=world.vacancy.id, actions=["finalise"]
        )
    assert finalised == 1
    second.store.engine.dispose()


def test_two_imports_of_the_same_references_at_once_store_one(database_url: str) -> None:
    catalogue = load_catalogue()
    services = Services(open_store(database_url, catalogue))
    world = make_world(services, import_sample=False, release=False)
    other = Services(open_store(database_url, catalogue))
    data = (DARLINGTON / "applications.csv").read_bytes()
    lines = data.decode().splitlines()
    reordered = ("\n".join([lines[0], *reversed(lines[1:])]) + "\n").encode()
    results = at_once(
        [
            lambda: services.intake.import_applications(
                world.hr, world.vacancy.id, file_name="a.csv", data=data
            ),
            lambda: other.intake.import_applications(
                world.hr, world.vacancy.id, file_name="b.csv", data=reordered
            ),
        ]
    )
    kinds = sorted(type(r).__name__ for r in results)
    assert kinds == ["ImportRefused", "ImportReport"], results
    assert len(services.intake.applications(world.hr, world.vacancy.id)) == len(lines) - 1
    other.store.engine.dispose()
