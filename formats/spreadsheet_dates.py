"""Dates as spreadsheets write them: ISO (2026-01-20), UK day-first with a four-digit year
(20/01/2026, 20-01-2026, 20.01.2026) or with a two-digit year (20/01/26: what LibreOffice and
Excel set to English (UK) show, and write to CSV "as shown"), and a few long forms.

The day always comes first: 01/02/26 is 1 February 2026, never 2 January. Whether a file's
dates may be read so, or could be month first (a US spreadsheet's), is decided for the whole
file in formats/date_order.py. A date written in one
of these forms that does not exist (31/02/2027, 29 February outside a leap year, month 13) is
refused saying why, not asking for a form it is already in.

The century of a two-digit year (`YearWindow`): the one date, of 19YY, 20YY and so on, that
falls in the column's window around the day of the import.
- date_of_birth: an applicant of working age, from 15 to 99 on the day of the import. So
  01/02/90 is 1990 and 01/02/05 is 2005 (aged 21); a year that gives no working age either
  way (01/02/20: aged 6 or 106) is refused, asking for the year in full.
- every other date (received_date, armed_forces_date: a discharge date ahead for serving
  personnel, the date left for veterans): from 80 years before to 20 years after the day of
  the import. So in 2026, 00 to 46 are 2000 to 2046 and 47 to 99 are 1947 to 1999 (a
  spreadsheet's own rule, 1930 to 2029, moved on with the calendar).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]00:00(?::00)?)?")
ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00)?)?")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
OTHER_FORMATS = ("%Y-%m-%d %H:%M:%S", "%d %B %Y", "%d %b %Y", "%d %B %y", "%d %b %y")
FULL_YEAR = (
    "In the spreadsheet, give the column a date format with a four-digit year before saving "
    "(LibreOffice: Format > Cells > Numbers, format code DD/MM/YYYY; Excel: Format Cells > "
    "Custom, dd/mm/yyyy)."
)
UK_LOCALE = (
    "Dates are read day first (DD/MM/YY). If the spreadsheet is set to US English, set it to "
    "English (UK) (LibreOffice: Tools > Options > Language Settings > Languages > Locale "
    "setting; Excel: the Windows region) and save again, or write the date as YYYY-MM-DD."
)


class YearWindow(BaseModel):
    """The dates a two-digit year may stand for: after `years_back` years before the day of the
    import, up to `years_ahead` years after it (negative: before it)."""

    model_config = ConfigDict(frozen=True)
    years_back: int
    years_ahead: int
    meaning: str = "a date"

    def holds(self, when: date, today: date) -> bool:
        earliest = (today.year - self.years_back, today.month, today.day)
        latest = (today.year + self.years_ahead, today.month, today.day)
        return earliest < (when.year, when.month, when.day) <= latest


RECENT_OR_AHEAD = YearWindow(years_back=80, years_ahead=20)
WINDOWS = {"date_of_birth": YearWindow(years_back=100, years_ahead=-15, meaning="a date of birth")}


def parse_date(value: object, column: str = "", today: date | None = None) -> date | None:
    """A date cell or text as a date; None when blank; ValueError with what to do otherwise.
    `today` is the day of the import (the window of a two-digit year; default: today)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raw = "" if value is None else str(value).strip()
    if raw == "":
        return None
    if len(raw) == 10 and raw[4] == raw[7] == "-" and raw[:4].isdigit():
        try:  # the common case, without strptime's cost
            return date.fromisoformat(raw)
        except ValueError:
            pass
    if found := ISO.fullmatch(raw):
        iso_year, iso_month, iso_day = (int(part) for part in found.groups())
        return _date(raw, iso_year, iso_month, iso_day, day_first=False)
    if found := DAY_FIRST.fullmatch(raw):
        day, _, month, year = found.groups()
        if len(year) == 4:
            return _date(raw, int(year), int(month), int(day))
        return _two_digit_year(raw, int(day), int(month), int(year), column, today)
    for fmt in OTHER_FORMATS:
        try:
            parsed = datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if "%y" in fmt:
            return _two_digit_year(raw, parsed.day, parsed.month, parsed.year % 100, column, today)
        return parsed
    raise ValueError(f"'{raw}' is not a date; write it as YYYY-MM-DD (or DD/MM/YYYY).")


def _date(raw: str, year: int, month: int, day: int, *, day_first: bool = True) -> date:
    """The date written as `raw`; if there is none, why not, in words (a day past the end of its
    month, 29 February outside a leap year, a month 13 that may be a US-ordered date)."""
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if day_first and 12 < month <= 31 and 1 <= day <= 12:
        why = f"there is no month {month}. {UK_LOCALE}"
    elif not 1 <= month <= 12:
        why = f"there is no month {month}; check the day and month."
    elif not 1 <= day <= 31:
        why = f"there is no day {day}; check the day and month."
    elif day == 29 and month == 2:
        why = f"29 February {year} does not exist ({year} is not a leap year); check the day."
    else:
        why = f"{day} {MONTHS[month - 1]} {year} does not exist; check the day and month."
    raise ValueError(f"'{raw}' is not a date: {why}")


def _two_digit_year(
    raw: str, day: int, month: int, short: int, column: str, today: date | None
) -> date:
    today = today or date.today()
    window = WINDOWS.get(column, RECENT_OR_AHEAD)
    century = today.year // 100
    candidates = [
        when
        for c in range(century - 2, century + 2)
        if (when := _valid(c * 100 + short, month, day)) is not None
    ]
    if not candidates:
        _date(raw, today.year // 100 * 100 + short, month, day)  # says why, then raises
    chosen = [when for when in candidates if window.holds(when, today)]
    if len(chosen) == 1:
        return chosen[0]
    near = [when for when in candidates if when <= today][-2:] or candidates[:2]
    ages = " or ".join(f"{when.year} (aged {_age(when, today)})" for when in near)
    full = " or ".join(f"{day:02d}/{month:02d}/{when.year}" for when in near)
    raise ValueError(
        f"'{raw}' has a two-digit year, and as {window.meaning} it could be {ages}; "
        f"write the year in full ({full}). {FULL_YEAR}"
    )


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
