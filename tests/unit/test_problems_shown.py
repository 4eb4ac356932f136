"""A file with many problems: the first twenty are shown, then how many more, in words that
count right, and what to do."""

from __future__ import annotations

from formats.problems import MAX_PROBLEMS_SHOWN, InterchangeError, Problem


def problems(n: int) -> list[Problem]:
    return [
        Problem("applications.csv", row, "received_date", "is not a date")
        for row in range(2, n + 2)
    ]


def test_one_more_problem_is_one_problem() -> None:
    text = str(InterchangeError(problems(MAX_PROBLEMS_SHOWN + 1)))
    assert text.endswith(
        "... and 1 more problem (21 in all): fix these and import again to see the rest"
    )
    assert text.count("applications.csv, row") == MAX_PROBLEMS_SHOWN


def test_many_more_problems_say_how_many_in_all() -> None:
    text = str(InterchangeError(problems(68)))
    assert text.endswith(
        "... and 48 more problems (68 in all): fix these and import again to see the rest"
    )


def test_twenty_problems_are_all_shown_with_no_tail() -> None:
    text = str(InterchangeError(problems(MAX_PROBLEMS_SHOWN)))
    assert "more problem" not in text and text.count("\n") == MAX_PROBLEMS_SHOWN - 1
