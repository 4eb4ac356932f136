"""Dates as the interview schemes' conditions read them: calendar months added (a window after
leaving), an age on a day, and a day or a span of months in words. Boundaries are inclusive;
the arithmetic is calendar arithmetic, never a count of days."""

from __future__ import annotations

import calendar
from datetime import date

from scoring.words.counts import count_in_words


def add_months(day: date, months: int) -> date:
    """Calendar months later (earlier if negative); the 29th-31st clamp to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def age_on(birth: date, day: date) -> int:
    """Whole years; someone born on 29 February turns a year older on 1 March in other years."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def day_in_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def months_in_words(months: int) -> str:
    if months and months % 12 == 0:
        years = months // 12
        word = count_in_words(years)
        return f"{word} year" if years == 1 else f"{word} years"
    return "one month" if months == 1 else f"{months} months"
