"""Who is behind with their scoring, against the time gone by and the vacancy's deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.rules.deadlines import Pace, elapsed_share, pace

# Released at 09:00 on 2 February; the deadline is 11 February, its whole day included: the
# window is 9 days and 15 hours.
RELEASED = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
DEADLINE = date(2026, 2, 11)
END = datetime(2026, 2, 12, tzinfo=UTC)
HALFWAY = RELEASED + (END - RELEASED) / 2


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 2, day, hour, tzinfo=UTC)


def test_the_share_of_the_window_gone_by() -> None:
    assert elapsed_share(RELEASED, DEADLINE, at(1)) == 0.0  # before the release
    assert elapsed_share(RELEASED, DEADLINE, RELEASED) == 0.0
    assert elapsed_share(RELEASED, DEADLINE, HALFWAY) == pytest.approx(0.5)
    assert elapsed_share(RELEASED, DEADLINE, at(11, 23)) < 1.0  # the deadline day is theirs
    assert elapsed_share(RELEASED, DEADLINE, END) == 1.0
    naive = RELEASED.replace(tzinfo=None)  # as SQLite gives it back
    assert elapsed_share(naive, DEADLINE, HALFWAY) == pytest.approx(0.5)


def test_nobody_is_behind_seconds_after_the_release_two_months_before_the_deadline() -> None:
    """Issue 26 item 8: both members were BEHIND, with a reminder button, seconds after the
    panel had the applications."""
    released = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
    now = released + timedelta(seconds=30)
    found = pace(0, 336, released=released, deadline=date(2026, 4, 2), now=now)
    assert found is Pace.ON_TRACK and not found.needs_reminder


@pytest.mark.parametrize(
    ("scored", "now", "expected"),
    [
        (100, at(20), Pace.DONE),
        (0, at(3, 8), Pace.ON_TRACK),  # the first day is grace
        (50, HALFWAY, Pace.ON_TRACK),
        (32, HALFWAY, Pace.ON_TRACK),  # a fifth below the pace of a day earlier
        (31, HALFWAY, Pace.BEHIND),
        (0, at(4), Pace.BEHIND),  # two days in, nothing scored
        (99, at(11, 23), Pace.ON_TRACK),  # the deadline day is still theirs
        (99, END, Pace.OVERDUE),
    ],
)
def test_pace(scored: int, now: datetime, expected: Pace) -> None:
    assert pace(scored, 100, released=RELEASED, deadline=DEADLINE, now=now) is expected


def test_without_a_deadline_or_before_the_release_nobody_is_behind() -> None:
    far = at(1) + timedelta(days=400)
    assert pace(0, 100, released=RELEASED, deadline=None, now=far) is Pace.NO_DEADLINE
    assert pace(0, 100, released=None, deadline=DEADLINE, now=far) is Pace.NOT_STARTED
    assert pace(0, 0, released=RELEASED, deadline=DEADLINE, now=far) is Pace.NOT_STARTED
    assert Pace.BEHIND.needs_reminder and Pace.OVERDUE.needs_reminder
    assert not any(
        p.needs_reminder for p in (Pace.ON_TRACK, Pace.DONE, Pace.NO_DEADLINE, Pace.NOT_STARTED)
    )


# Properties -----------------------------------------------------------------------------------
moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)
)
windows = st.tuples(moments, st.integers(min_value=0, max_value=400)).map(
    lambda w: (w[0], w[0].date() + timedelta(days=w[1]))
)
work = st.integers(min_value=1, max_value=10_000).flatmap(
    lambda expected: st.tuples(st.integers(min_value=0, max_value=expected), st.just(expected))
)


@given(windows, work, st.integers(min_value=0, max_value=86_399))
def test_nobody_is_behind_at_the_start_of_the_window(
    window: tuple[datetime, date], done: tuple[int, int], seconds: int
) -> None:
    """Within the first day of the window (the release itself included), whatever is done."""
    released, deadline = window
    now = released + timedelta(seconds=seconds)
    assert pace(*done, released=released, deadline=deadline, now=now) is not Pace.BEHIND


@given(windows, st.integers(min_value=1, max_value=10_000), moments)
def test_everybody_who_has_scored_everything_is_done(
    window: tuple[datetime, date], expected: int, now: datetime
) -> None:
    released, deadline = window
    found = pace(expected, expected, released=released, deadline=deadline, now=now)
    assert found is Pace.DONE and not found.needs_reminder


ORDER = {Pace.OVERDUE: 0, Pace.BEHIND: 1, Pace.ON_TRACK: 2, Pace.DONE: 3}


@given(windows, work, st.integers(min_value=0, max_value=10_000), moments)
def test_more_work_done_never_makes_the_pace_worse(
    window: tuple[datetime, date], done: tuple[int, int], more: int, now: datetime
) -> None:
    released, deadline = window
    scored, expected = done
    later = min(expected, scored + more)
    before = pace(scored, expected, released=released, deadline=deadline, now=now)
    after = pace(later, expected, released=released, deadline=deadline, now=now)
    assert ORDER[before] <= ORDER[after]
    assert not after.needs_reminder or before.needs_reminder
