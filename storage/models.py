"""What the service layer returns: pydantic models, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion
from scoring.applications import Declarations
from scoring.deadlines import Pace
from scoring.guaranteed_interview import SchemeOutcome
from scoring.lifecycle import VacancyStatus
from scoring.reports import Funnel
from scoring.scheme import Scheme
from scoring.shortlist import Outcome
from scoring.sign_off import Tally
from scoring.vacancy import Vacancy
from storage.access import Role
from storage.sign_on_rules import SignOnState


class Public(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class UserPublic(Public):
    id: int
    username: str
    display_name: str
    email: str | None
    role: Role
    organisation_id: str | None
    active: bool
    sign_on: SignOnState = SignOnState.NONE


class VacancyPublic(Public):
    """A vacancy as pages, exports and the command line see it: its record, and `rules`, the
    core's model of it (criteria, scheme, policy), from which every rule is read."""

    id: int
    organisation_id: str
    title: str
    role_id: str
    role_title: str
    level: str | None
    grade: str | None
    status: str
    closing_date: date | None
    interview_date: date | None
    retention_date: date | None
    chunked_review: bool
    released_at: datetime | None = None  # when HR released the redacted evidence to the panel
    finalised_at: datetime | None = None
    finalised_by: str | None = None
    version: int = 1
    rules: Vacancy
    applications: int = 0
    scoring_deadline: date | None = None
    closed_reason: str | None = None

    @property
    def reference(self) -> str:
        """The short reference every picker shows: V001, V002, ..."""
        return f"V{self.id:03d}"

    @property
    def label(self) -> str:
        """How every picker names the vacancy: reference, title, closing date, state."""
        closing = f", closing {self.closing_date:%d %b %Y}" if self.closing_date else ""
        return f"{self.reference} · {self.title}{closing} · {self.state.label}"

    @property
    def state(self) -> VacancyStatus:
        return VacancyStatus(self.status)

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return self.rules.criteria

    @property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        return self.rules.scored_criteria

    @property
    def scheme(self) -> Scheme:
        return self.rules.scheme

    @property
    def policy(self) -> GuaranteedInterviewPolicy:
        return self.rules.policy

    @property
    def finalised(self) -> bool:
        return self.state is VacancyStatus.FINALISED


class PanelApplication(Public):
    """What a panel member sees of an application: a code and the evidence. Nothing else."""

    panel_code: str
    statement: str
    evidence: dict[str, str]


class RedactionReview(Public):
    """HR's view of what was redacted from one application before the panel reads it."""

    reference: str
    panel_code: str
    name: str
    redactions: list[dict[str, str]]  # where (statement / answer to cN), kind, text removed
    extra: list[str]  # terms HR added
    keep: list[str]  # terms HR let stand
    panel_statement: str
    panel_evidence: dict[str, str]


class ApplicationOverview(Public):
    """HR's line for one application: who, the declarations, and what was redacted (not the
    evidence itself, which is read one application at a time)."""

    reference: str
    panel_code: str
    name: str
    email: str | None
    received_date: date | None
    withdrawn: bool
    declarations: Declarations
    redactions: list[dict[str, str]]
    extra: list[str]
    keep: list[str]
    held: bool = False  # imported, not released to the panel yet


class NameToDeclare(Public):
    """One line of the names-only conflict list: a name and a token that means nothing else."""

    token: str
    name: str


class ApplicationRecord(Public):
    """HR's view, personal details and declarations included."""

    id: int
    reference: str
    panel_code: str
    received_date: date | None
    withdrawn: bool
    first_name: str
    last_name: str
    email: str | None
    declarations: Declarations
    statement: str
    evidence: dict[str, str]


class ScoreRecord(Public):
    panel_code: str
    criterion_id: str
    member: str
    score: int
    note: str
    version: int


class AgreedRecord(Public):
    panel_code: str
    criterion_id: str
    score: int
    note: str
    version: int


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
    """One application's decision as HR sees it (scoring/decisions.py merges the
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


class AuditRecord(Public):
    id: int
    at: datetime
    actor: str
    action: str
    vacancy_id: int | None
    entity: str
    entity_id: str | None
    old_value: Any | None
    new_value: Any | None


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


class PressResult(Public):
    """What became of one key press from a score pad: stored (with the score's new version),
    or refused (with the reason, and the score as it is stored now)."""

    client: str
    seq: int
    ok: bool
    panel_code: str
    criterion_id: str
    score: int | None
    note: str
    version: int | None
    message: str = ""
    current: ScoreRecord | None = None  # refused: what is stored now


class PadApplication(Public):
    """One application as the score pad shows it: the redacted evidence and the member's own
    scores (criterion id -> score, note, version)."""

    panel_code: str
    statement: str
    evidence: dict[str, str]
    scores: dict[str, ScoreRecord]
