"""What a shortlist workbook holds: plain rows, built from the engine's result (command line)
or from the store (the app). No openpyxl here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion
from scoring.rules.human_review import ApplicationReview, VacancyReview
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import Outcome
from scoring.vacancy import PostFacts


@dataclass(frozen=True)
class DecisionLine:
    rank: int | None
    reference: str
    decision: Outcome
    recommended: Outcome
    override_reason: str | None
    schemes: tuple[str, ...]
    total: float | None
    reason: str
    failed_essentials: tuple[str, ...]
    provisional: bool
    name: str | None = None  # only when HR chose to include personal details
    email: str | None = None
    received_date: date | None = None

    @property
    def invited(self) -> bool:
        """On the invite side: shortlisted, or still for a person to decide."""
        return self.decision.is_shortlisted or not self.decision.is_settled


@dataclass(frozen=True)
class SchemeLine:
    reference: str
    scheme: str
    status: str
    applied: bool
    reason: str
    route: str  # the route that applied, or the facts still missing
    decision: Outcome
    name: str | None = None


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    old: Any
    new: Any


@dataclass(frozen=True)
class HumanReviewFigures:
    vacancy: VacancyReview
    applications: tuple[ApplicationReview, ...]


@dataclass(frozen=True)
class ShortlistExport:
    title: str
    organisation: str
    role_id: str
    level: str | None
    grade: str | None
    closing_date: date | None
    panel: tuple[str, ...]
    scheme: Scheme
    policy: GuaranteedInterviewPolicy
    exported_at: datetime
    exported_by: str
    include_personal: bool
    status: str  # "provisional" or "finalised by X on ..."
    criteria: tuple[Criterion, ...]  # scored at shortlisting, in matrix order
    weights: tuple[float, ...]
    lines: tuple[DecisionLine, ...]
    matrix_references: tuple[str, ...]
    agreed: npt.NDArray[np.float64]  # references x criteria, NaN where none
    panel_scores: pd.DataFrame  # application_id, criterion_id, panel_member, score, note
    scheme_lines: tuple[SchemeLine, ...]
    audit: tuple[AuditLine, ...] = ()
    audit_score_events: int = 0
    issues: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)
    review: HumanReviewFigures | None = None  # the proof of human review (the app's exports)
    audit_head: str | None = None  # the audit chain's head as the data was read: "ID:HASH"
    shortlist_version: str | None = None  # the shortlist's version (scoring/rules/sign_off.py)
    post: PostFacts = PostFacts()  # what the vacancy records for the schemes' covers

    def decision_counts(self) -> dict[Outcome, int]:
        counts: dict[Outcome, int] = {}
        for line in self.lines:
            counts[line.decision] = counts.get(line.decision, 0) + 1
        return counts
