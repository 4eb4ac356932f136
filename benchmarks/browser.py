"""In a real browser (Debian's Chromium, driven by Playwright): the app's cold start, a key
press to its score saved (the pad's acknowledgement, which comes only once the score is
committed), and fast typing read back from the database: presses lost or stored on the wrong
criterion at 20, 40 and 100 ms between keys."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.served import PASSWORD, serve

if TYPE_CHECKING:  # Playwright is imported only when the browser figures are measured
    from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The pad lives in a shadow root: find it, and say whether one row shows its score saved.
SAVED = """([row, value]) => {
  const find = (root) => {
    const pad = root.querySelector('.pad');
    if (pad) return pad;
    for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) { const p = find(el.shadowRoot); if (p) return p; } }
    return null;
  };
  const r = find(document)?.querySelectorAll('.row')[row];
  return !!r && r.querySelector('.score').textContent === value && !!r.querySelector('.state.saved');
}"""


@dataclass(frozen=True)
class BrowserFigures:
    applications: int
    cold_start_seconds: float
    median_ms: float
    p95_ms: float
    presses: int


@dataclass(frozen=True)
class TypingFigures:
    gap_ms: int
    presses: int
    lost: int
    wrong: int


def _sign_in_to_score(page: Page, url: str) -> None:
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("User name", exact=True).fill("member")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    # Signed in, the page trades its one-time code for the session cookie and reruns: a click
    # on "Score" before that answer would be overtaken by the rerun (tests/browser/helpers.py).
    with page.expect_response(f"{url}/auth/session", timeout=60_000):
        page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    page.get_by_role("link", name="Score", exact=True).click()
    page.locator(".pad .row").first.wait_for(timeout=60_000)


def measure_browser(
    applications: int = 2_000, presses: int = 60, gaps: tuple[int, ...] = (20, 40, 100),
    typed: int = 3,
) -> tuple[BrowserFigures, list[TypingFigures]]:  # fmt: skip
    """Cold start and key-press latency on one served vacancy, then `typed` applications
    typed at each gap (each gap on applications of its own)."""
    from playwright.sync_api import expect, sync_playwright

    from criteria.loader import load_catalogue
    from storage.store import open_store
    from tests.browser.conftest import AppServer
    from use_cases import Services

    with tempfile.TemporaryDirectory() as folder:
        served = serve(Path(folder), applications, scored=False)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            started = time.perf_counter()  # the user's browser is open already
            server = AppServer(served.url)
            try:
                page.goto(server.url)
                page.get_by_role("heading", name="Shortlisting for council posts").wait_for(
                    timeout=60_000
                )
                cold_start = time.perf_counter() - started
                _sign_in_to_score(page, server.url)
                rows = page.locator(".pad .row").count()
                times = []
                for i in range(presses):
                    row = i % rows
                    if i and row == 0:
                        code = page.locator(".pad").get_attribute("data-code")
                        page.keyboard.press("n")
                        expect(page.locator(".pad")).not_to_have_attribute("data-code", code or "")
                    value = str((i * 7) % 4)
                    start = time.perf_counter()
                    page.keyboard.press(value)
                    page.wait_for_function(SAVED, arg=[row, value], polling="raf", timeout=30_000)
                    times.append((time.perf_counter() - start) * 1000)
                typing = []
                services = Services(open_store(served.url, load_catalogue()))
                member = services.accounts.authenticate("member", PASSWORD)
                codes = [
                    x.panel_code for x in services.progress.my_progress(member, served.vacancy_id)
                ]
                criteria = [
                    c.id
                    for c in services.vacancies.get_vacancy(
                        member, served.vacancy_id
                    ).scored_criteria
                ]
                for gap in gaps:
                    page.keyboard.press("n")  # onto applications nobody has typed into yet
                    first = codes.index(page.locator(".pad").get_attribute("data-code") or "")
                    intended = {
                        (codes[first + a], criterion): (a + gap + c * 3) % 4
                        for a in range(typed) for c, criterion in enumerate(criteria)
                    }  # fmt: skip
                    keys = "n".join(
                        "".join(str(intended[(codes[first + a], c)]) for c in criteria)
                        for a in range(typed)
                    )
                    page.keyboard.type(keys, delay=gap)
                    expect(page.locator(".pad")).to_have_attribute(
                        "data-pending", "0", timeout=120_000
                    )
                    stored = {
                        (s.panel_code, s.criterion_id): s.score
                        for s in services.reading.my_scores(member, served.vacancy_id)
                        if (s.panel_code, s.criterion_id) in intended
                    }
                    lost = sum(k not in stored for k in intended)
                    wrong = sum(k in stored and stored[k] != v for k, v in intended.items())
                    typing.append(TypingFigures(gap, len(intended), lost, wrong))
                services.store.engine.dispose()
            finally:
                server.stop()
                browser.close()
    times.sort()
    return (
        BrowserFigures(
            applications, cold_start, statistics.median(times),
            times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)], len(times),
        ),
        typing,
    )  # fmt: skip
