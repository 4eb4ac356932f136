"""Who is behind with their scoring. The scoring window runs from the moment the applications
reached the panel to the end of the vacancy's deadline day; at an even pace a member's share
done keeps up with the share of the window gone by. A member is behind only when their share
done is more than a fifth below the share that had gone by a day earlier (a day's grace: nobody
is behind in the first day, let alone seconds after the release), and overdue once the deadline
day is over with scores still to give. Time is passed in, never read here."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

GRACE = timedelta(days=1)  # a member is measured against the pace of a day ago
SLACK = 0.2  # and may be a fifth below it


class Pace(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"
    NOT_STARTED = "not_started"  # nothing to score yet: not released, or nothing owed

    @property
    def label(self) -> str:
        return PACE_LABELS[self]

    @property
    def needs_reminder(self) -> bool:
        return self in (Pace.BEHIND, Pace.OVERDUE)


PACE_LABELS = {
    Pace.DONE: "finished",
    Pace.ON_TRACK: "on track",
    Pace.BEHIND: "behind",
    Pace.OVERDUE: "overdue",
    Pace.NO_DEADLINE: "no deadline set",
    Pace.NOT_STARTED: "nothing to score yet",
}


def _utc(at: datetime) -> datetime:
    """A stored time without a zone is UTC (SQLite keeps none)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def window_end(deadline: date) -> datetime:
    """The end of the deadline day: the day is still the member's."""
    return datetime.combine(deadline + timedelta(days=1), time.min, tzinfo=UTC)


def elapsed_share(released: datetime, deadline: date, now: datetime) -> float:
    """The share of the scoring window (release to the end of the deadline day) gone by at
    `now`: 0 at the release and before it, 1 at the end of the deadline day and after."""
    start, end, now = _utc(released), window_end(deadline), _utc(now)
    if now <= start:
        return 0.0
    if now >= end:
        return 1.0
    return (now - start) / (end - start)


def due_share(released: datetime, deadline: date, now: datetime) -> float:
    """The share of the scoring a member must have done by `now` not to be behind: the share
    of the window gone by a day earlier, less a fifth."""
    return elapsed_share(released, deadline, now - GRACE) * (1 - SLACK)


def pace(
    scored: int,
    expected: int,
    *,
    released: datetime | None,
    deadline: date | None,
    now: datetime,
) -> Pace:
    """A member's pace: `scored` of the `expected` scores, the applications released to the
    panel at `released` (None: not yet), against the scoring `deadline` (None: none set)."""
    if released is None or expected <= 0:
        return Pace.NOT_STARTED
    if scored >= expected:
        return Pace.DONE
    if deadline is None:
        return Pace.NO_DEADLINE
    if _utc(now) >= window_end(deadline):
        return Pace.OVERDUE
    return Pace.BEHIND if scored / expected < due_share(released, deadline, now) else Pace.ON_TRACK
