"""The shortlist workbook's sheets as tables, written with rustpy-xlsxwriter: each sheet a
header and rows, with widths, a frozen header, a filter, rows as tall as their wrapped text,
and print set-up (landscape, fitted to the page width, the header on every printed page).
Every text value goes through the one formula guard (exports/cells.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import rustpy_xlsxwriter as xlsx

from exports.cells import safe
from exports.sheet_finish import (
    BOLD_WIDER,
    CHARS_PER_WIDTH,
    LINE_HEIGHT,
    TALLEST,
    label_width,
    wrapped_height,
)

HEADER = xlsx.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#1F4E79")
HEADER.set_text_wrap().set_align("vcenter")
SECTION = xlsx.Format().set_bold().set_background_color("#D9E1F2").set_align("top")
WRAP = xlsx.Format().set_text_wrap().set_align("top")
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


class Sheets:
    """The workbook's sheets, each a table with its header, widths, frozen header, filter and
    print set-up (landscape, fitted to the page width, the header on every page)."""

    def __init__(self, target: io.BytesIO) -> None:
        self.book = xlsx.FastExcel(target).format(datetime_format=DATETIME_FORMAT)

    def table(
        self,
        title: str,
        records: Sequence[dict[str, Any]] | Any,
        widths: Sequence[float],
        *,
        wrap: Sequence[str] = (),
        heights: dict[int, float] | None = None,
        header_rows: int = 1,
        freeze_columns: int = 0,
        **options: Any,
    ) -> None:
        formats = {name: WRAP for name in wrap} | options.pop("column_formats", {})
        columns = records.columns if hasattr(records, "columns") else records[0]
        headings = [*map(str, columns), *options.get("formula_columns", {})]
        widths = fitted_widths(records, headings, widths, wrap)
        heights = dict(heights or {})
        header = heading_height(headings, widths)
        if header is not None:
            heights[0] = header
        # a label beside wrapped text sits at the top of its row, level with the text's first
        # line (at the foot it would print beside the next row's text). The writer takes a
        # row's format over a column's, so the row's is the wrapped text's own.
        tops = {row: WRAP for row in heights if row >= header_rows}
        self.book.sheet(
            title,
            records,
            column_widths=widths,
            column_formats=formats or None,
            header_format=HEADER,
            row_heights=heights or None,
            row_formats=tops | options.pop("row_formats", {}) or None,
            autofilter=options.pop("autofilter", True),
            page_setup={
                "landscape": True,
                "fit_to_pages": (1, 0),
                "repeat_rows": (0, header_rows - 1) if header_rows > 1 else 0,
            },
            **options,
        )
        self.book.freeze(row=header_rows, col=freeze_columns or None, sheet=title)

    def save(self) -> None:
        self.book.save()


def fitted_widths(
    records: Sequence[dict[str, Any]] | Any,
    headings: Sequence[str],
    widths: Sequence[float],
    wrap: Sequence[str],
) -> list[float]:
    """Each column at least as wide as the longest word of its heading (the heading wraps
    between words, never inside one) and, unless its text wraps, as its longest text: a
    decision or a stage cut short by the cell beside it reads as something else on paper."""
    longest = _longest_texts(records, wrap)
    return [
        max(
            float(width),
            label_width(_words(heading), bold=True),
            0.0
            if heading in wrap or heading not in longest
            else label_width(["0" * longest[heading]]),
        )
        for heading, width in zip(headings, widths, strict=True)
    ]


def _longest_texts(records: Sequence[dict[str, Any]] | Any, wrap: Sequence[str]) -> dict[str, int]:
    """Each column's longest text, in characters (in one pass over the records)."""
    longest: dict[str, int] = {}
    if hasattr(records, "columns"):  # a frame: its distinct values, each measured once
        for name in records.columns:
            if name in wrap:
                continue
            column = records[name]
            if column.dtype == object or pd.api.types.is_string_dtype(column):
                texts = [v for v in column.dropna().unique().tolist() if isinstance(v, str)]
                longest[str(name)] = max(map(len, texts), default=0)
        return longest
    for record in records:
        for name, value in record.items():
            if type(value) is str and len(value) > longest.get(name, 0):
                longest[name] = len(value)
    return longest


def _pieces(heading: str) -> list[str]:
    """A heading cut where Excel and LibreOffice may wrap it: after a space or a hyphen."""
    return re.findall(r"[^\s-]*-+|[^\s-]+\s*|\s+", heading) or [heading]


def _words(heading: str) -> list[str]:
    return [piece.strip() for piece in _pieces(heading)]


def heading_lines(heading: str, width: float) -> int:
    """How many lines a bold heading takes wrapped, piece by piece, in a column `width` wide."""
    per_line = max(width * CHARS_PER_WIDTH / BOLD_WIDER, 1.0)
    lines, used = 1, 0
    for piece in _pieces(heading):
        if used and used + len(piece.rstrip()) > per_line:
            lines, used = lines + 1, len(piece)
        else:
            used += len(piece)
    return lines


def heading_height(headings: Sequence[str], widths: Sequence[float]) -> float | None:
    """The header row's height in points when a heading needs more than one line."""
    lines = max((heading_lines(h, w) for h, w in zip(headings, widths, strict=True)), default=1)
    return min(lines * LINE_HEIGHT, TALLEST) if lines > 1 else None


def when(at: datetime) -> str:
    return f"{at.day} {at:%B %Y} at {at:%H:%M}"


def guarded(record: dict[str, Any]) -> dict[str, Any]:
    """Every text value through the one formula guard (exports/cells.py)."""
    return {key: safe(value) for key, value in record.items()}


def row_heights(
    texts: Sequence[tuple[tuple[str, float], ...]], first_row: int = 1
) -> dict[int, float]:
    """Each data row's height, by its sheet row (0-based: the header is row 0), where its
    wrapped texts need more than one line."""
    out = {}
    for i, wrapped in enumerate(texts):
        height = wrapped_height(wrapped)
        if height is not None:
            out[first_row + i] = height
    return out


def or_header(
    records: list[dict[str, Any]], columns: Sequence[str], personal: Sequence[str] = ()
) -> Any:
    """The records, or, when there are none, an empty table that still shows its header."""
    if records:
        return records
    at = columns.index("Reference") + 1 if personal else 0  # names follow the reference
    names = [*columns[:at], *personal, *columns[at:]]
    return pd.DataFrame(columns=names)
