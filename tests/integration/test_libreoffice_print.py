"""Printing the exports as people do: LibreOffice Calc (headless) opens each workbook and saves
it as PDF, as "Export as PDF" or printing to a PDF printer would. Every page is landscape and
holds the sheet's whole width (its header row, whole, at the top of every page: a sheet split
by columns prints part of it), no label is cut short, and every long text prints to its last
word (LibreOffice prints a row of wrapped text only as tall as the row is). The protected
Evidence sheet keeps its row heights through LibreOffice's own XLSX. The shortlist workbook
prints every sheet under its header row, with the tool's figures."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from criteria.effective import RoleVariant, effective_criteria
from criteria.loader import Catalogue
from exports.feedback import feedback_workbook
from exports.scoring_sheet import SheetApplication, write_scoring_sheet
from exports.self_check import summary_workbook
from scoring.applicant.other_roles import transfer
from scoring.applicant.self_check import Answer, Rating, check
from scoring.rules.scheme import SCALES
from scoring.words.feedback import FeedbackSheet, criterion_outcomes
from tests.integration.libreoffice import XLSX, run_calc
from tests.integration.libreoffice import calc as calc  # the fixture: LibreOffice is here
from tests.unit.test_shortlist_workbook import SHEETS
from tests.unit.test_shortlist_workbook import build as build_shortlist_workbook

pytestmark = pytest.mark.usefixtures("calc")

PDF = "calc_pdf_Export"
ROLE, LEVEL = "medway-data-and-insight-manager", "C"  # 30 criteria, all scored
APPLICATIONS = 6
SCORES_HEADER = "Panel code Criterion id Criterion Essential? Score Note"
EVIDENCE_HEADER = "Panel code Evidence for Evidence"
FEEDBACK_HEADER = "No. Criterion Requirement Assessed at Score Score means Outcome"
CRITERIA_HEADER = "Group Criterion Type Assessed at Your rating Your example Advice"
SENTENCES = (
    "I manage a patch of about 400 rent accounts and agree affordable payment plans with tenants in arrears.",
    "Each month I report arrears, collection rates and the reasons behind them to the housing management team.",
    "I built a dashboard from the rent system so officers could see which cases needed a visit first.",
    "When Universal Credit came in I worked with the DWP to set up managed payments for vulnerable tenants.",
    "I prepare possession cases for the county court, keeping case notes accurate and attending hearings.",
)


@dataclass(frozen=True)
class Page:
    landscape: bool
    text: str  # whitespace run together, so a line wrapped differently reads the same


def vacancy(catalogue: Catalogue) -> RoleVariant:
    role = catalogue.role(ROLE)
    return effective_criteria(role, catalogue.organisation_of(role), level=LEVEL)


def words(n: int, start: int = 0) -> str:
    return " ".join(SENTENCES[(start + i) % len(SENTENCES)] for i in range(n))


def end(mark: str) -> str:
    """The last word of a text, to find it printed (brackets: no line is broken inside)."""
    return f"[{mark}]"


def printed(path: Path, tmp_path: Path) -> list[Page]:
    pdf = tmp_path / f"{path.stem}.pdf"
    run_calc(path, save=[{"path": pdf, "filter": PDF}])
    return [
        Page(p.mediabox.width > p.mediabox.height, " ".join(p.extract_text().split()))
        for p in pypdf.PdfReader(pdf).pages
    ]


def scoring_sheet(catalogue: Catalogue, tmp_path: Path) -> tuple[Path, list[str]]:
    """A member's sheet for a 30-criterion vacancy: statements from a short paragraph to one
    of about 8,000 characters (more than a row can show), an answer to every criterion."""
    v = vacancy(catalogue)
    assert len(v.criteria) == 30
    ends: list[str] = []
    apps = []
    for a in range(1, APPLICATIONS + 1):
        code = f"P{a:05d}"
        statement = "\n".join(words(4, a + p) for p in range(3 if a != 3 else 16))
        evidence = {
            c.id: f"{words(1 + i % 3, i)} {end(f'{code}a{i}')}" for i, c in enumerate(v.criteria)
        }
        apps.append(SheetApplication(code, f"{statement} {end(f'{code}s')}", evidence))
        ends += [end(f"{code}s"), *(end(f"{code}a{i}") for i in range(len(v.criteria)))]
    path = tmp_path / "scoring-sheet.xlsx"
    with path.open("wb") as target:
        write_scoring_sheet(
            target, vacancy_id=1, vacancy_title=v.label, member="rpatel", member_name="R Patel",
            criteria=list(v.criteria), scale=SCALES["0-3"], applications=apps,
            existing={("P00001", v.criteria[0].id): (2, f"{words(2)} {end('note')}", 1)},
            made_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC), key=b"print test",
        )  # fmt: skip
    return path, [*ends, end("note")]


def test_the_scoring_sheet_prints_landscape_at_full_width_and_every_text_whole(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path, ends = scoring_sheet(catalogue, tmp_path)
    pages = printed(path, tmp_path)
    assert all(p.landscape for p in pages), [i for i, p in enumerate(pages) if not p.landscape]
    how, *tables = pages
    assert "Scoring sheet for R Patel" in how.text and "Made on 01 July 2026, 10:00" in how.text
    scores = [p for p in tables if p.text.startswith(SCORES_HEADER)]
    evidence = [p for p in tables if p.text.startswith(EVIDENCE_HEADER)]
    # every page starts with its sheet's whole header row: nothing is split by columns
    assert len(scores) + len(evidence) == len(tables)
    assert len(scores) <= 6, f"{APPLICATIONS * 30} scores printed on {len(scores)} pages"
    everything = " ".join(p.text for p in pages)
    missing = [mark for mark in ends if mark not in everything]
    assert missing == [], f"cut short in print: {missing[:10]}"


def test_the_protected_evidence_sheet_keeps_its_row_heights_through_libreoffice(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path, _ = scoring_sheet(catalogue, tmp_path)
    again = tmp_path / "resaved.xlsx"
    run_calc(path, save=[{"path": again, "filter": XLSX}])
    written, resaved = load_workbook(path), load_workbook(again)
    for name in ("Evidence", "Scores"):
        before, after = written[name], resaved[name]
        assert after.protection.sheet, f"{name} is still protected"
        tall = {n: d.height for n, d in before.row_dimensions.items() if d.height and d.height > 15}
        assert len(tall) > 10, name
        kept = {n: after.row_dimensions[n].height for n in tall}
        assert all(abs((kept[n] or 0) - tall[n]) <= 0.5 for n in tall), [
            (n, tall[n], kept[n]) for n in tall if abs((kept[n] or 0) - tall[n]) > 0.5
        ][:5]


def test_the_feedback_sheet_prints_with_whole_labels_and_text(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    v = vacancy(catalogue)
    scale = tuple((p.value, p.label) for p in SCALES["0-3"].points)
    agreed = {c.id: i % 4 for i, c in enumerate(v.criteria)}
    sheet = FeedbackSheet(
        organisation="Medway Council", vacancy=v.label, role=v.label, reference="P00042",
        name=None, decision="Not shortlisted", reason=f"{words(4)} {end('reason')}", total=41.0,
        scale=scale, threshold=2,
        criteria=criterion_outcomes(v.criteria, agreed, scale=scale, threshold=2),
        prepared_by="Helen HR", prepared_on=datetime(2026, 7, 1, 9, 0, tzinfo=UTC),
        finalised=False,
    )  # fmt: skip
    path = tmp_path / "feedback.xlsx"
    path.write_bytes(feedback_workbook(sheet))
    pages = printed(path, tmp_path)
    assert all(p.landscape for p in pages)
    first = pages[0].text
    for label in ("Organisation Medway Council", "Application reference P00042"):
        assert label in first  # not "Organi", "Applica"
    assert "How essentials are judged" in first and "Prepared on 01/07/2026 10:00" in first
    assert end("reason") in first
    table = [p for p in pages if FEEDBACK_HEADER in p.text]
    assert len(table) == len(pages) - 1  # and the scale's page
    everything = " ".join(p.text for p in pages)
    for o in sheet.criteria:  # each outcome to its last word
        assert " ".join(o.outcome.split()[-3:]) in everything, o.outcome


def test_the_self_check_summary_prints_label_and_value_side_by_side(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    v = vacancy(catalogue)
    answers = {
        c.id: Answer(Rating.FULLY, f"{words(2, i)} {end(f'e{i}')}")
        for i, c in enumerate(v.criteria)
    }
    result = check(v, answers)
    guidance = [f"Disability Confident: {words(3)} {end('guidance')}"]
    data = summary_workbook(
        result, transfer(result, catalogue), guidance, datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    )
    path = tmp_path / "self-check.xlsx"
    path.write_bytes(data)
    pages = printed(path, tmp_path)
    assert all(p.landscape for p in pages)
    summary = pages[0].text
    assert "Organisation Medway Council" in summary and "Checked on 01/07/2026 10:00" in summary
    assert "Meets the minimum criteria (your own view) Yes" in summary  # one row, one page
    assert end("guidance") in summary
    criteria = [p for p in pages if p.text.startswith(CRITERIA_HEADER)]
    others = [p for p in pages if p.text.startswith("Role Organisation Fit Why")]
    assert len(criteria) + len(others) == len(pages) - 1, [p.text[:60] for p in pages]
    assert len(criteria) <= 4 and len(others) == 1
    everything = " ".join(p.text for p in pages)
    assert [i for i in range(len(v.criteria)) if end(f"e{i}") not in everything] == []


@dataclass(frozen=True)
class PrintedWorkbook:
    path: Path
    pages: list[Page]
    sheets: dict[str, list[Page]]  # each sheet's pages: those that start with its header row
    totals: dict[str, float]  # the tool's own total for each application that has one


def plain(text: object) -> str:
    """Text as printed: whitespace run together, and a word broken at its hyphen joined again
    (a wrapped "application-stage" prints as "application- stage")."""
    return " ".join(str(text).split()).replace("- ", "-")


@pytest.fixture(scope="module")
def shortlist_print(
    calc: None, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> PrintedWorkbook:
    """The shortlist workbook, names included (one, "+Amina", would be a formula to a careless
    writer), printed once for the tests below."""
    folder = tmp_path_factory.mktemp("shortlist-print")
    path, result = build_shortlist_workbook(catalogue, folder, personal=True)
    pages = printed(path, folder)
    book = load_workbook(path)
    sheets = {}
    for sheet in book:
        header = plain(" ".join(str(v) for v in next(sheet.iter_rows(values_only=True)) if v))
        sheets[sheet.title] = [p for p in pages if plain(p.text).startswith(header)]
    totals = {
        d.application_id: d.total
        for d in result.decisions  # type: ignore[attr-defined]
        if d.total is not None
    }
    return PrintedWorkbook(path, pages, sheets, totals)


def test_the_shortlist_workbook_prints_every_sheet_under_its_header_row_with_the_tools_figures(
    shortlist_print: PrintedWorkbook,
) -> None:
    """What a unit test once checked as "a PDF of more than 10 kB": LibreOffice opens the
    workbook and prints each sheet, landscape, its header row at the top of every page, with
    the vacancy's facts and the tool's figures; a name beginning "+" prints as typed."""
    book = shortlist_print
    assert all(p.landscape for p in book.pages)
    assert [name for name, pages in book.sheets.items() if pages] == SHEETS
    assert sum(len(pages) for pages in book.sheets.values()) == len(book.pages)

    (summary,) = book.sheets["Summary"]
    for line in (
        "Vacancy Housing Income Management Officer",
        "Organisation Darlington Borough Council",
        "Closing date 30 January 2026",
        "Exported by Hilary HR",
        "Exported on (UK time) 3 February 2026 at 10:30",
        "All applications 17",
        "Shortlisted on merit 3",
        "Tied at the cut-off: the panel decides 2",
    ):
        assert line in summary.text, line

    (shortlist,) = book.sheets["Shortlist"]
    assert "D001 '+Amina Hassan amina@example.org Shortlisted on merit 63" in shortlist.text
    assert "total 63, ranked 1 of 13." in shortlist.text

    # The score matrix's totals are formulas: LibreOffice works each out to the tool's figure.
    (matrix,) = book.sheets["Score matrix"]
    assert len(book.totals) == 16  # every application but D013, withdrawn
    for reference, total in book.totals.items():
        row = re.search(rf"{reference}((?: \d+)+)(?= D\d{{3}}| \w|$)", matrix.text)
        assert row is not None, reference
        assert row.group(1).split()[-1] == f"{total:g}", (reference, row.group(0))

    assert len(book.sheets["Panel scores"]) > 1  # 716 scores: the header on every page


@pytest.mark.parametrize("sheet", SHEETS)
def test_the_shortlist_workbook_prints_every_text_to_its_last_word(
    shortlist_print: PrintedWorkbook, sheet: str
) -> None:
    """Every text the sheet holds is on its printed pages, whole: none is cut at the edge of
    its column by the cell beside it."""
    text = " ".join(plain(p.text) for p in shortlist_print.sheets[sheet])
    cells = load_workbook(shortlist_print.path)[sheet].iter_rows()
    missing = [
        (c.coordinate, c.value)
        for row in cells
        for c in row
        if isinstance(c.value, str) and not c.value.startswith("=") and plain(c.value) not in text
    ]
    assert missing == []
