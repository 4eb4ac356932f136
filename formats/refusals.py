"""The refusals every reader of an uploaded table raises (an InterchangeError naming file, row
and column), at the foot of formats/ beside the limits they quote."""

from __future__ import annotations

from formats.limits import MB, Limits
from formats.problems import InterchangeError, Problem

AGAIN = "Save it again from Excel as .xlsx, or as CSV UTF-8."  # a workbook refused


def fail(
    file: str, message: str, row: int | None = None, column: str | None = None
) -> InterchangeError:
    return InterchangeError([Problem(file, row, column, message)])


def too_many_rows(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"has more than {limits.rows:,} rows; the most the tool imports at once is {limits.rows:,}. Split it into smaller files.",
    )


def bomb(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"unpacks to more than {limits.unpacked_bytes // MB} MB; a workbook of applications is far smaller. Save the sheet again as .xlsx or CSV without other content.",
    )


def damaged(name: str, why: str) -> InterchangeError:
    return fail(name, f"cannot be opened as an Excel workbook ({why}).")


def column_letters(column: int) -> str:
    """1 -> "A", 27 -> "AA": a column as a spreadsheet program names it."""
    text = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text
