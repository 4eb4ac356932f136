"""The keyboard score pad in Chromium, read back from the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from storage.access import Actor
from storage.services import Services
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, settle, sign_in
from tests.browser.test_fairness import PASSWORD, SAMPLE, set_up


@pytest.fixture
def scoring(tmp_path: Path) -> Iterator[tuple[AppServer, Services, int, Actor]]:
    url = f"sqlite:///{tmp_path / 'pad.db'}"
    services, vacancy = set_up(url, chunked=False, data=(SAMPLE / "applications.csv").read_bytes())
    hr = services.accounts.authenticate("hr", PASSWORD)
    services.redaction.release_to_panel(hr, vacancy)
    rosa = services.accounts.authenticate("rpatel", PASSWORD)
    services.declarations.declare_conflicts(rosa, vacancy, [])
    server = AppServer(url)
    try:
        yield server, services, vacancy, rosa
    finally:
        server.stop()


def test_a_key_pressed_on_a_stale_pad_is_refused_and_the_newer_score_stays(
    browser,
    scoring,
    shots,  # type: ignore[no-untyped-def]
) -> None:
    server, services, vacancy, rosa = scoring
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(page, server.url, "rpatel", PASSWORD)
    go(page, "Score")
    pad = page.locator(".pad")
    expect(pad.locator(".row").first).to_be_visible(timeout=TIMEOUT)
    code = pad.get_attribute("data-code")
    first = services.vacancies.get_vacancy(rosa, vacancy).scored_criteria[0].id
    services.scores.save_score(  # window B, after window A's pad was drawn
        rosa, vacancy, panel_code=code, criterion_id=first, score=3
    )
    page.keyboard.press("1")  # window A scores the same criterion
    expect(pad.locator(".status")).to_contain_text("changed in another window", timeout=TIMEOUT)
    settle(page)
    expect(pad.locator(".row").first.locator(".score")).to_have_text("3", timeout=TIMEOUT)
    shots(page, "stale-pad-refused")
    (kept,) = services.reading.my_scores(rosa, vacancy, code)
    assert (kept.criterion_id, kept.score, kept.version) == (first, 3, 1)
