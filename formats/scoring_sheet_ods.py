"""A scoring sheet saved by LibreOffice in its own format (.ods): its sheets' rows, read within
the scoring sheet's limits by the bounded streaming reader (formats/ods_files.py), cut to the
sheet's columns; a problem reading it is named as the workbook's problems are."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from formats.limits import Limits
from formats.ods_files import read_ods
from formats.problems import InterchangeError
from formats.scoring_sheet_problems import ScoringSheetError, SheetProblem
from formats.scoring_sheet_rows import SheetRows


def ods_sheets(
    data: bytes, limits: Limits, wanted: Collection[str], width: int
) -> tuple[list[str], SheetRows]:
    """The sheets' names, and the rows of those `wanted`."""
    try:
        book = read_ods(data, "file", wanted, limits, width)
    except InterchangeError as exc:
        raise ScoringSheetError(
            [
                SheetProblem(p.file, f"{p.column or ''}{p.row or ''}", None, p.message)
                for p in exc.problems
            ]
        ) from None

    def rows_of(name: str, last: int | None) -> Iterator[tuple[int, tuple[Any, ...]]]:
        for number, values in book.rows.get(name, []):
            if last is not None and number > last:
                return
            yield number, tuple(values) + (None,) * (width - len(values))

    return book.names, rows_of
