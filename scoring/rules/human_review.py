"""Proof that people made the decisions (UK GDPR Articles 22A-22D): for each application, which
panel members opened it, for how long, and what they scored and noted; for the vacancy, how
often a person overrode the tool's recommendation, and who signed the shortlist off.

Reading time is the sum of the gaps between one member's consecutive actions on one application:
being shown it (opening it on the Score page, or the score pad drawing it), each score and note,
and moving on to another application or leaving the pad. Being shown an application starts a
reading: the time before it was spent elsewhere. A gap longer than `READING_GAP` is idle time and
counts nothing: a member who opens an application and goes to lunch is credited with no reading
for the lunch (not with an hour, and not with fifteen minutes either).

The table HR reads (one row per application and member) and the figures above it are made here,
the figures from the table's own rows (`review_vacancy`): the page and the workbook cannot tell
two stories.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from scoring.words.counts import count_in_words

READING_GAP = timedelta(minutes=15)
SECOND = timedelta(seconds=1)


def reading_after(
    seconds: int, last_seen: datetime | None, now: datetime, *, opening: bool = False
) -> tuple[int, datetime]:
    """The member's reading time on an application after one more action at `now`, and the
    moment the next gap is measured from. Whole seconds are credited and the rest of the gap is
    carried to the next one: twenty key presses a fifth of a second apart are four seconds of
    reading, not twenty times nought. `opening`: the action shows the application (again)."""
    if last_seen is None or opening:
        return seconds, now
    gap = now - last_seen
    if timedelta(0) <= gap <= READING_GAP:
        whole = gap // SECOND
        return seconds + whole, last_seen + whole * SECOND
    return seconds, now  # idle (or clocks out of step): nothing credited, counting starts again


@dataclass(frozen=True)
class PadView:
    """The score pad showing one application: `mount` is one drawing of the pad in a page (a
    new one after a reload, or on coming back to the Score page)."""

    vacancy_id: int
    mount: str
    code: str


def pad_view_change(
    open_view: PadView | None, shown: PadView | None, *, left: str | None = None
) -> tuple[PadView | None, PadView | None]:
    """(the view to close, the view to open) when the pad reports it shows `shown`, or that
    its drawing `left` the page. A pad drawn again without word that the last one left closes
    the last one now (its reading capped like any gap)."""
    if left is not None:
        leaving = open_view is not None and open_view.mount == left
        return (open_view, None) if leaving else (None, None)
    if shown is None or shown == open_view:
        return None, None
    return open_view, shown


@dataclass(frozen=True)
class Panellist:
    user_id: int
    name: str


@dataclass(frozen=True)
class ReadingRecord:
    """What is stored of one member's reading of one application."""

    reference: str
    user_id: int
    seconds: int
    views: int


@dataclass(frozen=True)
class MemberReview:
    member: str
    seconds: int
    views: int
    scored: int  # criteria scored
    noted: int  # scores with a note

    @property
    def opened(self) -> bool:
        """Shown to the member in the tool (on the Score page or the score pad)."""
        return self.views > 0

    @property
    def read(self) -> bool:
        """Opened, or scored (a scoring sheet HR returned for the member is read on paper)."""
        return self.opened or self.scored > 0


@dataclass(frozen=True)
class ApplicationReview:
    reference: str
    members: tuple[MemberReview, ...]

    @property
    def read_by(self) -> int:
        return sum(1 for m in self.members if m.read)

    @property
    def scored_by(self) -> int:
        return sum(1 for m in self.members if m.scored)


@dataclass(frozen=True)
class ReviewRow:
    """One row of the Human review table (the page's and the workbook's)."""

    reference: str
    member: str
    opened: bool
    read: bool
    seconds: int
    views: int
    scored: int
    noted: int

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass(frozen=True)
class VacancyReview:
    applications: int
    read_by_two_or_more: int
    median_minutes: float  # per application, all members together
    decisions: int
    overrides: int
    signed_off_by: str | None
    signed_off_at: datetime | None
    by_decision: int = 0  # shortlisted by a person's decision (against the ranking)

    @property
    def override_rate(self) -> float:
        return self.overrides / self.decisions if self.decisions else 0.0


