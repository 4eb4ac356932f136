"""Driving Streamlit widgets in a real browser."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

TIMEOUT = 20_000

WATCH = (Path(__file__).with_name("app_watch.js")).read_text()

SETTLED = """() => {
  const w = window.__appWatch;
  const app = document.querySelector('[data-testid="stApp"]');
  w.frame += 1;  // Playwright checks once an animation frame ("raf")
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && w.asked <= w.finished  // every rerun asked for has run to its end
    && w.questions === 0 && w.requests === 0 && w.timers.size === 0
    && w.frame - w.busy >= 2  // and two frames have been drawn since
    // Widgets whose code the browser has not loaded yet stand as skeletons; until they are
    // drawn, a click or key press can land on the wrong element as the page reflows.
    // Elements from the previous run that this run did not draw again are removed at its end.
    && !document.querySelector(
      '[data-testid="stStatusWidget"], [data-testid="stSkeleton"], [data-stale="true"]');
}"""

WATCH_STATE = """() => {
  const w = window.__appWatch;
  const app = document.querySelector('[data-testid="stApp"]');
  return JSON.stringify({
    scriptState: app && app.getAttribute('data-test-script-state'),
    ...w, timers: w.timers.size,
    running: !!document.querySelector('[data-testid="stStatusWidget"]'),
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
    stale: document.querySelectorAll('[data-stale="true"]').length,
  });
}"""


def watch(context: BrowserContext) -> None:
    """Keep count, in every page the context opens, of the work the app has in hand
    (app_watch.js): what `settle` waits on."""
    context.add_init_script(script=WATCH)


def settle(page: Page) -> None:
    """Wait until the app has done what the last action started: the rerun it asked the
    server for has run to its end and been drawn, and nothing is on its way that would ask for
    another (a widget's value waiting to be sent, an upload, a request in flight)."""
    if not page.evaluate("() => !!window.__appWatch"):  # a page from an unwatched context
        page.context.add_init_script(script=WATCH)
        page.evaluate(f"() => {{ {WATCH} }}")
    try:
        page.wait_for_function(SETTLED, polling="raf", timeout=TIMEOUT)
    except PlaywrightTimeout as timeout:
        raise AssertionError(
            f"the app was still busy after {TIMEOUT} ms: {page.evaluate(WATCH_STATE)}"
        ) from timeout


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(url)
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_label("User name", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    # Signed in, the page trades its one-time code for the session cookie (server.py), then
    # reruns to say so. The trade starts once the cookie setter's code has loaded, which
    # `settle` cannot see coming: a click made before it lands would be overtaken by that
    # rerun, on the page the click left. So wait for the server's answer to the trade.
    with page.expect_response(f"{url}/auth/session", timeout=TIMEOUT) as traded:
        page.get_by_role("button", name="Sign in").click()
    assert traded.value.ok, "the session cookie was refused"
    expect(page.get_by_text("Signed in as")).to_be_visible(timeout=TIMEOUT)
    settle(page)


def go(page: Page, link: str) -> None:
    """Open a page from the sidebar (a page may also link to another in its text)."""
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=link, exact=True).click()
    settle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the selectbox or multiselect labelled `label`: type to filter, then
    take the matching option."""
    settle(page)  # a rerun still drawing can show the old and the new box side by side
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.press("Control+a")
    box.type(option)
    page.get_by_role("option", name=option, exact=False).first.click()
    if page.get_by_role("listbox").count():
        # A multiselect keeps its list open over the page. (Not pressed otherwise: Escape
        # clears a selectbox that starts with nothing chosen.)
        page.keyboard.press("Escape")
    settle(page)


def no_exceptions(page: Page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


ALL_TEXT = """() => {
  const parts = [];
  const walk = (node) => {
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) parts.push(child.textContent);
      else if (!['STYLE', 'SCRIPT'].includes(child.nodeName)) walk(child);  // not readable text
    }
    if (node.value && typeof node.value === 'string') parts.push(node.value);
  };
  walk(document.body);
  return parts.join(' ');
}"""


def all_text(page: Page) -> str:
    """Everything readable on the page, shadow DOM (custom components) and input values included."""
    return str(page.evaluate(ALL_TEXT))


def set_date(page: Page, label: str, day: str, month: str, year: str) -> None:
    """Type a date into a Streamlit date field (day, month and year segments)."""
    for part, value in (("day", day), ("month", month), ("year", year)):
        segment = page.get_by_role("spinbutton", name=f"{part}, {label}")
        segment.click()
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    settle(page)


COMPONENT_ASSETS = [
    p.read_text()
    for p in sorted((Path(__file__).resolve().parents[2] / "app_pages").glob("*.[jc]s*"))
]


class Wire:
    """Everything the server sends a page over its WebSocket: tables travel as Arrow data,
    drawn on a canvas, so they never appear in the DOM; here they can be searched."""

    def __init__(self, page: Page) -> None:
        self.frames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._keep))

    def _keep(self, payload: bytes | str) -> None:
        self.frames.append(payload.encode() if isinstance(payload, str) else payload)

    def text(self) -> str:
        """What was sent, less the app's own component code (the pad's script and style are
        program text, not data about anyone)."""
        sent = b"\n".join(self.frames).decode("utf-8", errors="replace")
        for asset in COMPONENT_ASSETS:
            sent = sent.replace(asset, "")
        return sent

    def clear(self) -> None:
        self.frames.clear()


def declare_no_conflicts(page: Page) -> None:
    """The panel member's names-only declaration before scoring: nobody known."""
    go(page, "Score")
    page.get_by_role("button", name="Confirm my declaration and start scoring").click()
    expect(page.get_by_text("Recorded: no conflicts of interest.")).to_be_visible(timeout=TIMEOUT)
    settle(page)


def release_to_panel(page: Page) -> None:
    """HR, on the Applications page: release the redacted applications to the panel."""
    go(page, "Applications")
    page.get_by_role("button", name="Release the applications to the panel").click()
    expect(page.get_by_text("Released to the panel on")).to_be_visible(timeout=TIMEOUT)
