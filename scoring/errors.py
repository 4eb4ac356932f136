"""Domain errors, named after what happened and worded for the person who hit it: the shell
shows the message as it is (`reported()` in app_pages/common.py turns them into `st.error`).

The four families say what kind of refusal it is; the named errors below them say which rule
refused. Storage's own errors (use_cases/errors.py) are the same classes."""

from __future__ import annotations


class DomainError(Exception):
    """Base: the message is fit to show on a page."""


class NotAllowed(DomainError):
    """The person may not do this (their role, their panel, the stage the vacancy is at)."""


class NotFound(DomainError):
    pass


class InvalidInput(DomainError):
    """The value itself is refused by a rule."""


class StaleEdit(DomainError):
    """Someone changed the record after this person's screen was drawn: their edit would
    overwrite a value they never saw, so it is refused. `current` is what is stored now."""

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current


# Scoring --------------------------------------------------------------------------------------
class ScoreOutOfScale(InvalidInput):
    pass


class UnknownCriterion(InvalidInput):
    pass


class UnknownApplication(InvalidInput):
    pass


class ScoringLocked(InvalidInput):
    """Scores can no longer change: the vacancy is finalised, or the member has submitted."""


class NotAtThisStage(ScoringLocked):
    """The vacancy's state does not allow this (scoring/rules/lifecycle.py: what each state allows):
    scoring a finalised vacancy, overriding a closed one's shortlist, finalising a draft."""


class AlreadySubmitted(ScoringLocked):
    """The member has submitted their scores: they neither submit again nor change a score
    (changes go through moderation). Raised by one rule, `check_not_submitted`
    (scoring/rules/owed_scores.py), whichever way the member arrives."""


class NotReleased(NotAllowed):
    """HR has not released the redacted evidence to the panel yet."""


class NotDeclared(NotAllowed):
    """The member has not made their names-only conflict declaration yet."""


class ConflictOfInterest(NotAllowed):
    pass


class ApplicationWithdrawn(InvalidInput):
    pass


# Moderation and decisions ---------------------------------------------------------------------
class ReasonRequired(InvalidInput):
    """An agreed score or an override needs a reason for the record."""


class UnknownDecision(InvalidInput):
    pass


class ScoresOutstanding(InvalidInput):
    """A member submits only when every score they owe is given."""


class DecisionNotOpen(InvalidInput):
    """A decision this application cannot have under this vacancy's policy (a priority round
    under no priority scheme it claimed, a merit place for an applicant who failed an
    essential)."""


class ShortlistMoved(StaleEdit):
    """The shortlist changed (a score, a decision, an import, in another window) after this
    person's screen showed it: a sign-off or decision made from that screen is refused."""


class NotReadyToFinalise(InvalidInput):
    """Something is still open: scores, moderation, or a decision only a person can make."""
