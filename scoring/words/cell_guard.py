"""The guard that keeps text from running as a spreadsheet formula, as a rule on strings: the
writers put it on (exports/cells.py), the scoring sheet's reader takes it off again
(formats/scoring_sheet_reader.py), so a round trip gives back exactly what was written."""

from __future__ import annotations

# OWASP's list: a value starting with one of these is read as a formula (or starts one).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def needs_guard(value: str) -> bool:
    """Would a spreadsheet read `value` as a formula: it starts with = + - @ tab or carriage
    return, also after leading spaces or line breaks. A value that only looks like an
    already-guarded one (leading apostrophes, then a formula start) is guarded too, so that
    `unguard` always gives back exactly what was written."""
    head = value.lstrip(GUARD)
    return head.startswith(FORMULA_STARTS) or head.lstrip().startswith(FORMULA_STARTS)


def unguard(value: str) -> str:
    """Undo the guard (a leading apostrophe, exports/cells.py `safe_text`) when reading a sheet
    back, so a round trip is lossless."""
    if value.startswith(GUARD) and needs_guard(value[1:]):
        return value[1:]
    return value
