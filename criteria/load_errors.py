"""Pydantic's validation errors in words an HR officer can act on.

A location is named from the YAML as written: "level A, criterion a-skl-3 (number 4), field
'weight'" rather than `levels.0.criteria.3.weight`. A message never shows a regular expression
or a Python type name, lists the allowed values where they are known, and says when YAML read
a word such as `off` or `no` as a boolean.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from criteria.policy import SchemeKind
from criteria.schema import Category, Organisation, Requirement, RoleProfile, Stage

ITEM_NAMES = {
    "levels": "level",
    "criteria": "criterion",
    "grades": "grade",
    "behaviours": "behaviour",
    "schemes": "scheme",
    "routes": "route",
    "conditions": "condition",
    "declarations": "declaration",
}
PATTERNS = {
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$": "lowercase letters and digits, joined by single hyphens "
    "(e.g. 'housing-officer')",
    r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$": "lowercase letters and digits, joined by single hyphens "
    "or underscores (e.g. 'armed_forces')",
}
ENUMS: dict[str, tuple[type[StrEnum], str]] = {
    "Category": (Category, "category"),
    "Requirement": (Requirement, "requirement"),
    "Stage": (Stage, "stage"),
    "SchemeKind": (SchemeKind, "kind of scheme"),
}
YAML_WORDS = {"True": "true", "False": "false"}  # a `Literal[True]` as the YAML writes it
NOT_VALID_ENUM = re.compile(r"^'(?P<value>.*)' is not a valid (?P<enum>\w+)$")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _item(list_name: str, index: int, item: Any) -> str:
    """One entry of a list: by its id where it has one, else by its position (1st, 2nd ...)."""
    noun = ITEM_NAMES.get(list_name)
    number = item.get("number") if noun == "criterion" and isinstance(item, dict) else None
    shown = f" (number {number})" if isinstance(number, str | int) else ""
    if noun and isinstance(item, dict) and isinstance(item.get("id"), str | int):
        return f"{noun} {item['id']}{shown}"
    if noun:
        return f"the {ordinal(index + 1)} {noun}{shown}"
    return f"the {ordinal(index + 1)} entry of '{list_name}'"


def place(loc: Sequence[int | str], raw: Any) -> str:
    """Where in the file: a plain field name ("short_name", "behaviours.name") when no list is
    involved, else words such as "level A, criterion a-skl-3 (number 4), field 'weight'"."""
    words: list[str] = []
    names: list[str] = []
    node = raw
    for part in loc:
        if isinstance(part, str) and part.startswith("<"):
            continue  # a union's own tag, in angle brackets: nothing written in the file
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            list_name = names.pop() if names else "list"
            if names:
                words.append(".".join(names))
            words.append(_item(list_name, part, item))
            names, node = [], item
        elif isinstance(node, dict) or node is None:
            names.append(part)
            node = node.get(part) if isinstance(node, dict) else None
        # else: a union's tag under a plain value (`aged_at_most: x`), not a field of its own
    if not words:
        return ".".join(names)
    if names:
        words.append(f"field '{'.'.join(names)}'")
    return ", ".join(words)


@lru_cache(maxsize=1)
def known_fields() -> tuple[str, ...]:
    """Every field name a catalogue file may use, for spelling suggestions."""
    names: set[str] = set()
    for model in (Organisation, RoleProfile):
        stack: list[type[BaseModel]] = [model]
        while stack:
            current = stack.pop()
            for name, info in current.model_fields.items():
                names.add(name)
                for arg in getattr(info.annotation, "__args__", ()) + (info.annotation,):
                    if isinstance(arg, type) and issubclass(arg, BaseModel) and arg not in stack:
                        stack.append(arg)
    return tuple(sorted(names))


def _in_words(values: Sequence[str]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _pattern_in_words(pattern: str) -> str | None:
    if pattern in PATTERNS:
        return PATTERNS[pattern]
    choices = re.fullmatch(r"\^\(([\w|-]+)\)\$", pattern)
    if choices:
        return _in_words(choices.group(1).split("|"))
    letters = re.fullmatch(r"\^\[([A-Z])-([A-Z])\]\$", pattern)
    if letters:
        first, last = (ord(c) for c in letters.groups())
        return _in_words([chr(c) for c in range(first, last + 1)])
    return None


def _yaml_boolean(value: bool) -> str:
    words = "`on`/`yes`/`true` as true" if value else "`off`/`no`/`false` as false"
    return f"YAML read {words}; put the word in quotes"


def _found(value: Any) -> str:
    return f" (found {value!r})" if isinstance(value, str | int | float) else ""


def describe(error: Any) -> str:
    """What is wrong and what to do, for one pydantic error (its location is named apart)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "extra_forbidden":
        field = str(error["loc"][-1]) if error["loc"] else ""
        close = difflib.get_close_matches(field, known_fields(), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"is not a field the catalogue knows{hint}; check its spelling or remove it"
    if kind == "missing":
        return "is required but missing; add it"
    boolean = isinstance(value, bool) and kind in {
        "string_type",
        "enum",
        "literal_error",
        "string_pattern_mismatch",
    }
    if kind in {"enum", "literal_error"}:
        expected = str(ctx.get("expected", "one of the allowed values"))
        allowed = f"should be {YAML_WORDS.get(expected, expected)}"
        return f"{allowed}, but {_yaml_boolean(value)}" if boolean else allowed + _found(value)
    if boolean:
        return f"should be text, but {_yaml_boolean(value)}"
    if kind == "string_pattern_mismatch":
        form = _pattern_in_words(str(ctx.get("pattern", "")))
        said = f"should be {form}" if form else "is not in the expected form"
        return said + _found(value)
    if kind == "too_short" and "min_length" in ctx:
        limit = ctx["min_length"]
        return f"needs at least {limit} entr{'y' if limit == 1 else 'ies'}"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, ", "Input "):
        message = message.removeprefix(prefix)
    wrong_word = NOT_VALID_ENUM.match(message)
    if wrong_word and wrong_word["enum"] in ENUMS:
        enum, noun = ENUMS[wrong_word["enum"]]
        allowed = _in_words([m.value for m in enum])
        return f"'{wrong_word['value']}' is not a {noun} the catalogue knows; use {allowed}"
    if error["loc"] and kind != "value_error":
        return message + _found(value)
    return message


def _follows_from_its_items(error: Any) -> bool:
    """pydantic adds "at least 1 item" to a list whose items all failed: that is no news."""
    value, ctx = error.get("input"), error.get("ctx") or {}
    return (
        error["type"] == "too_short"
        and isinstance(value, list)
        and len(value) >= int(ctx.get("min_length", 0))
    )


def problems(raw: Any, errors: Sequence[Any]) -> list[tuple[str, str]]:
    """Every problem as (where, what): misspelt fields first (they explain the "missing" ones
    they cause), then in the file's order; each once."""
    ordered = sorted(errors, key=lambda e: e["type"] != "extra_forbidden")
    found: dict[tuple[str, str], None] = {}
    for error in ordered:
        if not _follows_from_its_items(error):
            found[(place(error["loc"], raw), describe(error))] = None
    return list(found)
