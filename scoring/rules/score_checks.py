"""The rules every panel score and agreed score passes before it is stored, in one place,
whichever way the score arrives: a key press, a button, a scoring sheet returned offline.

The shell gathers the facts (the member's seat on the panel, what is stored now) and calls
`check_panel_score`; only if it returns is the score written. Each refusal is a named domain
error with a message for the person."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scoring.clean_text import clean_text
from scoring.errors import (
    NotAllowed,
    NotDeclared,
    NotFound,
    NotReleased,
    ReasonRequired,
    ScoreOutOfScale,
    ScoringLocked,
    StaleEdit,
    UnknownCriterion,
)
from scoring.rules.lifecycle import Action, check_allowed, status_of
from scoring.rules.owed_scores import check_not_submitted
from scoring.rules.scheme import Scale
from scoring.rules.who_scores import check_scored_by_member
from scoring.vacancy import Vacancy


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """What a vacancy fixes for every score: the criteria scored at shortlisting and the scale,
    and the number the panel sees beside each criterion (refusals name it so)."""

    criterion_ids: frozenset[str]
    scale: Scale
    numbers: Mapping[str, int] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, vacancy: Vacancy) -> ScoringRules:
        return cls(
            frozenset(c.id for c in vacancy.scored_criteria),
            vacancy.scheme.scale,
            vacancy.criterion_numbers(),
        )

    def name(self, criterion_id: str) -> str:
        """The criterion as the pad and the buttons number it ("criterion 3")."""
        number = self.numbers.get(criterion_id)
        return f"criterion {number}" if number is not None else f"criterion '{criterion_id}'"


@dataclass(frozen=True, slots=True)
class Seat:
    """A member's place on a vacancy's panel, as stored now."""

    vacancy_status: str
    assigned: bool
    released: bool
    declared: bool
    submitted: bool


@dataclass(frozen=True, slots=True)
class StoredScore:
    score: int
    note: str
    version: int


@dataclass(frozen=True, slots=True)
class ScoreTarget:
    """The application a score is for, as stored now, with the member's score on the criterion."""

    withdrawn: bool
    conflicted: bool
    stored: StoredScore | None
    held: bool = False  # a late application HR has not released to the panel yet


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """One score a person gives. `drawn_version` is the version of the score their screen showed
    when they gave it (None: their screen showed no score); `note` None keeps the stored note."""

    panel_code: str
    criterion_id: str
    score: int
    note: str | None = None
    drawn_version: int | None = None


def check_on_scale(scale: Scale, value: object) -> int:
    """The score as a whole number on the scale, or ScoreOutOfScale."""
    if isinstance(value, bool) or not isinstance(value, int) or value not in scale.values:
        raise ScoreOutOfScale(
            f"{value!r} is not on the {scale.name} scale; use a whole number from "
            f"{scale.minimum} to {scale.maximum}."
        )
    return value


def check_scored_criterion(rules: ScoringRules, criterion_id: str) -> None:
    if criterion_id not in rules.criterion_ids:
        raise UnknownCriterion(
            f"'{criterion_id}' is not a criterion scored at shortlisting in this vacancy."
        )


def check_may_read_evidence(*, released: bool, declared: bool) -> None:
    """A member reads evidence only once HR has released it (redacted) and the member has made
    their names-only conflict declaration."""
    if not released:
        raise NotReleased(
            "HR has not released the applications to the panel yet; they check what is redacted first."
        )
    if not declared:
        raise NotDeclared(
            "Declare any conflicts of interest first: open Score and go through the list of names."
        )


def check_seat(seat: Seat, *, member: str | None = None) -> None:
    """The member may score this vacancy now. `member` names them when someone else (HR
    returning their sheet) acts for them."""
    if not seat.assigned:
        raise NotAllowed(
            f"{member or 'You'} {'is' if member else 'are'} not on the panel for this vacancy."
        )
    check_may_read_evidence(released=seat.released, declared=seat.declared)
    check_not_locked(seat, member=member)


def check_not_locked(seat: Seat, *, member: str | None = None) -> None:
    """The member's scores may still change: the vacancy takes scores, and they have not
    submitted theirs."""
    check_allowed(status_of(seat.vacancy_status), Action.SCORE)
    check_not_submitted(submitted=seat.submitted, member=member)


def scores_locked(seat: Seat) -> str | None:
    """Why the member's scores can no longer change (the vacancy finalised or closed, or their
    scores submitted), in words for them; None while they may still score. The Score page says
    it once and shows the scores read-only, rather than refusing each key press."""
    try:
        check_not_locked(seat)
    except ScoringLocked as locked:
        return str(locked)
    return None


def check_drawn_version(
    drawn: int | None, stored_version: int | None, *, what: str, current: object, now: str
) -> None:
    """Refuse an edit made from a screen that did not show the stored value: it would overwrite
    a value the person never saw. `now` words the stored value for the message."""
    if drawn == stored_version:
        return
    if stored_version is None:
        raise StaleEdit(f"{what} was removed in another window; it is blank now.", current)
    raise StaleEdit(
        f"{what} was changed in another window after this screen was drawn (it is now {now}). "
        "The screen now shows that value; give yours again if you still mean it.",
        current,
    )


def check_panel_score(
    seat: Seat, rules: ScoringRules, change: ScoreChange, target: ScoreTarget | None
) -> str:
    """Every guard on a panel score, in the order a person would want to hear them. Returns the
    note to store (the given one, else the one stored)."""
    check_seat(seat)
    return check_change(rules, change, target)


def check_change(rules: ScoringRules, change: ScoreChange, target: ScoreTarget | None) -> str:
    """The guards on one score once the member's seat is checked (`check_seat`). Returns the
    note to store, made safe (scoring/clean_text.py)."""
    note = None if change.note is None else clean_text(change.note)
    check_scored_criterion(rules, change.criterion_id)
    check_on_scale(rules.scale, change.score)
    if target is None:
        raise NotFound(f"There is no application {change.panel_code} in this vacancy.")
    check_scored_by_member(
        change.panel_code,
        withdrawn=target.withdrawn,
        held=target.held,
        conflicted=target.conflicted,
    )
    stored = target.stored
    if stored is not None and change.score == stored.score and note in (None, stored.note):
        return stored.note  # what is stored already: nothing is overwritten, whatever was drawn
    check_drawn_version(
        change.drawn_version,
        stored.version if stored else None,
        what=f"your score for {change.panel_code}, {rules.name(change.criterion_id)},",
        current=stored,
        now=str(stored.score) if stored else "blank",
    )
    if note is not None:
        return note
    return stored.note if stored else ""


def check_agreed_score(
    rules: ScoringRules,
    *,
    criterion_id: str,
    score: object,
    note: str,
    drawn_version: int | None,
    stored: StoredScore | None,
    where: str,
) -> str:
    """Every guard on an agreed score; returns the note to store, made safe."""
    note = clean_text(note)
    check_scored_criterion(rules, criterion_id)
    check_on_scale(rules.scale, score)
    if not note.strip():
        raise ReasonRequired("An agreed score needs a note saying why the panel agreed it.")
    check_drawn_version(
        drawn_version,
        stored.version if stored else None,
        what=f"the agreed score for {where}",
        current=stored,
        now=str(stored.score) if stored else "blank",
    )
    return note
