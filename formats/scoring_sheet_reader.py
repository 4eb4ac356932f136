"""Reading a returned scoring sheet: every cell checked, each problem named by sheet, cell and
value; nothing returned half-read. Bounded: the file is held to its limits before openpyxl
opens it (formats/scoring_sheet_parts.py, on the scan every workbook reader shares), read in
openpyxl's read-only mode, and its rows and cells checked as they are read, stopping at the
first over a limit. A sheet saved by LibreOffice as .ods is read by
formats/scoring_sheet_ods.py, within the same limits. Either way its rows are held to the same
checks (formats/scoring_sheet_rows.py). The sheet's layout is
scoring/words/scoring_sheet_layout.py, shared with its writer (exports/scoring_sheet.py)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from openpyxl import load_workbook

from formats import scoring_sheet_parts
from formats.limits import Limits
from formats.ods_files import is_ods
from formats.scoring_sheet_ods import ods_sheets
from formats.scoring_sheet_parts import check_bounds
from formats.scoring_sheet_problems import (
    ScoringSheetError,
    SheetProblem,
    too_many_rows,
    unreadable,
)
from formats.scoring_sheet_rows import SheetScore, scores_of
from scoring.rules.scheme import Scale
from scoring.words.scoring_sheet_layout import ABOUT, COLUMNS, DRAWN, SCORES

__all__ = ["SheetScore", "read_scoring_sheet"]
WIDTH = len(COLUMNS) + len(DRAWN)


def read_scoring_sheet(
    data: bytes,
    *,
    vacancy_id: int,
    member: str,
    expected: Iterable[tuple[str, str]],
    scale: Scale,
    key: bytes,
    limits: Limits | None = None,
) -> list[SheetScore]:
    """Every non-blank score in the sheet. Any problem anywhere raises ScoringSheetError with
    all of them; nothing is returned half-read. `key` checks each row's signature (the key the
    sheet was written with). `limits` default to SHEET_LIMITS."""
    limits = limits or scoring_sheet_parts.SHEET_LIMITS
    if len(data) <= limits.file_bytes and data[:4] != b"PK\x03\x04":
        raise ScoringSheetError(
            [
                SheetProblem(
                    "file",
                    "",
                    None,
                    "is not an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods); give back the scoring sheet as it was downloaded, or as Excel or LibreOffice saved it.",
                )
            ]
        )
    if is_ods(data):  # saved by LibreOffice in its own format
        names, rows = ods_sheets(data, limits, (SCORES, ABOUT), WIDTH)
        return scores_of(names, rows, vacancy_id, member, expected, scale, key)
    check_bounds(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged workbook: openpyxl raises many kinds
        raise unreadable(exc) from None
    try:
        return scores_of(
            book.sheetnames,
            lambda name, last: enumerate(_values(book[name], limits, last), start=1),
            vacancy_id,
            member,
            expected,
            scale,
            key,
        )
    finally:
        book.close()


def _values(sheet: Any, limits: Limits, max_row: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as openpyxl reads them (the size the sheet states is not trusted),
    each cell's length checked; refused at the first row over the limit."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_row=max_row, max_col=WIDTH, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # broken XML inside the sheet
            raise unreadable(exc) from None
        number += 1
        if number > limits.rows + 1:  # the header, then the rows
            raise too_many_rows(limits)
        for column, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise ScoringSheetError(
                    [
                        SheetProblem(
                            sheet.title,
                            f"{'ABCDEFGH'[column]}{number}",
                            None,
                            f"is {len(value):,} characters long; the most a cell may hold is {limits.cell_chars:,}.",
                        )
                    ]
                )
        yield values
