"""Reading an uploaded CSV, XLSX or ODS file as a table of text, with every limit checked while
reading and before anything large is built: the file's bytes, a workbook's bytes once
decompressed (a zip bomb stops at the cap), the rows, each cell's length. A CSV file is
decoded as it is read, split at the separator its header shows (comma, semicolon or tab:
formats/csv_dialect.py); an ODS file streams through formats/ods_files.py; a workbook's parts
are checked as they stream before calamine opens it (formats/xlsx_parts.py). The limits and
refusals are at the foot (formats/limits.py, formats/refusals.py). Formula cells and NUL bytes are refused, named by sheet, row
and column (a yes/no cell LibreOffice turned into =TRUE() or =FALSE() is read as its value:
formats/xlsx_formulas.py). A workbook's sheet: the one named as asked, in any case, else the
first (formats/sheet_names.py). The frame's index is the row as a spreadsheet shows it (the
header is row 1; blank lines count)."""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace

import pandas as pd
from python_calamine import CalamineWorkbook

from formats.csv_dialect import SAVE_AS_CSV
from formats.csv_files import check_cell, check_row, csv_rows
from formats.csv_shape import RowShape
from formats.limits import LIMITS, MB, Limits, Table
from formats.ods_files import is_ods, read_ods
from formats.problems import InterchangeError
from formats.refusals import damaged, fail, too_many_rows
from formats.sheet_names import chosen_sheet, fallback_note
from formats.xlsx_parts import check_workbook

__all__ = ["LIMITS", "Limits", "read_table"]  # the limits, with the reader that holds them


def read_table(
    data: bytes,
    name: str,
    sheet: str | None = None,
    limits: Limits = LIMITS,
    *,
    columns: Collection[str] = (),
    shape: RowShape = RowShape(),  # noqa: B008  (frozen)
) -> pd.DataFrame:
    """A CSV, XLSX or ODS file as a frame of text (dates kept as dates), headers normalised,
    indexed by spreadsheet row number. `columns`, the names the format knows, tell a CSV
    file's separator (formats/csv_dialect.py); `shape`, what its rows look like, lets a CSV
    file's cell that took in rows of its own be refused (formats/csv_files.py)."""
    if len(data) > limits.file_bytes:
        raise fail(
            name,
            f"is {len(data) / MB:.0f} MB; the most the tool reads at once is "
            f"{limits.file_bytes // MB} MB. Split it into smaller files.",
        )
    if not data or data.isspace():  # (strip() would copy the whole file)
        raise fail(name, "is empty: it needs a header row and one row per record.")
    is_zip = data[:4] == b"PK\x03\x04"
    note = ""  # which sheet was read, when not the one named
    if is_ods(data) or name.lower().endswith(".ods"):
        if not is_ods(data):
            raise fail(
                name,
                "is not an OpenDocument spreadsheet (.ods); save it from LibreOffice as .ods, or as CSV UTF-8.",
            )
        (header, rows, header_row), note = _ods_rows(data, name, sheet, limits)
    elif name.lower().endswith((".xlsx", ".xlsm")):
        if not is_zip:
            raise fail(
                name,
                "is not an Excel workbook (.xlsx); save it from Excel as .xlsx or as CSV UTF-8.",
            )
        (header, rows, header_row), note = _xlsx_rows(data, name, sheet, limits)
    elif name.lower().endswith(".xls"):
        raise fail(name, "is an old Excel 97-2003 file; save it as .xlsx or as CSV UTF-8.")
    else:
        if is_zip:
            raise fail(
                name,
                "looks like an Excel workbook; give it an .xlsx name or save it as CSV. "
                + SAVE_AS_CSV,
            )
        header, rows, header_row = csv_rows(data, name, limits, columns, shape)
    with _noted(note):
        frame = _frame(name, header, rows, header_row)
    if note:
        frame.attrs["sheet_note"] = note  # said with a problem in the columns
    return frame


DATA_LIKE = re.compile(r"[-+]?\d+([.,]\d+)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|.*@.*")


