"""Counts in words, the plural right: "1 application", "17 applications", "1 vacancy",
"2 vacancies". Every count the tool shows a person goes through `counted`; a small count written as a word
("three") through `count_in_words`."""

from __future__ import annotations

IRREGULAR = {
    "vacancy": "vacancies",
    "criterion": "criteria",
    "conflict of interest": "conflicts of interest",
}


def plural(noun: str) -> str:
    return IRREGULAR.get(noun, f"{noun}s")


def counted(count: int, noun: str, many: str | None = None) -> str:
    """`count` and `noun`, the noun in the plural unless the count is one (`many` names an
    irregular plural the table above does not know)."""
    return f"{count:,} {noun if count == 1 else many or plural(noun)}"


WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_in_words(n: int) -> str:
    """3 -> "three" (up to ten; figures beyond)."""
    return WORDS[n] if 0 <= n < len(WORDS) else str(n)
