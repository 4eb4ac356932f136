"""The proof of human review: the repository functions use_cases/human_review.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from storage.repository.panel import PanelSeat
from storage.repository.review_time import ReviewRow
from use_cases.ports.common import UseCaseRepository


class HumanReviewRepository(UseCaseRepository, Protocol):
    """The panel and each member's reading time, scores and notes."""

    def panel(self, *, session: Session, vacancy_id: int) -> list[PanelSeat]: ...

    def review_rows(self, *, session: Session, vacancy_id: int) -> list[ReviewRow]: ...

    def scored_and_noted(
        self, *, session: Session, vacancy_id: int
    ) -> dict[tuple[int, int], tuple[int, int]]: ...
