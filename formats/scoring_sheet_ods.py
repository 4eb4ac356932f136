"""A scoring sheet saved by LibreOffice in its own format (.ods): its sheets' rows, read within
the scoring sheet's limits by the bounded streaming reader (formats/ods_files.py), cut to the
sheet's columns; a problem reading it is named as the workbook's problems are."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from typing import Any

from formats.limits import Limits
from formats.ods_files import read_ods
from formats.problems import InterchangeError, Problem
from formats.scoring_sheet_problems import ScoringSheetError, SheetProblem
from formats.scoring_sheet_rows import SheetRows

SHEET = re.compile(r"^sheet '([^']*)' ")


def ods_sheets(
    data: bytes, limits: Limits, wanted: Collection[str], width: int
) -> tuple[list[str], SheetRows]:
    """The sheets' names, and the rows of those `wanted`."""
    try:
        book = read_ods(data, "file", wanted, limits, width, formulas=True)
    except InterchangeError as exc:
        raise ScoringSheetError([_named(p) for p in exc.problems]) from None

    def rows_of(name: str, last: int | None) -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in book.rows.get(name, []):
            if last is not None and number > last:
                return
            yield number, tuple(values) + (None,) * (width - len(values))

    return book.names, rows_of


def _named(problem: Problem) -> SheetProblem:
    """A problem in a cell named by its sheet ("Scores!E4"), said once; else the file's."""
    sheet = SHEET.search(problem.message)
    if sheet is None or problem.row is None:
        return SheetProblem("file", "", None, problem.message)
    message = SHEET.sub("", problem.message, count=1)  # "has a cell longer than ..."
    if problem.column:
        return SheetProblem(sheet.group(1), f"{problem.column}{problem.row}", None, message)
    return SheetProblem(sheet.group(1), "", None, f"row {problem.row} {message}")
