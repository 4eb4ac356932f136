"""What the repository returns: the signed-in person (Actor, Role) and the records read from
the database, as pydantic models, never ORM rows. The use cases hand them on to pages
(use_cases/models.py)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion
from scoring.applications import Declarations
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.scheme import Scheme
from scoring.vacancy import Vacancy
from storage.sign_on_rules import SignOnState


class Role(StrEnum):
    ADMIN = "admin"
    HR = "hr"
    PANEL = "panel"


class Actor(BaseModel):
    """The signed-in person a service call is made for."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    username: str
    display_name: str
    role: Role
    organisation_id: str | None = None
    session_id: str | None = None  # the sign-in session (a token's hash), when there is one


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
