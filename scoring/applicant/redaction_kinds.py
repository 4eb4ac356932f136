"""What a redaction is: its kinds, the placeholder each becomes, which kind wins a tie between
overlapping matches, and the rule that a placeholder is never redacted again."""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDERS = {
    "name": "[name removed]",
    "email": "[email removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
    "date of birth": "[date of birth removed]",
    "national insurance number": "[NI number removed]",
    "url": "[link removed]",
    "term": "[removed]",
}
# Longer kinds win a tie between overlapping matches of the same length
PRIORITY = {
    "email": 0,
    "url": 1,
    "date of birth": 2,
    "phone": 3,
    "national insurance number": 4,
    "postcode": 5,
    "term": 6,
    "name": 7,
}


@dataclass(frozen=True)
class Redaction:
    kind: str
    text: str  # the original matched text
    start: int  # offset in the original text
    end: int


def placeholder(kind: str) -> str:
    return PLACEHOLDERS[kind]


PLACEHOLDER_TEXTS = frozenset(PLACEHOLDERS.values())
PLACEHOLDER_SPANS = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))


def inside_placeholder(text: str, r: Redaction) -> bool:
    """Placeholders are never redacted again (redacting twice changes nothing)."""
    for m in PLACEHOLDER_SPANS.finditer(text, max(0, r.start - 40), min(len(text), r.end + 40)):
        if m.start() <= r.start and r.end <= m.end():
            return True
    return False
