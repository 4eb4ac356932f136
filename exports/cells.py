"""The one guard for every export: text from applicants, panel members or HR never runs as a
spreadsheet formula, in an XLSX cell or a CSV field, and never holds a character a workbook
cannot (scoring/clean_text.py: text stored before that rule, or typed into a returned sheet,
would otherwise make the whole download fail). Every writer in exports/ builds its rows with
`row` (and its CSV with `safe_frame`), which guards each text value exactly once; the only
formulas are the ones written on purpose as `Formula`."""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook

from scoring.clean_text import clean_text
from scoring.words.cell_guard import GUARD, needs_guard

PROPERTIES = ("title", "subject", "creator", "lastModifiedBy", "keywords", "description")


class Formula(str):
    """A formula written on purpose (the score matrix's totals): `row` leaves it a formula."""


def safe_text(value: str) -> str:
    """Text a workbook can hold (`clean_text`), and a value that could run as a formula gets a
        leading apostrophe, as OWASP advises; Excel and LibreOffice then show it as text. The
    rule, and `unguard` that takes it off again, are in scoring/words/cell_guard.py."""
    value = clean_text(value)
    return GUARD + value if needs_guard(value) else value


PLAIN = frozenset({int, float, bool, type(None)})  # the common cases, without an ABC check


def safe(value: Any) -> Any:
    """Numbers, booleans and dates pass through; anything else becomes safe text."""
    if type(value) in PLAIN or isinstance(value, bool | numbers.Number | date | datetime | time):
        return value
    return safe_text(str(value))


def cell(
    sheet: Any,
    value: Any,
    *,
    font: Font | None = None,
    fill: PatternFill | None = None,
    alignment: Alignment | None = None,
    number_format: str | None = None,
) -> Cell:
    """A styled cell for `row`, which guards its value (not here: a value is guarded once)."""
    # openpyxl refuses a control character as the cell is made: cleaned here, guarded in `row`
    made = WriteOnlyCell(sheet, clean_text(value) if isinstance(value, str) else value)
    if font is not None:
        made.font = font
    if fill is not None:
        made.fill = fill
    if alignment is not None:
        made.alignment = alignment
    if number_format is not None:
        made.number_format = number_format
    return made


def row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for `sheet.append` (write-only or not) with every text value guarded and typed
    as text: openpyxl would otherwise store '=...' as a formula."""
    out: list[Any] = []
    for value in values:
        if isinstance(value, Formula):
            out.append(str(value))
        elif isinstance(value, Cell):
            if isinstance(value.value, str):
                value.value = safe_text(value.value)
                value.data_type = "s"
            elif value.value is not None and not isinstance(
                value.value, bool | numbers.Number | date | datetime | time
            ):
                value.value = safe_text(str(value.value))
                value.data_type = "s"
            out.append(value)
        else:
            out.append(safe(value))  # guarded text never starts with '=': stored as text
    return out


def guard_properties(book: Workbook) -> None:
    """The workbook's own text (title, author, ...) goes through the same guard."""
    props = book.properties
    for name in PROPERTIES:
        value = getattr(props, name, None)
        if isinstance(value, str):
            setattr(props, name, safe_text(value))


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame for a CSV or a sheet: every text value guarded (numbers and blanks kept). Write
    a CSV with csv.QUOTE_ALL so a line break inside a value stays inside its record. Each
    distinct value is guarded once: a million panel scores hold a few thousand references."""
    guarded = {
        column: _guard_column(frame[column])
        for column in frame.columns
        if frame[column].dtype == object or pd.api.types.is_string_dtype(frame[column])
    }
    return frame.assign(**guarded) if guarded else frame


def _guard_column(column: pd.Series) -> pd.Series:
    codes, distinct = pd.factorize(column, use_na_sentinel=True)
    values = [safe_text(v) if isinstance(v, str) else v for v in distinct]
    if not any(v is not d for v, d in zip(values, distinct, strict=True)) and not (codes < 0).any():
        return column
    table = np.array([*values, None], dtype=object)  # the last entry stands for a blank
    return pd.Series(table[codes], index=column.index, dtype=object)
