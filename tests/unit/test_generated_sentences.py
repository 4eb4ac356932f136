"""Every sentence the tool writes for people, read for spelling and grammar: the reasons for
each decision and each scheme outcome (both sample vacancies, and a synthetic vacancy under
every kind of scheme and cut-off), the letters, the feedback outcomes and the self-check's
advice and scheme guidance. A word that is neither English nor in the catalogue nor a known
term fails; so do doubled words, lowercased abbreviations ("iCT"), "None", stray spaces before
punctuation, "1 problems"-style plurals and sentences that start in lowercase."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from spellchecker import SpellChecker

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from fixtures.synthetic import synthetic_vacancy
from formats.interchange import read_applications, read_panel_scores
from scoring.applicant.scheme_guidance import scheme_guidance
from scoring.applicant.self_check import Answer, Rating, advice_for
from scoring.rules.decisions import merge_decisions
from scoring.rules.guaranteed_interview import assess_schemes
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from scoring.words.feedback import criterion_outcomes
from scoring.words.letters import VacancyFacts, letters_for
from tests.factories import DARTFORD_POLICY
from tests.unit.test_catalogue_is_clean import _british_variants, catalogue_texts

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
KNOWN = Path(__file__).resolve().parents[1] / "golden" / "generated_words.txt"
DARLINGTON = "darlington-housing-income-management-officer"


def _sample_vacancy(catalogue: Catalogue, role_id: str, **scheme: object) -> tuple[Vacancy, object]:
    role = catalogue.role(role_id)
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)),
        Scheme(**scheme),
        date(2026, 1, 30),  # type: ignore[arg-type]
    ).model_copy(update={"policy": DARTFORD_POLICY})
    folder = SAMPLES / role_id
    files = {p.stem: p for p in folder.iterdir()}
    apps = read_applications(files["applications"], criterion_ids=[c.id for c in vacancy.criteria])
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(files["panel_scores"], vacancy, ids)
    return vacancy, (apps, shortlist(vacancy, apps.applications, scores))


def generated(catalogue: Catalogue) -> Iterator[tuple[str, str]]:
    for role_id, scheme in (
        (DARLINGTON, {"slots": 4}),
        ("dartford-housing-scheme-officer", {"pass_mark": 30}),
    ):
        vacancy, (apps, result) = _sample_vacancy(catalogue, role_id, **scheme)  # type: ignore[misc]
        decisions = merge_decisions(result, {}, finalised=True)  # type: ignore[arg-type]
        for d in decisions:
            yield f"{role_id} {d.application_id} reason", d.reason
            for o in d.scheme_outcomes:
                yield f"{role_id} {d.application_id} {o.scheme_id} (clause)", o.reason
        facts = VacancyFacts(
            vacancy.title, "Darlington Borough Council", date(2026, 2, 10), date(2026, 1, 30)
        )
        for letter in letters_for(decisions, dict(apps.personal), {}, facts):  # type: ignore[attr-defined]
            named = letter.body.replace(letter.name, "NAME") if letter.name else letter.body
            yield f"{role_id} {letter.reference} letter", f"{letter.subject}\n{named}"
        scale = tuple((p.value, p.label) for p in vacancy.scheme.scale.points)
        for score in (None, 0, 1, 2, 3):
            agreed = {c.id: score for c in vacancy.criteria}
            for o in criterion_outcomes(vacancy.criteria, agreed, scale=scale, threshold=2):
                yield f"{role_id} feedback {o.criterion_id} at {score}", o.outcome
        for c in vacancy.criteria:
            for rating in Rating:
                for example in (
                    "",
                    "Too short.",
                    "I agreed payment plans with forty tenants and cut arrears by a fifth.",
                ):
                    yield f"{role_id} advice {c.id}", advice_for(c, Answer(rating, example))
    medway = catalogue.organisations["medway"]
    for name, variant in (
        (
            "medway",
            effective_criteria(
                catalogue.role("medway-tenancy-management-officer"), medway, level="C"
            ),
        ),
        (
            "darlington",
            effective_criteria(catalogue.role(DARLINGTON), catalogue.organisations["darlington"]),
        ),
    ):
        vacancy = Vacancy.from_variant(variant, Scheme(slots=40, pass_mark=20)).model_copy(
            update={"policy": DARTFORD_POLICY}
        )
        data = synthetic_vacancy(vacancy, 400, seed=3)
        result = shortlist(data.vacancy, data.applications, data.panel_scores)
        declared = {a.application_id: a.declarations for a in data.applications}
        for d in result.decisions:
            yield f"synthetic {name} {d.application_id} reason", d.reason
            for o in d.scheme_outcomes:
                yield f"synthetic {name} {d.application_id} {o.scheme_id} (clause)", o.reason
            outcomes = assess_schemes(
                declared[d.application_id], DARTFORD_POLICY, date(2026, 1, 30)
            )
            for line in scheme_guidance(outcomes, 10, DARTFORD_POLICY, "Dartford Borough Council"):
                yield f"synthetic {name} {d.application_id} guidance", line


def known_words(catalogue: Catalogue) -> set[str]:
    words = {
        w.strip().lower()
        for w in KNOWN.read_text().splitlines()
        if w.strip() and not w.startswith("#")
    }
    for _, text in catalogue_texts(catalogue):
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    return words


@pytest.fixture(scope="module")
def sentences(catalogue: Catalogue) -> list[tuple[str, str]]:
    found = list(generated(catalogue))
    assert len(found) > 1_000, "the generator reaches every kind of sentence"
    return found


def test_every_generated_word_is_english_or_a_known_term(
    catalogue: Catalogue, sentences: list[tuple[str, str]]
) -> None:
    speller = SpellChecker(language="en")
    known = known_words(catalogue)
    unknown: dict[str, str] = {}
    for where, text in sentences:
        for word in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", text):
            lower = word.lower().removesuffix("'s")
            if len(lower) < 3 or lower in known or lower in unknown:
                continue
            if not any(v in speller for v in _british_variants(lower)):
                unknown[lower] = f"{where}: {text[:120]}"
    assert unknown == {}, "misspelt (fix the wording) or a real term (add to generated_words.txt)"


GRAMMAR = {
    "a doubled word": re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
    "a lowercased abbreviation": re.compile(r"\b[a-z][A-Z]{2,}"),
    "'None' shown to a person": re.compile(r"\bNone\b"),
    "a space before punctuation": re.compile(r" [,.;:)]"),
    "two spaces": re.compile(r"\S  +\S"),
    "a plural after one": re.compile(r"(?<![\d.,])\b1 (?!of\b)[a-z]+s\b(?! (?:of|apart)\b)"),
    "two full stops": re.compile(r"(?<!\.)\.\.(?!\.)"),
}


def test_every_generated_sentence_reads_as_english(sentences: list[tuple[str, str]]) -> None:
    problems = []
    for where, text in sentences:
        for name, pattern in GRAMMAR.items():
            if (m := pattern.search(text)) is not None:
                problems.append(
                    f"{name} in {where}: ...{text[max(m.start() - 40, 0) : m.end() + 40]}..."
                )
        if text and text[0].islower() and not where.endswith("(clause)"):
            problems.append(f"starts in lowercase, {where}: {text[:80]}")
    assert problems == [], "\n".join(sorted(set(problems))[:40])
