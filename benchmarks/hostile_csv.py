"""Hostile CSV files of applications: a million rows, files at the 50 MB limit refused only
on their last row, a quote left open or closed 40 rows later, a cell too many on every row."""

from __future__ import annotations

from pathlib import Path

from benchmarks.hostile_parts import APPLICATION_HEADER, MB


def build_full_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV of applications just under the 50 MB limit (about 48,000 rows with 1 KB
    statements), refused only on its last row (a NUL character)."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,," + "x" * 1_000 + "\n"
    rows = megabytes * MB // len(row.format(0)) - 1
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 1_000):
            out.write("".join(row.format(i) for i in range(start, min(start + 1_000, rows))))
        out.write(row.format(rows).replace("x", "\x00", 1))


def _csv_with(path: Path, megabytes: int, changed: dict[int, str]) -> None:
    """A CSV of applications of about `megabytes` (1 KB statements), with the rows numbered in
    `changed` (from 0; negative from the end) written as given instead."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,," + "x" * 1_000 + "\n"
    rows = megabytes * MB // len(row.format(0))
    changed = {i % rows: line for i, line in changed.items()}
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 1_000):
            out.write(
                "".join(
                    changed[i].format(i) if i in changed else row.format(i)
                    for i in range(start, min(start + 1_000, rows))
                )
            )


def build_unclosed_quote_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV of applications just under the 50 MB limit whose fourth application opens a quote
    in its statement and never closes it: read loosely, every later row would be one cell."""
    _csv_with(path, megabytes, {3: 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,"Opened\n'})


def build_late_closing_quote_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV at the limit where a quote opens in a statement near the end and a stray quote
    closes it 40 rows later, leaving a record of the right length with 39 rows inside it."""
    opened = 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,"Opened\n'
    closed = 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,closed"\n'
    _csv_with(path, megabytes, {-50: opened, -10: closed})


def build_wrong_cell_count_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV at the limit where every row has a comma outside quote marks in its statement:
    one cell too many on each of about 48,000 rows, every one listed."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,Rent, " + "x" * 994 + "\n"
    rows = megabytes * MB // len(row.format(0))
    _csv_with(path, megabytes, dict.fromkeys(range(rows), row))


def build_big_csv(path: Path, rows: int = 1_000_000) -> None:
    """A CSV of applications: a million rows, about 42 MB."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 10_000):
            out.write(
                "".join(
                    f"A{i:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,x\n"
                    for i in range(start, min(start + 10_000, rows))
                )
            )
