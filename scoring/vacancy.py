"""The engine's view of a vacancy: its criteria, scheme, policy and dates."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from criteria.effective import RoleVariant
from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion, Stage
from scoring.rules.scheme import Scheme


class Vacancy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    criteria: tuple[Criterion, ...]
    scheme: Scheme = Scheme()
    policy: GuaranteedInterviewPolicy
    closing_date: date | None = None

    @classmethod
    def from_variant(
        cls, variant: RoleVariant, scheme: Scheme | None = None, closing_date: date | None = None
    ) -> Vacancy:
        return cls(
            title=variant.label,
            criteria=variant.criteria,
            scheme=(scheme or Scheme()).with_catalogue_weights(variant.criteria),
            policy=variant.organisation.guaranteed_interview,
            closing_date=closing_date,
        )

    @property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        """Criteria scored at shortlisting: those assessed from the application."""
        return tuple(c for c in self.criteria if c.stage is Stage.APPLICATION)

    def criterion_numbers(self) -> dict[str, int]:
        """The number the panel sees beside each criterion scored at shortlisting (the pad,
        the buttons, refusals): its number in the role's document, else its place in the list."""
        return {c.id: c.number or i + 1 for i, c in enumerate(self.scored_criteria)}

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def weights(self) -> list[float]:
        return [self.scheme.weight(c.id, c.category.value) for c in self.scored_criteria]
