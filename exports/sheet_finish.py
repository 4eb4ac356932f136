"""The finish every workbook needs before someone reads or prints it: rows of wrapped text as
tall as their text (a protected sheet cannot be resized by its reader, and LibreOffice and
Excel print a row one line tall unless told otherwise), label columns wide enough for their
labels, pages set up to print landscape at the sheet's full width, and times on UK clocks.

`wrapped_height` and `passages` are pure estimates from the text and the column widths, for
any writer (write-only ones included); the other helpers finish an openpyxl worksheet."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from exports.local_time import uk_local

LINE_HEIGHT = 15.0  # points: one line of 11-point Calibri (or Carlito), with its spacing
TALLEST = 409.0  # points: the tallest row Excel allows
MOST_LINES = int(TALLEST // LINE_HEIGHT)
CHARS_PER_WIDTH = 1.15  # characters of running text in one unit of column width (a "0")
BOLD_WIDER = 1.1  # bold text is about a tenth wider
LABEL_MARGIN = 2.0  # units of width to spare beside a label, so it is not cut to "Organi"
EXCEL_DEFAULT_WIDTH = 8.43
DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "DD/MM/YYYY HH:MM"


def lines_needed(text: str, width: float) -> int:
    """How many lines `text` takes wrapped in a column `width` wide; each line break starts
    a new line."""
    per_line = max(width * CHARS_PER_WIDTH, 1.0)
    return sum(max(math.ceil(len(part) / per_line), 1) for part in text.split("\n"))


def wrapped_height(texts_and_widths: Iterable[tuple[str | None, float]]) -> float | None:
    """The height in points a row needs so that each of its wrapped texts shows whole, given
    each text's column width; at most the tallest row Excel allows. None when one line is
    enough (the row keeps its default height)."""
    lines = max((lines_needed(text, width) for text, width in texts_and_widths if text), default=1)
    return min(lines * LINE_HEIGHT, TALLEST) if lines > 1 else None


def passages(text: str, width: float) -> list[str]:
    """`text` cut into pieces that each fit in one row of a column `width` wide (a row is at
    most `TALLEST`), at line breaks where it can, else between words. Joined with line
    breaks, the pieces give back the text, but for the spaces where a paragraph was cut."""
    out: list[str] = []
    piece = ""
    for part in _short_parts(text, width):
        joined = f"{piece}\n{part}" if piece else part
        if piece and lines_needed(joined, width) > MOST_LINES:
            out.append(piece)
            piece = part
        else:
            piece = joined
    out.append(piece)
    return out


def _short_parts(text: str, width: float) -> Iterable[str]:
    for paragraph in text.split("\n"):
        if lines_needed(paragraph, width) <= MOST_LINES:
            yield paragraph
            continue
        words: list[str] = []
        for word in paragraph.split(" "):
            if words and lines_needed(" ".join([*words, word]), width) > MOST_LINES:
                yield " ".join(words)
                words = []
            words.append(word)
        yield " ".join(words)


def label_width(labels: Iterable[object], *, bold: bool = False) -> float:
    """The width a column needs to show each of `labels` whole on one line."""
    longest = max((len(str(label)) for label in labels if label is not None), default=0)
    return longest * (BOLD_WIDER if bold else 1.0) + LABEL_MARGIN


def widen_for_labels(sheet: Any, column: str, labels: Iterable[object], *, bold: bool) -> None:
    """Make `column` at least as wide as its longest label needs (never narrower)."""
    dimension = sheet.column_dimensions[column]
    dimension.width = max(dimension.width or 0, label_width(labels, bold=bold))


def widen_for_header(sheet: Any, header_row: int = 1) -> None:
    """Make each column at least as wide as its heading in `header_row` needs."""
    for heading in sheet[header_row]:
        if heading.value is not None:
            bold = bool(heading.font is not None and heading.font.b)
            widen_for_labels(sheet, heading.column_letter, [heading.value], bold=bold)


def finish_table(sheet: Any, header_row: int = 1) -> None:
    """A table under its headings in `header_row`: columns as wide as their headings, rows as
    tall as their wrapped text, printed landscape at full width with the headings on each page."""
    widen_for_header(sheet, header_row)
    fit_wrapped_rows(sheet)
    set_for_printing(sheet, f"{header_row}:{header_row}")


def finish_page(sheet: Any) -> None:
    """A page of text (no table): rows as tall as their wrapped text, printed landscape at
    full width."""
    fit_wrapped_rows(sheet)
    set_for_printing(sheet, header_rows=None)


def column_width(sheet: Any, column: int) -> float:
    letter = get_column_letter(column)
    if letter in sheet.column_dimensions and sheet.column_dimensions[letter].width:
        return float(sheet.column_dimensions[letter].width)
    return EXCEL_DEFAULT_WIDTH


def fit_wrapped_rows(sheet: Any, first_row: int = 1) -> None:
    """Give each row of `sheet` from `first_row` the height its wrapped cells need, reading
    each cell's width from its column (or the columns it is merged across)."""
    spans = {
        (r.min_row, r.min_col): sum(column_width(sheet, c) for c in range(r.min_col, r.max_col + 1))
        for r in sheet.merged_cells.ranges
    }
    for cells in sheet.iter_rows(min_row=first_row):
        wrapped = [
            (str(c.value), spans.get((c.row, c.column)) or column_width(sheet, c.column))
            for c in cells
            if c.value is not None and c.alignment is not None and c.alignment.wrap_text
        ]
        height = wrapped_height(wrapped)
        if height is not None:
            sheet.row_dimensions[cells[0].row].height = height


def set_for_printing(sheet: Any, header_rows: str | None = "1:1") -> None:
    """Print landscape, the sheet's full width on each page (as many pages down as it takes),
    repeating `header_rows` (e.g. "1:1") at the top of every page."""
    if header_rows:
        sheet.print_title_rows = header_rows
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4  # a write-only sheet has no constants
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def on_uk_clocks(value: date) -> tuple[date, str]:
    """A date, or a moment (stored in UTC) as the UK's clocks showed it, with the number
    format that shows it: a date alone, or a moment with its time."""
    if isinstance(value, datetime):
        return uk_local(value), TIME_FORMAT
    return value, DATE_FORMAT


def in_words(value: date) -> str:
    """A date ("01 July 2026"), or a moment on UK clocks ("01 July 2026, 10:00"), for a page."""
    shown, _ = on_uk_clocks(value)
    return f"{shown:%d %B %Y, %H:%M}" if isinstance(shown, datetime) else f"{shown:%d %B %Y}"
