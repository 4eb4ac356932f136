"""Offline scoring sheets: export, fill as a panel member would, re-import: lossless. Every
malformed return is refused with sheet, cell and value named."""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook, load_workbook

from exports.scoring_sheet import SheetApplication, write_scoring_sheet
from formats.scoring_sheet_problems import ScoringSheetError
from formats.scoring_sheet_reader import read_scoring_sheet
from scoring.rules.scheme import SCALES
from tests.factories import criterion

CRITERIA = [
    criterion("c1", number=1, text="Experience of rent recovery"),
    criterion("c2", "desirable", text="=not a formula criterion"),
]
APPS = [
    SheetApplication(
        "P00002", "I collected arrears.", {"c1": "Two years at a housing association"}
    ),
    SheetApplication("P00001", "=1+1 is my favourite sum", {}),
]
EXPECTED = [(a.panel_code, c.id) for a in APPS for c in CRITERIA]
SCALE = SCALES["0-3"]
KEY = b"the deployment's key for scoring sheets"


def export(
    existing: dict[tuple[str, str], tuple[int, str, int]] | None = None, **overrides: object
) -> bytes:
    """The sample sheet for rpatel, with any of write_scoring_sheet's arguments replaced."""
    out = io.BytesIO()
    arguments: dict[str, object] = {
        "vacancy_id": 7,
        "vacancy_title": "Housing Income Officer",
        "member": "rpatel",
        "member_name": "R Patel",
        "criteria": CRITERIA,
        "scale": SCALE,
        "applications": APPS,
        "existing": existing or {},
        "key": KEY,
    }
    write_scoring_sheet(out, **(arguments | overrides))  # type: ignore[arg-type]
    return out.getvalue()


def fill(data: bytes, change: Callable[[Workbook], None]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes, **overrides: object) -> list[tuple[str, str, int, str]]:
    kwargs: dict[str, object] = {
        "vacancy_id": 7,
        "member": "rpatel",
        "expected": EXPECTED,
        "scale": SCALE,
        "key": KEY,
    }
    kwargs.update(overrides)
    return [
        (s.panel_code, s.criterion_id, s.score, s.note) for s in read_scoring_sheet(data, **kwargs)
    ]  # type: ignore[arg-type]


def score_all(book: Workbook) -> None:
    sheet = book["Scores"]
    for row, value, note in (
        (2, 3, "Strong"),
        (3, 0, ""),
        (4, 2, '=HYPERLINK("x") looked odd'),
        (5, 1, "-"),
    ):
        sheet.cell(row, 5).value = value
        cell = sheet.cell(row, 6)
        cell.value = note or None
        cell.data_type = "s"


def test_a_filled_sheet_reads_back_exactly_as_the_member_filled_it() -> None:
    data = fill(export(), score_all)
    assert read(data) == [
        ("P00002", "c1", 3, "Strong"),
        ("P00002", "c2", 0, ""),
        ("P00001", "c1", 2, '=HYPERLINK("x") looked odd'),
        ("P00001", "c2", 1, "-"),
    ]


def test_the_round_trip_is_lossless_through_a_second_export() -> None:
    first = read(fill(export(), score_all))
    again = export({(code, crit): (score, note, 1) for code, crit, score, note in first})
    assert read(again) == first


def test_the_sheet_is_laid_out_for_scoring() -> None:
    book = load_workbook(io.BytesIO(export({("P00002", "c1"): (2, "ok", 1)})))
    assert book.sheetnames == ["How to score", "Scores", "Evidence", "About"]
    assert book["About"].sheet_state == "hidden"
    scores = book["Scores"]
    assert [c.value for c in scores[1]] == [
        "Panel code",
        "Criterion id",
        "Criterion",
        "Essential?",
        "Score",
        "Note",
        "Version",
        "Downloaded",
        "Signature",
    ]
    assert all(scores.column_dimensions[c].hidden for c in "GHI")
    assert scores["G2"].value == 1
    assert (scores["A2"].value, scores["E2"].value, scores["F2"].value) == ("P00002", 2, "ok")
    (validation,) = scores.data_validations.dataValidation
    assert (validation.type, validation.formula1, validation.formula2) == ("whole", "0", "3")
    assert str(validation.sqref) == "E2:E5"
    # protected, the header locked; the rows unlocked so that the toolbar's sort works
    assert scores.protection.sheet and scores["A1"].protection.locked
    assert not scores.protection.sort and not scores.protection.autoFilter  # allowed
    assert [
        c.coordinate for row in scores.iter_rows(min_row=2) for c in row if c.protection.locked
    ] == []
    evidence = book["Evidence"]
    assert [[c.value for c in r] for r in evidence.iter_rows()] == [
        ["Panel code", "Evidence for", "Evidence"],
        ["P00002", "Supporting statement", "I collected arrears."],
        [
            "P00002",
            "Answer to c1: Experience of rent recovery",
            "Two years at a housing association",
        ],
        ["P00001", "Supporting statement", "'=1+1 is my favourite sum"],  # no answers given
    ]
    assert evidence["C4"].data_type == "s" and evidence.protection.sheet
    formulas = [
        c.coordinate for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


def set_cell(sheet: str, cell: str, value: object) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        book[sheet][cell].value = value

    return change


def delete_sheet(name: str) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        del book[name]

    return change


def add_row(values: list[object]) -> Callable[[Workbook], None]:
    def change(book: Workbook) -> None:
        book["Scores"].append(values)

    return change


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            set_cell("Scores", "E3", 4),
            "Scores!E3 '4': is not on the 0-3 evidence scale; type a whole number from 0 to 3.",
        ),
        (set_cell("Scores", "E3", 2.5), "Scores!E3 '2.5': is not on the 0-3 evidence scale"),
        (set_cell("Scores", "E3", "two"), "Scores!E3 'two': is not on the 0-3 evidence scale"),
        (
            set_cell("Scores", "E3", "=1+1"),
            "Scores!E3 '=1+1': is a formula; the sheet takes the score itself",
        ),
        (
            set_cell("Scores", "A3", "P00099"),
            "Scores!A3 'P00099 / c2': is not an application and criterion of this sheet as it was exported",
        ),
        (
            add_row(["P00003", "c1", "Extra", "Essential", 2, None]),
            "Scores!A6 'P00003 / c1': is not an application and criterion",
        ),
        (
            add_row(["P00002", "c1", "Copied", "Essential", 1, None]),
            "Scores!A6 'P00002 / c1': repeats row 2",
        ),
        (delete_sheet("Scores"), "Scores: the sheet is missing; download a fresh scoring sheet"),
        (delete_sheet("About"), "About: the sheet is missing"),
        (set_cell("Scores", "A1", "Code"), "Scores!A1: the header row was changed"),
        (
            set_cell("About", "B3", "sokafor"),
            "About!B3 'sokafor': this sheet belongs to another panel member, not rpatel.",
        ),
        (
            set_cell("About", "B2", 8),
            "About!B2 '8': this sheet is for another vacancy, not vacancy 7.",
        ),
    ],
)
def test_a_malformed_return_is_refused_naming_sheet_cell_and_value(
    change: Callable[[Workbook], None], message: str
) -> None:
    data = fill(export(), lambda book: (score_all(book), change(book)))
    with pytest.raises(ScoringSheetError) as refused:
        read(data)
    assert any(str(p).startswith(message) for p in refused.value.problems), [
        str(p) for p in refused.value.problems
    ]


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(ScoringSheetError, match="is not an Excel workbook"):
        read(b"application_id,score\nP1,2\n")


