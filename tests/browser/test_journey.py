"""The whole journey in headless Chromium: HR creates a vacancy and imports the sample
applications; two panel members sign in and score (one by keyboard only, one with the
offline scoring sheet); a disagreement is moderated; HR sees a scheme applicant shortlisted
despite a low total, decides the ties, finalises and downloads the workbook, which is
opened and checked. A screenshot of every step is saved."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import (
    TIMEOUT,
    choose,
    declare_no_conflicts,
    go,
    no_exceptions,
    release_to_panel,
    set_date,
    settle,
    sign_in,
)
from tests.factories import with_recorded_scheme
from use_cases import Services
from use_cases.access import Role

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)
PASSWORD = "a long test password"


@pytest.fixture
def app(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'journey.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    services.accounts.bootstrap_admin(username="admin", display_name="Ada Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    services.accounts.create_user(
        admin,
        username="hr",
        display_name="Hilary Hughes",
        role=Role.HR,
        password=PASSWORD,
        organisation_id="darlington",
    )
    services.accounts.create_user(
        admin,
        username="rpatel",
        display_name="Rosa Patel",
        role=Role.PANEL,
        password=PASSWORD,
        organisation_id="darlington",
    )
    services.accounts.create_user(
        admin,
        username="sokafor",
        display_name="Sam Okafor",
        role=Role.PANEL,
        password=PASSWORD,
        organisation_id="darlington",
    )
    server = AppServer(url)
    yield server, services
    server.stop()
    services.store.engine.dispose()


def sample_scores() -> dict[str, dict[str, dict[str, int]]]:
    """member -> reference -> criterion -> score."""
    scores: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    with (SAMPLE / "panel_scores.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            scores[row["panel_member"]][row["application_id"]][row["criterion_id"]] = int(
                row["score"]
            )
    return scores


def test_the_whole_shortlisting_journey(app, browser, shots) -> None:  # type: ignore[no-untyped-def]
    server, services = app
    scores = sample_scores()

    # HR creates the vacancy from the catalogue and imports the sample applications.
    hr_page = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True
    ).new_page()
    sign_in(hr_page, server.url, "hr", PASSWORD)
    go(hr_page, "Vacancies")
    choose(hr_page, "Role", "Darlington: Housing Income Management Officer")
    hr_page.get_by_label("Interview places (0 = not limited)").fill("4")
    hr_page.get_by_label("Interview places (0 = not limited)").press("Enter")
    settle(hr_page)
    set_date(hr_page, "Closing date", "30", "01", "2026")
    expect(hr_page.get_by_role("button", name="Create the vacancy")).to_be_disabled()
    expect(hr_page.get_by_text("1. Disability Confident", exact=False)).to_be_visible()
    hr_page.get_by_text("I confirm this is the interview-scheme policy", exact=False).click()
    settle(hr_page)
    shots(hr_page, "hr-new-vacancy")
    hr_page.get_by_role("button", name="Create the vacancy").click()
    expect(hr_page.get_by_text("Created vacancy V001")).to_be_visible(timeout=TIMEOUT)
    go(hr_page, "Applications")
    hr_page.locator('input[type="file"]').set_input_files(str(SAMPLE / "applications.csv"))
    settle(hr_page)
    hr_page.get_by_role("button", name="Import", exact=True).click()
    expect(hr_page.get_by_text("Imported 17 applications from applications.csv.")).to_be_visible(
        timeout=TIMEOUT
    )
    shots(hr_page, "hr-imported")
    release_to_panel(hr_page)
    shots(hr_page, "hr-released")
    go(hr_page, "Panel and progress")
    choose(hr_page, "Panel members", "Rosa Patel")
    choose(hr_page, "Panel members", "Sam Okafor")
    hr_page.get_by_role("button", name="Save the panel").click()
    expect(hr_page.get_by_text("Rosa Patel: 0 of 336 scores")).to_be_visible(timeout=TIMEOUT)
    shots(hr_page, "hr-panel")

    hr = services.accounts.authenticate("hr", PASSWORD)
    reference_of = {a.panel_code: a.reference for a in services.intake.applications(hr, 1)}
    criteria = [c.id for c in services.vacancies.get_vacancy(hr, 1).scored_criteria]

    # Rosa scores every application by keyboard only.
    rosa = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    sign_in(rosa, server.url, "rpatel", PASSWORD)
    go(rosa, "Score")
    expect(rosa.get_by_text("Before you start: conflicts of interest")).to_be_visible(
        timeout=TIMEOUT
    )
    shots(rosa, "panel-declaration")
    declare_no_conflicts(rosa)
    expect(rosa.locator(".pad .row").first).to_be_visible(timeout=TIMEOUT)
    shots(rosa, "panel-score-start")
    for position in range(16):
        heading = rosa.get_by_text("Application P", exact=False).first.inner_text()
        code = heading.split()[1]
        expect(rosa.locator(f'.pad[data-code="{code}"]')).to_have_count(1, timeout=TIMEOUT)
        reference = reference_of[code]
        for i, criterion in enumerate(criteria):
            value = scores["rpatel"][reference][criterion]
            rosa.keyboard.press(str(value))
            expect(rosa.locator(".pad .row").nth(i).locator(".score")).to_have_text(
                str(value), timeout=TIMEOUT
            )
        if position == 0:
            shots(rosa, "panel-scored-by-keyboard")
        if position < 15:
            rosa.keyboard.press("n")
            expect(rosa.get_by_text(f"({position + 2} of 16)", exact=False)).to_be_visible(
                timeout=TIMEOUT
            )
            # The pad draws the next application's heading at once and asks the server for
            # it and the ones around it; until the answer comes, a score key is ignored
            # (score_pad.js press(): no application yet). Seen under load: the first score of
            # an application never given. So wait for the answer.
            settle(rosa)
    go(rosa, "My vacancies")
    expect(rosa.get_by_text("You have given 336 of 336 scores.")).to_be_visible(timeout=TIMEOUT)
    rosa.get_by_role("button", name="Submit my scores").click()
    expect(rosa.get_by_text("Submitted. Moderation is open to you.")).to_be_visible(timeout=TIMEOUT)
    shots(rosa, "panel-submitted")

    # Sam scores offline: downloads his scoring sheet, fills it, gives it back.
    sam = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True
    ).new_page()
    sign_in(sam, server.url, "sokafor", PASSWORD)
    declare_no_conflicts(sam)
    go(sam, "My vacancies")
    sam.get_by_role("button", name="Prepare my scoring sheet (Excel)").click()
    settle(sam)
    with sam.expect_download() as download:
        sam.get_by_role("button", name="Download scoring-sheet-vacancy-1-sokafor.xlsx").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = book["Scores"]
    for row in sheet.iter_rows(min_row=2):
        code, criterion = row[0].value, row[1].value
        row[4].value = scores["sokafor"][reference_of[code]][criterion]
    filled = Path(download.value.path()).with_name("sam-filled.xlsx")
    book.save(filled)
    sam.locator('input[type="file"]').set_input_files(str(filled))
    settle(sam)
    sam.get_by_role("button", name="Import my scores").click()
    expect(sam.get_by_text("Imported: 336 scores recorded.")).to_be_visible(timeout=TIMEOUT)
    shots(sam, "panel-offline-sheet-imported")
    sam.get_by_role("button", name="Submit my scores").click()
    expect(sam.get_by_text("Submitted. Moderation is open to you.")).to_be_visible(timeout=TIMEOUT)

    # The disagreement (D015, criterion 4: 0 against 3) is moderated.
    code_d015 = next(code for code, ref in reference_of.items() if ref == "D015")
    go(rosa, "Moderation")
    expect(rosa.get_by_text("Scores needing an agreed score")).to_be_visible(timeout=TIMEOUT)
    shots(rosa, "moderation-queue")
    choose(rosa, "Score to agree", f"{code_d015} / c4")
    rosa.get_by_role("radiogroup").get_by_text("2", exact=True).click()
    rosa.get_by_label("Why the panel agreed it", exact=True).fill(
        "Negotiated payment plans with tenants; meets the criterion."
    )
    rosa.get_by_role("button", name="Record the agreed score").click()
    expect(rosa.get_by_text(f"Agreed {code_d015} / c4 = 2.")).to_be_visible(timeout=TIMEOUT)
    shots(rosa, "moderated")

    # HR: a disabled applicant (D008) is shortlisted despite a low total; ties are decided.
    go(hr_page, "Shortlist")
    expect(hr_page.get_by_text(re.compile(r"^(Ready to finalise|Decide the \d+ open|Provisional)"))).to_be_visible(timeout=TIMEOUT)  # fmt: skip
    view = services.shortlists.shortlist(hr, 1)
    d008 = next(r for r in view.rows if r.reference == "D008")
    assert (d008.decision, d008.total) == ("shortlisted_under_scheme", 32.0)
    assert d008.reason.startswith(
        "Offered an interview under the Disability Confident scheme (a disabled applicant)"
    )
    assert d008.total < (view.cut_off or 0)
    shots(hr_page, "hr-shortlist")
    for reference, decision, reason in (
        (
            "D004",
            "Shortlisted on merit",
            "Panel chose D004 for the last place on court experience.",
        ),
        ("D005", "Not shortlisted", "Panel chose D004 for the last place."),
        (
            "D012",
            "Shortlisted under a guaranteed-interview scheme",
            "Date of leaving confirmed by e-mail: March 2023.",
        ),
    ):
        choose(hr_page, "Application", reference)
        choose(hr_page, "Decision", decision)
        hr_page.get_by_label("Reason", exact=True).fill(reason)
        hr_page.get_by_role("button", name="Record the decision").click()
        expect(hr_page.get_by_text(f"Recorded for {reference}.")).to_be_visible(timeout=TIMEOUT)
    # The message shows before the run has drawn the box again: ticked before that, the box
    # reports the version the screen showed before the last decision, and the sign-off is
    # refused as made from a screen the shortlist has moved past.
    settle(hr_page)
    confirm = hr_page.get_by_role("checkbox", name="I have read every decision and its reason")
    hr_page.get_by_text("I have read every decision and its reason").click()
    settle(hr_page)
    expect(confirm).to_be_checked(timeout=TIMEOUT)
    finalise = hr_page.get_by_role("button", name="Finalise the shortlist")
    expect(finalise).to_be_enabled(timeout=TIMEOUT)
    finalise.click()
    expect(hr_page.get_by_text("Finalised: the shortlist is signed off.")).to_be_visible(
        timeout=TIMEOUT
    )
    shots(hr_page, "hr-finalised")
    hr_page.get_by_role("button", name="Prepare the workbook").click()
    settle(hr_page)
    with hr_page.expect_download() as download:
        hr_page.get_by_role("button", name="Download shortlist-vacancy-1.xlsx").click()
    no_exceptions(hr_page)
    shots(hr_page, "hr-workbook")

    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    invited = {r[1]: r for r in workbook["Shortlist"].iter_rows(min_row=2, values_only=True)}
    assert (
        invited["D008"][2] == "Shortlisted under a guaranteed-interview scheme"
        and invited["D008"][4] == 32
    )
    assert invited["D004"][2] == "Shortlisted on merit"
    summary = {r[0]: r[1] for r in workbook["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Status"].startswith("finalised by Hilary Hughes")
    assert summary["Names and contact details"] == "not included (name-blind)"
