"""Reading an uploaded CSV file as rows of text: decoded as it is read (never the whole text at
once), in the first encoding that reads the whole file (UTF-8 with or without its byte-order
mark, UTF-16 with its mark, as Excel's "Unicode text" is, else Windows' cp1252), split at the
separator its header row shows (scoring/csv_dialect.py); every cell checked as it is read."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from scoring.csv_dialect import SAVE_AS_CSV, separator, unsplit_header
from scoring.workbook_parts import fail, too_many_rows

if TYPE_CHECKING:
    from scoring.spreadsheet_files import Limits, Table


def check_row(
    name: str, values: Sequence[object], number: int, header: Sequence[object], limits: Limits
) -> None:
    """Every cell of row `number`, each named by its header (or its column's position)."""
    for i, value in enumerate(values):
        column = str(header[i]) if i < len(header) else f"column {i + 1}"
        check_cell(name, value, number, column, limits)


def check_cell(name: str, value: object, number: int, column: str, limits: Limits) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise fail(
                name,
                "holds a NUL character (a byte no text has); save the file again as CSV UTF-8 or .xlsx.",
                number,
                column,
            )
        if len(value) > limits.cell_chars:
            raise fail(
                name,
                f"is {len(value):,} characters long; the most a cell may hold is {limits.cell_chars:,}.",
                number,
                column,
            )


ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")  # tried in turn; utf-16 only with its BOM
HEADER_CHARS = 1_000_000  # of the header row, enough to see its separator


def csv_rows(data: bytes, name: str, limits: Limits, columns: Collection[str]) -> Table:
    """Decoded as it is read (never the whole text at once), in the first encoding that reads
    the whole file, split at the separator its header row shows."""
    head = data[:4096]
    bom16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not bom16:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise fail(
                name,
                "looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8. "
                + SAVE_AS_CSV,
            )
        raise fail(name, "is not a text file; upload the CSV, XLSX or ODS file itself.")
    for encoding in ENCODINGS:
        if encoding == "utf-16" and not bom16:
            continue
        try:
            line = _header_line(_text(data, encoding))
            if problem := unsplit_header(line, columns):
                raise fail(name, problem)
            return _csv_records(_text(data, encoding), name, limits, separator(line, columns))
        except UnicodeError:
            continue
    raise fail(
        name, "is not in a text encoding the tool reads; save it as CSV UTF-8. " + SAVE_AS_CSV
    )


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding, newline="")


def _header_line(text: io.TextIOWrapper, lines: int = 1_000) -> str:
    """The first line that is not blank (the header row), at most HEADER_CHARS of it."""
    for _ in range(lines):
        line = text.readline(HEADER_CHARS)
        if line.strip() or not line:
            return line
    return ""


def _csv_records(text: io.TextIOWrapper, name: str, limits: Limits, delimiter: str) -> Table:
    csv.field_size_limit(limits.cell_chars + 1)
    reader = csv.reader(text, delimiter=delimiter)
    header: list[object] | None = None
    rows: list[tuple[int, list[object]]] = []
    line = 0  # the last line read: a record starts on the line after
    try:
        for record in reader:
            number, line = line + 1, reader.line_num
            if header is None:
                if not any(f.strip() for f in record):
                    continue  # blank lines before the header
                header = list(record)
                header_row = number
                continue
            if len(rows) >= limits.rows:
                raise too_many_rows(name, limits)
            check_row(name, record, number, header, limits)
            rows.append((number, list(record)))
    except csv.Error as exc:
        where = reader.line_num
        if "field larger than field limit" in str(exc):
            raise fail(
                name,
                f"has a cell longer than {limits.cell_chars:,} characters; the most a cell may hold is {limits.cell_chars:,}.",
                where,
            ) from None
        raise fail(
            name, f"is not a well-formed CSV file at line {where} ({exc}). {SAVE_AS_CSV}", where
        ) from None
    if header is None:
        raise fail(name, "is empty: it needs a header row and one row per record.")
    for field in header:
        check_cell(name, field, header_row, "header", limits)
    return header, rows, header_row
