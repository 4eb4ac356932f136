"""Page loads as a person feels them: from clicking a page's link to the page fully drawn
(the script finished, no placeholder left), in Chromium, for every HR and panel page."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.served import PASSWORD, serve

if TYPE_CHECKING:  # Playwright is imported only when the browser figures are measured
    from playwright.sync_api import Page

HR_PAGES = (
    "Vacancies", "Applications", "Panel and progress", "Moderation", "Shortlist",
    "Equality monitoring", "Audit and retention",
)  # fmt: skip
PANEL_PAGES = ("My vacancies", "Score", "Moderation")
TITLES = {"Score": "Score applications", "Home": "Shortlisting for council posts"}
DRAWN = """() => document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && !document.querySelector('[data-stale="true"]')"""


@dataclass(frozen=True)
class PageLoad:
    who: str
    page: str
    applications: int
    p95_seconds: float
    loads: int
    times: tuple[float, ...] = ()


def _sign_in(page: Page, url: str, username: str) -> None:
    page.goto(url)
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("User name", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Signed in as").wait_for(timeout=60_000)
    page.wait_for_function(DRAWN, timeout=60_000)


def _load(page: Page, name: str) -> float:
    """Seconds from the click to the page's own title shown and everything drawn."""
    link = page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name, exact=True)
    title = page.get_by_role("heading", name=TITLES.get(name, name), exact=True, level=1)
    start = time.perf_counter()
    link.click()
    title.wait_for(timeout=120_000)
    page.wait_for_function(DRAWN, polling="raf", timeout=120_000)
    return time.perf_counter() - start


def measure_pages(
    applications: int, *, hr_pages: tuple[str, ...] = HR_PAGES,
    panel_pages: tuple[str, ...] = PANEL_PAGES, loads: int = 5,
) -> list[PageLoad]:  # fmt: skip
    from playwright.sync_api import sync_playwright

    from benchmarks.browser import CHROMIUM, FLAGS
    from tests.browser.conftest import AppServer

    figures = []
    with tempfile.TemporaryDirectory() as folder:
        served = serve(Path(folder), applications)
        server = AppServer(served.url)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                for who, pages in (("hr", hr_pages), ("member", panel_pages)):
                    page = browser.new_page(viewport={"width": 1440, "height": 900})
                    _sign_in(page, server.url, who)
                    for name in pages:
                        times = []
                        for _ in range(loads):
                            _load(page, "Home" if name != "Home" else "Role catalogue")
                            times.append(_load(page, name))
                        times.sort()
                        p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
                        figures.append(PageLoad(who, name, applications, p95, loads, tuple(times)))
                    page.close()
                browser.close()
        finally:
            server.stop()
    return figures
