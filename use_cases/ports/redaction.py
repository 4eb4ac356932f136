"""Redacting and releasing evidence: the repository functions use_cases/redaction.py calls, with
their signatures from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from scoring.rules.lifecycle import Transition
from storage.records import RedactionReview
from storage.repository.redactions import RedactionSource
from use_cases.ports.common import UseCaseRepository


class RedactionRepository(UseCaseRepository, Protocol):
    """Each application's redactions, and the release that moves the vacancy on."""

    def held_count(self, *, session: Session, vacancy_id: int) -> int: ...

    def move_status(
        self, *, session: Session, vacancy_id: int, transition: Transition, **more: Any
    ) -> bool: ...

    def redaction_counts(self, *, session: Session, vacancy_id: int) -> tuple[int, int]: ...

    def redaction_reviews(
        self, *, session: Session, vacancy_id: int, reference: str | None = None
    ) -> list[RedactionReview]: ...

    def redaction_source(
        self, *, session: Session, vacancy_id: int, reference: str
    ) -> RedactionSource | None: ...

    def reopen_submissions(self, *, session: Session, vacancy_id: int) -> list[str]: ...

    def set_redaction(
        self,
        *,
        session: Session,
        application_id: int,
        panel_statement: str,
        panel_evidence: dict[str, str],
        redactions: list[dict[str, str]],
        terms: dict[str, Any],
    ) -> RedactionReview: ...

    def set_released(self, *, session: Session, vacancy_id: int, at: datetime) -> int: ...
