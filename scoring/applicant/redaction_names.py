"""The applicant's names, and HR's further terms, found as whole words: the full name in its
usual written forms in any case, each name on its own only with a capital (so "will" is not
Will), and "Ann" never inside "Annual"."""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_EDGE_START = r"(?<![\w'’])"
WORD_EDGE_END = r"(?![\w])"
APOSTROPHES = "'’"


def _name_part(part: str) -> str:
    """A regex for one name part: either apostrophe, any run of spaces."""
    out = []
    for ch in part:
        if ch in APOSTROPHES:
            out.append(f"[{APOSTROPHES}]")
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def name_pattern(first: str, last: str) -> re.Pattern[str] | None:
    """One pattern for the applicant's names, matched without regard to case; which matches
    count is decided by `name_counts` (a name on its own only with a capital)."""
    first, last = " ".join(first.split()), " ".join(last.split())
    parts: list[str] = []
    if first and last:
        f, ln = _name_part(first), _name_part(last)
        initial = re.escape(first[0])
        parts += [
            rf"{f}\s+{ln}",
            rf"{ln},\s*{f}",
            rf"{initial}\.?\s+{ln}",
        ]
    words = {first, last}
    words |= set(first.split()) | set(last.split())
    for piece in re.split(r"[-\s]", last):
        if len(piece) >= 3:
            words.add(piece)
    singles = sorted((w for w in words if len(w) >= 2), key=len, reverse=True)
    alternatives = parts + [_name_part(w) for w in singles]
    if not alternatives:
        return None
    key = "\n".join(alternatives)
    cached = _NAME_PATTERNS.get(key)
    if cached is None:
        cached = re.compile(
            WORD_EDGE_START + "(?:" + "|".join(alternatives) + ")" + WORD_EDGE_END, re.IGNORECASE
        )
        if len(_NAME_PATTERNS) > 4096:
            _NAME_PATTERNS.clear()
        _NAME_PATTERNS[key] = cached
    return cached


_NAME_PATTERNS: dict[str, re.Pattern[str]] = {}


def may_hold_a_name(lowered: str, first: str, last: str) -> bool:
    """Whether any part of the name occurs in the (lower-cased) text at all: every form the
    name pattern matches contains one, and most statements contain none, so the pattern need
    not be built for them."""
    flat = lowered.replace("’", "'")
    parts = re.split(r"[-\s]+", f"{first} {last}".lower().replace("’", "'"))
    return any(len(part) >= 2 and part in flat for part in parts)


def name_counts(matched: str, given: Iterable[str]) -> bool:
    """A full form ("Jane Smith", "Smith, Jane", "J. Smith") counts in any case; a name on its
    own counts when written with a capital (or in capitals) or exactly as in the personal
    details, so that "will", "may" or "hope" in a sentence are not taken for Will, May or
    Hope."""
    return (
        any(c.isspace() or c == "," for c in matched) or matched[:1].isupper() or matched in given
    )


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    cleaned = sorted({" ".join(t.split()) for t in terms if t and t.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile(
        WORD_EDGE_START + "(?:" + "|".join(re.escape(t) for t in cleaned) + ")" + WORD_EDGE_END,
        re.IGNORECASE,
    )
