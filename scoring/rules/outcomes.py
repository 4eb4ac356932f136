"""The decisions the shortlist gives, in words: each outcome, its label as every page, workbook
and letter shows it, and which outcomes a person may choose in place of the recommendation."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    SHORTLISTED_IN_PRIORITY_ROUND = "shortlisted_in_priority_round"
    SHORTLISTED_ON_MERIT = "shortlisted_on_merit"
    SHORTLISTED_UNDER_SCHEME = "shortlisted_under_scheme"
    SHORTLISTED_BY_DECISION = "shortlisted_by_decision"  # a person's call, never the tool's
    TIED_AT_CUT_OFF = "tied_at_cut_off"
    NEEDS_INFORMATION = "needs_information"
    NOT_SHORTLISTED = "not_shortlisted"
    SCORING_INCOMPLETE = "scoring_incomplete"
    WITHDRAWN = "withdrawn"

    @property
    def is_shortlisted(self) -> bool:
        return self in (
            Outcome.SHORTLISTED_IN_PRIORITY_ROUND,
            Outcome.SHORTLISTED_ON_MERIT,
            Outcome.SHORTLISTED_UNDER_SCHEME,
            Outcome.SHORTLISTED_BY_DECISION,
        )

    @property
    def label(self) -> str:
        """The decision in words, as every page, workbook and letter shows it."""
        return DECISION_LABELS[self]

    @property
    def is_settled(self) -> bool:
        """False for what a person must decide before the shortlist is final."""
        return self not in (
            Outcome.TIED_AT_CUT_OFF,
            Outcome.NEEDS_INFORMATION,
            Outcome.SCORING_INCOMPLETE,
        )


DECISION_LABELS = {
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND: "Considered first: priority round",
    Outcome.SHORTLISTED_ON_MERIT: "Shortlisted on merit",
    Outcome.SHORTLISTED_UNDER_SCHEME: "Shortlisted under a guaranteed-interview scheme",
    Outcome.SHORTLISTED_BY_DECISION: "Shortlisted by a person's decision",
    Outcome.TIED_AT_CUT_OFF: "Tied at the cut-off: the panel decides",
    Outcome.NEEDS_INFORMATION: "Needs information",
    Outcome.NOT_SHORTLISTED: "Not shortlisted",
    Outcome.SCORING_INCOMPLETE: "Scoring incomplete",
    Outcome.WITHDRAWN: "Withdrawn",
}
# What a person may decide in place of the recommendation (which of them a given application
# may have is scoring/rules/decision_choices.py's rule).
PERSON_DECISIONS = (
    Outcome.SHORTLISTED_IN_PRIORITY_ROUND,
    Outcome.SHORTLISTED_ON_MERIT,
    Outcome.SHORTLISTED_UNDER_SCHEME,
    Outcome.SHORTLISTED_BY_DECISION,
    Outcome.NOT_SHORTLISTED,
    Outcome.WITHDRAWN,
)
