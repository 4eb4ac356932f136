"""No conversion noise from the source documents reaches the catalogue."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from spellchecker import SpellChecker

from criteria.loader import Catalogue

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

# Garbled fragments found in the plain-text conversion of Medway's framework (002).
GARBLED_FRAGMENTS = [
    "Lovel",
    "eastered",
    "Limpathy",
    "Craduate",
    "histitute",
    "sarf",
    "Sailis",
    "intitative",
    "ususual",
    "exactivity",
    "Lindestanding",
    "access situations as her",
    "easily and eastered",
    "trouble heat",
    "magnetic resistant",
    "procedures roces",
    "GREMMIVE",
    "Doveloning",
    "linholding",
    "aprioraing",
    "nayments",
    "charie terrainey",
    "ARELICIES",
    "HECESSALY",
    "wherosoft",
    "litter pret",
    "Aldress Constitution",
    "propriets",
    "intellection",
    "difficulty problems",
    "Ability to own within",
    "And and the deal",
    "project so working",
    "adaptive to a providing",
    "financial systems budgeting",
    "Experience of providing procedures",
    "present tailored to",
    "good understand of",
]


def catalogue_texts(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a person reads in the catalogue."""
    for role in catalogue.roles.values():
        yield f"{role.id} title", role.title
        yield f"{role.id} purpose", role.purpose
        for i, duty in enumerate(role.main_duties):
            yield f"{role.id} duty {i}", duty
        for c in role.all_criteria():
            yield f"{role.id}/{c.id}", c.text
            if c.note:
                yield f"{role.id}/{c.id} note", c.note
    for org in catalogue.organisations.values():
        if org.behaviours:
            for b in org.behaviours.behaviours:
                yield f"{org.id}/{b.id}", " ".join((b.name, *b.indicators))
            yield f"{org.id} values", " ".join(org.behaviours.values)


@pytest.mark.parametrize("fragment", GARBLED_FRAGMENTS)
def test_no_criterion_contains_a_garbled_fragment(catalogue: Catalogue, fragment: str) -> None:
    pattern = re.compile(re.escape(fragment), re.IGNORECASE)
    hits = [where for where, text in catalogue_texts(catalogue) if pattern.search(text)]
    assert hits == []


def _british_variants(word: str) -> set[str]:
    variants = {word}
    endings = (
        ("isation", "ization"),
        ("ise", "ize"),
        ("ised", "ized"),
        ("ising", "izing"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("ysing", "yzing"),
    )
    for uk, us in endings:
        if word.endswith(uk):
            variants.add(word[: -len(uk)] + us)
    for uk, us in (
        ("isation", "ization"),
        ("our", "or"),
        ("tre", "ter"),
        ("ogue", "og"),
        ("lled", "led"),
        ("lling", "ling"),
    ):
        variants.add(word.replace(uk, us))
    if word.endswith("s"):
        variants |= _british_variants(word[:-1]) if len(word) > 3 else set()
    return variants


def test_every_word_in_the_catalogue_is_english_or_a_known_term(catalogue: Catalogue) -> None:
    """Catches garbage the fragment list does not know yet.

    A real new term (an acronym, a system's name) goes into tests/golden/catalogue_words.txt.
    """
    allowed = {
        w.strip().lower()
        for w in (GOLDEN / "catalogue_words.txt").read_text().splitlines()
        if w.strip() and not w.startswith("#")
    }
    speller = SpellChecker(language="en")
    unknown: dict[str, str] = {}
    for where, text in catalogue_texts(catalogue):
        for word in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text):
            lower = word.lower().removesuffix("'s")
            if len(lower) < 3 or lower in allowed:
                continue
            if not any(v in speller for v in _british_variants(lower)):
                unknown.setdefault(lower, where)
    assert unknown == {}, "unknown words (fix the text, or add real terms to catalogue_words.txt)"
