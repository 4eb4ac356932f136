"""A vacancy's life, owned here and nowhere else, in two tables: every move between its states
(TRANSITIONS) and what each state allows (ALLOWS). Services ask `check_allowed` before they act;
the repository changes a status only by one of these moves, compare-and-set
(storage/repository/vacancies.py `move_status`); no other module spells a status (a test scans).

    draft -> open -> scoring <-> moderation -> finalised -> closed -> purged

Releasing the applications to the panel moves a draft or open vacancy to scoring; finalising the
shortlist moves it to finalised; any state before closed may be closed, with a reason (a campaign
withdrawn); a campaign that is over (finalised or closed) is purged after its retention date.
Every move and edit is audited by the service that makes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from scoring.errors import NotAtThisStage, ReasonRequired


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


S = VacancyStatus
STATUS_LABELS = {
    S.DRAFT: "Draft",
    S.OPEN: "Open for applications",
    S.SCORING: "Scoring",
    S.MODERATION: "Moderation",
    S.FINALISED: "Finalised",
    S.CLOSED: "Closed",
    S.PURGED: "Personal data purged",
}


# The moves ------------------------------------------------------------------------------------
class Transition(StrEnum):
    """Every move a vacancy makes, by name (the name is what the audit log records)."""

    PUBLISH = "publish"
    RELEASE = "release"
    START_MODERATION = "start_moderation"
    BACK_TO_SCORING = "back_to_scoring"
    FINALISE = "finalise"
    CLOSE = "close"
    PURGE = "purge"


@dataclass(frozen=True, slots=True)
class Move:
    sources: frozenset[VacancyStatus]
    target: VacancyStatus
    by_hand: bool  # HR's move buttons; the others come with their action (release, finalise)


LIVE = frozenset({S.DRAFT, S.OPEN, S.SCORING, S.MODERATION})
TRANSITIONS: dict[Transition, Move] = {
    Transition.PUBLISH: Move(frozenset({S.DRAFT}), S.OPEN, by_hand=True),
    Transition.RELEASE: Move(frozenset({S.DRAFT, S.OPEN}), S.SCORING, by_hand=False),
    Transition.START_MODERATION: Move(frozenset({S.SCORING}), S.MODERATION, by_hand=True),
    Transition.BACK_TO_SCORING: Move(frozenset({S.MODERATION}), S.SCORING, by_hand=True),
    Transition.FINALISE: Move(frozenset({S.SCORING, S.MODERATION}), S.FINALISED, by_hand=False),
    Transition.CLOSE: Move(LIVE | {S.FINALISED}, S.CLOSED, by_hand=True),
    Transition.PURGE: Move(frozenset({S.FINALISED, S.CLOSED}), S.PURGED, by_hand=False),
}
# The moves HR makes by hand from each state, in the order the page offers them.
MOVES: dict[VacancyStatus, tuple[VacancyStatus, ...]] = {
    state: tuple(m.target for m in TRANSITIONS.values() if m.by_hand and state in m.sources)
    for state in S
}


def initial_status(*, draft: bool) -> VacancyStatus:
    """A new vacancy is a draft, or open for applications at once."""
    return S.DRAFT if draft else S.OPEN


def status_of(value: str) -> VacancyStatus:
    return VacancyStatus(value)


def applies(transition: Transition, current: VacancyStatus) -> bool:
    """The move can be made from the vacancy's state now."""
    return current in TRANSITIONS[transition].sources


def check_move(current: VacancyStatus, wanted: VacancyStatus, reason: str | None) -> Transition:
    """The move HR asked for by hand, if the state allows it (closing needs a reason)."""
    found = next(
        (
            t
            for t, m in TRANSITIONS.items()
            if m.by_hand and applies(t, current) and m.target is wanted
        ),
        None,
    )
    if found is None:
        allowed = ", ".join(s.label.lower() for s in MOVES[current]) or "nothing"
        raise NotAtThisStage(
            f"A vacancy that is {current.label.lower()} cannot become {wanted.label.lower()}; "
            f"from here it can become: {allowed}."
        )
    if found is Transition.CLOSE and len((reason or "").strip()) < 10:
        raise ReasonRequired("Say why the vacancy is closed (a sentence), for the record.")
    return found


# What each state allows -----------------------------------------------------------------------
class Action(StrEnum):
    """What people do to a vacancy that its state may refuse."""

    IMPORT_APPLICATIONS = "import applications"
    IMPORT_MONITORING = "import monitoring answers"
    ASSIGN_PANEL = "assign the panel"
    REDACT = "adjust what is redacted"
    RELEASE = "release the applications to the panel"
    DECLARE_CONFLICTS = "declare conflicts of interest"
    SCORE = "score applications"
    SUBMIT_SCORES = "submit scores"
    AGREE_SCORES = "record agreed scores"
    OVERRIDE = "override a recommendation"
    FINALISE = "finalise the shortlist"
    SEND_LETTERS = "send letters"
    PURGE = "purge personal data"
    EDIT_DETAILS = "edit the title and dates"
    EDIT_SHORTLIST = "edit the interview places and pass mark"


