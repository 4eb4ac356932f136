"""Which character separates a CSV file's columns, read from its header row: a comma, a
semicolon (what spreadsheets set to most European languages write) or a tab (Excel's "Unicode
text", UTF-16 with tabs). The separator is the one that splits the header into the most known
column names; when no split names a known column, the one that makes the most columns; a
comma when none splits it. A header is a list of names, so this does not guess from data."""

from __future__ import annotations

import csv
from collections.abc import Collection

SEPARATORS = (",", ";", "\t")  # in order of preference on a tie
SAVE_AS_CSV = (
    "In Excel choose File > Save As, Save as type 'CSV UTF-8 (Comma delimited) (*.csv)'. In "
    "LibreOffice choose File > Save As, file type 'Text CSV (.csv)', tick 'Edit filter "
    "settings', then Character set 'Unicode (UTF-8)' and Field delimiter ',' (a comma)."
)
SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def header_cells(line: str, separator: str) -> list[str]:
    """The header line split at `separator` (quotes respected), each name as the tool reads it."""
    cells = next(csv.reader([line], delimiter=separator), [])
    return [cell.strip().lower() for cell in cells]


def is_known(column: str, columns: Collection[str]) -> bool:
    """A column the format names, or one of its families (`evidence:` in `columns` takes
    `evidence:c1`)."""
    family = column.split(":", 1)[0] + ":"
    return column in columns or (":" in column and family in columns)


def separator(line: str, columns: Collection[str] = ()) -> str:
    """The separator of the file whose header row is `line`, for a format naming `columns`."""

    def fit(candidate: str) -> tuple[int, int]:
        cells = header_cells(line, candidate)
        return sum(is_known(c, columns) for c in cells), len(cells)

    return max(SEPARATORS, key=fit)  # max keeps the first of equals: a comma


def unsplit_header(line: str, columns: Collection[str]) -> str | None:
    """What to say when a header meant for `columns` splits at no separator into any known
    column (a file separated by another character, or not a CSV file at all); None if it does."""
    if not columns or not line.strip():
        return None
    chosen = separator(line, columns)
    cells = header_cells(line, chosen)
    if any(is_known(c, columns) for c in cells) or len(cells) > 1:
        return None
    shown = line.strip()[:60]
    return (
        f"has a header row ('{shown}') that is not split into columns by commas, semicolons "
        f"or tabs, so no column is recognised. {SAVE_AS_CSV}"
    )
