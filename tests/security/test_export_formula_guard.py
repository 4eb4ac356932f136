"""Issue 14, hostile input: no text that reaches an export runs as a formula. Every free-text
field (panel members' and HR's display names, notes, statements, override reasons, names,
titles) is filled with formula-like values, every workbook the tool exports is built through
the services or the export functions, and every cell of every one is walked; the companion
panel-scores CSV is read back with the csv module and with pandas."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import exports.shortlist_workbook as workbook_module
from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.build import export_from_result
from exports.cells import safe_text
from exports.feedback import feedback_workbook
from exports.model import AuditLine
from exports.scoring_sheet import SheetApplication, write_scoring_sheet
from exports.self_check import summary_workbook
from exports.shortlist_workbook import write_shortlist_workbook
from formats.interchange import read_applications, read_panel_scores
from formats.scoring_sheet_reader import read_scoring_sheet
from scoring.applicant.other_roles import transfer
from scoring.applicant.self_check import Answer, Rating, check
from scoring.applications import PersonalDetails
from scoring.rules.decisions import merge_decisions
from scoring.rules.scheme import SCALES, Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from scoring.words.cell_guard import unguard
from storage.store import open_store
from tests.factories import criterion
from tests.integration.helpers import (
    DARLINGTON,
    DARLINGTON_ROLE,
    PASSWORD,
    WITHDRAWN,
    World,
    actor,
    release_and_declare,
    sample_scores,
)
from use_cases import Services, VacancyRequest
from use_cases.access import Role

HOSTILE = [
    '=HYPERLINK("http://x")',
    "+cmd",
    "@SUM(1)",
    "-2+3",
    "\r=cmd|' /C calc'!A0",
    "\t=1+1",
    "  =1+2",
    "\n=cmd|' /C calc'!A0",
    "'=already quoted",
]
NOTES = [*HOSTILE, "fine\r=cmd|' /C calc'!A0", "two\nlines\r\nhere"]
TOTAL = re.compile(
    r'^=IF\(\$[A-Z]+(\d+)="",SUMPRODUCT\(\$B\$3:\$[A-Z]+\$3,B\1:[A-Z]+\1\),""\)$'
)  # the score matrix's total, blank where the tool has none
WHEN = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)


def dangerous(value: str) -> bool:
    """OWASP's test, written out apart from the code under test: a value a spreadsheet could
    run, because it starts with = + - @ tab or CR, also after leading white space."""
    return value.startswith(("=", "+", "-", "@", "\t", "\r")) or value.lstrip().startswith(
        ("=", "+", "-", "@")
    )


def walk(content: bytes) -> Iterator[tuple[str, str, object, str]]:
    """Every cell of every sheet: sheet, coordinate, value, openpyxl's data type."""
    book = load_workbook(io.BytesIO(content))
    for sheet in book:
        for cells in sheet.iter_rows():
            for c in cells:
                if c.value is not None:
                    yield sheet.title, c.coordinate, excel_unescaped(c.value), c.data_type


def excel_unescaped(value: object) -> object:
    """A control character in a cell is stored as Excel's _xHHHH_ escape (rust_xlsxwriter
    writes a carriage return as _x000D_); Excel and LibreOffice show the character, openpyxl
    leaves the escape in inline text."""
    if isinstance(value, str) and "_x" in value:
        return re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), value)
    return value


def assert_no_formula(content: bytes, *, totals: bool = False) -> list[str]:
    """No cell is a formula (bar the score matrix's totals) and no text could start one.
    Returns every text value, for the caller to check the hostile values arrived."""
    texts = []
    for sheet, where, value, kind in walk(content):
        if totals and sheet == "Score matrix" and kind == "f":
            assert TOTAL.match(str(value)), f"{sheet}!{where}: {value!r}"
            continue
        assert kind != "f", f"{sheet}!{where} is a formula: {value!r}"
        if isinstance(value, str):
            assert not dangerous(value), f"{sheet}!{where} could run: {value!r}"
            texts.append(value)
    props = load_workbook(io.BytesIO(content)).properties
    for name in ("title", "subject", "creator", "lastModifiedBy", "keywords", "description"):
        value = getattr(props, name)
        assert not (isinstance(value, str) and dangerous(value)), (name, value)
    return texts