def test_blank_scores_are_left_unscored() -> None:
    data = fill(export(), set_cell("Scores", "E2", 2))
    assert read(data) == [("P00002", "c1", 2, "")]


LONG = "I agreed payment plans with tenants in arrears and kept case notes for court. "  # 78


def long_sheet(**kwargs: object) -> Workbook:
    data = export(
        criteria=[
            criterion("c1", number=1, text="Experience of rent recovery " * 8),
            *CRITERIA[1:],
        ],
        applications=[
            SheetApplication("P00001", LONG * 100, {"c1": LONG * 6}),  # a 7,800-character statement
            *APPS[:1],
        ],
        **kwargs,
    )
    return load_workbook(io.BytesIO(data))


def test_rows_of_long_text_are_as_tall_as_their_text_on_the_protected_sheets() -> None:
    book = long_sheet()
    scores = book["Scores"]
    assert scores.protection.sheet  # the member cannot make a row taller
    long_criterion = scores.cell(2, 3)
    assert long_criterion.alignment.wrap_text and len(long_criterion.value) > 200
    # over 200 characters in a column 70 wide: at least three lines
    assert scores.row_dimensions[2].height >= 3 * 15
    assert scores.row_dimensions[3].height is None  # one line: the default height
    evidence = book["Evidence"]
    assert evidence.protection.sheet
    rows = list(evidence.iter_rows(min_row=2))
    statement = [r for r in rows if r[0].value == "P00001" and "statement" in r[1].value]
    # too long for one row (Excel's tallest is 409 points): over several, nothing left out
    assert [r[1].value for r in statement] == ["Supporting statement"] + [
        "Supporting statement (continued)"
    ] * (len(statement) - 1)
    assert len(statement) > 1 and " ".join(r[2].value for r in statement) == LONG * 100
    width = evidence.column_dimensions["C"].width
    for r in statement:
        lines = math.ceil(len(r[2].value) / (width * 1.15))  # about 1.15 characters a unit
        assert evidence.row_dimensions[r[0].row].height >= min(lines * 15, 409)
        assert r[2].alignment.wrap_text
    answer = next(r for r in rows if r[1].value.startswith("Answer to c1"))
    assert evidence.row_dimensions[answer[0].row].height >= 5 * 15  # 468 characters, width 100


def test_header_columns_are_wide_enough_for_their_headers() -> None:
    book = long_sheet()
    for name in ("Scores", "Evidence"):
        sheet = book[name]
        for heading in sheet[1]:
            width = sheet.column_dimensions[heading.column_letter].width
            assert width >= len(heading.value), f"{name}!{heading.coordinate}"


def test_every_sheet_a_member_prints_is_set_up_landscape_at_full_width() -> None:
    book = long_sheet()
    for name in ("How to score", "Scores", "Evidence"):
        sheet = book[name]
        assert sheet.page_setup.orientation == "landscape", name
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0), name
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
    assert book["Scores"].print_title_rows == "$1:$1"
    assert book["Evidence"].print_title_rows == "$1:$1"


def test_the_time_the_sheet_was_made_shows_on_uk_clocks() -> None:
    how = long_sheet(made_at=datetime(2026, 7, 1, 9, 0, tzinfo=UTC))["How to score"]
    assert how["A2"].value == "Made on 01 July 2026, 10:00 (UK time)."
    assert all("Made on" not in str(c.value) for c in long_sheet()["How to score"]["A"])
