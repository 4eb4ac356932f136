"""The engine's view of a vacancy: its criteria, scheme, policy, dates and the facts an interview
scheme's `covers` reads (how it is advertised, its salary range, grade and role family)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from criteria.effective import RoleVariant
from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_covers import Advertised
from criteria.schema import Criterion, Stage
from scoring.rules.scheme import Scheme

Named = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]


class PostFacts(BaseModel):
    """What the vacancy records about the post for the schemes' `covers`; None: not recorded
    (a vacancy made before these were asked, or a question HR left blank)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    advertised: Advertised | None = Field(
        default=None, description="'external': advertised outside the council; 'internal' only."
    )
    salary_from: int | None = Field(default=None, ge=0, le=10_000_000)
    salary_to: int | None = Field(default=None, ge=0, le=10_000_000)
    grade: Named | None = Field(default=None, description="The grade as printed (catalogue).")
    role_family: Named | None = None

    @model_validator(mode="after")
    def _range(self) -> PostFacts:
        low, high = self.salary_from, self.salary_to
        if low is not None and high is not None and low > high:
            raise ValueError(
                f"the salary range starts at £{low:,} but ends at £{high:,}: give the lower "
                "figure first"
            )
        return self

    @property
    def salary_range(self) -> tuple[int, int] | None:
        """(bottom, top); one figure given is both ends; None when neither is recorded."""
        low = self.salary_from if self.salary_from is not None else self.salary_to
        high = self.salary_to if self.salary_to is not None else self.salary_from
        return None if low is None or high is None else (low, high)


class Vacancy(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    criteria: tuple[Criterion, ...]
    scheme: Scheme = Scheme()
    policy: GuaranteedInterviewPolicy
    closing_date: date | None = None
    post: PostFacts = PostFacts()

    @classmethod
    def from_variant(
        cls,
        variant: RoleVariant,
        scheme: Scheme | None = None,
        closing_date: date | None = None,
        facts: PostFacts | None = None,
    ) -> Vacancy:
        """`facts`: what HR recorded; the grade, when not given, is the catalogue's."""
        facts = facts or PostFacts()
        if facts.grade is None:
            facts = facts.model_copy(update={"grade": catalogue_grade(variant)})
        return cls(
            title=variant.label,
            criteria=variant.criteria,
            scheme=(scheme or Scheme()).with_catalogue_weights(variant.criteria),
            policy=variant.organisation.guaranteed_interview,
            closing_date=closing_date,
            post=facts,
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


def catalogue_grade(variant: RoleVariant) -> str | None:
    """The post's grade as the catalogue prints it: the grade variant's label, else the role's."""
    return variant.grade.label if variant.grade else variant.role.grade