def assert_arrived(texts: list[str], values: list[str]) -> None:
    """Each hostile value is in the export, guarded (so the walk above proves something)."""
    joined = "\n".join(texts)
    for value in values:
        assert safe_text(value) in joined or value.strip() in joined, value


# --- Through the services ---------------------------------------------------------------------


@pytest.fixture
def services(tmp_path: Path, catalogue: Catalogue) -> Iterator[Services]:
    store = open_store(f"sqlite:///{tmp_path / 'shortlisting.db'}", catalogue)
    yield Services(store)
    store.engine.dispose()


def hostile_applications() -> bytes:
    with (DARLINGTON / "applications.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for i, r in enumerate(rows):
        r["statement"] = HOSTILE[i % len(HOSTILE)] + " " + r["statement"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def hostile_world(services: Services) -> tuple[World, int]:
    """The Darlington sample with hostile display names, statements, notes and an override
    reason. Returns the world and how many panel scores were saved."""
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = actor(services, "admin")
    services.accounts.create_user(
        admin, username="hr", display_name='=HYPERLINK("http://x","HR")', role=Role.HR,
        password=PASSWORD, organisation_id="darlington",
    )  # fmt: skip
    hr = actor(services, "hr")
    panel = []
    for username, name in (("rpatel", "+cmd"), ("sokafor", "@SUM(1)"), ("tmember", "-2+3")):
        services.accounts.create_user(
            admin, username=username, display_name=name, role=Role.PANEL, password=PASSWORD,
            organisation_id="darlington",
        )  # fmt: skip
        panel.append(actor(services, username))
    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=DARLINGTON_ROLE, closing_date=date(2026, 1, 30), scheme=Scheme(slots=4)
        ),
    )
    services.vacancies.assign_panel(hr, vacancy.id, [p.user_id for p in panel])
    services.intake.import_applications(
        hr, vacancy.id, file_name="=cmd.csv", data=hostile_applications()
    )
    world = World(services, admin, hr, panel, vacancy)
    world.codes = {a.reference: a.panel_code for a in services.intake.applications(hr, vacancy.id)}
    release_and_declare(world)
    members = {"rpatel": panel[0], "sokafor": panel[1]}
    saved = 0
    for i, r in enumerate(sample_scores()):
        if r["criterion_id"] == "c21" or r["application_id"] == WITHDRAWN:
            continue
        services.scores.save_score(
            members[r["panel_member"]], vacancy.id, panel_code=world.codes[r["application_id"]],
            criterion_id=r["criterion_id"], score=int(r["score"]),
            note=NOTES[i % len(NOTES)] if i % 7 == 0 else None,
        )  # fmt: skip
        saved += 1
    services.shortlists.override(
        hr, vacancy.id, reference="D007", decision="not_shortlisted",
        reason="@SUM(1) =cmd|' /C calc'!A0 decided by the panel", expected_shortlist=services.shortlists.outcome(hr, vacancy.id).version)  # fmt: skip
    return world, saved


