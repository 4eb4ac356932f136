"""Text made safe where it enters: whatever a person types or a file holds (a statement, an
answer, a note, a reason, a title, a redaction term, a name) is stored only as text that every
page, workbook, letter and e-mail can hold. The exports apply the same rule again, so text
stored before this rule existed cannot break a download either.

`clean_text`, for any text: a vertical tab or a form feed (what Word writes for Shift+Enter and
for a page break) and a next-line control become a line break; every other control character
bar tab and the line breaks (the rest of C0, DEL, C1), lone surrogates and noncharacters are
removed. Nothing else changes: letters of any script, digits, punctuation, emoji, tabs and line
breaks stay exactly as written.

`clean_name`, for a person's name: `clean_text`, then the invisible characters that make one
name look like another or turn its text around (bidi overrides and isolates, direction marks,
zero-width characters, the byte-order mark) are removed, and line breaks and tabs become one
space."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator

# Word's Shift+Enter (vertical tab), a page break (form feed) and NEL: a line break each.
TO_LINE_BREAK = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n"})
# Controls bar tab, LF and CR; DEL and C1; lone surrogates; the BMP's noncharacters. Astral
# characters are matched as one range and their noncharacters (U+1FFFE, U+1FFFF, ... the last
# two of each plane) picked out after: a class listing those 32 makes every search of every
# cell of every export fifteen times slower (20 us for a 200-character answer, against 3).
SUSPECT = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
    r"|[\U00010000-\U0010FFFF]"
)


def _dropped(match: re.Match[str]) -> str:
    """What a SUSPECT character becomes: nothing, bar an astral one that is not a noncharacter."""
    found = match.group()
    code = ord(found)
    return "" if code <= 0xFFFF or code & 0xFFFE == 0xFFFE else found


# Invisible in a name: direction marks, bidi embeddings, overrides and isolates, the Arabic
# letter mark, zero-width space, non-joiner and joiner, word joiner and the invisible
# operators, and the byte-order mark (zero-width no-break space).
INVISIBLE = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """`text` with line-break controls made line breaks and other unsafe characters removed."""
    if SUSPECT.search(text) is None:  # the common case: one scan, nothing copied
        return text
    return SUSPECT.sub(_dropped, text.translate(TO_LINE_BREAK))


def clean_name(text: str) -> str:
    """A person's name on one line, with nothing invisible in it: spaces for line breaks and
    tabs, one space for a run of them, none at either end."""
    return " ".join(INVISIBLE.sub("", clean_text(text)).split())


def _text_cleaned(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


def _name_cleaned(value: Any) -> Any:
    return clean_name(value) if isinstance(value, str) else value


# For pydantic models at the boundary: a field of these types is cleaned before it is
# validated (pydantic refuses a lone surrogate, which the cleaning removes).
CleanText = Annotated[str, BeforeValidator(_text_cleaned)]
CleanName = Annotated[str, BeforeValidator(_name_cleaned)]
