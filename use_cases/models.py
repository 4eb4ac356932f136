"""What the service layer returns: pydantic models, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scoring.rules.deadlines import Pace
from scoring.rules.guaranteed_interview import SchemeOutcome
from scoring.rules.outcomes import Outcome
from scoring.rules.reports import Funnel
from scoring.rules.sign_off import Tally
from storage.records import (
    Actor,
    AgreedRecord,
    ApplicationOverview,
    ApplicationRecord,
    AuditRecord,
    PanelApplication,
    PressResult,
    Public,
    RedactionReview,
    Role,
    ScoreRecord,
    UserPublic,
    VacancyPublic,
)
from storage.sign_on_rules import SignOnState

__all__ = [  # the records the repository returns, handed on to pages
    "Actor",
    "AgreedRecord",
    "ApplicationOverview",
    "ApplicationRecord",
    "AuditRecord",
    "PanelApplication",
    "PressResult",
    "Public",
    "RedactionReview",
    "Role",
    "ScoreRecord",
    "UserPublic",
    "SignOnState",
    "VacancyPublic",
]


class NameToDeclare(Public):
    """One line of the names-only conflict list: a name and a token that means nothing else."""

    token: str
    name: str


class ImportReport(Public):
    batch_id: int
    file_name: str
    rows: int


class MemberProgress(Public):
    user_id: int
    member: str
    scored: int
    expected: int
    submitted_at: datetime | None
    conflicts_declared_at: datetime | None = None  # the names-only declaration before scoring
    conflicts: int = 0
    pace: Pace = Pace.NO_DEADLINE  # against the vacancy's scoring deadline


@dataclass(frozen=True, slots=True)
class ShortlistRow:
    """One application's decision as HR sees it (scoring/rules/decisions.py merges the
    recommendation with any person's decision). A plain dataclass: a 10,000-application
    shortlist makes 10,000 of them per request."""

    reference: str
    panel_code: str
    name: str | None  # HR only
    recommended: Outcome
    decision: Outcome
    override_reason: str | None
    decided_by: str | None
    version: int | None  # of the person's decision, for the stale-edit check
    total: float | None
    rank: int | None
    schemes: tuple[str, ...]
    scheme_outcomes: tuple[SchemeOutcome, ...]
    failed_essentials: tuple[str, ...]
    reason: str
    recommendation_reason: str
    provisional: bool
    choices: tuple[Outcome, ...] = ()  # the decisions a person may record (decision_choices.py)
    rank_text: str = ""  # "4" as the workbook prints it (a tie shares it); "" when not ranked

    @property
    def label(self) -> str:
        return self.decision.label


@dataclass(frozen=True)
class ShortlistView:
    vacancy_id: int
    rows: list[ShortlistRow]
    issues: list[str]
    is_final: bool
    finalised: bool
    cut_off: float | None
    version: str = ""  # the shortlist's version: finalise and overrides carry it back
    tally: Tally | None = None


class PurgeReport(Public):
    vacancies: list[int]
    applications_deleted: int


class ModerationItem(Public):
    panel_code: str
    criterion_id: str
    criterion: str
    essential: bool
    scores: dict[str, int]  # member -> score
    spread: int
    default: int | None  # the scheme's default agreed score
    agreed: AgreedRecord | None
    needs_agreement: bool
    notes: dict[str, str] = {}  # member -> their note on the score (open items)
    evidence: str = ""  # what the panel read for this criterion (open items), redacted


class CodeProgress(Public):
    panel_code: str
    scored: int
    expected: int


class MemberStanding(Public):
    """A panel member's own standing on a vacancy: when they submitted their scores, and why
    their scores can no longer change (None while they may still score)."""

    submitted_at: datetime | None = None
    locked: str | None = None


class PassRateRow(Public):
    criterion_id: str
    label: str
    assessed: int
    passed: int
    rate: float


class AgreementRow(Public):
    member_a: str
    member_b: str
    pairs: int
    exact: float
    mean_difference: float


class VacancyReport(Public):
    totals: list[float]
    cut_off: float | None
    pass_mark: float | None
    matrix_references: list[str]
    matrix_criteria: list[str]
    matrix: list[list[float | None]]
    pass_rates: list[PassRateRow]
    agreement: list[AgreementRow]
    funnel: Funnel


class PadApplication(Public):
    """One application as the score pad shows it: the redacted evidence and the member's own
    scores (criterion id -> score, note, version)."""

    panel_code: str
    statement: str
    evidence: dict[str, str]
    scores: dict[str, ScoreRecord]


@dataclass(frozen=True)
class SendReport:
    """What a send of the letters' e-mails did (use_cases/letters.py)."""

    sent: int
    already_sent: int
    without_address: int
    failed: int = 0
    not_attempted: int = 0  # left after the server stopped taking messages
    problems: tuple[str, ...] = ()  # by reference, without the address or the server's words
