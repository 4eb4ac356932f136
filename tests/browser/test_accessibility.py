"""WCAG 2.2 AA on every page of every role, in Chromium. axe-core checks each page as it is
shown (the `shots` fixture, tests/browser/accessibility.py); these tests open every page the
navigation offers, signed out and as each role, and check what axe cannot see: every control
on the Shortlist page reached by Tab in the page's order with its focus outlined, text neither
cut off nor overlapping at 200% zoom and on a 390 px phone, and targets of at least 24 px."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.accessibility import tab_through, text_problems
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, no_exceptions, settle, sign_in
from tests.browser.test_panel_pages_are_anonymous import account

PUBLIC = ["Home", "Role catalogue", "Sign in", "Accessibility statement"]
ROLES = {
    "demo-hr": [
        "Vacancies",
        "Applications",
        "Panel and progress",
        "Moderation",
        "Shortlist",
        "Letters",
        "Equality monitoring",
        "Audit and retention",
        "Home",
        "Accessibility statement",
    ],
    "demo-panel-2": ["My vacancies", "Score", "Moderation", "Accessibility statement"],
    "demo-admin": ["Users", "Home", "Accessibility statement"],
}


def window(browser, width: int = 1440, height: int = 900, scale: float = 1) -> Page:  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale
    )
    page: Page = context.new_page()
    return page


def open_navigation(page: Page) -> None:
    """On a narrow window the sidebar starts closed: open it."""
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "true":
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    expect(sidebar.get_by_role("link", name="Home")).to_be_in_viewport(ratio=1)  # slid in


def close_navigation(page: Page) -> None:
    """The sidebar drawn over the page on a narrow window: close it to see the page."""
    sidebar = page.get_by_test_id("stSidebar")
    if sidebar.get_attribute("data-collapsed") == "false":
        page.get_by_role("button", name="Collapse sidebar").click()
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        expect(sidebar.get_by_role("link", name="Home")).not_to_be_in_viewport()


def test_every_page_of_every_role_meets_wcag_22_aa(demo_app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, demo = demo_app
    page = window(browser)
    page.goto(server.url)
    settle(page)
    for link in PUBLIC:
        go(page, link)
        no_exceptions(page)
        shots(page, f"signed-out-{link}")
    expect(page).to_have_title("Accessibility statement - Shortlisting")
    go(page, "Sign in")  # a refusal is announced, and passes too
    page.get_by_label("User name", exact=True).fill("demo-hr")
    page.get_by_label("Password", exact=True).fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text="not right")).to_be_visible(timeout=TIMEOUT)
    shots(page, "sign-in-refused")

    for username, links in ROLES.items():
        page = window(browser)
        sign_in(page, server.url, username, account(demo, username))
        for link in links:
            go(page, link)
            no_exceptions(page)
            shots(page, f"{username}-{link}")
            expect(page.get_by_role("heading", level=1)).to_have_count(1)
            if link == "Shortlist":
                for tab in ("Charts", "Human review"):
                    page.get_by_role("tab", name=tab).click()
                    settle(page)
                    shots(page, f"{username}-{link}-{tab}")
            if link == "Users":  # a new user's role must be chosen: the refusal is announced
                page.get_by_role("button", name="Add user").click()
                expect(page.get_by_role("alert").filter(has_text="Choose the new user's role")).to_be_visible(timeout=TIMEOUT)  # fmt: skip
                shots(page, f"{username}-{link}-no-role")
        page.context.close()


def test_a_new_deployments_home_and_sign_in_meet_wcag_22_aa(tmp_path: Path, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server = AppServer(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        page = window(browser)
        page.goto(server.url)
        settle(page)
        expect(page.get_by_text("python -m storage create-admin")).to_be_visible()
        shots(page, "setting-up")
        go(page, "Sign in")
        shots(page, "sign-in-first-administrator")
    finally:
        server.stop()


def test_the_pages_on_a_390_px_phone(demo_app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, demo = demo_app
    page = window(browser, 390, 844, scale=3)
    page.goto(server.url)
    settle(page)
    shots(page, "phone-home")
    assert text_problems(page) == {"clipped": [], "overlapping": []}
    open_navigation(page)
    expect(page.get_by_role("link", name="Accessibility statement")).to_be_visible()
    shots(page, "phone-navigation")
    go(page, "Accessibility statement")
    close_navigation(page)
    shots(page, "phone-statement")
    assert text_problems(page) == {"clipped": [], "overlapping": []}


def test_every_control_on_the_shortlist_is_reached_by_tab_with_its_focus_outlined(  # type: ignore[no-untyped-def]
    demo_app, browser
) -> None:
    server, demo = demo_app
    page = window(browser)
    sign_in(page, server.url, "demo-hr", account(demo, "demo-hr"))
    go(page, "Shortlist")
    total, reached = tab_through(page)
    indexes = [r["index"] for r in reached if r["index"] >= 0]
    assert total > 20
    assert sorted(set(indexes)) == list(range(total)), (
        f"Tab never reached: {sorted(set(range(total)) - set(indexes))} of {total}; reached {reached}"
    )
    assert indexes == sorted(indexes), f"Tab goes back up the page: {reached}"
    unmarked = [r for r in reached if not r["outlined"]]
    assert not unmarked, f"focus not visible on: {unmarked}"


def test_the_vacancies_page_at_200_percent_zoom(demo_app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    """A 1440 x 900 screen at 200%: 720 x 450 CSS pixels, each drawn two pixels wide."""
    server, demo = demo_app
    page = window(browser, 720, 450, scale=2)
    page.goto(server.url)
    settle(page)
    page.get_by_test_id("stMain").get_by_role("link", name="Sign in").click()
    page.get_by_label("User name", exact=True).fill("demo-hr")
    page.get_by_label("Password", exact=True).fill(account(demo, "demo-hr"))
    page.get_by_role("button", name="Sign in").click()
    settle(page)
    open_navigation(page)
    go(page, "Vacancies")
    close_navigation(page)
    shots(page, "vacancies-at-200-percent")
    assert text_problems(page) == {"clipped": [], "overlapping": []}
