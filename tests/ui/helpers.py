"""Helpers for the AppTest pages: signing in, reading tables, a service layer over the test
database."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from criteria.loader import load_catalogue
from storage.store import open_store
from use_cases import Services
from use_cases.access import Actor
from use_cases.demo import Demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def frame(at: AppTest, column: str):  # type: ignore[no-untyped-def]
    """The first table on the page with `column` (display tables carry no key in AppTest)."""
    for table in at.dataframe:
        if column in table.value.columns:
            return table.value
    raise AssertionError(f"no table with a {column!r} column")


def services_for(url: str) -> Services:
    return Services(open_store(url, load_catalogue()))


def open_as(demo: Demo, username: str, page: str) -> AppTest:
    account = next(a for a in demo.accounts if a.username == username)
    return sign_in_and_open(account.username, account.password, page)


def sign_in_and_open(username: str, password: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/sign_in.py").run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    assert at.session_state["actor"].username == username
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def actor_of(demo: Demo, services: Services, username: str) -> Actor:
    account = next(a for a in demo.accounts if a.username == username)
    return services.accounts.authenticate(account.username, account.password)