def test_every_cell_of_every_workbook_from_the_services_is_text_not_formula(
    services: Services,
) -> None:
    world, _ = hostile_world(services)
    hr, vacancy_id = world.hr, world.vacancy.id
    outcome = services.shortlists.outcome(hr, vacancy_id)
    for personal in (False, True):
        book = services.workbooks.export_shortlist(hr, outcome, include_personal=personal)
        assert book.companion is None
        texts = assert_no_formula(book.content, totals=True)
        assert_arrived(texts, ["+cmd", "@SUM(1)", "-2+3", '=HYPERLINK("http://x","HR")'])
        assert_arrived(texts, [n for n in NOTES if n.strip()])
    summary = {
        r[0]: r[1]
        for r in load_workbook(io.BytesIO(book.content))["Summary"].iter_rows(values_only=True)
        if r and r[0]
    }
    assert summary["Panel"].startswith("'") and all(
        name in summary["Panel"] for name in ("+cmd", "@SUM(1)", "-2+3")
    )
    assert summary["Exported by"] == '\'=HYPERLINK("http://x","HR")'
    for member in world.panel:
        sheet = services.sheets.scoring_sheet(member, vacancy_id)
        texts = assert_no_formula(sheet.content)
        assert_arrived(texts, [member.display_name, "+cmd", "@SUM(1)", "-2+3", "=1+1"])
        if member is world.panel[0]:
            assert_arrived(texts, [n for n in NOTES if n.strip()])
        assert (
            services.sheets.import_scoring_sheet(
                member, vacancy_id, data=sheet.content, file_name="back.xlsx"
            )
            == 0
        ), "guarded on the way out, unguarded on the way back: nothing differs"
    for reference in ("D001", "D007"):
        sheet = services.feedback.feedback_sheet(hr, outcome, reference, include_name=True)
        texts = assert_no_formula(feedback_workbook(sheet))
        assert_arrived(texts, ['=HYPERLINK("http://x","HR")'])


def test_the_companion_csv_keeps_each_record_whole_and_guards_every_field(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    world, saved = hostile_world(services)
    monkeypatch.setattr(workbook_module, "PANEL_SCORES_ROW_LIMIT", 10)
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    download = services.workbooks.export_shortlist(world.hr, outcome, include_personal=True)
    assert download.companion is not None and download.companion_name
    assert_no_formula(download.content, totals=True)
    text = download.companion.decode("utf-8")
    records = list(csv.reader(io.StringIO(text, newline="")))
    assert records[0] == ["application_id", "criterion_id", "panel_member", "score", "note"]
    assert len(records) == saved + 1, "a line break inside a note starts no record"
    assert all(len(r) == 5 for r in records)
    for record in records:
        for field in record:
            assert not dangerous(field), field
    assert {r[2] for r in records[1:]} == {"'+cmd", "'@SUM(1)"}
    notes = {r[4] for r in records[1:]} - {""}
    assert notes == {safe_text(n) for n in NOTES}, "every note whole, CRs and all"
    frame = pd.read_csv(io.BytesIO(download.companion), dtype=str, keep_default_na=False)
    assert len(frame) == saved
    assert set(frame["note"]) - {""} == notes
    assert text.startswith('"application_id","criterion_id"'), "every field quoted"


# --- Through the export functions, every free-text field hostile ------------------------------


def test_every_field_of_the_shortlist_workbook_is_guarded(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    role = catalogue.role(DARLINGTON_ROLE)
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)),
        Scheme(slots=4),
        date(2026, 1, 30),
    )
    apps = read_applications(
        DARLINGTON / "applications.csv", criterion_ids=[c.id for c in vacancy.criteria]
    )
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(DARLINGTON / "panel_scores.csv", vacancy, ids)
    scores["note"] = [NOTES[i % len(NOTES)] for i in range(len(scores))]
    scores["panel_member"] = [HOSTILE[i % 3] for i in range(len(scores))]
    result = shortlist(vacancy, apps.applications, scores)
    personal = {
        a: PersonalDetails(first_name=HOSTILE[i % len(HOSTILE)], last_name="-x", email=None)
        for i, a in enumerate(ids)
    }
    data = export_from_result(
        result, merge_decisions(result, {}, finalised=False), scores,
        organisation="+Council", role_id="@role", level="-A", grade="=B",
        exported_by='=HYPERLINK("http://x")', exported_at=WHEN, panel=HOSTILE,
        personal=personal,
        audit=[AuditLine(WHEN, h, "=action", "@entity", h, {"note": h}, h) for h in HOSTILE],
    )  # fmt: skip
    data = dataclasses.replace(
        data,
        title="=Housing",
        status="-provisional",
        issues=tuple(HOSTILE),
        lines=tuple(
            dataclasses.replace(x, reason=HOSTILE[i % len(HOSTILE)], reference=f"-{x.reference}")
            for i, x in enumerate(data.lines)
        ),
        scheme_lines=tuple(
            dataclasses.replace(x, reason="+why", scheme="=scheme", name="@name")
            for x in data.scheme_lines
        ),
        matrix_references=tuple(f"-{r}" for r in data.matrix_references),
    )
    path = tmp_path / "shortlist.xlsx"
    write_shortlist_workbook(data, path)
    texts = assert_no_formula(path.read_bytes(), totals=True)
    assert_arrived(texts, [*HOSTILE, "=Housing", "+Council", "@role", "-D001", "=scheme"])
    big = tmp_path / "big.xlsx"
    companion = tmp_path / "=cmd.csv"
    original = workbook_module.PANEL_SCORES_ROW_LIMIT
    try:
        workbook_module.PANEL_SCORES_ROW_LIMIT = 10
        write_shortlist_workbook(data, big, panel_scores_csv=companion)
    finally:
        workbook_module.PANEL_SCORES_ROW_LIMIT = original
    texts = assert_no_formula(big.read_bytes(), totals=True)
    assert any("=cmd.csv" in t for t in texts), "the companion's file name, in a sentence"
    with companion.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    assert len(records) == len(scores) + 1
    assert all(not dangerous(f) for r in records for f in r)
    assert len(pd.read_csv(companion, dtype=str, keep_default_na=False)) == len(scores)


