"""Whether a file's text dates are day first, as the tool reads them, or month first, as a
spreadsheet set to US English writes them: a date is never read in the other order in silence.

01/02/26 is 1 February (UK) or 2 January (US); the cell alone cannot say which. The file can:
the tool reads its dates day first only when some date in it can only be day first (20/01/26:
there is no month 20; or a received date or date of birth whose month-first reading is after
today) and none hints at month first:
- a date that can only be month first (01/20/26), which is refused on its own anyway;
- a received date or date of birth whose day-first reading is after today, where its
  month-first reading is not;
- a received date whose day-first reading is after the vacancy's closing date, where its
  month-first reading is not (a late application written day first looks the same, so the file
  is refused, not read month first).
Otherwise every date whose two readings differ is refused, naming its row and column with both
readings and what to do (write it as 2026-02-01, or make it a date cell). A date written as a
spreadsheet date cell, ISO (2026-02-01), with dots (20.01.2026, never US) or with the month in
words has one reading and is not asked about; nor is one whose readings agree (05/05/26)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from formats.problems import Problem
from formats.spreadsheet_dates import DAY_FIRST, parse_date
from scoring.rules.dates import day_in_words

# where a reading after today is impossible: a date received, a date of birth (a discharge date
# may be ahead)
NOT_AHEAD = ("received_date", "date_of_birth")
WHAT_TO_DO = (
    "Type the dates as year-month-day (2026-02-01 for 1 February 2026), or make them date cells "
    "in the spreadsheet (or set it to English (UK) and save again), then import again."
)


@dataclass(frozen=True)
class WrittenDate:
    """A date as text in the file, where it is."""

    row: int
    column: str
    raw: str


@dataclass(frozen=True)
class Readings:
    """A written date read day first (UK) and month first (US); None where a reading is no date."""

    day_first: date | None
    month_first: date | None


def readings(raw: str, column: str, today: date) -> Readings | None:
    """Both readings of a date whose day and month are numbers split by / or -; None for a date
    written any other way (its reading is one)."""
    found = DAY_FIRST.fullmatch(raw.strip())
    if found is None or found.group(2) == ".":
        return None
    first, mark, second, year = found.groups()
    return Readings(
        _reading(raw.strip(), column, today),
        _reading(f"{second}{mark}{first}{mark}{year}", column, today),
    )


def _reading(raw: str, column: str, today: date) -> date | None:
    try:
        return parse_date(raw, column, today)
    except ValueError:
        return None


def _hint(written: WrittenDate, read: Readings, today: date, closing: date | None) -> str:
    """Why this date suggests the file is month first, or ""."""
    day_first, month_first = read.day_first, read.month_first
    if month_first is None:
        return ""
    if day_first is None:
        return f"'{written.raw}' can only be month first"
    if written.column in NOT_AHEAD and day_first > today >= month_first:
        return f"'{written.raw}' read day first is after today"
    if written.column == "received_date" and closing and day_first > closing >= month_first:
        return f"'{written.raw}' read day first is after the closing date, {day_in_words(closing)}"
    return ""


def _is_day_first_only(written: WrittenDate, read: Readings, today: date) -> bool:
    day_first, month_first = read.day_first, read.month_first
    if day_first is None:
        return False
    if month_first is None:
        return True
    return written.column in NOT_AHEAD and month_first > today >= day_first


def swapped_date_problems(
    file: str, written: Iterable[WrittenDate], *, today: date, closing_date: date | None = None
) -> list[Problem]:
    """A problem for each date whose two readings differ, unless the file shows day first."""
    day_first_only: WrittenDate | None = None
    hinted: tuple[WrittenDate, str] | None = None
    ambiguous: list[tuple[WrittenDate, date, date]] = []
    for one in written:
        read = readings(one.raw, one.column, today)
        if read is None:
            continue
        if day_first_only is None and _is_day_first_only(one, read, today):
            day_first_only = one
        if hinted is None and (hint := _hint(one, read, today, closing_date)):
            hinted = (one, hint)
        if read.day_first and read.month_first and read.day_first != read.month_first:
            ambiguous.append((one, read.day_first, read.month_first))
    if day_first_only is not None and hinted is None:
        return []  # the file shows day first, and nothing in it month first
    why = _why(day_first_only, hinted)
    return [
        Problem(
            file,
            one.row,
            one.column,
            f"'{one.raw}' reads as {day_in_words(uk)} (UK, day first) or {day_in_words(us)} "
            f"(US, month first), and {why}. {WHAT_TO_DO}",
        )  # fmt: skip
        for one, uk, us in ambiguous
    ]


def _why(day_first_only: WrittenDate | None, hinted: tuple[WrittenDate, str] | None) -> str:
    """Why the file does not settle the order, naming the dates that say so."""
    if hinted is None:
        return "nothing in the file shows which comes first (no date in it has a day above 12)"
    month_first, hint = hinted
    hint = f"row {month_first.row}, {month_first.column}: {hint}"
    if day_first_only is None:
        return f"the file's dates look month first ({hint})"
    one = day_first_only
    return (
        f"the file's dates disagree (row {one.row}, {one.column}: '{one.raw}' can only be day "
        f"first; {hint})"
    )
