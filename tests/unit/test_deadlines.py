"""Who is behind with their scoring, against the vacancy's deadline."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.deadlines import Pace, due_share, pace

RELEASED, DEADLINE = date(2026, 2, 2), date(2026, 2, 11)  # ten days, deadline day included


@pytest.mark.parametrize(
    ("today", "share"),
    [
        (date(2026, 2, 1), 0.0),  # before release
        (RELEASED, 0.1),
        (date(2026, 2, 6), 0.5),
        (DEADLINE, 1.0),
        (date(2026, 2, 20), 1.0),
    ],
)
def test_the_share_due_at_an_even_pace(today: date, share: float) -> None:
    assert due_share(RELEASED, DEADLINE, today) == pytest.approx(share)


@pytest.mark.parametrize(
    ("scored", "today", "expected"),
    [
        (100, date(2026, 2, 20), Pace.DONE),
        (50, date(2026, 2, 6), Pace.ON_TRACK),  # half done, half due
        (40, date(2026, 2, 6), Pace.ON_TRACK),  # a fifth below is still on track
        (39, date(2026, 2, 6), Pace.BEHIND),
        (99, DEADLINE, Pace.ON_TRACK),  # the deadline day is still theirs
        (99, date(2026, 2, 12), Pace.OVERDUE),
        (0, RELEASED, Pace.BEHIND),
    ],
)
def test_pace(scored: int, today: date, expected: Pace) -> None:
    assert pace(scored, 100, released=RELEASED, deadline=DEADLINE, today=today) is expected


def test_without_a_deadline_nobody_is_behind() -> None:
    assert (
        pace(0, 100, released=RELEASED, deadline=None, today=date(2027, 1, 1)) is Pace.NO_DEADLINE
    )
    assert Pace.BEHIND.needs_reminder and Pace.OVERDUE.needs_reminder
    assert not Pace.ON_TRACK.needs_reminder
