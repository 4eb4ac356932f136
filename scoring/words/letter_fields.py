"""The fields a letter template may hold, and the merge of a template with one applicant's
values. A template names its fields in braces ({first_name}); `{{` and `}}` are literal braces.
Any other field, or a stray brace, is refused with its name. Each value is put in as plain
text, once: a name or a reason holding braces, markdown or HTML stays exactly that text."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping

from scoring.errors import InvalidInput

FIELDS = {
    "first_name": "the applicant's first name",
    "last_name": "the applicant's last name",
    "reference": "the application's reference",
    "vacancy": "the vacancy's title",
    "organisation": "the council's name",
    "reason": "the decision's reason, as signed off",
    "interview_date": "the interview date (or: a date we will confirm with you)",
    "closing_date": "the closing date",
}


class LetterTemplateError(InvalidInput):
    """A template HR wrote that cannot be merged: an unknown field or a stray brace."""


class UnknownLetterField(LetterTemplateError):
    def __init__(self, field: str, where: str) -> None:
        close = difflib.get_close_matches(field.lower(), FIELDS, n=1)
        hint = f" Did you mean {{{close[0]}}}?" if close else ""
        names = ", ".join(f"{{{f}}}" for f in FIELDS)
        super().__init__(
            f"The {where} uses {{{field}}}, which is not a field a letter can hold.{hint} "
            f"The fields are {names}; write {{{{ and }}}} for a brace."
        )
        self.field = field


_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def _pieces(text: str, where: str) -> list[tuple[bool, str]]:
    """(is a field, text or field name), checking every field and brace."""
    pieces: list[tuple[bool, str]] = []
    at = 0
    for m in _TOKEN.finditer(text):
        pieces.append((False, text[at : m.start()]))
        at = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            pieces.append((False, token[0]))
        elif m.group(1) is not None:
            name = m.group(1).strip()
            if name not in FIELDS:
                raise UnknownLetterField(name, where)
            pieces.append((True, name))
        else:
            raise LetterTemplateError(
                f"The {where} has a single '{token}' (character {m.start() + 1}); write a "
                "field as {first_name}, and {{ or }} for a brace."
            )
    pieces.append((False, text[at:]))
    return pieces


def template_fields(text: str, *, where: str = "template") -> tuple[str, ...]:
    """The fields `text` uses, in order; an unknown field or a stray brace is refused."""
    return tuple(t for is_field, t in _pieces(text, where) if is_field)


def fill(text: str, values: Mapping[str, str], *, where: str = "template") -> str:
    """`text` with each field replaced by its value, as plain text: values are never read as
    a template themselves."""
    return "".join(values[t] if is_field else t for is_field, t in _pieces(text, where))
