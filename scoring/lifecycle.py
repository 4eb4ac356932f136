"""A vacancy's life: draft, open, scoring, moderation, finalised, closed (and purged once its
personal data is gone). Which moves are allowed, and what may still be edited in each state.

    draft -> open -> scoring -> moderation -> finalised -> closed
    (any state before finalised may also be closed, with a reason: a campaign withdrawn)

Releasing the applications to the panel moves an open vacancy to scoring; finalising the
shortlist moves it to finalised. Every move and edit is audited by the service that makes it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from scoring.errors import InvalidInput


class VacancyStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    SCORING = "scoring"
    MODERATION = "moderation"
    FINALISED = "finalised"
    CLOSED = "closed"
    PURGED = "purged"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    VacancyStatus.DRAFT: "Draft",
    VacancyStatus.OPEN: "Open for applications",
    VacancyStatus.SCORING: "Scoring",
    VacancyStatus.MODERATION: "Moderation",
    VacancyStatus.FINALISED: "Finalised",
    VacancyStatus.CLOSED: "Closed",
    VacancyStatus.PURGED: "Personal data purged",
}

# The moves HR makes by hand (release and finalise make theirs through their own actions).
MOVES: dict[VacancyStatus, tuple[VacancyStatus, ...]] = {
    VacancyStatus.DRAFT: (VacancyStatus.OPEN, VacancyStatus.CLOSED),
    VacancyStatus.OPEN: (VacancyStatus.CLOSED,),
    VacancyStatus.SCORING: (VacancyStatus.MODERATION, VacancyStatus.CLOSED),
    VacancyStatus.MODERATION: (VacancyStatus.SCORING, VacancyStatus.CLOSED),
    VacancyStatus.FINALISED: (VacancyStatus.CLOSED,),
    VacancyStatus.CLOSED: (),
    VacancyStatus.PURGED: (),
}

# What may be edited in each state. The criteria and the scoring settings are fixed once the
# panel has the applications: a change then would move the ground under scores already given.
DETAILS = frozenset({"title", "closing_date", "interview_date", "scoring_deadline"})
SHORTLIST = frozenset({"slots", "pass_mark"})
EDITABLE: dict[VacancyStatus, frozenset[str]] = {
    VacancyStatus.DRAFT: DETAILS | SHORTLIST,
    VacancyStatus.OPEN: DETAILS | SHORTLIST,
    VacancyStatus.SCORING: DETAILS | SHORTLIST,
    VacancyStatus.MODERATION: DETAILS | SHORTLIST,
    VacancyStatus.FINALISED: frozenset(),
    VacancyStatus.CLOSED: frozenset(),
    VacancyStatus.PURGED: frozenset(),
}
FIELD_LABELS = {
    "title": "the title",
    "closing_date": "the closing date",
    "interview_date": "the interview date",
    "scoring_deadline": "the scoring deadline",
    "slots": "the interview places",
    "pass_mark": "the pass mark",
}


def status_of(value: str) -> VacancyStatus:
    return VacancyStatus(value)


def check_move(current: VacancyStatus, wanted: VacancyStatus, reason: str | None) -> None:
    if wanted not in MOVES[current]:
        allowed = ", ".join(s.label.lower() for s in MOVES[current]) or "nothing"
        raise InvalidInput(
            f"A vacancy that is {current.label.lower()} cannot become {wanted.label.lower()}; "
            f"from here it can become: {allowed}."
        )
    if wanted is VacancyStatus.CLOSED and len((reason or "").strip()) < 10:
        raise InvalidInput("Say why the vacancy is closed (a sentence), for the record.")


def check_edit(current: VacancyStatus, fields: set[str]) -> None:
    refused = sorted(fields - EDITABLE[current])
    if refused:
        names = ", ".join(FIELD_LABELS.get(f, f) for f in refused)
        raise InvalidInput(
            f"A vacancy that is {current.label.lower()} cannot have {names} changed."
        )


# Personal data is purged only from a campaign that is over: signed off or closed. A live
# vacancy is never purgeable, whatever its retention date says (an edited closing date moves
# the retention date with it, so the date alone cannot be trusted to mean "over").
PURGEABLE = frozenset({VacancyStatus.FINALISED, VacancyStatus.CLOSED})


def is_purgeable(current: VacancyStatus, retention_date: date | None, today: date) -> bool:
    """A vacancy whose personal data goes today: over (finalised or closed) and past its
    retention date."""
    return current in PURGEABLE and retention_date is not None and retention_date <= today


def imports_allowed(current: VacancyStatus) -> bool:
    """Applications arrive while the vacancy is open, and late ones while it is scored."""
    return current in (
        VacancyStatus.DRAFT,
        VacancyStatus.OPEN,
        VacancyStatus.SCORING,
        VacancyStatus.MODERATION,
    )
