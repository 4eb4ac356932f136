"""Browser tests: the real app served by `streamlit run`, driven in Debian's Chromium with
Playwright (never `playwright install`). Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.accessibility import assert_accessible
from tests.browser.helpers import watch
from tests.factories import write_catalogue_with_recorded_scheme

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = PROJECT / "test-artifacts" / "screenshots"
REQUIRE_BROWSER = os.environ.get("SHORTLISTING_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def holds_the_demo(database_url: str) -> bool:
    """Whether the database was made for the demo (the app must then run as the demo)."""
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(database_url)
    try:
        if "deployment" not in inspect(engine).get_table_names():
            return False
        with engine.connect() as connection:
            kind = connection.execute(text("SELECT value FROM deployment WHERE key = 'kind'"))
            return kind.scalar() == "demo"
    finally:
        engine.dispose()


@functools.cache
def recorded_scheme_catalogue() -> Path:
    """The catalogue the served app reads: Darlington records Dartford's schemes, as the
    journeys on Darlington's sample applications exercise every scheme decision."""
    return write_catalogue_with_recorded_scheme(Path(tempfile.mkdtemp(prefix="catalogue-")))


class AppServer:
    """The app as `scripts/run.sh` serves it (server.py: the pages and the cookie routes)."""

    def __init__(self, database_url: str, *, secrets: Path | None = None) -> None:
        """`secrets`: a secrets.toml to serve with (single sign-on's [auth] section)."""
        self.database_url = database_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(PROJECT)}
        env["SHORTLISTING_DEMO"] = "1" if holds_the_demo(database_url) else "0"
        env["CATALOGUE_DIR"] = str(recorded_scheme_catalogue())
        extra = ["--secrets.files", str(secrets)] if secrets else []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "server.py", "--server.port", str(self.port), "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false", *extra],
            cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 120  # a busy 2-CPU machine can take a minute
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("the app did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        if REQUIRE_BROWSER:
            pytest.fail("Debian's chromium is required for this run but is not installed")
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


class WatchedBrowser:
    """Chromium whose every page keeps count of the work the app has in hand, from before the
    app's own code runs (helpers.watch): what helpers.settle waits on."""

    def __init__(self, browser: Browser) -> None:
        self._browser = browser

    def new_context(self, **options: Any) -> BrowserContext:
        context = self._browser.new_context(**options)
        watch(context)
        return context

    def new_page(self, **options: Any) -> Page:
        page = self._browser.new_page(**options)
        watch(page.context)
        return page

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser(playwright_instance, chromium_path: str) -> Iterator[WatchedBrowser]:  # type: ignore[no-untyped-def]
    browser = playwright_instance.chromium.launch(executable_path=chromium_path, args=FLAGS)
    yield WatchedBrowser(browser)
    browser.close()


class Shots:
    """Numbered screenshots of one test's steps."""

    def __init__(self, name: str) -> None:
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def __call__(self, page, step: str) -> Path:  # type: ignore[no-untyped-def]
        """Screenshot the step, then check it with axe-core: every page a journey shows is
        held to WCAG 2.2 AA (tests/browser/accessibility.py)."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=True)
        assert_accessible(page, f"{self.folder.name} step {self.count:02d} ({step})")
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    return Shots(request.node.name)


@pytest.fixture
def demo_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The app on a demo database: the demo vacancy, an HR officer, an administrator and two
    panel members (one has scored and submitted)."""
    from criteria.loader import load_catalogue
    from storage.store import open_store
    from tests.factories import with_recorded_scheme
    from use_cases import Services
    from use_cases.demo import create_demo

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue()), demo=True))
    demo = create_demo(services)
    server = AppServer(url)
    yield server, demo
    server.stop()
    services.store.engine.dispose()
