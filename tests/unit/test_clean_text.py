"""The one rule for text as it enters (scoring/clean_text.py), as properties: cleaning twice is
cleaning once, ordinary text is left exactly as written, nothing forbidden is ever left, and a
name never keeps an invisible character or a line break."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from scoring.clean_text import clean_name, clean_text

# Written out apart from the code under test: what XML 1.0 (and so XLSX, ODS and DOCX) cannot
# hold, or what no text should carry: controls bar tab and line breaks, lone surrogates and
# noncharacters.
ALLOWED_CONTROLS = "\t\n\r"


def forbidden(ch: str) -> bool:
    code = ord(ch)
    return (
        (unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS)
        or 0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFE == 0xFFFE
    )


INVISIBLE = set(
    "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2066\u2067\u2068\u2069\ufeff"
)
# Ordinary text: letters and digits of any script (accents, Arabic, Chinese, ...),
# punctuation, symbols and emoji, spaces, tabs and line breaks.
ORDINARY = st.lists(
    st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
    | st.sampled_from(["\t", "\n", "\r\n", "😀", "👩🏽\u200d💻", "é", "Łukasz", "محمد", "名字"])
).map("".join)
# The characters the rule is about, mixed with a few ordinary ones, as well as any at all.
AWKWARD = (
    "a \x0b\x0c\x00\x1b\x7f\x85\x9f\ud800\udfff\ufffe\uffff\U0001fffe\U0010ffff\ufdd0"
    "\u202e\u200b\n\r\t\u2028é"
)
ANY = st.text(st.characters(exclude_categories=()), max_size=200) | st.text(
    st.sampled_from(list(AWKWARD))
)


@given(ANY)
def test_cleaning_twice_is_cleaning_once(text: str) -> None:
    assert clean_text(clean_text(text)) == clean_text(text)
    assert clean_name(clean_name(text)) == clean_name(text)


@given(ORDINARY)
def test_ordinary_text_is_left_exactly_as_written(text: str) -> None:
    assert clean_text(text) == text


@given(ANY)
def test_what_is_left_holds_no_forbidden_character(text: str) -> None:
    assert not [ch for ch in clean_text(text) if forbidden(ch)]


@given(ANY)
def test_a_name_holds_no_invisible_character_and_no_line_break(text: str) -> None:
    name = clean_name(text)
    assert not [ch for ch in name if forbidden(ch) or ch in INVISIBLE]
    assert name == " ".join(name.split()), "one line: no tab, line break or run of spaces"


@given(ANY)
def test_only_forbidden_characters_go_and_line_break_controls_become_line_breaks(
    text: str,
) -> None:
    expected = "".join("\n" if ch in "\x0b\x0c\x85" else "" if forbidden(ch) else ch for ch in text)
    assert clean_text(text) == expected


def test_word_line_breaks_become_line_breaks_and_controls_go() -> None:
    assert clean_text("Line one\x0bLine two\x0cpage two") == "Line one\nLine two\npage two"
    assert clean_text("a\x00b\x1bc\x7fd\x9be\ud800f\uffff") == "abcdef"
    assert clean_text("tab\there\r\nand\nthere") == "tab\there\r\nand\nthere"


def test_a_name_loses_what_would_disguise_it() -> None:
    assert clean_name("\u202eHana\u202c Ito") == "Hana Ito"
    assert clean_name("Ha\u200bna\u2066 \u2069Ito\ufeff") == "Hana Ito"
    assert clean_name("Hana\nIto\x0b") == "Hana Ito"
    assert clean_name("  Zoë   Łukasz-Dvořák ") == "Zoë Łukasz-Dvořák"
    assert clean_name("محمد علي") == "محمد علي"
    assert re.fullmatch(r"[^\u200b-\u200f\u202a-\u202e]*", clean_name("\u200e\u200fX"))
