"""Reading an uploaded CSV or XLSX file as a table of text, with every limit checked while
reading and before anything large is built: the file's bytes, a workbook's bytes once
decompressed (a zip bomb stops at the cap), the rows, each cell's length. Formula cells and
NUL bytes are refused, named by sheet, row and column. The frame's index is the row as a
spreadsheet shows it (the header is row 1; blank lines count)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import iterparse

import pandas as pd
from python_calamine import CalamineWorkbook

from scoring.problems import InterchangeError, Problem


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * 1024 * 1024
    unpacked_bytes: int = 200 * 1024 * 1024  # a workbook's parts, decompressed, in all
    rows: int = 50_000
    cell_chars: int = 100_000


LIMITS = Limits()
MB = 1024 * 1024


def fail(
    file: str, message: str, row: int | None = None, column: str | None = None
) -> InterchangeError:
    return InterchangeError([Problem(file, row, column, message)])


def read_table(
    data: bytes, name: str, sheet: str | None = None, limits: Limits = LIMITS
) -> pd.DataFrame:
    """A CSV or XLSX file as a frame of text (Excel dates kept as dates), headers normalised,
    indexed by spreadsheet row number."""
    if len(data) > limits.file_bytes:
        raise fail(
            name,
            f"is {len(data) / MB:.0f} MB; the most the tool reads at once is "
            f"{limits.file_bytes // MB} MB. Split it into smaller files.",
        )
    if not data.strip():
        raise fail(name, "is empty: it needs a header row and one row per record.")
    is_zip = data[:4] == b"PK\x03\x04"
    if name.lower().endswith((".xlsx", ".xlsm")):
        if not is_zip:
            raise fail(
                name,
                "is not an Excel workbook (.xlsx); save it from Excel as .xlsx or as CSV UTF-8.",
            )
        header, rows = _xlsx_rows(data, name, sheet, limits)
    elif name.lower().endswith(".xls"):
        raise fail(name, "is an old Excel 97-2003 file; save it as .xlsx or as CSV UTF-8.")
    else:
        if is_zip:
            raise fail(
                name, "looks like an Excel workbook; give it an .xlsx name or save it as CSV."
            )
        header, rows = _csv_rows(data, name, limits)
    return _frame(name, header, rows)


def _frame(name: str, header: list[object], rows: list[tuple[int, list[object]]]) -> pd.DataFrame:
    columns = [str(c).strip().lower() if c is not None else "" for c in header]
    while columns and columns[-1] == "":
        columns.pop()  # trailing empty header cells
    if not any(columns):
        raise fail(
            name,
            "has no header row: its first row must name the columns (for example application_id).",
            1,
        )
    unnamed = [i + 1 for i, c in enumerate(columns) if not c]
    if unnamed:
        raise fail(
            name, f"has a column with no name (column {unnamed[0]}); name it or delete it.", 1
        )
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise fail(name, f"repeats column(s) {', '.join(repeated)}; keep one of each.", 1)
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
    return pd.DataFrame(kept, columns=columns, index=pd.Index(numbers, name="row"), dtype=object)


def _check_cell(name: str, value: object, number: int, column: str, limits: Limits) -> None:
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


# --- CSV --------------------------------------------------------------------------------------
def _decode(data: bytes, name: str) -> str:
    head = data[:4096]
    bom16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not bom16:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise fail(
                name, "looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8."
            )
        raise fail(name, "is not a text file; upload the CSV or XLSX file itself.")
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        if encoding == "utf-16" and not bom16:
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise fail(name, "is not in a text encoding the tool reads; save it as CSV UTF-8.")


def _csv_rows(
    data: bytes, name: str, limits: Limits
) -> tuple[list[object], list[tuple[int, list[object]]]]:
    text = _decode(data, name)
    csv.field_size_limit(limits.cell_chars + 1)
    reader = csv.reader(io.StringIO(text, newline=""))
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
                raise fail(
                    name,
                    f"has more than {limits.rows:,} rows; the most the tool imports at once is {limits.rows:,}. Split it into smaller files.",
                )
            for i, value in enumerate(record):
                _check_cell(
                    name,
                    value,
                    number,
                    str(header[i]) if i < len(header) else f"column {i + 1}",
                    limits,
                )
            rows.append((number, list(record)))
    except csv.Error as exc:
        where = reader.line_num
        if "field larger than field limit" in str(exc):
            raise fail(
                name,
                f"has a cell longer than {limits.cell_chars:,} characters; the most a cell may hold is {limits.cell_chars:,}.",
                where,
            ) from None
        raise fail(name, f"is not a well-formed CSV file at line {where} ({exc}).", where) from None
    if header is None:
        raise fail(name, "is empty: it needs a header row and one row per record.")
    for field in header:
        _check_cell(name, field, header_row, "header", limits)
    return header, rows


# --- XLSX -------------------------------------------------------------------------------------
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def _unpacked(data: bytes, name: str, limits: Limits) -> dict[str, list[str]]:
    """Decompress every part with a running cap (a part's declared size can lie), and find
    the cells holding formulas: worksheet part -> cell references."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise fail(name, "cannot be opened as an Excel workbook (it is damaged).") from None
    total = 0
    formulas: dict[str, list[str]] = {}
    with archive:
        for info in archive.infolist():
            if info.file_size > limits.unpacked_bytes:
                raise _bomb(name, limits)
            try:
                with archive.open(info) as part:
                    chunks = []
                    while chunk := part.read(1024 * 1024):
                        total += len(chunk)
                        if total > limits.unpacked_bytes:
                            raise _bomb(name, limits)
                        if SHEET_PART.match(info.filename):
                            chunks.append(chunk)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
                raise fail(
                    name, f"cannot be opened as an Excel workbook ({type(exc).__name__})."
                ) from None
            if chunks:
                sheet = b"".join(chunks)
                if b"<f" in sheet:
                    formulas[info.filename] = _formula_cells(sheet)
    return formulas


def _bomb(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"unpacks to more than {limits.unpacked_bytes // MB} MB; a workbook of applications is far smaller. Save the sheet again as .xlsx or CSV without other content.",
    )


def _formula_cells(sheet: bytes) -> list[str]:
    found = []
    for _, element in iterparse(io.BytesIO(sheet), events=("end",)):
        if element.tag.endswith("}c") and any(child.tag.endswith("}f") for child in element):
            found.append(element.get("r") or "?")
        if element.tag.endswith("}row"):
            element.clear()
    return found


def _sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> worksheet part, from the workbook's own index."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            book = archive.read("xl/workbook.xml")
            rels = archive.read("xl/_rels/workbook.xml.rels")
        except KeyError:
            return {}
    targets = {}
    for _, element in iterparse(io.BytesIO(rels), events=("end",)):
        if element.tag.endswith("}Relationship"):
            target = (element.get("Target") or "").lstrip("/")
            targets[element.get("Id")] = target if target.startswith("xl/") else f"xl/{target}"
    parts = {}
    for _, element in iterparse(io.BytesIO(book), events=("end",)):
        if element.tag.endswith("}sheet"):
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
            if rid in targets:
                parts[element.get("name") or ""] = targets[rid]
    return parts


def _xlsx_rows(
    data: bytes, name: str, sheet: str | None, limits: Limits
) -> tuple[list[object], list[tuple[int, list[object]]]]:
    formulas = _unpacked(data, name, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # a damaged or encrypted workbook
        raise fail(name, f"cannot be opened as an Excel workbook ({type(exc).__name__}).") from None
    sheets = book.sheet_names
    if sheet is not None and sheet not in sheets and len(sheets) > 1:
        raise fail(
            name,
            f"has no sheet '{sheet}' (sheets: {', '.join(map(str, sheets))}); rename the sheet to '{sheet}'.",
        )
    chosen = sheet if sheet in sheets else sheets[0]
    cells = formulas.get(_sheet_parts(data).get(chosen, ""), [])
    if cells:
        ref = cells[0]
        column, row = re.match(r"([A-Z]*)(\d*)", ref).groups()  # type: ignore[union-attr]
        more = f" (and {len(cells) - 1} more)" if len(cells) > 1 else ""
        raise fail(
            name,
            f"sheet '{chosen}' has a formula in cell {ref}{more}; the tool reads values, not formulas. Copy the sheet and paste it as values only, then save.",
            int(row) if row else None,
            column or None,
        )
    found = book.get_sheet_by_name(chosen)
    header: list[object] | None = None
    rows: list[tuple[int, list[object]]] = []
    for index, values in enumerate(_iter(found)):
        number = index + 1  # calamine yields the sheet's rows from row 1
        if header is None:
            if all(v in (None, "") for v in values):
                continue
            header, header_row = list(values), number
            continue
        if len(rows) >= limits.rows and any(v not in (None, "") for v in values):
            raise fail(
                name,
                f"has more than {limits.rows:,} rows; the most the tool imports at once is {limits.rows:,}. Split it into smaller files.",
            )
        for i, value in enumerate(values):
            _check_cell(
                name,
                value,
                number,
                str(header[i]) if i < len(header) else f"column {i + 1}",
                limits,
            )
        rows.append((number, list(values)))
    if header is None:
        raise fail(name, "is empty: it needs a header row and one row per record.")
    for field in header:
        _check_cell(name, field, header_row, "header", limits)
    return header, rows


def _iter(sheet: object) -> Iterator[list[object]]:
    for values in sheet.iter_rows():  # type: ignore[attr-defined]
        yield list(values)