def test_the_scoring_sheet_feedback_and_self_check_are_guarded(catalogue: Catalogue) -> None:
    criteria = [criterion("c1", text="=criterion"), criterion("c2", "desirable", text="+two")]
    out = io.BytesIO()
    write_scoring_sheet(
        out, vacancy_id=7, vacancy_title="=title", member="rpatel", member_name="@SUM(1)",
        criteria=criteria, scale=SCALES["0-3"],
        applications=[
            SheetApplication("P00001", HOSTILE[0], {"c1": HOSTILE[1], "c2": HOSTILE[4]}),
            SheetApplication("P00002", "-statement", {"c1": "\t=x"}),
        ],
        existing={("P00001", "c1"): (2, NOTES[0], 1), ("P00002", "c2"): (1, "\r=cmd", 3)},
        key=b"formula test",
    )  # fmt: skip
    texts = assert_no_formula(out.getvalue())
    assert_arrived(texts, ["=criterion", "+two", HOSTILE[0], "-statement", "\t=x", "\r=cmd"])
    back = read_scoring_sheet(
        out.getvalue(), vacancy_id=7, member="rpatel", scale=SCALES["0-3"],
        expected=[(a, c.id) for a in ("P00001", "P00002") for c in criteria],
        key=b"formula test",
    )  # fmt: skip
    assert {(s.panel_code, s.criterion_id): s.note for s in back} == {
        ("P00001", "c1"): NOTES[0],
        ("P00002", "c2"): "\r=cmd",
    }, "lossless"

    role = catalogue.role(DARLINGTON_ROLE)
    variant = effective_criteria(role, catalogue.organisation_of(role))
    answers = {
        c.id: Answer(Rating.FULLY, HOSTILE[i % len(HOSTILE)] + " and then I did it all again.")
        for i, c in enumerate(variant.criteria)
    }
    result = check(variant, answers)
    content = summary_workbook(result, transfer(result, catalogue, limit=5), HOSTILE, date.today())
    assert_arrived(assert_no_formula(content), HOSTILE)


def test_the_guard_is_lossless_and_catches_what_owasp_lists() -> None:
    for value in [*NOTES, "plain", "'plain", "''=x", " ", "", "=", "'", "-", "x=1"]:
        assert unguard(safe_text(value)) == value
        assert not dangerous(safe_text(value)) or safe_text(value).startswith("'")
        assert safe_text(value) != value or not dangerous(value)
    assert safe_text("  =1") == "'  =1" and safe_text("\n@x") == "'\n@x"
    assert safe_text("x=1") == "x=1" and safe_text("'a") == "'a"
