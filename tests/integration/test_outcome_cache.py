"""The shortlist kept in memory is made again as soon as a write commits, through this app
server or another one on the same database (a council runs several behind a load balancer)."""

from __future__ import annotations

import pytest

import scoring.rules.shortlist
from storage.store import Store
from tests.integration.helpers import make_world, score_sample
from use_cases import Services


def test_a_write_through_another_app_server_is_seen_on_the_next_page(
    services: Services, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(services)
    score_sample(world)
    hr, vacancy = world.hr, world.vacancy.id
    other_server = Services(
        Store(store.engine, store.catalogue, audit_key=store.audit_key, checkpoint=store.checkpoint)
    )
    runs: list[int] = []
    real = scoring.rules.shortlist.shortlist
    monkeypatch.setattr(scoring.rules.shortlist, "shortlist", lambda *a, **k: (runs.append(1), real(*a, **k))[1])  # fmt: skip

    first = services.shortlists.outcome(hr, vacancy)
    assert services.shortlists.outcome(hr, vacancy) is first and len(runs) == 1, "kept"
    before = first.decision("D006")
    other_server.shortlists.override(
        hr, vacancy, reference="D006", decision="shortlisted_by_decision",
        reason="Decided on the other app server.", expected_shortlist=other_server.shortlists.outcome(hr, vacancy).version)  # fmt: skip
    after = services.shortlists.outcome(hr, vacancy).decision("D006")
    assert before.decision != after.decision and after.decision == "shortlisted_by_decision"
    code = world.codes["D001"]
    mine = {s.criterion_id: s for s in services.reading.my_scores(world.panel[0], vacancy, code)}
    other_server.scores.save_score(
        world.panel[0], vacancy, panel_code=code, criterion_id="c3",
        score=(mine["c3"].score + 1) % 4, expected_version=mine["c3"].version,
    )  # fmt: skip
    runs.clear()
    services.shortlists.outcome(hr, vacancy)
    assert runs == [1], "a score saved elsewhere is seen on the next page"
    services.workbooks.export_shortlist(hr, services.shortlists.outcome(hr, vacancy))
    runs.clear()
    services.shortlists.outcome(hr, vacancy)
    assert runs == [], "an export changes nothing a shortlist is made from"
