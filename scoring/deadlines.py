"""Who is behind with their scoring. A vacancy's scoring deadline and the day the applications
reached the panel give the share of the scoring due by the end of today, at an even pace; a
member whose share done is more than a fifth below it is behind, and one who has not finished
by the end of the deadline day is overdue."""

from __future__ import annotations

from datetime import date
from enum import StrEnum


class Pace(StrEnum):
    DONE = "done"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    NO_DEADLINE = "no_deadline"

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
}


def due_share(released: date | None, deadline: date, today: date) -> float:
    """The share of the scoring that should be done by the end of `today` (even pace from
    release to the deadline, the deadline day included)."""
    if today >= deadline:
        return 1.0
    start = released or today
    if today < start:
        return 0.0
    days = (deadline - start).days + 1
    return min(1.0, ((today - start).days + 1) / days) if days > 0 else 1.0


def pace(
    scored: int, expected: int, *, released: date | None, deadline: date | None, today: date
) -> Pace:
    if expected and scored >= expected:
        return Pace.DONE
    if deadline is None:
        return Pace.NO_DEADLINE
    if today > deadline:
        return Pace.OVERDUE
    share = scored / expected if expected else 1.0
    due = due_share(released, deadline, today)
    return Pace.BEHIND if share + 1e-9 < due * 0.8 else Pace.ON_TRACK