@dataclass(frozen=True)
class ReviewProof:
    """The proof of human review of a vacancy: the figures and the applications they count."""

    vacancy: VacancyReview
    applications: tuple[ApplicationReview, ...]  # by HR's reference

    @property
    def table(self) -> tuple[ReviewRow, ...]:
        return review_table(self.applications)

    def of(self, reference: str) -> ApplicationReview | None:
        return next((a for a in self.applications if a.reference == reference), None)


def review_table(applications: Iterable[ApplicationReview]) -> tuple[ReviewRow, ...]:
    return tuple(
        ReviewRow(a.reference, m.member, m.opened, m.read, m.seconds, m.views, m.scored, m.noted)
        for a in applications
        for m in a.members
    )


def review_vacancy(
    references: Sequence[str],
    panel: Sequence[Panellist],
    readings: Iterable[ReadingRecord],
    scored: Mapping[tuple[str, int], tuple[int, int]],
    *,
    decisions: int,
    overrides: int,
    signed_off_by: str | None = None,
    signed_off_at: datetime | None = None,
    by_decision: int = 0,
) -> ReviewProof:
    """The proof from what is stored: each member's reading of each application in
    `references` (none recorded: not opened), and (reference, user id) -> (criteria scored,
    scores noted). The figures are counted from the rows of the table."""
    read = {(r.reference, r.user_id): (r.seconds, r.views) for r in readings}
    applications = tuple(
        ApplicationReview(
            reference,
            tuple(
                MemberReview(p.name, *read.get(key, (0, 0)), *scored.get(key, (0, 0)))
                for p in panel
                for key in [(reference, p.user_id)]
            ),
        )
        for reference in references
    )
    figures = vacancy_figures(
        applications, decisions=decisions, overrides=overrides,
        signed_off_by=signed_off_by, signed_off_at=signed_off_at, by_decision=by_decision,
    )  # fmt: skip
    return ReviewProof(figures, applications)


def vacancy_figures(
    applications: Sequence[ApplicationReview],
    *,
    decisions: int,
    overrides: int,
    signed_off_by: str | None,
    signed_off_at: datetime | None,
    by_decision: int = 0,
) -> VacancyReview:
    """The vacancy's figures, counted from the rows of the applications' table."""
    readers = dict.fromkeys((a.reference for a in applications), 0)
    seconds = dict.fromkeys(readers, 0)
    for row in review_table(applications):
        readers[row.reference] += row.read
        seconds[row.reference] += row.seconds
    minutes = [s / 60 for s in seconds.values()]
    return VacancyReview(
        applications=len(readers),
        read_by_two_or_more=sum(1 for n in readers.values() if n >= 2),
        median_minutes=round(statistics.median(minutes), 1) if minutes else 0.0,
        decisions=decisions,
        overrides=overrides,
        signed_off_by=signed_off_by,
        signed_off_at=signed_off_at,
        by_decision=by_decision,
    )


def review_figures(v: VacancyReview) -> tuple[tuple[str, str], ...]:
    """The figures above the Human review table, as the page and the workbook both show them."""
    return (
        ("Read by two or more members", f"{v.read_by_two_or_more} of {v.applications}"),
        ("Median reading time", f"{v.median_minutes:g} min"),
        ("Overridden by a person", f"{v.overrides} of {v.decisions}"),
        ("Override rate", f"{v.override_rate:.0%}"),
        ("Shortlisted against the ranking by a person", f"{v.by_decision}"),
    )


def feedback_sentence(review: ApplicationReview) -> str:
    """What an applicant's feedback says of the people who assessed them."""
    n = review.scored_by
    if n == 0:
        return "Your application has not been scored by the panel yet."
    who = "panel member" if n == 1 else "panel members"
    return f"Your application was read and scored by {count_in_words(n)} {who}."
