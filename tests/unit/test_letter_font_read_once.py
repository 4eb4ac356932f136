"""A letter's PDF is made from its font as read once a process (exports/letters.py `_add_font`),
not read again from the file for every letter: a tenth of a second a font, four-fifths of the
time a zip of letters took. The PDF must be the same, byte for byte, as fpdf2's own `add_font`
makes it, whatever the letters before it used of the font."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

import exports.letters
from exports.letters import find_font, letter_pdf
from scoring.applications import PersonalDetails
from scoring.words.letters import Letter, letter_for
from tests.unit.test_letters import FACTS, decision

FONT = find_font()
pytestmark = pytest.mark.skipif(FONT.regular is None, reason="no Unicode font on this machine")
DATED = date(2026, 2, 3)

# names and reasons in the scripts applicants write them in, and the odd character a font lacks
TEXT = st.text(
    st.sampled_from("aAzZ ĄŁźćřžšÉéüßøÆ’‘“”–—€ΩπЖж中文🙂\u00a0"), min_size=1, max_size=40
).filter(str.strip)


def the_letter(first: str, last: str, reason: str) -> Letter:
    person = PersonalDetails(first_name=first, last_name=last)
    found = letter_for(decision(reason=f"Not shortlisted: {reason}"), person, {}, FACTS)
    assert found is not None
    return found


def as_fpdf_makes_it(letter: Letter, monkeypatch: pytest.MonkeyPatch) -> bytes:
    def add_font(pdf: FPDF, path: Path, style: str) -> None:
        pdf.add_font("Letter", style, str(path))

    with monkeypatch.context() as patched:
        patched.setattr(exports.letters, "_add_font", add_font)
        return letter_pdf(letter, organisation=FACTS.organisation, dated=DATED, font=FONT)


@settings(max_examples=12, deadline=None)
@given(texts=st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=2, max_size=3))
def test_each_pdf_is_the_one_fpdf_makes_whatever_the_letters_before_it_used(
    texts: list[tuple[str, str, str]],
) -> None:
    monkeypatch = pytest.MonkeyPatch()
    for first, last, reason in texts:  # one after another, from the same font as read
        letter = the_letter(first, last, reason)
        made = letter_pdf(letter, organisation=FACTS.organisation, dated=DATED, font=FONT)
        assert made == as_fpdf_makes_it(letter, monkeypatch)


def test_the_font_is_read_from_its_file_once() -> None:
    exports.letters._read_font.cache_clear()
    for reference in ("D001", "D002", "D003"):
        letter = the_letter("Łukasz", "Dvořák", f"reason for {reference}")
        letter_pdf(letter, organisation=FACTS.organisation, dated=DATED, font=FONT)
    assert exports.letters._read_font.cache_info().misses == 2  # regular and bold, once each
