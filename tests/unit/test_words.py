"""Counts in words: the plural right, whatever the count."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from scoring.words.counts import counted


def test_one_is_singular_and_every_other_count_plural() -> None:
    assert counted(1, "application") == "1 application"
    assert counted(0, "application") == "0 applications"
    assert counted(17, "application") == "17 applications"
    assert counted(1204, "score") == "1,204 scores"
    assert counted(1, "vacancy") == "1 vacancy" and counted(3, "vacancy") == "3 vacancies"
    assert counted(2, "conflict of interest") == "2 conflicts of interest"
    assert counted(2, "person", "people") == "2 people"


@given(st.integers(min_value=0, max_value=10**7))
def test_the_count_is_written_out_and_the_noun_follows_it(count: int) -> None:
    words = counted(count, "application")
    assert words.startswith(f"{count:,} ")
    assert words.endswith("application" if count == 1 else "applications")
