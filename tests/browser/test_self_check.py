"""A candidate completes the self-check on a 390 x 844 phone by keyboard alone (Tab, Shift+Tab,
Space, Enter, the arrow keys and typing: no mouse), one short step at a time, goes back a
step and finds their answers kept, downloads the summary and it holds their answers. Every
step is checked with axe-core (the `shots` fixture)."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, no_exceptions, settle

EXAMPLE = "At the housing association I agreed payment plans with forty tenants and cut arrears by a fifth."
PHONE = {"width": 390, "height": 844}
TALLEST = 4500  # px: the longest step on a phone (the one-page self-check was 12,700)
SCALE = ["not yet", "partly", "fully", "strongly"]

# What has the focus: tag, accessible label, text, and the radio group it is in (if any)
FOCUS = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, label: e.getAttribute('aria-label') || '', text: (e.innerText || '').trim(),
          group: e.closest('[role=radiogroup]')?.getAttribute('aria-label') || '',
          value: e.value ?? '', checked: !!e.checked};
}"""
HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    server = AppServer(f"sqlite:///{tmp_path / 'app.db'}")
    yield server
    server.stop()


def tab_to(page: Page, wanted: Callable[[dict[str, object]], bool], back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focus is on the control wanted."""
    for _ in range(80):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        if wanted(page.evaluate(FOCUS)):
            return
    raise AssertionError(f"never reached by Tab; last focus {page.evaluate(FOCUS)}")


def pick(page: Page, label: str, typed: str) -> None:
    """A select box by keyboard: Tab to it, type to filter, Enter takes the first match."""
    tab_to(page, lambda f: f["label"] == label)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    settle(page)


def step(page: Page) -> str:
    return page.locator('[data-testid="stMain"] h2').first.inner_text().strip()


def press(page: Page, button: str, timings: list[float] | None = None) -> str:
    """Tab to Continue or Back and press Enter; the next step's heading, once it is drawn."""
    before = step(page)
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == button)
    started = time.monotonic()
    page.keyboard.press("Enter")
    expect(page.locator('[data-testid="stMain"] h2').first).not_to_have_text(
        before, timeout=TIMEOUT
    )
    settle(page)
    if timings is not None:
        timings.append(time.monotonic() - started)
    return step(page)


def nothing_checked(page: Page) -> None:
    expect(page.locator('[data-testid="stMain"] input[type="radio"]:checked')).to_have_count(0)


def rate_step(page: Page, rating: str, example: str) -> list[str]:
    """Every criterion on the step: arrow keys to the rating, Tab to the example, type it."""
    groups = page.get_by_role("radiogroup", name="How well do you meet:", exact=False)
    texts = []
    for i in range(groups.count()):
        name = groups.nth(i).get_attribute("aria-label") or ""
        texts.append(name.removeprefix("How well do you meet: "))
        tab_to(page, lambda f, name=name: f["group"] == name)  # type: ignore[misc]
        page.keyboard.press("Space")  # the first, "Not yet"; the arrows move on from it
        for _ in range(SCALE.index(rating)):
            page.keyboard.press("ArrowRight")
        expect(groups.nth(i).get_by_role("radio", name=rating.capitalize())).to_be_checked()
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["label"] == f"Your example for: {texts[-1]}"
        page.keyboard.type(example)
    return texts


def kept_on(page: Page, answers: dict[str, tuple[str, str]]) -> None:
    """The step shows these answers (rating, example) as given, and no others."""
    expect(page.locator('[data-testid="stMain"] input[type="radio"]:checked')).to_have_count(
        len(answers)
    )
    for text, (rating, example) in answers.items():
        group = page.get_by_role("radiogroup", name=f"How well do you meet: {text}", exact=True)
        expect(group.get_by_role("radio", name=rating.capitalize())).to_be_checked()
        expect(page.get_by_label(f"Your example for: {text}", exact=True)).to_have_value(example)


def open_on_phone(app: AppServer, browser) -> Page:  # type: ignore[no-untyped-def]
    page: Page = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, accept_downloads=True
    ).new_page()
    page.goto(f"{app.url}/self_check")  # the sidebar is collapsed on a phone: by its path
    expect(page.get_by_role("heading", name="Check your fit for a role")).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    return page


def download(page: Page, button: str) -> bytes:
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == button)
    with page.expect_download() as done:
        page.keyboard.press("Enter")
    return Path(done.value.path()).read_bytes()


def summary_of(content: bytes) -> tuple[dict[str, object], list[tuple[object, ...]], list[str]]:
    book = load_workbook(io.BytesIO(content))
    rows = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[0]]
    summary: dict[str, object] = {str(r[0]): r[1] for r in rows}
    guidance = [str(r[1]) for r in rows if r[0] == "Guaranteed interview"]
    return summary, list(book["Criteria"].iter_rows(min_row=2, values_only=True)), guidance


