"""Proof that people made the decisions (UK GDPR Articles 22A-22D): for each application, which
panel members opened it, for how long, and what they scored and noted; for the vacancy, how
often a person overrode the tool's recommendation, and who signed the shortlist off.

Reading time is the sum of the gaps between one member's consecutive actions on one application
(opening it, scoring it, noting), each gap counted only up to `READING_GAP`: a member who opens
an application and goes to lunch is not credited with an hour's reading.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from scoring.conditions import count_in_words

READING_GAP = timedelta(minutes=15)


def reading_after(seconds: int, last_seen: datetime | None, now: datetime) -> int:
    """The member's reading time on an application after one more action at `now`."""
    if last_seen is None:
        return seconds
    gap = now - last_seen
    if timedelta(0) <= gap <= READING_GAP:
        return seconds + int(gap.total_seconds())
    return seconds


@dataclass(frozen=True)
class MemberReview:
    member: str
    opened: bool
    seconds: int
    views: int
    scored: int  # criteria scored
    noted: int  # scores with a note


@dataclass(frozen=True)
class ApplicationReview:
    reference: str
    members: tuple[MemberReview, ...]

    @property
    def read_by(self) -> int:
        return sum(1 for m in self.members if m.opened or m.scored)

    @property
    def scored_by(self) -> int:
        return sum(1 for m in self.members if m.scored)

    @property
    def minutes(self) -> float:
        return sum(m.seconds for m in self.members) / 60


@dataclass(frozen=True)
class VacancyReview:
    applications: int
    read_by_two_or_more: int
    median_minutes: float  # per application, all members together
    decisions: int
    overrides: int
    signed_off_by: str | None
    signed_off_at: datetime | None

    @property
    def override_rate(self) -> float:
        return self.overrides / self.decisions if self.decisions else 0.0


def vacancy_review(
    lines: Sequence[ApplicationReview],
    *,
    decisions: int,
    overrides: int,
    signed_off_by: str | None,
    signed_off_at: datetime | None,
) -> VacancyReview:
    minutes = [line.minutes for line in lines]
    return VacancyReview(
        applications=len(lines),
        read_by_two_or_more=sum(1 for line in lines if line.read_by >= 2),
        median_minutes=round(statistics.median(minutes), 1) if minutes else 0.0,
        decisions=decisions,
        overrides=overrides,
        signed_off_by=signed_off_by,
        signed_off_at=signed_off_at,
    )


def feedback_sentence(review: ApplicationReview) -> str:
    """What an applicant's feedback says of the people who assessed them."""
    n = review.scored_by
    if n == 0:
        return "Your application has not been scored by the panel yet."
    who = "panel member" if n == 1 else "panel members"
    return f"Your application was read and scored by {count_in_words(n)} {who}."
