"""A late application in Chromium: HR imports it after the panel has started; it is held (the
panel's pages do not show it) until HR has checked its redaction and released it; the member who
had declared then sees the new name to declare before scoring again. Stored data read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, all_text, go, no_exceptions, settle, sign_in
from tests.factories import with_recorded_scheme
from tests.integration.helpers import PASSWORD, make_world
from tests.integration.test_late_applications import LATE
from use_cases import Services


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'late.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    world = make_world(services)  # imported, released, both members declared
    server = AppServer(url)
    late = tmp_path / "late.csv"
    late.write_text(LATE)
    yield server, services, world, late
    server.stop()
    services.store.engine.dispose()


def test_a_late_import_is_held_until_released_then_its_name_is_declared(
    app, browser, shots
) -> None:  # type: ignore[no-untyped-def]
    server, services, world, late = app
    rosa = world.panel[0]
    hr = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(hr, server.url, "hr", PASSWORD)
    go(hr, "Applications")
    hr.locator('input[type="file"]').set_input_files(str(late))
    settle(hr)
    hr.get_by_role("button", name="Import", exact=True).click()
    expect(hr.get_by_text("1 late application is held", exact=False)).to_be_visible(timeout=TIMEOUT)
    shots(hr, "held")
    (held,) = [
        a for a in services.intake.applications(world.hr, world.vacancy.id) if a.reference == "L001"
    ]
    assert held.panel_code not in [
        a.panel_code for a in services.reading.panel_applications(rosa, world.vacancy.id)
    ]

    member = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(member, server.url, "rpatel", PASSWORD)
    go(member, "Score")
    expect(member.get_by_text("Before you start: conflicts of interest")).not_to_be_visible()
    assert "Lena" not in all_text(member) and held.panel_code not in all_text(member)

    hr.get_by_role("button", name="Release the 1 late application to the panel").click()
    expect(hr.get_by_text("Released 1 application to the panel.")).to_be_visible(timeout=TIMEOUT)
    go(member, "My vacancies")
    go(member, "Score")
    expect(member.get_by_text("Before you start: conflicts of interest")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(member.get_by_text("Lena Late").first).to_be_attached()  # in the names table
    assert "Amina Hassan" not in all_text(member), "only the new names are listed"
    shots(member, "declare-new-names")
    member.get_by_role("button", name="Confirm my declaration and start scoring").click()
    expect(member.get_by_text("Recorded: no conflicts of interest.")).to_be_visible(timeout=TIMEOUT)
    settle(member)
    no_exceptions(member)
    assert services.declarations.has_declared(rosa, world.vacancy.id)
    saved = services.scores.save_score(
        rosa, world.vacancy.id, panel_code=held.panel_code, criterion_id="c1", score=2
    )
    assert saved.score == 2