def test_a_dartford_self_check_by_keyboard_on_a_phone(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_on_phone(app, browser)
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    expect(page.get_by_text("Step 1", exact=True)).to_be_visible()
    expect(page.get_by_role("combobox", name="Organisation")).to_have_value("")
    shots(page, "role")
    pick(page, "Organisation", "Dartford")
    pick(page, "Role", "Visiting Officer")
    given: dict[str, tuple[str, str]] = {}
    heights: list[int] = []
    timings: list[float] = []
    title = press(page, "Continue", timings)
    while title != "Guaranteed interviews":
        expect(page.get_by_text(f"Step {len(heights) + 2} of 10", exact=True)).to_be_visible()
        nothing_checked(page)
        heights.append(page.evaluate(HEIGHT))
        shots(page, title.lower().replace(" ", "-"))
        rating = "partly" if title == "Experience" else "fully"
        texts = rate_step(page, rating, f"{EXAMPLE} ({title})")
        given |= {text: (rating, f"{EXAMPLE} ({title})") for text in texts}
        if title == "Knowledge":  # back a step: its answers are kept, and this step's too
            assert press(page, "Back", timings) == "Experience"
            kept_on(page, {t: a for t, a in given.items() if a[0] == "partly"})
            tab_to(page, lambda f: f["text"] == "Continue")
            tab_to(page, lambda f: f["tag"] == "TEXTAREA", back=True)  # Shift+Tab
            assert page.evaluate(FOCUS)["value"] == f"{EXAMPLE} (Experience)"
            assert press(page, "Continue", timings) == "Knowledge"
            kept_on(page, {t: given[t] for t in texts})
        title = press(page, "Continue", timings)

    expect(page.get_by_text("Step 9 of 10", exact=True)).to_be_visible()
    nothing_checked(page)
    expect(page.get_by_role("radiogroup")).to_have_count(3)
    expect(page.get_by_text("date of birth", exact=False)).to_have_count(0)
    shots(page, "schemes")
    tab_to(page, lambda f: str(f["group"]).startswith("Do you have a disability"))
    page.keyboard.press("Space")  # Yes
    tab_to(page, lambda f: str(f["group"]).startswith("Have you been in care"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")  # No
    tab_to(page, lambda f: str(f["group"]).startswith("Armed forces"))
    page.keyboard.press("Space")  # None of these: no follow-up step
    assert press(page, "Continue", timings) == "Your results"
    expect(page.get_by_text("Step 10 of 10", exact=True)).to_be_visible()
    heights.append(page.evaluate(HEIGHT))
    no_exceptions(page)
    expect(page.get_by_text("Disability Confident may apply to you", exact=False)).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()  # the ratings at a glance
    expect(page.get_by_text("fit 0%", exact=False)).to_have_count(0)
    shots(page, "results")
    assert max(heights) < TALLEST, heights
    assert max(timings) < 5, timings

    summary, criteria, guidance = summary_of(download(page, "Download the summary (Excel)"))
    assert summary["Role"] == "Visiting Officer"
    assert summary["Organisation"] == "Dartford Borough Council"
    assert any(g.startswith("Disability Confident may apply to you") for g in guidance)
    assert {str(r[1]): (r[4], r[5]) for r in criteria} == given
    essentials = [r for r in criteria if r[2] == "Essential"]
    shown = sum(1 for r in essentials if r[4] == "fully")
    assert summary["Essential criteria shown"] == f"{shown} of {len(essentials)}"
    outline = download(page, "Download your supporting-statement outline").decode()
    assert all(example in outline for _, example in given.values())


def test_a_medway_role_at_a_level_by_keyboard_on_a_phone(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    page = open_on_phone(app, browser)
    pick(page, "Organisation", "Medway")
    pick(page, "Role", "Tenancy Management Officer")
    levels = page.get_by_role("radiogroup", name="Level")
    expect(levels.get_by_role("radio")).to_have_count(3)
    nothing_checked(page)
    tab_to(page, lambda f: f["group"] == "Level")
    page.keyboard.press("Space")  # A
    settle(page)
    expect(page.get_by_text("Step 1 of 7", exact=True)).to_be_visible()
    shots(page, "role-and-level")
    given: dict[str, tuple[str, str]] = {}
    title = press(page, "Continue")
    while title != "Your results":
        nothing_checked(page)
        shots(page, title.lower().replace(" ", "-"))
        for text in rate_step(page, "strongly", EXAMPLE):
            given[text] = ("strongly", EXAMPLE)
        title = press(page, "Continue")
    no_exceptions(page)
    expect(page.locator("p", has_text="Level you match:")).to_have_text(
        "Level you match: A. Level B adds:"
    )
    expect(page.get_by_text("records no guaranteed-interview", exact=False)).to_be_visible()
    shots(page, "results")
    summary, criteria, _ = summary_of(download(page, "Download the summary (Excel)"))
    assert summary["Role"] == "Tenancy Management Officer · Level A (Developing)"
    assert summary["Level you match"] == "A"
    assert summary["Meets the minimum criteria (your own view)"] == "Yes"
    assert {str(r[1]): (r[4], r[5]) for r in criteria} == given
