"""Sessions in the real browser (issue 14): a refresh keeps you signed in; an account closed by
an administrator is signed out of the tab it left open at its next click."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, go, settle, sign_in
from tests.factories import with_recorded_scheme
from use_cases import Services
from use_cases.access import Role

PASSWORD = "a long test password"


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'sessions.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    services.accounts.bootstrap_admin(username="admin", display_name="Ada Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    services.accounts.create_user(
        admin, username="hr", display_name="Hilary Hughes", role=Role.HR, password=PASSWORD,
        organisation_id="darlington",
    )  # fmt: skip
    server = AppServer(url)
    yield server, services, admin
    server.stop()
    services.store.engine.dispose()


def test_a_refresh_keeps_you_signed_in_and_a_closed_account_is_signed_out(  # type: ignore[no-untyped-def]
    app, browser, shots
) -> None:
    server, services, admin = app
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    go(page, "Vacancies")
    cookie = next(c for c in context.cookies() if c["name"] == "shortlisting_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.evaluate("document.cookie").find("shortlisting_session") == -1

    page.reload()
    settle(page)
    expect(page.get_by_text("Signed in as Hilary Hughes")).to_be_visible(timeout=TIMEOUT)
    shots(page, "after-refresh")
    go(page, "Vacancies")  # still an HR officer's page
    expect(page.get_by_role("link", name="Shortlist", exact=True)).to_be_visible()

    hr = services.accounts.authenticate("hr", PASSWORD)
    services.accounts.deactivate_user(admin, user_id=hr.user_id)
    page.get_by_role("link", name="Applications", exact=True).click()  # the next click
    settle(page)
    expect(page.get_by_text("Your account has been closed.")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_label("User name", exact=True)).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    shots(page, "closed-account")

    page.reload()  # the old cookie is worth nothing now
    settle(page)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    context.close()


def test_sign_out_ends_the_session_and_clears_the_cookie(app, browser) -> None:  # type: ignore[no-untyped-def]
    server, _services, _admin = app
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    settle(page)
    # The page posts to the server's sign-out route, whose answer clears the HttpOnly cookie.
    with page.expect_response(f"{server.url}/auth/signout", timeout=TIMEOUT) as answer:
        page.get_by_role("button", name="Sign out").click()
    assert answer.value.ok
    settle(page)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    assert not has_session_cookie(context)
    page.reload()
    settle(page)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()


def has_session_cookie(context) -> bool:  # type: ignore[no-untyped-def]
    return any(c["name"] == "shortlisting_session" for c in context.cookies())
