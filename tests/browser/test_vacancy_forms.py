"""HR's vacancy forms in Chromium, as people use them: a double click on "Create the vacancy"
makes one vacancy; the title follows the role and level chosen until HR types their own; the
retention date on Audit and retention is the chosen vacancy's own. Each test reads the stored
data back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, choose, go, no_exceptions, settle, sign_in
from use_cases import Services, VacancyRequest
from use_cases.access import Role

PASSWORD = "a long test password"


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'forms.db'}"
    services = Services(open_store(url, load_catalogue()))
    services.accounts.bootstrap_admin(username="admin", display_name="Ada Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    for username, organisation in (("hr", "darlington"), ("mhr", "medway")):
        services.accounts.create_user(
            admin, username=username, display_name=f"HR {organisation}", role=Role.HR,
            password=PASSWORD, organisation_id=organisation,
        )  # fmt: skip
    server = AppServer(url)
    yield server, services
    server.stop()
    services.store.engine.dispose()


def shows_date(page: Page, label: str, day: int, month: int, year: int) -> None:
    for part, value in (("day", day), ("month", month), ("year", year)):
        box = page.get_by_role("spinbutton", name=f"{part}, {label}")
        expect(box).to_have_attribute("aria-valuenow", str(value), timeout=TIMEOUT)


def test_a_double_click_on_create_makes_one_vacancy(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services = app
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    go(page, "Vacancies")
    page.get_by_text("I confirm this is the interview-scheme policy", exact=False).click()
    settle(page)
    create = page.get_by_role("button", name="Create the vacancy")
    expect(create).to_be_enabled(timeout=TIMEOUT)
    create.dblclick()
    expect(page.get_by_text("Created vacancy V001", exact=False).first).to_be_visible(
        timeout=TIMEOUT
    )
    settle(page)
    # Nothing seemed to happen, so they click again once the page has settled.
    page.get_by_role("button", name="Create the vacancy").click()
    settle(page)
    expect(page.get_by_text("Created vacancy V001", exact=False).first).to_be_visible(
        timeout=TIMEOUT
    )
    no_exceptions(page)
    shots(page, "created-once")
    hr = services.accounts.authenticate("hr", PASSWORD)
    assert [v.reference for v in services.vacancies.list_vacancies(hr)] == ["V001"]


def test_the_title_follows_the_role_and_level(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services = app
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "mhr", PASSWORD)
    go(page, "Vacancies")
    choose(page, "Role", "Medway: Housing Rents Officer")
    page.get_by_role("radiogroup", name="Level").get_by_text("B:", exact=False).click()
    settle(page)
    title = page.get_by_label("Title", exact=True)
    expect(title).to_have_value("Housing Rents Officer · Level B (Practising)", timeout=TIMEOUT)
    page.get_by_text("I confirm this is the interview-scheme policy", exact=False).click()
    settle(page)
    page.get_by_role("button", name="Create the vacancy").click()
    expect(page.get_by_text("Created vacancy V001", exact=False).first).to_be_visible(
        timeout=TIMEOUT
    )
    shots(page, "title-follows")
    hr = services.accounts.authenticate("mhr", PASSWORD)
    (made,) = services.vacancies.list_vacancies(hr)
    assert (made.title, made.level) == ("Housing Rents Officer · Level B (Practising)", "B")


def test_switching_vacancy_shows_that_vacancys_retention_date(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services = app
    hr = services.accounts.authenticate("hr", PASSWORD)
    role = "darlington-housing-income-management-officer"
    first = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id=role, title="Spring round", closing_date=date(2026, 3, 2))
    )
    second = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=role, title="Autumn round", closing_date=date(2026, 9, 7), retention_months=12
        ),
    )
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "hr", PASSWORD)
    go(page, "Audit and retention")
    choose(page, "Vacancy", first.label)
    expect(page.get_by_text("kept until 02 September 2026", exact=False)).to_be_visible(
        timeout=TIMEOUT
    )
    shows_date(page, "Keep until", 2, 9, 2026)
    choose(page, "Vacancy", second.label)
    expect(page.get_by_text("kept until 07 September 2027", exact=False)).to_be_visible(
        timeout=TIMEOUT
    )
    shows_date(page, "Keep until", 7, 9, 2027)
    page.get_by_role("button", name="Change the retention date").click()
    expect(page.get_by_text("Retention date of V002 changed", exact=False).first).to_be_visible(
        timeout=TIMEOUT
    )
    shots(page, "retention")
    assert services.vacancies.get_vacancy(hr, first.id).retention_date == date(2026, 9, 2)
    assert services.vacancies.get_vacancy(hr, second.id).retention_date == date(2027, 9, 7)
