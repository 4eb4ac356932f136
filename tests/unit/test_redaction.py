"""Redaction of an applicant's identifiers from their evidence: planted identifiers go, the
evidence stays, and redacting twice changes nothing."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scoring.applicant.redaction import Identifiers, redact, redact_all
from scoring.applicant.redaction_kinds import PLACEHOLDERS

JANE = Identifiers(
    first_name="Jane",
    last_name="Smith",
    email="jane.smith@example.org",
    date_of_birth=date(1990, 4, 7),
)


def kinds(text: str, ids: Identifiers = JANE) -> list[tuple[str, str]]:
    return [(r.kind, r.text) for r in redact(text, ids).redactions]


def test_the_name_in_the_first_line_goes_and_the_evidence_stays() -> None:
    done = redact("Jane Smith – supporting statement\nI ran the rent surgery.", JANE)
    assert done.text == "[name removed] – supporting statement\nI ran the rent surgery."


@pytest.mark.parametrize(
    "written",
    [
        "Jane Smith",
        "JANE SMITH",
        "jane smith",
        "Smith, Jane",
        "J. Smith",
        "J Smith",
        "Jane",
        "Smith",
    ],
)
def test_the_name_in_its_usual_written_forms(written: str) -> None:
    assert kinds(f"My name is {written} and I apply.") == [("name", written)]


def test_a_possessive_keeps_its_s() -> None:
    assert redact("Smith's team won.", JANE).text == "[name removed]'s team won."


def test_double_barrelled_and_apostrophe_names() -> None:
    ids = Identifiers(first_name="Sean", last_name="O'Neill-Jones")
    text = "Sean O’Neill-Jones wrote this; ask Jones or O'Neill."
    assert (
        redact(text, ids).text == "[name removed] wrote this; ask [name removed] or [name removed]."
    )


def test_names_are_whole_words_and_common_words_stay() -> None:
    ids = Identifiers(first_name="Ann", last_name="Will")
    assert kinds("Annual reviews: I will help. Ann Will.", ids) == [("name", "Ann Will")]


def test_an_email_in_an_answer_is_redacted() -> None:
    done = redact_all({"c3": "Write to me at j.smith.work@gmail.com today."}, JANE)
    assert done["c3"].text == "Write to me at [email removed] today."
    assert [r.kind for r in done["c3"].redactions] == ["email"]


def test_an_email_holding_the_surname_is_one_email_redaction() -> None:
    assert kinds("Contact jane.smith@example.org please") == [("email", "jane.smith@example.org")]


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700 900 123",
        "07700900123",
        "+44 7700 900123",
        "+44 (0)7700 900 123",
        "(01234) 567890",
        "01234 567 890",
        "020 7946 0958",
        "0161-496-0000",
        "0161.496.0000",
    ],
)
def test_phone_numbers_however_spaced(phone: str) -> None:
    assert kinds(f"Call {phone} after six.") == [("phone", phone)]


@pytest.mark.parametrize(
    "postcode", ["DA1 1DR", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "EC1A 1BB", "da11dr"]
)
def test_postcodes(postcode: str) -> None:
    assert kinds(f"I live at {postcode} now.") == [("postcode", postcode)]


@pytest.mark.parametrize(
    "written",
    [
        "1990-04-07",
        "07/04/1990",
        "7/4/1990",
        "07-04-1990",
        "7.4.1990",
        "7 April 1990",
        "7th April 1990",
        "April 7, 1990",
        "07 Apr 1990",
    ],
)
def test_the_date_of_birth_in_any_common_form(written: str) -> None:
    assert kinds(f"I was born {written}.") == [("date of birth", written)]


@pytest.mark.parametrize(
    "written",
    ["1990-4-7", "07/04/90", "7th of April 1990", "april 7th 1990", "7 APR. 1990", "07.04.1990"],
)
def test_the_known_date_of_birth_goes_wherever_it_is_written(written: str) -> None:
    assert kinds(f"My passport ({written}) is attached; I started on 07/05/2019.") == [
        ("date of birth", written)
    ]


@pytest.mark.parametrize("other", ["04/07/1990", "7 April 1991", "1990-07-04", "07/04/91", "7/4"])
def test_other_dates_stay(other: str) -> None:
    assert kinds(f"The project ran from {other} for a year.") == []


def test_a_september_birthday_written_sept() -> None:
    ids = Identifiers(first_name="Jane", last_name="Smith", date_of_birth=date(1988, 9, 30))
    assert kinds("Certificate dated 30 Sept 1988 attached.", ids) == [
        ("date of birth", "30 Sept 1988")
    ]


def test_a_date_after_born_on_goes_without_a_known_date_of_birth() -> None:
    ids = Identifiers(first_name="Jane", last_name="Smith")
    assert kinds("Born on 3 May 1985. DOB: 03/05/1985.", ids) == [
        ("date of birth", "3 May 1985"),
        ("date of birth", "03/05/1985"),
    ]


def test_ni_numbers_and_links() -> None:
    assert kinds("NI QQ 12 34 56 C, see https://www.linkedin.com/in/someone.") == [
        ("national insurance number", "QQ 12 34 56 C"),
        ("url", "https://www.linkedin.com/in/someone"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 I saved £25,000 for 150 tenants.",
        "I passed NVQ Level 3 on 01/02/2020 in March 2019.",
        "Reference 123456789 and case 20231234.",
        "Annual rent of 5200 collected by 31 March.",
    ],
)
def test_things_that_are_not_identifiers_stay(text: str) -> None:
    assert redact(text, JANE).text == text


def test_hr_adds_terms_and_keeps_others() -> None:
    ids = Identifiers(first_name="Jane", last_name="Hall", extra=("Low Lane",), keep=("hall",))
    done = redact("Jane worked at the town Hall on Low Lane.", ids)
    assert done.text == "[name removed] worked at the town Hall on [removed]."


def test_offsets_point_into_the_original() -> None:
    text = "Jane Smith, 07700 900123, DA1 1DR, jane.smith@example.org"
    for r in redact(text, JANE).redactions:
        assert text[r.start : r.end] == r.text


def test_nothing_to_redact() -> None:
    assert redact("", JANE).text == ""
    assert redact("Rent accounts, arrears and payment plans.", JANE).redactions == ()


FILLER = ["the", "rent", "team", "arrears", "tenants", "plan", "housing", "I", "managed", "and"]
# a name that is a filler word, or a word of a placeholder ("[name removed]"), is left in
PLACEHOLDER_WORDS = {w for p in PLACEHOLDERS.values() for w in re.findall(r"[a-z]+", p)}
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=12).filter(
    lambda n: n not in {w.lower() for w in FILLER} | PLACEHOLDER_WORDS
)


@settings(max_examples=150, deadline=None)
@given(
    first=NAMES,
    last=NAMES,
    words=st.lists(st.sampled_from(FILLER), min_size=1, max_size=30),
    data=st.data(),
)
def test_planted_names_never_survive(
    first: str, last: str, words: list[str], data: st.DataObject
) -> None:
    first, last = first.capitalize(), last.capitalize()
    # a filler word that is also the name ("rent", for a Ms Rent) is a word, kept by design
    assume(not {first.lower(), last.lower()} & {w.lower() for w in words})
    for planted in (first, last, f"{first} {last}"):
        words.insert(data.draw(st.integers(0, len(words))), planted)
    text = " ".join(words)
    out = redact(text, Identifiers(first_name=first, last_name=last)).text
    for name in (first, last):
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", out, re.IGNORECASE)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_redacting_twice_changes_nothing(text: str) -> None:
    once = redact(text, JANE)
    twice = redact(once.text, JANE)
    assert twice.text == once.text and twice.redactions == ()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FILLER), max_size=40))
def test_text_without_identifiers_comes_back_unchanged(words: list[str]) -> None:
    text = " ".join(words)
    assert redact(text, JANE).text == text


FILLER = "I kept the case notes up to date and reviewed every arrears case with my team leader. "


@pytest.mark.parametrize("glue", [" ", "\n", "\t", ", ", "  \n\n"])
def test_identifiers_far_apart_in_a_long_text_are_all_found(glue: str) -> None:
    """Digit-bearing identifiers are looked for around each digit; none is missed at the start,
    the end, or in between, whatever separates them."""
    pieces = [
        "07700 900 123",
        FILLER * 3,
        "DA1 1DR",
        FILLER * 5,
        "Call +44 (0)20 7946 0958",
        FILLER,
        "QQ 12 34 56 C",
        "born 7th April 1990",
        "June 3, 2021 was my start date",
        FILLER * 2,
        "SW1A 1AA",
    ]
    found = kinds(glue.join(pieces))
    assert [k for k, _ in found] == [
        "phone", "postcode", "phone", "national insurance number", "date of birth", "postcode",
    ]  # fmt: skip
    assert found[2][1] == "+44 (0)20 7946 0958"
