"""Writing panel scores: the repository functions use_cases/score_writes.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from scoring.rules.score_checks import ScoringRules
from storage.repository.panel_scores import Located
from use_cases.ports.common import UseCaseRepository


class ScoreWritesRepository(UseCaseRepository, Protocol):
    """The scores a member writes, located and written compare-and-set, with their reading time."""

    def insert_panel_score(
        self,
        *,
        session: Session,
        application_id: int,
        criterion_id: str,
        user_id: int,
        score: int,
        note: str,
        at: datetime,
    ) -> int: ...

    def score_targets(
        self, *, session: Session, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Located]: ...

    def scoring_rules(self, *, session: Session, vacancy_id: int, version: int) -> ScoringRules: ...

    def touch_review(
        self,
        *,
        session: Session,
        vacancy_id: int,
        application_id: int,
        user_id: int,
        at: datetime,
        opened: bool,
    ) -> None: ...

    def update_panel_score(
        self,
        *,
        session: Session,
        score_id: int,
        expected_version: int,
        score: int,
        note: str,
        at: datetime,
    ) -> bool: ...
