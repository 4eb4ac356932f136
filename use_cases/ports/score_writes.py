"""Writing panel scores: the repository functions use_cases/score_writes.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from scoring.rules.score_checks import ScoringRules
from storage.records import Actor
from storage.repository.audit import Entry
from storage.repository.panel_scores import Located, ScoreWrite
from use_cases.ports.common import UseCaseRepository


class ScoreWritesRepository(UseCaseRepository, Protocol):
    """The scores a member writes, located and written compare-and-set, with their reading time."""

    def score_targets(
        self, *, session: Session, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], Located]: ...

    def scoring_rules(self, *, session: Session, vacancy_id: int, version: int) -> ScoringRules: ...

    def touch_reviews(
        self,
        *,
        session: Session,
        vacancy_id: int,
        application_ids: Sequence[int],
        user_id: int,
        at: datetime,
    ) -> None: ...

    def write_panel_scores(
        self, *, session: Session, user_id: int, writes: Sequence[ScoreWrite], at: datetime
    ) -> bool: ...

    def record_audits(
        self, *, session: Session, key: bytes, actor: Actor | None, entries: Sequence[Entry]
    ) -> None: ...
