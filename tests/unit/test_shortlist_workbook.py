"""The shortlist workbook, read back with openpyxl: every sheet, its contents and types, and
no formula anywhere but the totals written on purpose."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

import exports.shortlist_workbook as workbook_module
from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.build import export_from_result
from exports.model import ShortlistExport
from exports.shortlist_workbook import write_shortlist_workbook
from formats.interchange import read_agreed_scores, read_applications, read_panel_scores
from scoring.applications import PersonalDetails
from scoring.rules.decisions import merge_decisions
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from tests.factories import DARTFORD_POLICY
from tests.workbook_data import INCOMPLETE, WITHDRAWN, export_with_gaps

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)
WHEN = datetime(2026, 2, 3, 10, 30, tzinfo=UTC)
SHEETS = [
    "Summary",
    "Shortlist",
    "Not shortlisted",
    "Score matrix",
    "Criteria",
    "Panel scores",
    "Guaranteed interviews",
    "Audit",
]


def build(
    catalogue: Catalogue, tmp_path: Path, *, personal: bool = False, note: str = ""
) -> tuple[Path, object]:
    role = catalogue.role("darlington-housing-income-management-officer")
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)),
        Scheme(slots=4),
        date(2026, 1, 30),
    ).model_copy(update={"policy": DARTFORD_POLICY})  # Darlington records none; try Dartford's
    apps = read_applications(
        SAMPLE / "applications.csv", criterion_ids=[c.id for c in vacancy.criteria]
    )
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(SAMPLE / "panel_scores.csv", vacancy, ids)
    scores["note"] = scores["note"].astype(object)
    if note:
        scores.loc[0, "note"] = note
    agreed = read_agreed_scores(SAMPLE / "agreed_scores.csv", vacancy, ids)
    result = shortlist(vacancy, apps.applications, scores, agreed)
    names = dict(apps.personal)
    if personal:
        names["D001"] = PersonalDetails(
            first_name="+Amina", last_name="Hassan", email="amina@example.org"
        )
    data = export_from_result(
        result,
        merge_decisions(result, {}, finalised=False),
        scores,
        organisation="Darlington Borough Council",
        role_id=role.id,
        level=None,
        grade=None,
        exported_by="Hilary HR",
        exported_at=WHEN,
        personal=names if personal else None,
    )
    path = tmp_path / "shortlist.xlsx"
    write_shortlist_workbook(data, path)
    return path, result


def rows(book: Workbook, sheet: str) -> list[tuple[object, ...]]:
    return list(book[sheet].iter_rows(values_only=True))


def test_every_sheet_is_there_and_holds_what_it_should(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path, result = build(catalogue, tmp_path)
    book = load_workbook(path)
    assert book.sheetnames == SHEETS
    summary = {r[0]: r[1] for r in rows(book, "Summary") if r and r[0]}
    assert summary["Vacancy"] == "Housing Income Management Officer"
    assert summary["Organisation"] == "Darlington Borough Council"
    assert summary["Exported by"] == "Hilary HR"
    assert summary["Exported on (UK time)"] == "3 February 2026 at 10:30"  # GMT in February
    assert summary["Closing date"] == "30 January 2026"
    assert summary["Names and contact details"] == "not included (name-blind)"
    assert (
        summary["Shortlisted on merit"] == 3
        and summary["Tied at the cut-off: the panel decides"] == 2
    )
    assert summary["All applications"] == 17
    assert summary["Armed Forces Covenant"] == "5 claimed, 3 applied, 1 need information"
    assert summary["Interview schemes (policy)"].startswith("Dartford candidate packs 000 and 001")
    policy_rows = [r for r in rows(book, "Summary") if r and r[0] == "Armed Forces Covenant"]
    assert policy_rows[0][1] == (
        "3. guaranteed interview; any one route: serving and within 12 weeks of discharge; or "
        "long-term service in the armed forces within the last five years"
    )

    shortlist_rows = rows(book, "Shortlist")
    assert shortlist_rows[0] == ("Rank", "Reference", "Decision", "Schemes", "Total", "Reason")
    assert [r[1] for r in shortlist_rows[1:]] == [
        "D001",
        "D002",
        "D003",
        "D004",
        "D005",
        "D008",
        "D009",
        "D012",
        "D014",
        "D017",
    ]
    assert shortlist_rows[1][0] == 1 and shortlist_rows[1][4] == 63
    assert shortlist_rows[6][3] == "Disability Confident"

    regret = {r[0]: r for r in rows(book, "Not shortlisted")[1:]}
    assert regret["D007"][1] == "Not shortlisted"
    assert (
        regret["D007"][3]
        == "Not shortlisted: the panel found no evidence for essential criterion 7, an understanding and knowledge of the welfare benefits system including Universal Credit."
    )
    assert regret["D013"][1] == "Withdrawn"

    matrix = rows(book, "Score matrix")
    assert matrix[0][:3] == ("Reference", "1", "2")
    assert matrix[1][1:4] == ("Desirable", "Desirable", "Essential")
    assert matrix[2][1] == 1
    d001 = next(r for r in matrix if r[0] == "D001")
    assert all(isinstance(v, int | float) for v in d001[1:-2])
    assert matrix[0][-2:] == ("No total because", "Total")
    assert d001[-1] == '=IF($W4="",SUMPRODUCT($B$3:$V$3,B4:V4),"")' and d001[-2] is None
    essential_rules = [
        rule
        for area in book["Score matrix"].conditional_formatting
        for rule in area.rules
        if rule.operator == "beginsWith" and rule.text == "Essential"
    ]
    assert essential_rules and essential_rules[0].dxf.fill.bgColor.rgb.endswith("C00000")

    panel = rows(book, "Panel scores")
    assert panel[0] == ("Reference", "Criterion id", "Panel member", "Score", "Note")
    assert len(panel) - 1 == 716  # 17 x 21 x 2, and D003's two scores for criterion 21
    assert all(float(r[3]).is_integer() and 0 <= r[3] <= 4 for r in panel[1:])

    schemes = rows(book, "Guaranteed interviews")
    assert schemes[0][:5] == ("Reference", "Scheme", "Status", "Applied", "Why")
    d010 = next(r for r in schemes if r[0] == "D010")
    assert d010[2:4] == ("does not apply", "No")
    assert "more than 12 weeks after 20 January 2026" in d010[4]
    assert len(schemes) - 1 == sum(len(d.scheme_outcomes) for d in result.decisions)  # type: ignore[attr-defined]


def test_no_cell_is_a_formula_except_the_totals(catalogue: Catalogue, tmp_path: Path) -> None:
    path, _ = build(
        catalogue, tmp_path, personal=True, note='=HYPERLINK("http://evil.example","click")'
    )
    book = load_workbook(path)
    formulas = [
        (ws.title, c.coordinate)
        for ws in book
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    matrix = book["Score matrix"]
    assert formulas and all(
        sheet == "Score matrix" and matrix[coord].column == matrix.max_column
        for sheet, coord in formulas
    )
    note = next(c for c in book["Panel scores"]["E"] if c.value and "HYPERLINK" in str(c.value))
    assert note.value == '\'=HYPERLINK("http://evil.example","click")' and note.data_type == "s"
    name = next(c for c in book["Shortlist"]["C"] if c.value and "Amina" in str(c.value))
    assert name.value == "'+Amina Hassan" and name.data_type == "s"


def test_names_appear_only_when_hr_chooses_them(catalogue: Catalogue, tmp_path: Path) -> None:
    blind, _ = build(catalogue, tmp_path)
    text = " ".join(
        str(c)
        for ws in load_workbook(blind)
        for row in ws.iter_rows(values_only=True)
        for c in row
        if c
    )
    assert "Hassan" not in text and "@example.org" not in text
    (tmp_path / "named").mkdir()
    named, _ = build(catalogue, tmp_path / "named", personal=True)
    book = load_workbook(named)
    assert rows(book, "Shortlist")[0][:4] == ("Rank", "Reference", "Name", "E-mail")
    summary = {r[0]: r[1] for r in rows(book, "Summary") if r and r[0]}
    assert summary["Names and contact details"].startswith("included (HR's choice")
    assert book.properties.description == "Names and contact details included at HR's choice."


def test_the_sheets_are_finished_for_screen_and_print(catalogue: Catalogue, tmp_path: Path) -> None:
    path, _ = build(catalogue, tmp_path)
    book = load_workbook(path)
    shortlist_sheet = book["Shortlist"]
    assert shortlist_sheet.freeze_panes == "A2"
    assert shortlist_sheet.auto_filter.ref == "A1:F11"
    assert shortlist_sheet.column_dimensions["F"].width >= 90
    assert shortlist_sheet["F2"].alignment.wrap_text
    assert shortlist_sheet.print_title_rows == "$1:$1"
    assert shortlist_sheet.page_setup.orientation == "landscape"
    assert shortlist_sheet.page_setup.fitToWidth in (None, 1)  # one page wide (the default)
    assert shortlist_sheet.page_setup.fitToHeight == 0  # as many pages down as it takes
    assert shortlist_sheet.sheet_properties.pageSetUpPr.fitToPage
    assert book["Score matrix"].freeze_panes == "B4"
    assert book.properties.title == "Shortlist: Housing Income Management Officer"
    assert book.properties.creator == "Shortlisting tool"
    assert book.properties.lastModifiedBy == "Hilary HR"


def test_too_many_panel_scores_go_to_a_companion_csv_in_the_interchange_format(
    catalogue: Catalogue, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_module, "PANEL_SCORES_ROW_LIMIT", 100)
    role = catalogue.role("darlington-housing-income-management-officer")
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)),
        Scheme(slots=4),
        date(2026, 1, 30),
    ).model_copy(update={"policy": DARTFORD_POLICY})  # Darlington records none; try Dartford's
    apps = read_applications(SAMPLE / "applications.csv")
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(SAMPLE / "panel_scores.csv", vacancy, ids)
    result = shortlist(vacancy, apps.applications, scores)
    data = export_from_result(
        result,
        merge_decisions(result, {}, finalised=False),
        scores,
        organisation="D",
        role_id=role.id,
        level=None,
        grade=None,
        exported_by="x",
        exported_at=WHEN,
    )
    with pytest.raises(ValueError, match="companion CSV"):
        write_shortlist_workbook(data, tmp_path / "a.xlsx")
    written = write_shortlist_workbook(
        data, tmp_path / "a.xlsx", panel_scores_csv=tmp_path / "a.csv"
    )
    assert not written.panel_scores_in_workbook
    book = load_workbook(tmp_path / "a.xlsx")
    assert "Panel scores" not in book.sheetnames
    summary = {r[0]: r[1] for r in rows(book, "Summary") if r and r[0]}
    assert summary["Panel scores"].startswith(
        "716 rows: more than a worksheet holds; exported with this workbook as a.csv"
    )
    back = read_panel_scores(tmp_path / "a.csv", vacancy, ids)
    assert len(back) == len(scores)
    assert list(pd.read_csv(tmp_path / "a.csv", nrows=0).columns) == [
        "application_id",
        "criterion_id",
        "panel_member",
        "score",
        "note",
    ]


def test_the_totals_are_the_tools_own_even_to_a_reader_that_does_not_recalculate(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    """pandas and openpyxl's data_only read the cached results: the same figure as the tool's,
    and blank, with the reason beside it, exactly where the tool has no total."""
    data = export_with_gaps(catalogue)
    path = tmp_path / "gaps.xlsx"
    write_shortlist_workbook(data, path)
    tool = {line.reference: line.total for line in data.lines}
    assert tool[INCOMPLETE] is None and tool[WITHDRAWN] is None
    frame = pd.read_excel(path, sheet_name="Score matrix", skiprows=[1, 2], engine="calamine")
    shown = {
        str(ref): (None if total == "" or total != total else float(total))
        for ref, total in zip(frame["Reference"], frame["Total"], strict=True)
    }
    assert shown == tool
    why = dict(zip(frame["Reference"], frame["No total because"], strict=True))
    assert why[WITHDRAWN] == "withdrawn"
    assert why[INCOMPLETE] == "scoring incomplete: 2 of 21 criteria have no agreed score"
    cached = load_workbook(path, data_only=True)["Score matrix"]
    assert [cached.cell(r, cached.max_column).value for r in (2, 3)] == [None, None]
    summary = {r[0]: r[1] for r in rows(load_workbook(path), "Summary") if r and r[0]}
    assert summary["Exported on (UK time)"] == "1 July 2026 at 10:00"  # 09:00 UTC, in BST


TABLE_SHEETS = [s for s in SHEETS if s != "Summary"]  # the Summary is a page, not a table


def numeric_columns_hold_only_numbers_or_empty_cells(path: Path) -> dict[str, list[str]]:
    """Per sheet, the cells of a numeric column (one holding a number below its header) that
    are neither a number nor truly empty: text, or a formula whose cached result is text. Both
    sort above every number when the column is sorted largest first."""
    values, cached = load_workbook(path), load_workbook(path, data_only=True)
    bad: dict[str, list[str]] = {}
    for name in TABLE_SHEETS:
        sheet, shown = values[name], cached[name]
        top = 3 if name == "Score matrix" else 1  # the header rows
        for column in sheet.iter_cols(min_row=top + 1):
            results = [shown[c.coordinate].value for c in column]
            if not any(isinstance(v, int | float) for v in results):
                continue
            bad[name] = bad.get(name, []) + [
                c.coordinate
                for c, v in zip(column, results, strict=True)
                if not (isinstance(v, int | float) or (v is None and c.value is None))
            ]
    return {name: cells for name, cells in bad.items() if cells}


@pytest.fixture(scope="module")
def gaps(catalogue: Catalogue) -> ShortlistExport:
    return export_with_gaps(catalogue)


def test_every_numeric_column_holds_numbers_or_truly_empty_cells(
    gaps: ShortlistExport, tmp_path: Path
) -> None:
    """Issue 29, item 6: the Total of a withdrawn or incomplete application was a formula
    showing "" (text, which Excel and LibreOffice sort above 37.5)."""
    path = tmp_path / "gaps.xlsx"
    write_shortlist_workbook(gaps, path)
    assert numeric_columns_hold_only_numbers_or_empty_cells(path) == {}


@settings(max_examples=8)
@given(st.sets(st.integers(0, 16), max_size=17))
def test_a_missing_total_is_an_empty_cell_and_every_other_the_tools_figure(
    gaps: ShortlistExport, tmp_path_factory: pytest.TempPathFactory, without: set[int]
) -> None:
    """Wherever the tool has no total, the Total is a truly empty cell (no formula, no
    value); elsewhere a formula whose cached result is the tool's figure."""
    lines = tuple(replace(x, total=None) if i in without else x for i, x in enumerate(gaps.lines))
    path = tmp_path_factory.mktemp("gaps") / "gaps.xlsx"
    write_shortlist_workbook(replace(gaps, lines=lines), path)
    formulas, results = (
        load_workbook(path, read_only=True, data_only=cached)["Score matrix"]
        for cached in (False, True)
    )
    tool = {x.reference: x.total for x in lines}
    written = {r[0]: r[-1] for r in formulas.iter_rows(min_row=4, values_only=True)}
    shown = {r[0]: r[-1] for r in results.iter_rows(min_row=4, values_only=True)}
    assert shown == tool
    assert {ref for ref, f in written.items() if f is None} == {
        r for r, t in tool.items() if t is None
    }
