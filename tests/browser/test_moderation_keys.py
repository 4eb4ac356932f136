"""Moderation by keyboard alone in Chromium: five disagreements agreed, each with the panel's
reason, by Tab, typing and one key (L or H); the stored agreed scores are read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.accessibility import small_targets
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, no_exceptions, settle, sign_in
from tests.factories import with_recorded_scheme
from tests.integration.helpers import PASSWORD, WITHDRAWN, make_world, sample_scores
from use_cases import Services

NOTE = "Why the panel agrees this score"
# Five cells of the sample where the second member's score is pushed two or more away.
WIDENED = [("D001", "c1"), ("D002", "c2"), ("D003", "c5"), ("D004", "c7"), ("D006", "c9")]


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'moderation.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    world = make_world(services)
    members = {"rpatel": world.panel[0], "sokafor": world.panel[1]}
    given = {
        (r["application_id"], r["criterion_id"], r["panel_member"]): int(r["score"])
        for r in sample_scores()
    }
    for (reference, criterion, member), score in given.items():
        if criterion == "c21" or reference == WITHDRAWN:
            continue
        if member == "sokafor" and (reference, criterion) in WIDENED:
            other = given[(reference, criterion, "rpatel")]
            score = 0 if other >= 2 else 3
        services.scores.save_score(
            members[member], world.vacancy.id, panel_code=world.codes[reference],
            criterion_id=criterion, score=score,
        )  # fmt: skip
    server = AppServer(url)
    yield server, services, world
    server.stop()
    services.store.engine.dispose()


def focus_by_tab(page: Page, label: str, limit: int = 80) -> None:
    """Press Tab until the box labelled `label` has the focus (the keyboard's way there)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if (
            page.evaluate(
                "document.activeElement && document.activeElement.getAttribute('aria-label')"
            )
            == label
        ):
            return
    raise AssertionError(f"Tab never reached '{label}'")


def test_five_disagreements_agreed_by_keyboard_alone(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services, world = app
    open_before = [
        q
        for q in services.moderation.moderation_queue(world.hr, world.vacancy.id)
        if q.needs_agreement
    ]
    assert len(open_before) >= 5
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    go(page, "Moderation")
    expected = []
    for n, item in enumerate(open_before[:5], start=1):
        expect(
            page.get_by_text(f"To agree: {len(open_before) - n + 1} · {item.panel_code}")
        ).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(item.criterion, exact=True).first).to_be_visible()
        reason = f"Panel reread the evidence for item {n}."
        focus_by_tab(page, NOTE)
        expect(page.get_by_label(NOTE)).to_have_value("")  # a fresh box: no last reason left in it
        page.keyboard.type(reason)
        page.keyboard.press("Tab")  # leave the box; the keys below act on the page
        key, score = ("L", min(item.scores.values())) if n % 2 else ("H", max(item.scores.values()))
        page.keyboard.press(key)
        expect(page.get_by_text(f"Agreed {item.panel_code}:", exact=False).first).to_be_visible(
            timeout=TIMEOUT
        )
        settle(page)
        expected.append((item.panel_code, item.criterion_id, score, reason))
    shots(page, "moderated-by-keys")
    no_exceptions(page)
    # WCAG 2.5.8: the desk's buttons (lower, higher, each point) are 24 px or more either way
    desk = page.get_by_test_id("stForm").filter(has=page.get_by_label(NOTE)).get_by_role("button")
    expect(desk.first).to_be_visible()
    assert desk.count() >= 4
    assert small_targets(page, '[data-testid="stForm"] button') == []
    stored = {
        (a.panel_code, a.criterion_id): (a.score, a.note)
        for a in services.moderation.agreed_scores(world.hr, world.vacancy.id)
    }
    for code, criterion, score, reason in expected:
        assert stored[(code, criterion)] == (score, reason)
