"""The shortlist workbook's sheets as tables, written with rustpy-xlsxwriter: each sheet a
header and rows, with widths, a frozen header, a filter, rows as tall as their wrapped text,
and print set-up (landscape, fitted to the page width, the header on every printed page).
Every text value goes through the one formula guard (exports/cells.py)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pandas as pd
import rustpy_xlsxwriter as xlsx

from exports.cells import safe
from exports.sheet_finish import wrapped_height

HEADER = xlsx.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#1F4E79")
HEADER.set_text_wrap().set_align("vcenter")
SECTION = xlsx.Format().set_bold().set_background_color("#D9E1F2")
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
        self.book.sheet(
            title,
            records,
            column_widths=list(widths),
            column_formats=formats or None,
            header_format=HEADER,
            row_heights=heights or None,
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
