"""Cell values that are safe to write: text from applicants or panel members never runs as a
spreadsheet formula."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def safe_text(value: str) -> str:
    """A value starting with =, +, -, @, tab or carriage return gets a leading apostrophe, as
    OWASP advises; Excel and LibreOffice then show it as text."""
    if value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unguard(value: str) -> str:
    """Undo `safe_text` when reading a sheet back, so a round trip is lossless."""
    if value.startswith(GUARD) and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def safe(value: Any) -> Any:
    """Numbers, booleans and dates pass through; anything else becomes safe text."""
    if value is None or isinstance(value, bool | int | float | date | datetime):
        return value
    return safe_text(str(value))


def text_cell(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    """A cell that is always a string: openpyxl would otherwise store '=...' as a formula."""
    cell = WriteOnlyCell(sheet, safe_text(value))
    cell.data_type = "s"
    return cell


def cells(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    """A row for `append`: strings that could be read as formulas become guarded text cells."""
    out: list[Any] = []
    for v in values:
        if isinstance(v, str) and v.startswith(FORMULA_STARTS):
            out.append(text_cell(sheet, v))
        else:
            out.append(v)
    return out
