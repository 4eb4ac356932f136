"""Reading time and the figures of the proof of human review."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scoring.human_review import (
    READING_GAP,
    ApplicationReview,
    MemberReview,
    feedback_sentence,
    reading_after,
    vacancy_review,
)

AT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("gap", "credited"),
    [
        (timedelta(minutes=5), 300),
        (READING_GAP, int(READING_GAP.total_seconds())),
        (READING_GAP + timedelta(seconds=1), 0),  # left it open and went away
        (timedelta(seconds=-30), 0),  # clocks out of step never take time away
    ],
)
def test_a_gap_counts_as_reading_up_to_the_cap(gap: timedelta, credited: int) -> None:
    assert reading_after(60, AT, AT + gap) == 60 + credited
    assert reading_after(60, None, AT) == 60


def member(name: str, seconds: int = 0, scored: int = 0, views: int = 0) -> MemberReview:
    return MemberReview(name, views > 0, seconds, views, scored, 0)


def test_the_vacancy_figures() -> None:
    lines = [
        ApplicationReview("A", (member("R", 600, 3, 1), member("S", 300, 3, 2))),
        ApplicationReview("B", (member("R", 120, 3, 1), member("S"))),
        ApplicationReview("C", (member("R"), member("S"))),
    ]
    figures = vacancy_review(
        lines, decisions=3, overrides=1, signed_off_by=None, signed_off_at=None
    )
    assert figures.read_by_two_or_more == 1
    assert figures.median_minutes == 2.0
    assert figures.override_rate == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("scored", "sentence"),
    [
        (0, "Your application has not been scored by the panel yet."),
        (1, "Your application was read and scored by one panel member."),
        (2, "Your application was read and scored by two panel members."),
        (3, "Your application was read and scored by three panel members."),
    ],
)
def test_the_feedback_sentence(scored: int, sentence: str) -> None:
    members = tuple(member(f"M{i}", 60, 2 if i < scored else 0, 1) for i in range(3))
    assert feedback_sentence(ApplicationReview("A", members)) == sentence
