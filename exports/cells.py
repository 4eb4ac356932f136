"""Cell values that are safe to write: text never runs as a spreadsheet formula."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text from an applicant or panel member, neutralised so Excel shows it as typed.

    A leading apostrophe-style guard: a value starting with =, +, -, @, tab or carriage return
    gets a leading single quote character, as OWASP recommends for CSV and spreadsheet export.
    """
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe(value: Any) -> Any:
    """Numbers, booleans and dates pass through; everything else becomes safe text."""
    if value is None:
        return None
    if isinstance(value, bool | int | float | date | datetime):
        return value
    return safe_text(str(value))