A = Action
# Until it is finalised a campaign may change in every way; the criteria and the scoring
# settings are fixed from creation (a change would move the ground under scores already given).
WHILE_LIVE = frozenset(A) - {A.FINALISE, A.SEND_LETTERS, A.PURGE}
ALLOWS: dict[VacancyStatus, frozenset[Action]] = {
    S.DRAFT: WHILE_LIVE,
    S.OPEN: WHILE_LIVE,
    S.SCORING: WHILE_LIVE | {A.FINALISE},
    S.MODERATION: WHILE_LIVE | {A.FINALISE},
    S.FINALISED: frozenset({A.SEND_LETTERS, A.PURGE}),
    S.CLOSED: frozenset({A.PURGE}),
    S.PURGED: frozenset(),
}

_IS = {
    S.DRAFT: "is a draft",
    S.OPEN: "is open for applications",
    S.SCORING: "is being scored",
    S.MODERATION: "is in moderation",
    S.FINALISED: "is finalised",
    S.CLOSED: "is closed",
    S.PURGED: "is over and its personal data purged",
}
_NO_LONGER = {
    A.IMPORT_APPLICATIONS: "applications can no longer be imported",
    A.IMPORT_MONITORING: "monitoring answers can no longer be imported",
    A.ASSIGN_PANEL: "its panel can no longer change",
    A.REDACT: "what is redacted can no longer change",
    A.RELEASE: "applications can no longer be released to the panel",
    A.DECLARE_CONFLICTS: "conflicts of interest can no longer be declared",
    A.SCORE: "scores can no longer change",
    A.SUBMIT_SCORES: "scores can no longer be submitted",
    A.AGREE_SCORES: "agreed scores can no longer change",
    A.OVERRIDE: "its shortlist can no longer change",
    A.FINALISE: "its shortlist can no longer be finalised",
    A.SEND_LETTERS: "letters can no longer be sent",
    A.PURGE: "its personal data can no longer be purged",
    A.EDIT_DETAILS: "its title and dates can no longer change",
    A.EDIT_SHORTLIST: "its interview places and pass mark can no longer change",
}
_NOT_YET = {
    A.FINALISE: "the shortlist is finalised once the applications are released to the panel",
    A.SEND_LETTERS: "letters go out once the shortlist is finalised: finalise it on the "
    "Shortlist page first",
    A.PURGE: "personal data is purged only once the campaign is over (finalised or closed)",
}
_ALREADY = {
    (S.FINALISED, A.FINALISE): "This shortlist is finalised already; it cannot change.",
    (S.PURGED, A.PURGE): "This vacancy's personal data is purged already.",
}


def allows(current: VacancyStatus, action: Action) -> bool:
    return action in ALLOWS[current]


def refusal(current: VacancyStatus, action: Action) -> str:
    """Why the vacancy's state refuses the action, in the words of the person who tried."""
    if (current, action) in _ALREADY:
        return _ALREADY[current, action]
    order = list(S)
    first = min((order.index(s) for s in S if allows(s, action)), default=len(order))
    why = _NOT_YET[action] if order.index(current) < first else _NO_LONGER[action]
    return f"This vacancy {_IS[current]}: {why}."


def check_allowed(current: VacancyStatus, action: Action) -> None:
    if not allows(current, action):
        raise NotAtThisStage(refusal(current, action))


# What may be edited in each state -------------------------------------------------------------
DETAILS = frozenset({"title", "closing_date", "interview_date", "scoring_deadline"})
SHORTLIST = frozenset({"slots", "pass_mark", "post"})  # post: what the schemes' covers read
EDITABLE: dict[VacancyStatus, frozenset[str]] = {
    state: (DETAILS if allows(state, A.EDIT_DETAILS) else frozenset())
    | (SHORTLIST if allows(state, A.EDIT_SHORTLIST) else frozenset())
    for state in S
}
FIELD_LABELS = {
    "title": "the title",
    "closing_date": "the closing date",
    "interview_date": "the interview date",
    "scoring_deadline": "the scoring deadline",
    "slots": "the interview places",
    "pass_mark": "the pass mark",
    "post": "what it records for the interview schemes (advert, salary, role family)",
}


def check_edit(current: VacancyStatus, fields: set[str]) -> None:
    refused = sorted(fields - EDITABLE[current])
    if refused:
        names = ", ".join(FIELD_LABELS.get(f, f) for f in refused)
        raise NotAtThisStage(
            f"A vacancy that is {current.label.lower()} cannot have {names} changed."
        )


def is_purgeable(current: VacancyStatus, retention_date: date | None, today: date) -> bool:
    """A vacancy whose personal data goes today: over (finalised or closed) and past its
    retention date. A live vacancy is never purgeable, whatever its retention date says (an
    edited closing date moves the retention date with it, so the date alone cannot be trusted
    to mean "over")."""
    return allows(current, A.PURGE) and retention_date is not None and retention_date <= today
