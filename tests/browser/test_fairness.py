"""Fairness in Chromium: identifiers planted in an application never reach a panel page
(HR checks and releases first), and a chunked review scores one criterion across several
applications in the member's own order."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from criteria.loader import load_catalogue
from scoring.rules.scheme import Scheme
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    TIMEOUT,
    Wire,
    all_text,
    declare_no_conflicts,
    go,
    release_to_panel,
    settle,
    sign_in,
)
from tests.factories import with_recorded_scheme
from tests.integration.test_fairness import PLANTED, planted_file
from use_cases import Services, VacancyRequest
from use_cases.access import Role

PASSWORD = "a long enough password"
ROLE = "darlington-housing-income-management-officer"
SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)


def set_up(url: str, *, chunked: bool, data: bytes) -> tuple[Services, int]:
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    for username, name, role in (
        ("hr", "Hilary HR", Role.HR),
        ("rpatel", "Rosa Patel", Role.PANEL),
    ):
        services.accounts.create_user(
            admin, username=username, display_name=name, role=role, password=PASSWORD,
            organisation_id="darlington",
        )  # fmt: skip
    hr = services.accounts.authenticate("hr", PASSWORD)
    vacancy = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id=ROLE, scheme=Scheme(slots=4), chunked_review=chunked)
    )
    services.vacancies.assign_panel(
        hr, vacancy.id, [services.accounts.authenticate("rpatel", PASSWORD).user_id]
    )
    services.intake.import_applications(hr, vacancy.id, file_name="applications.csv", data=data)
    return services, vacancy.id


@pytest.fixture
def planted_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'planted.db'}"
    services, vacancy_id = set_up(url, chunked=False, data=planted_file())
    server = AppServer(url)
    yield server, services, vacancy_id
    server.stop()
    services.store.engine.dispose()


@pytest.fixture
def chunked_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'chunked.db'}"
    data = (SAMPLE / "applications.csv").read_bytes()
    services, vacancy_id = set_up(url, chunked=True, data=data)
    hr = services.accounts.authenticate("hr", PASSWORD)
    services.redaction.release_to_panel(hr, vacancy_id)
    server = AppServer(url)
    yield server, services, vacancy_id
    server.stop()
    services.store.engine.dispose()


def test_planted_identifiers_are_redacted_before_a_panel_page_shows_them(  # type: ignore[no-untyped-def]
    planted_app, browser, shots
) -> None:
    server, services, vacancy_id = planted_app
    member = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(member, server.url, "rpatel", PASSWORD)
    go(member, "Score")
    expect(member.get_by_text("HR has not released the applications")).to_be_visible(
        timeout=TIMEOUT
    )

    hr = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(hr, server.url, "hr", PASSWORD)
    go(hr, "Applications")
    expect(hr.get_by_text("What the panel will read")).to_be_visible(timeout=TIMEOUT)
    shots(hr, "hr-redaction-review")
    release_to_panel(hr)

    declare_no_conflicts(member)
    wire = Wire(member)
    code = next(
        a.panel_code
        for a in services.intake.applications(
            services.accounts.authenticate("hr", PASSWORD), vacancy_id
        )
        if a.reference == "D001"
    )
    for _ in range(17):  # to D001's application, whichever place its random code has
        if member.get_by_text(f"Application {code}").count():
            break
        member.get_by_role("button", name="Next").click()
        settle(member)
    expect(member.get_by_text(f"Application {code}")).to_be_visible(timeout=TIMEOUT)
    expect(member.get_by_text("[name removed]").first).to_be_visible(timeout=TIMEOUT)
    shots(member, "panel-sees-redacted-evidence")
    text = all_text(member)
    assert "income team for three years" in text
    for planted in PLANTED:
        assert planted.lower() not in text.lower(), f"{planted} on the scoring page"
        assert planted.lower() not in wire.text().lower(), f"{planted} sent to the page"


def test_chunked_review_scores_one_criterion_across_applications(  # type: ignore[no-untyped-def]
    chunked_app, browser, shots
) -> None:
    server, services, vacancy_id = chunked_app
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(page, server.url, "rpatel", PASSWORD)
    declare_no_conflicts(page)
    expect(page.get_by_text("Criterion 1 of", exact=False)).to_be_visible(timeout=TIMEOUT)
    member = services.accounts.authenticate("rpatel", PASSWORD)
    order = services.reading.review_order(member, vacancy_id)
    vacancy = services.vacancies.get_vacancy(member, vacancy_id)
    first = vacancy.scored_criteria[0].id
    shown = page.locator('[class*="st-key-chunk_app_"]')
    expect(shown.first).to_be_visible(timeout=TIMEOUT)
    keys = [
        next(c for c in box.get_attribute("class").split() if c.startswith("st-key-chunk_app_"))
        for box in shown.all()
    ]
    assert [k.removeprefix("st-key-chunk_app_") for k in keys] == order[:10]
    given = {}
    for i, code in enumerate(order[:4]):
        value = str(i % 4)
        group = page.get_by_role("radiogroup", name=f"Score for {code}", exact=True)
        group.get_by_role("radio", name=value, exact=True).click()
        settle(page)
        expect(page.get_by_text(f"Saved {first} = {value} for {code}.")).to_be_visible(
            timeout=TIMEOUT
        )
        given[code] = int(value)
    shots(page, "chunked-one-criterion")
    stored = {
        s.panel_code: s.score
        for s in services.reading.my_scores(member, vacancy_id)
        if s.criterion_id == first
    }
    assert stored == given
    expect(page.get_by_text(f"You have scored 4 of {len(order)} applications")).to_be_visible(
        timeout=TIMEOUT
    )
    page.get_by_role("button", name="Next criterion").click()
    settle(page)
    expect(page.get_by_text("Criterion 2 of", exact=False)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(f"You have scored 0 of {len(order)} applications")).to_be_visible(
        timeout=TIMEOUT
    )
