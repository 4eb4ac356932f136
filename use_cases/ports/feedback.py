"""Feedback sheets: the repository functions use_cases/feedback.py calls, with their signatures from
storage/repository/."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from use_cases.ports.common import UseCaseRepository


class FeedbackRepository(UseCaseRepository, Protocol):
    """The organisation's name for the sheets' heading."""

    def organisation_name(self, *, session: Session, organisation_id: str) -> str: ...
