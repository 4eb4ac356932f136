"""The keyboard score pad in Chromium, read back from the database: fast typing loses nothing
and scores the right criterion, a lost connection loses nothing, the highlighted criterion
stays in view, keys do what people expect, and a stale pad cannot overwrite a newer score."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from storage import tables
from tests.browser.accessibility import small_targets
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, sign_in
from tests.browser.proxy import CuttableProxy
from tests.browser.test_fairness import PASSWORD, SAMPLE, set_up
from use_cases import Services
from use_cases.access import Actor


@dataclass
class Scoring:
    server: AppServer
    services: Services
    vacancy: int
    rosa: Actor
    criteria: list[str]
    codes: list[str]  # the applications Rosa scores, in the pad's order


@pytest.fixture
def scoring(tmp_path: Path) -> Iterator[Scoring]:
    url = f"sqlite:///{tmp_path / 'pad.db'}"
    services, vacancy = set_up(url, chunked=False, data=(SAMPLE / "applications.csv").read_bytes())
    hr = services.accounts.authenticate("hr", PASSWORD)
    services.redaction.release_to_panel(hr, vacancy)
    rosa = services.accounts.authenticate("rpatel", PASSWORD)
    services.declarations.declare_conflicts(rosa, vacancy, [])
    criteria = [c.id for c in services.vacancies.get_vacancy(rosa, vacancy).scored_criteria]
    codes = [p.panel_code for p in services.progress.my_progress(rosa, vacancy)]
    server = AppServer(url)
    try:
        yield Scoring(server, services, vacancy, rosa, criteria, codes)
    finally:
        server.stop()


def open_pad(browser, url: str) -> Page:  # type: ignore[no-untyped-def]
    page = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()
    sign_in(page, url, "rpatel", PASSWORD)
    go(page, "Score")
    expect(page.locator(".pad .row").first).to_be_visible(timeout=TIMEOUT)
    return page


def intended(applications: int, criteria: int) -> list[list[int]]:
    """A different score on each criterion of each application (so a shifted press shows)."""
    return [[(a + c * 3) % 4 for c in range(criteria)] for a in range(applications)]


def stored(s: Scoring) -> dict[tuple[str, str], tuple[int, int]]:
    return {
        (r.panel_code, r.criterion_id): (r.score, r.version)
        for r in s.services.reading.my_scores(s.rosa, s.vacancy)
    }


def audited_saves(s: Scoring) -> int:
    with s.services.store.reading() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(tables.AuditEntry)
                .where(
                    tables.AuditEntry.action == "score", tables.AuditEntry.vacancy_id == s.vacancy
                )
            )
            or 0
        )


def settled(page: Page) -> None:
    """Wait until the pad has every press acknowledged."""
    expect(page.locator(".pad")).to_have_attribute("data-pending", "0", timeout=60_000)


def test_typing_five_applications_at_a_20_ms_gap_stores_every_score_on_its_criterion(
    browser,
    scoring: Scoring,
    shots,  # type: ignore[no-untyped-def]
) -> None:
    page = open_pad(browser, scoring.server.url)
    scores = intended(5, len(scoring.criteria))
    keys = "n".join("".join(map(str, row)) for row in scores)
    page.keyboard.type(keys, delay=20)  # 21 scores, n, 21 scores, ... with 20 ms between keys
    settled(page)
    shots(page, "five-applications-typed")
    expected = {
        (scoring.codes[a], criterion): (scores[a][c], 1)
        for a in range(5)
        for c, criterion in enumerate(scoring.criteria)
    }
    assert stored(scoring) == expected
    assert audited_saves(scoring) == len(expected), "each press applied exactly once"


def test_presses_made_while_the_connection_is_down_are_saved_once_each(
    browser,
    scoring: Scoring,
    shots,  # type: ignore[no-untyped-def]
) -> None:
    proxy = CuttableProxy(scoring.server.port)
    try:
        page = open_pad(browser, proxy.url)
        row = intended(1, len(scoring.criteria))[0]
        page.keyboard.type("".join(map(str, row[:8])), delay=20)
        proxy.cut()  # in the middle of the burst
        page.keyboard.type("".join(map(str, row[8:])), delay=20)
        expect(page.locator(".pad")).not_to_have_attribute("data-pending", "0")
        shots(page, "typed-while-offline")
        proxy.restore()
        settled(page)
    finally:
        proxy.close()
    code = scoring.codes[0]
    assert stored(scoring) == {(code, c): (row[i], 1) for i, c in enumerate(scoring.criteria)}
    assert audited_saves(scoring) == len(scoring.criteria)


def test_the_highlighted_criterion_stays_in_the_window_after_every_key(
    browser,
    scoring: Scoring,  # type: ignore[no-untyped-def]
) -> None:
    page = open_pad(browser, scoring.server.url)
    keys = ["2"] * len(scoring.criteria) + ["ArrowUp"] * 8 + ["ArrowDown"] * 5
    for i, key in enumerate(keys):
        page.keyboard.press(key)
        current = page.locator(".pad .row.current")
        expect(current).to_have_attribute("data-row", str(row_after(keys[: i + 1])))
        expect(current).to_be_in_viewport(ratio=1)  # wholly inside the 1440 x 900 window
        expect(page.locator(".pad .evidence")).to_be_in_viewport()  # the evidence beside it
    settled(page)


def row_after(keys: list[str], last: int = 20) -> int:
    row = 0
    for key in keys:
        row = max(0, min(last, row + (-1 if key == "ArrowUp" else 1)))
    return row


def test_keys_behave_as_people_expect(browser, scoring: Scoring) -> None:  # type: ignore[no-untyped-def]
    page = open_pad(browser, scoring.server.url)
    c1 = scoring.services.vacancies.get_vacancy(scoring.rosa, scoring.vacancy).scored_criteria[0]
    name = f"2, meets the criterion, for criterion {c1.number}: {c1.text}"
    radio = page.get_by_role("radio", name=name, exact=True)
    expect(radio).to_have_count(1)
    first = page.locator('.pad [data-row="0"] [role="radio"][tabindex="0"]')
    first.focus()
    page.keyboard.press("Tab")  # one tab stop per criterion
    assert page.locator(".pad [data-row]:focus-within").get_attribute("data-row") == "1"
    page.keyboard.press("ArrowRight")  # choose a value without giving it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Enter gives the focused score
    settled(page)
    second = (scoring.codes[0], scoring.criteria[1])
    assert stored(scoring) == {second: (2, 1)}
    page.keyboard.press("ArrowUp")  # back to the criterion just scored
    page.keyboard.press("e")  # a note for the highlighted criterion, saved like a score
    page.locator(".pad textarea").fill("Clear example of arrears recovery")
    page.keyboard.press("Enter")
    settled(page)
    (noted,) = scoring.services.reading.my_scores(scoring.rosa, scoring.vacancy)
    assert (noted.criterion_id, noted.score, noted.note, noted.version) == (
        scoring.criteria[1],
        2,
        "Clear example of arrears recovery",
        2,
    )
    page.get_by_role("button", name="Sign out").focus()
    page.keyboard.press("Enter")  # Enter on Sign out signs out, and nothing else
    expect(
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Sign in")
    ).to_be_visible(timeout=TIMEOUT)


def test_a_key_pressed_on_a_stale_pad_is_refused_and_the_newer_score_stays(
    browser,
    scoring: Scoring,
    shots,  # type: ignore[no-untyped-def]
) -> None:
    page = open_pad(browser, scoring.server.url)
    code, first = scoring.codes[0], scoring.criteria[0]
    scoring.services.scores.save_score(  # window B, after window A's pad was drawn
        scoring.rosa, scoring.vacancy, panel_code=code, criterion_id=first, score=3
    )
    page.keyboard.press("1")  # window A scores the same criterion
    first_row = page.locator(".pad .row").first
    expect(first_row.locator(".state.refused")).to_contain_text(
        "changed in another window", timeout=TIMEOUT
    )
    expect(first_row.locator(".score")).to_have_text("3", timeout=TIMEOUT)
    shots(page, "stale-pad-refused")
    assert stored(scoring) == {(code, first): (3, 1)}


def test_every_button_on_the_pad_is_at_least_24_px_either_way(browser, scoring: Scoring) -> None:  # type: ignore[no-untyped-def]
    """WCAG 2.5.8 Target size: the scores, note, previous and next buttons, and the note
    editor's Save and Cancel, on a wide screen and on a 390 px phone."""
    page = open_pad(browser, scoring.server.url)
    expect(page.locator(".pad button[role=radio]").first).to_be_visible()
    assert page.locator(".pad button").count() > 4 * len(scoring.criteria)
    assert small_targets(page, ".pad button") == []
    page.locator('.pad [data-row="0"] [role="radio"][tabindex="0"]').focus()
    page.keyboard.press("1")  # a note needs a score first
    page.keyboard.press("ArrowUp")
    page.keyboard.press("e")  # the criterion's note editor
    expect(page.locator(".pad .note-editor button")).to_have_count(2)
    assert small_targets(page, ".pad button") == []
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator(".pad .body")).to_have_css("grid-template-columns", re.compile(r"^\S+$"))
    assert small_targets(page, ".pad button") == []
