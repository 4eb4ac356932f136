"""The three XLSX writers side by side on the workbook's largest sheet, the panel scores:
rows written a second, from the same frame to a finished file in memory. The figures behind
the choice of rustpy-xlsxwriter for the shortlist workbook (README, "Exports")."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

HEADER = ["Reference", "Criterion id", "Panel member", "Score", "Note"]


@dataclass(frozen=True)
class WriterFigures:
    writer: str
    rows: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def panel_scores(rows: int) -> pd.DataFrame:
    """Panel scores shaped like a vacancy's: 30 criteria x 3 members per application, a note
    on one score in fifty."""
    i = pd.RangeIndex(rows)
    return pd.DataFrame(
        {
            "Reference": [f"A{n // 90:05d}" for n in i],
            "Criterion id": [f"E{n % 30 + 1}" for n in i],
            "Panel member": [("Alex Smith", "Bo Jones", "Cal King")[n % 3] for n in i],
            "Score": [n % 5 for n in i],
            "Note": pd.Series(
                [None if n % 50 else "Evidence of rent arrears casework" for n in i], dtype=object
            ),
        }
    )


def _openpyxl(frame: pd.DataFrame) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Panel scores")
    sheet.append(HEADER)
    for record in frame.itertuples(index=False):
        sheet.append(list(record))
    book.save(io.BytesIO())


def _xlsxwriter(frame: pd.DataFrame) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(io.BytesIO(), {"constant_memory": True})
    sheet = book.add_worksheet("Panel scores")
    sheet.write_row(0, 0, HEADER)
    for n, record in enumerate(frame.itertuples(index=False), start=1):
        sheet.write_row(n, 0, record)
    book.close()


def _rust(frame: pd.DataFrame) -> None:
    import rustpy_xlsxwriter

    rustpy_xlsxwriter.FastExcel(io.BytesIO()).sheet("Panel scores", frame).save()


def _as_exported(frame: pd.DataFrame) -> None:
    """As the shortlist export writes the sheet (exports/workbook_tables.py): widths fitted,
    the note wrapped, the header styled and frozen, a filter and the print set-up; the floor
    under the export's own time beside it."""
    from exports.workbook_tables import Sheets

    target = io.BytesIO()
    sheets = Sheets(target)
    sheets.table("Panel scores", frame, (14, 14, 18, 8, 80), wrap=("Note",))
    sheets.save()


WRITERS: dict[str, Callable[[pd.DataFrame], None]] = {
    "openpyxl (write-only)": _openpyxl,
    "XlsxWriter (constant memory)": _xlsxwriter,
    "rustpy-xlsxwriter (Rust)": _rust,
    "rustpy-xlsxwriter, as the shortlist export writes it": _as_exported,
}


def measure_writers(rows: int) -> list[WriterFigures]:
    frame = panel_scores(rows)
    figures = []
    for name, write in WRITERS.items():
        start = time.perf_counter()
        write(frame)
        figures.append(WriterFigures(name, rows, time.perf_counter() - start))
    return figures