def _frame(
    name: str, header: list[object], rows: list[tuple[int, list[object]]], header_row: int
) -> pd.DataFrame:
    columns = [str(c).strip().lower() if c is not None else "" for c in header]
    while columns and columns[-1] == "":
        columns.pop()  # trailing empty header cells
    no_header = (
        "has no header row: its first row must name the columns (for example application_id)."
    )
    if not any(columns):
        raise fail(name, no_header, header_row)
    unnamed = [i + 1 for i, c in enumerate(columns) if not c]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if (unnamed or repeated) and _record_like(header):  # a record where the header should be
        raise fail(name, f"{no_header} It starts with a record instead.", header_row)
    if unnamed:
        raise fail(
            name,
            f"has a column with no name (column {unnamed[0]}); name it or delete it.",
            header_row,
        )
    if repeated:
        raise fail(name, f"repeats column(s) {', '.join(repeated)}; keep one of each.", header_row)
    width = len(columns)
    kept: list[list[object]] = []
    numbers: list[int] = []
    for number, values in rows:
        extra = [v for v in values[width:] if v not in (None, "")]
        if extra:
            raise fail(
                name,
                f"has more cells than the header names (from column {width + 1}); remove them or name the column.",
                number,
            )
        cells = (list(values) + [""] * width)[:width]
        if all(v in (None, "") for v in cells):
            continue  # a blank line: its number still counts
        kept.append(["" if v is None else v for v in cells])
        numbers.append(number)
    if not kept:
        raise fail(name, "has a header but no rows.")
    frame = pd.DataFrame(kept, columns=columns, index=pd.Index(numbers, name="row"), dtype=object)
    frame.attrs["header_row"] = header_row  # where a problem with the columns is
    return frame


def _record_like(header: list[object]) -> bool:
    """A number, a date or an e-mail address: a value no column is named."""
    return any(
        DATA_LIKE.fullmatch(v.strip()) if isinstance(v, str) else v is not None for v in header
    )


# --- Workbooks (XLSX, ODS) ----------------------------------------------------------------------


def _xlsx_rows(data: bytes, name: str, sheet: str | None, limits: Limits) -> tuple[Table, str]:
    chosen = check_workbook(data, name, sheet, limits)  # every part, as it streams
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # calamine reads the index as the check did, else the part checked is not the one read
        found = book.get_sheet_by_name(chosen) if chosen in book.sheet_names else None
    except Exception as exc:  # a damaged or encrypted workbook
        raise damaged(name, type(exc).__name__) from None
    if found is None:
        raise damaged(name, "its list of sheets is inconsistent")
    # calamine yields the sheet's rows from row 1
    numbered = ((i + 1, values) for i, values in enumerate(_iter(found)))
    note = fallback_note(book.sheet_names, sheet, chosen)
    with _noted(note):
        return _split(numbered, name, limits), note


def _ods_rows(data: bytes, name: str, sheet: str | None, limits: Limits) -> tuple[Table, str]:
    book = read_ods(data, name, [sheet] if sheet else [], limits)
    if not book.names:
        raise fail(name, "has no sheets. Save it again from LibreOffice as .ods, or as CSV.")
    chosen = chosen_sheet(book.names, sheet)  # by name in any case, else the first
    note = fallback_note(book.names, sheet, chosen)
    with _noted(note):
        return _split(book.rows[chosen], name, limits), note


@contextmanager
def _noted(note: str) -> Iterator[None]:
    """A refusal of a sheet other than the one named says which sheet was read, and why."""
    try:
        yield
    except InterchangeError as exc:
        if not note:
            raise
        raise InterchangeError(
            [replace(p, message=f"{p.message} (It was {note}.)") for p in exc.problems]
        ) from None


def _split(numbered: Iterable[tuple[int, list[object]]], name: str, limits: Limits) -> Table:
    """A sheet's rows as its header and its records, every cell checked."""
    header: list[object] | None = None
    rows: list[tuple[int, list[object]]] = []
    for number, values in numbered:
        if header is None:
            if all(v in (None, "") for v in values):
                continue
            header, header_row = list(values), number
            continue
        if len(rows) >= limits.rows and any(v not in (None, "") for v in values):
            raise too_many_rows(name, limits)
        check_row(name, values, number, header, limits)
        rows.append((number, list(values)))
    if header is None:
        raise fail(name, "is empty: it needs a header row and one row per record.")
    for field in header:
        check_cell(name, field, header_row, "header", limits)
    return header, rows, header_row


def _iter(sheet: object) -> Iterator[list[object]]:
    for values in sheet.iter_rows():  # type: ignore[attr-defined]
        yield list(values)
