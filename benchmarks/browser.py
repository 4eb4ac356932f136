"""In a real browser: app cold start to first page, and key press to saved score on a vacancy
of 2,000 applications (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from scoring.synthetic import applications_frame, synthetic_vacancy
from scoring.vacancy import Vacancy
from storage.access import Role
from storage.services import Services, VacancyRequest
from storage.store import open_store

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "benchmark password 1"
ROLE = "darlington-housing-income-management-officer"


# Finds the pad inside the component's shadow root and reads one row's score, every frame.
SCORE_SHOWN = """([row, value]) => {
  const find = (root) => {
    const pad = root.querySelector('.pad');
    if (pad) return pad;
    for (const el of root.querySelectorAll('*')) { if (el.shadowRoot) { const p = find(el.shadowRoot); if (p) return p; } }
    return null;
  };
  const pad = find(document);
  const rows = pad ? pad.querySelectorAll('.row') : [];
  return rows.length > row && rows[row].querySelector('.score').textContent === value;
}"""


@dataclass(frozen=True)
class BrowserFigures:
    applications: int
    cold_start_seconds: float
    median_ms: float
    p90_ms: float
    presses: int


def applications_csv(services: Services, applications: int) -> bytes:
    """A synthetic vacancy's applications in the interchange format."""
    catalogue = services.store.catalogue
    role = catalogue.role(ROLE)
    vacancy = Vacancy.from_variant(effective_criteria(role, catalogue.organisation_of(role)))
    frame = applications_frame(synthetic_vacancy(vacancy, applications, seed=5))
    return frame.to_csv(index=False).encode()


def measure_browser(applications: int = 2_000, presses: int = 40) -> BrowserFigures:
    from playwright.sync_api import expect, sync_playwright

    from tests.browser.conftest import AppServer

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        services = Services(open_store(url, load_catalogue()))
        services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
        admin = services.accounts.authenticate("admin", PASSWORD)
        services.accounts.create_user(
            admin, username="hr", display_name="HR", role=Role.HR, password=PASSWORD
        )
        services.accounts.create_user(
            admin, username="member", display_name="Member", role=Role.PANEL, password=PASSWORD
        )
        hr = services.accounts.authenticate("hr", PASSWORD)
        vacancy = services.vacancies.create_vacancy(hr, VacancyRequest(role_id=ROLE))
        services.vacancies.assign_panel(
            hr, vacancy.id, [services.accounts.authenticate("member", PASSWORD).user_id]
        )
        services.intake.import_applications(
            hr, vacancy.id, file_name="bench.csv", data=applications_csv(services, applications)
        )
        services.redaction.release_to_panel(hr, vacancy.id)
        services.declarations.declare_conflicts(
            services.accounts.authenticate("member", PASSWORD), vacancy.id, []
        )
        services.store.engine.dispose()

        with sync_playwright() as p:
            # The user's browser is already open: the clock starts with the server process
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            started = time.perf_counter()
            server = AppServer(url)
            try:
                page.goto(server.url)
                page.get_by_role("heading", name="Shortlisting for council posts").wait_for(
                    timeout=60_000
                )
                cold_start = time.perf_counter() - started
                page.get_by_role("link", name="Sign in").first.click()
                page.get_by_label("User name", exact=True).fill("member")
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                page.get_by_role("button", name="Sign in").click()
                page.get_by_text("Signed in as").wait_for(timeout=30_000)
                page.get_by_role("link", name="Score", exact=True).click()
                rows = page.locator(".pad .row")
                rows.first.wait_for(timeout=60_000)
                count = rows.count()
                times = []
                for i in range(presses):
                    row = i % count
                    if i and row == 0:
                        code = page.locator(".pad").get_attribute("data-code")
                        page.keyboard.press("n")
                        expect(page.locator(".pad")).not_to_have_attribute(
                            "data-code", code or "", timeout=30_000
                        )
                    value = str((i * 7) % 4)
                    start = time.perf_counter()
                    page.keyboard.press(value)
                    page.wait_for_function(
                        SCORE_SHOWN, arg=[row, value], polling="raf", timeout=30_000
                    )
                    times.append((time.perf_counter() - start) * 1000)
            finally:
                server.stop()
                browser.close()
    times.sort()
    return BrowserFigures(
        applications,
        cold_start,
        statistics.median(times),
        times[int(len(times) * 0.9) - 1],
        len(times),
    )
