"""Hostile uploads handed to the real readers: each must be refused quickly and in little
memory. Built in a temporary directory in seconds (hostile_xlsx and hostile_csv build them;
the big parts are compressed once and repeated, not compressed a gigabyte at a time), each
read in a fresh process ('spawn') whose peak resident memory is measured from just before the
read.

    python -m benchmarks.hostile_files   # the table on its own
"""

from __future__ import annotations

import gc
import multiprocessing
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from benchmarks.hostile_csv import (
    build_big_csv,
    build_full_csv,
    build_late_closing_quote_csv,
    build_unclosed_quote_csv,
    build_wrong_cell_count_csv,
)
from benchmarks.hostile_parts import MB
from benchmarks.hostile_xlsx import (
    build_far_column,
    build_far_row,
    build_huge_cell,
    build_long_scoring_sheet,
    build_merged_cells,
    build_repeated_string,
    build_split_zip_bomb,
    build_under_cap,
    build_zip_bomb,
)

TARGET_SECONDS = 2.0
TARGET_MB = 300.0


@dataclass(frozen=True)
class HostileFigure:
    name: str
    file_mb: float
    seconds: float
    peak_mb: float  # peak resident memory over the process's size just before the read
    refused: str | None  # the reader's message; None if it was not refused

    @property
    def met(self) -> bool:
        return (
            self.refused is not None and self.seconds < TARGET_SECONDS and self.peak_mb < TARGET_MB
        )


def _memory(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def _read_applications(data: bytes, name: str) -> None:
    from formats.interchange import read_applications

    read_applications(data, name=name)


def _read_scoring_sheet(data: bytes, name: str) -> None:
    from formats.scoring_sheet_reader import read_scoring_sheet
    from scoring.rules.scheme import SCALES

    read_scoring_sheet(
        data, vacancy_id=1, member="panel1", expected=[], scale=SCALES["0-3"], key=b"benchmark"
    )


READERS: dict[str, Callable[[bytes, str], None]] = {
    "applications": _read_applications,
    "scoring sheet": _read_scoring_sheet,
}


def _child(reader: str, path: str, answer: Connection) -> None:
    import formats.interchange  # noqa: F401
    import formats.scoring_sheet_reader  # noqa: F401  (imports are not the read's cost)
    from formats.problems import InterchangeError
    from formats.scoring_sheet_problems import ScoringSheetError

    data = Path(path).read_bytes()
    gc.collect()
    before = _memory("VmRSS")
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from here
    except OSError:
        pass
    start = time.perf_counter()
    refused: str | None = None
    try:
        READERS[reader](data, Path(path).name)
    except (InterchangeError, ScoringSheetError) as exc:
        refused = str(exc)
    seconds = time.perf_counter() - start
    answer.send((seconds, max(_memory("VmHWM") - before, 0.0), refused))


def measure_one(name: str, reader: str, path: Path) -> HostileFigure:
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(reader, str(path), theirs))
    process.start()
    theirs.close()
    try:
        seconds, peak, refused = mine.recv()
    except EOFError:  # the reader's process died (out of memory, say)
        seconds, peak, refused = float("inf"), float("inf"), None
    process.join()
    return HostileFigure(name, path.stat().st_size / MB, seconds, peak, refused)


def measure_hostile_files(quick: bool = False) -> list[HostileFigure]:
    """Each hostile file, built and handed to its reader. Every file builds in a second or
    two, so `quick` runs the same files."""
    cases: list[tuple[str, str, str, Callable[[Path], None]]] = [
        ("zip bomb (XLSX)", "applications", "bomb.xlsx", build_zip_bomb),
        ("zip bomb in 3 sheets under the per-part cap (XLSX)", "applications", "split.xlsx",
         build_split_zip_bomb),
        ("one 1 GB cell (XLSX)", "applications", "cell.xlsx", build_huge_cell),
        ("190 MB unpacked, under the cap: a million rows (XLSX)", "applications", "under.xlsx",
         build_under_cap),
        ("one cell on row 1,048,576 (XLSX)", "applications", "far-row.xlsx", build_far_row),
        ("one cell in column XFD, 2,000 rows (XLSX)", "applications", "far-column.xlsx",
         build_far_column),
        ("a 100,000-character shared string in 3,000 cells (XLSX)", "applications",
         "repeated.xlsx", build_repeated_string),
        ("8,000,000 merged cells (XLSX)", "applications", "merged.xlsx", build_merged_cells),
        ("1,000,000-row CSV", "applications", "rows.csv", build_big_csv),
        ("CSV at the 50 MB limit, refused on its last row", "applications", "full.csv",
         build_full_csv),
        ("CSV at the limit with an unclosed quote in row 5", "applications", "unclosed.csv",
         build_unclosed_quote_csv),
        ("CSV at the limit, a stray quote closing a quote 40 rows later", "applications",
         "late-close.csv", build_late_closing_quote_csv),
        ("CSV at the limit, every row one cell too many", "applications", "cells.csv",
         build_wrong_cell_count_csv),
        ("2,000,000-row scoring sheet", "scoring sheet", "sheet.xlsx", build_long_scoring_sheet),
    ]  # fmt: skip
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for name, reader, file_name, build in cases:
            path = Path(folder) / file_name
            build(path)
            figure = measure_one(name, reader, path)
            figures.append(
                HostileFigure(
                    f"{name}, {figure.file_mb:.1f} MB",
                    figure.file_mb,
                    figure.seconds,
                    figure.peak_mb,
                    figure.refused,
                )
            )
            path.unlink()
    return figures


if __name__ == "__main__":
    for f in measure_hostile_files():
        print(
            f"{f.name}: {f.seconds:.2f} s, {f.peak_mb:.0f} MB, "
            f"{'refused: ' + f.refused.splitlines()[0][:160] if f.refused else 'NOT REFUSED'}"
        )
