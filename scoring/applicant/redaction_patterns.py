"""Identifiers other than names and links: e-mail addresses, UK phone numbers however they are
spaced, UK postcodes, National Insurance numbers, and dates (a date of birth in any common form,
or any date written after "born on", "date of birth" or "DOB"). All but e-mail addresses hold a
digit, so only the stretches of text around digits are scanned for them."""

from __future__ import annotations

import re
from datetime import date

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# UK phone numbers: +44 (0)... / +44 ... (12 digits) or 0... (11 digits), with spaces, hyphens,
# dots and brackets between the digits.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:[\s.\-()]{0,2}\d){9,10}(?![\w])")
POSTCODE = re.compile(
    r"\b(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR)\s?[0-9][ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
ANY_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
BORN = re.compile(
    rf"(?:\bborn(?:\s+on)?|\bdate\s+of\s+birth|\bd\.?o\.?b\.?)\s*[:\-]?\s*(?P<date>{ANY_DATE})",
    re.IGNORECASE,
)
DIGIT_RUN = re.compile(r"\d+")
DIGIT_REACH = 40
BORN_HINTS = ("born", "birth", "dob", "d.ob", "do.b", "d.o.b")


MONTH_NUMBERS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# A date starts a word with a digit or a month's initial (the look-ahead keeps the scan fast)
DATE_LIKE = re.compile(r"(?<!\w)(?=[\dJFMASOND])" + ANY_DATE + r"(?!\d)", re.IGNORECASE)
NUMBERS = re.compile(r"\d+")
MONTH_WORD = re.compile(r"[A-Za-z]+")


def is_date(written: str, born: date) -> bool:
    """Whether a date as written (2 March 1990, 02/03/90, 1990-03-02, March 2nd, 1990) is
    `born`; numeric dates are read day first, as in the UK."""
    numbers = [int(n) for n in NUMBERS.findall(written)]
    words = [w.lower() for w in MONTH_WORD.findall(written)]
    month = next((MONTH_NUMBERS[w] for w in words if w in MONTH_NUMBERS), None)
    if month is not None:
        day, year = numbers[0], numbers[-1]
    elif len(numbers) == 3 and len(NUMBERS.findall(written)[0]) == 4:
        year, month, day = numbers
    elif len(numbers) == 3:
        day, month, year = numbers
        if year < 100:
            return (day, month, year) == (born.day, born.month, born.year % 100)
    else:
        return False
    return (day, month, year) == (born.day, born.month, born.year)


def digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around its digits, widened to whitespace: phone numbers,
    postcodes, NI numbers and dates all hold a digit and reach no further than
    `DIGIT_REACH` characters from one, so only these stretches need scanning for them."""
    windows: list[tuple[int, int]] = []
    for m in DIGIT_RUN.finditer(text):
        start, end = max(0, m.start() - DIGIT_REACH), m.end() + DIGIT_REACH
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    out = []
    for start, end in windows:
        before = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start))
        after = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
        out.append((before + 1, min(after) if after else len(text)))
    return out


def phone_ok(text: str) -> bool:
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+"):
        return len(digits) in (12, 13)  # +44 and ten digits, with or without the (0)
    return len(digits) == 11 and digits.startswith("0")
