"""The panel's view in Chromium (issue 26 item 8), read back from the database: a double click
on "Submit my scores" submits once, shows when, and no red error; after the shortlist is
finalised the Score page says so once and the keyboard pad takes no score (no key refused one
by one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, no_exceptions, settle, sign_in
from tests.factories import with_recorded_scheme
from tests.integration.helpers import PASSWORD, World, make_world, moderate_sample, score_sample
from use_cases import Services

ERROR = '[data-testid="stAlertContentError"]'


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Both members have scored every application; neither has submitted."""
    url = f"sqlite:///{tmp_path / 'campaign.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    world = make_world(services)
    score_sample(world)
    server = AppServer(url)
    yield server, services, world
    server.stop()
    services.store.engine.dispose()


def rosas_page(browser, server: AppServer) -> Page:  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(page, server.url, "rpatel", PASSWORD)
    return page


def audited(services: Services, world: World, action: str) -> int:
    return sum(
        1 for e in services.audit.audit_log(world.hr, world.vacancy.id) if e.action == action
    )


def test_a_double_click_on_submit_submits_once_and_shows_no_error(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services, world = app
    page = rosas_page(browser, server)
    go(page, "My vacancies")
    submit = page.get_by_role("button", name="Submit my scores")
    expect(submit).to_be_enabled(timeout=TIMEOUT)
    submit.dblclick()
    expect(page.get_by_text("You submitted your scores on")).to_be_visible(timeout=TIMEOUT)
    settle(page)
    expect(page.get_by_role("button", name="Submit my scores")).to_have_count(0)
    expect(page.locator(ERROR)).to_have_count(0)
    no_exceptions(page)
    shots(page, "submitted")
    assert audited(services, world, "submit_scores") == 1
    standing = services.progress.my_standing(world.panel[0], world.vacancy.id)
    assert standing.submitted_at is not None


def test_after_finalising_the_score_page_says_so_once_and_the_pad_takes_no_score(
    app, browser, shots
) -> None:  # type: ignore[no-untyped-def]
    server, services, world = app
    moderate_sample(world)
    services.shortlists.finalise(
        world.hr,
        world.vacancy.id,
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    before = services.reading.my_scores(world.panel[0], world.vacancy.id)
    saves = audited(services, world, "score")
    page = rosas_page(browser, server)
    go(page, "Score")
    pad = page.locator(".pad")
    expect(pad.locator(".row").first).to_be_visible(timeout=TIMEOUT)
    said = page.locator('[data-testid="stAlertContentInfo"]').filter(has_text="finalised")
    expect(said).to_have_count(1)
    expect(said).to_contain_text("This vacancy is finalised: scores can no longer change.")
    first = pad.get_attribute("data-code")
    page.keyboard.type("1203", delay=30)  # scores the pad must not take
    page.keyboard.press("n")  # then the next application: every key before it was handled
    expect(pad).not_to_have_attribute("data-code", first or "", timeout=TIMEOUT)
    expect(pad).to_have_attribute("data-pending", "0")
    expect(pad.locator(".state.refused")).to_have_count(0)
    expect(pad.locator(".state.saving")).to_have_count(0)
    expect(page.locator(ERROR)).to_have_count(0)
    no_exceptions(page)
    shots(page, "finalised-read-only")
    assert services.reading.my_scores(world.panel[0], world.vacancy.id) == before
    assert audited(services, world, "score") == saves
