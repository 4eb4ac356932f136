"""A returned scoring sheet read by calamine when it is plain (formats/scoring_sheet_calamine.py)
gives exactly the rows the streaming reader gives, whatever the values and wherever the rows;
a sheet that is not plain (a formula, an error, a date, a cell outside the sheet's columns, a
cell too long) is left to the streaming reader, from the start or from the row it reached, and
reads the same."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ERROR_CODES

from formats.limits import Limits
from formats.scoring_sheet_calamine import NotPlain, plain_rows
from formats.scoring_sheet_xlsx import XlsxSheets

WIDTH = 9
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
VALUES = (
    st.none()
    | TEXT
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
)
ROWS = st.dictionaries(
    st.integers(1, 400), st.lists(VALUES, min_size=1, max_size=WIDTH), min_size=1, max_size=30
)


def workbook(rows: dict[int, list[Any]], *, edit: Any = None) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Scores"
    for number, values in rows.items():
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column).value = value
    if edit is not None:
        edit(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def both_ways(data: bytes) -> tuple[list[Any], list[Any]]:
    sheets = XlsxSheets(data, Limits(), WIDTH)
    return list(sheets.rows("Scores", None)), list(sheets._streamed("Scores", None))


def is_plain(data: bytes, limits: Limits | None = None) -> bool:
    sheets = XlsxSheets(data, limits or Limits(), WIDTH)
    try:
        list(plain_rows(data, sheets.parts["Scores"], "Scores", WIDTH, limits or Limits()))
    except NotPlain:
        return False
    return True


@settings(max_examples=80, deadline=None)
@given(rows=ROWS)
def test_a_plain_sheet_read_by_calamine_gives_the_streamed_rows(rows: dict[int, list[Any]]) -> None:
    data = workbook(rows)
    # openpyxl, as Excel, makes "=..." a formula and "#N/A" an error: those are streamed
    made_otherwise = any(
        isinstance(v, str) and ((v.startswith("=") and len(v) > 1) or v in ERROR_CODES)
        for values in rows.values()
        for v in values
    )
    assert is_plain(data) is not made_otherwise
    read, streamed = both_ways(data)
    assert read == streamed


def _formula(sheet: Any) -> None:
    sheet["E40"] = "=1+2"


def _error(sheet: Any) -> None:
    sheet["E40"] = "#N/A"  # openpyxl, as Excel, keeps it as an error cell


def _date(sheet: Any) -> None:
    sheet["E40"] = 45000
    sheet["E40"].number_format = "DD/MM/YYYY"


def _beyond(sheet: Any) -> None:
    sheet["J40"] = "typed beside the sheet"


@pytest.mark.parametrize("edit", [_formula, _error, _date, _beyond])
def test_a_sheet_that_is_not_plain_is_streamed_and_reads_the_same(edit: Any) -> None:
    rows = {n: [f"P{n:05d}", "c1", "text", "Essential", n % 4] for n in range(1, 80)}
    data = workbook(rows, edit=edit)
    assert not is_plain(data)
    read, streamed = both_ways(data)
    assert read == streamed and len(read) == 79


def test_a_cell_longer_than_a_cell_may_be_is_left_to_the_streaming_reader() -> None:
    rows = {n: [f"P{n:05d}", "x" * (30 if n == 50 else 3)] for n in range(1, 80)}
    data = workbook(rows)
    short = Limits(cell_chars=20)
    assert not is_plain(data, short)
    with pytest.raises(Exception, match="characters long"):
        list(XlsxSheets(data, short, WIDTH).rows("Scores", None))
