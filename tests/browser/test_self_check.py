"""A candidate completes a self-check for the Darlington role in Chromium, downloads the
summary and it holds their answers; the page works by keyboard and on a phone-width screen,
with a label on every control."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, choose, go, no_exceptions, settle

EXAMPLE = "At the housing association I agreed payment plans with forty tenants and cut arrears by a fifth."


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    server = AppServer(f"sqlite:///{tmp_path / 'app.db'}")
    yield server
    server.stop()


def darlington_criteria() -> list[str]:
    catalogue = load_catalogue()
    role = catalogue.role("darlington-housing-income-management-officer")
    return [c.text for c in effective_criteria(role, catalogue.organisation_of(role)).criteria]


def test_a_candidate_completes_a_self_check_and_takes_the_summary_away(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_context(
        viewport={"width": 1300, "height": 1000}, accept_downloads=True
    ).new_page()
    page.goto(app.url)
    go(page, "Check your fit")
    choose(page, "Organisation", "Darlington Borough Council")
    expect(page.get_by_text("To effectively manage individual rent accounts")).to_be_visible(
        timeout=TIMEOUT
    )
    shots(page, "chosen-role")
    texts = darlington_criteria()
    for text in texts:
        group = page.get_by_role("radiogroup", name=f"How well do you meet: {text}")
        group.get_by_text("Fully", exact=True).click()
        page.get_by_label(f"Your example for: {text}", exact=True).fill(EXAMPLE)
    page.get_by_role("radiogroup", name="Do you have a disability", exact=False).get_by_text(
        "Yes", exact=True
    ).click()
    page.keyboard.press("Tab")
    settle(page)
    expect(page.get_by_text("17 of 17")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Disability Confident may apply to you", exact=False)).to_be_visible(
        timeout=TIMEOUT
    )
    shots(page, "results")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the summary (Excel)").click()
    no_exceptions(page)
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Role"] == "Housing Income Management Officer"
    assert summary["Essential criteria shown"] == "17 of 17"
    assert "Disability Confident may apply to you" in summary["Guaranteed interview"]
    criteria = list(book["Criteria"].iter_rows(min_row=2, values_only=True))
    assert [r[1] for r in criteria] == texts
    assert {r[4] for r in criteria} == {"fully"} and {r[5] for r in criteria} == {EXAMPLE}
    with page.expect_download() as outline:
        page.get_by_role("button", name="Download your supporting-statement outline").click()
    assert EXAMPLE in Path(outline.value.path()).read_text()


LABELS = """() => Array.from(document.querySelectorAll('input, textarea, select, button'))
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  // the date picker's own native mirror: never focused, the labelled text box is the control
  .filter(el => !(el.type === 'date' && el.tabIndex < 0))
  .filter(el => !(el.getAttribute('aria-label') || el.labels?.length || el.getAttribute('aria-labelledby') || el.textContent.trim() || el.title))
  .map(el => el.outerHTML.slice(0, 120))"""


def test_the_self_check_works_by_keyboard_and_on_a_phone(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    page = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    ).new_page()
    page.goto(f"{app.url}/self_check")
    expect(page.get_by_role("heading", name="Check your fit for a role")).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), (
        "no sideways scrolling"
    )
    assert page.evaluate(LABELS) == [], "every control has a label"
    shots(page, "phone")
    first = page.get_by_role("radiogroup", name=re.compile("^How well do you meet")).first
    first.get_by_role("radio").first.focus()
    # Arrow keys move between the options (choosing as they move)
    # and Space chooses the one in focus, as in any radio group.
    # Each choice is saved by a rerun; the test lets each finish, as a person would.
    for key in ("ArrowRight", "ArrowRight", "Space"):
        page.keyboard.press(key)
        settle(page)
    expect(first.get_by_role("radio", name="Fully")).to_be_checked(timeout=TIMEOUT)
    page.keyboard.press("Tab")
    page.keyboard.type("I ran the rent account surgery every week.")
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert label is not None and label.startswith("Your example for:")
