"""A council's interview schemes as data: schemes, their alternative routes, each route all of
a set of conditions from one documented vocabulary.

    schemes:                          # in order of precedence
      - id: armed_forces
        name: Armed Forces
        routes:                       # any one route
          - id: serving
            conditions:               # all of these
              - armed_forces: serving
              - within_weeks_before_discharge: 12
              - wishes_to_be_considered: armed_forces

Each condition comes from the vocabulary in criteria/policy_conditions.py, and names the
interchange column it reads (`reads`); how each is assessed, and the sentence it adds to a
decision, is in scoring/rules/conditions.py. A scheme the policy does not list is off: nothing
is implied. A scheme's optional `covers` names the vacancies it covers (advertised externally,
a salary or grade range, a role family: criteria/policy_covers.py); without it, every vacancy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from criteria.policy_conditions import (
    AnyCondition,
    Declared,
    DisabilityDeclared,
    PolicyModel,
    SchemeId,
)
from criteria.policy_covers import VacancyCovers
from criteria.policy_minimum import AnyMinimum, EveryEssential

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Route(PolicyModel):
    id: SchemeId
    name: Text | None = Field(default=None, description="How HR and applicants read the route.")
    conditions: tuple[AnyCondition, ...] = Field(min_length=1)


class SchemeKind(StrEnum):
    GUARANTEED_INTERVIEW = "guaranteed_interview"  # added to the merit places
    PRIORITY = "priority"  # a first, ring-fenced round before open competition


class InterviewScheme(PolicyModel):
    id: SchemeId
    name: Text
    kind: SchemeKind = SchemeKind.GUARANTEED_INTERVIEW
    explanation: Text
    how_to_declare: Text | None = Field(
        default=None, description="What an applicant does on the form (the self-check says it)."
    )
    volume_mode: Literal["off", "limited"] = Field(
        default="off",
        description=(
            "'limited': in a very high-volume campaign, interview those applying under this "
            "scheme who best meet the minimum criteria (places set on the vacancy)."
        ),
    )
    routes: tuple[Route, ...] = Field(min_length=1)
    covers: VacancyCovers | None = Field(
        default=None,
        description="The vacancies the scheme covers (criteria/policy_covers.py); none: every one.",
    )
    minimum: AnyMinimum = Field(
        default=EveryEssential(),
        description="What an applicant must pass to be offered the interview (or the priority "
        "round) under this scheme; by default every application-stage essential met.",
    )

    @field_validator("volume_mode", mode="before")
    @classmethod
    def _yaml_off(cls, value: Any) -> Any:
        """YAML reads an unquoted `volume_mode: off` (or `no`, `false`) as false: it means off."""
        return "off" if value is False else value

    @model_validator(mode="after")
    def _consistent(self) -> InterviewScheme:
        ids = [r.id for r in self.routes]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"route ids must be unique in a scheme; repeated: {repeated}")
        if self.volume_mode == "limited" and not all(
            any(isinstance(c, DisabilityDeclared) for c in r.conditions) for r in self.routes
        ):
            raise ValueError(
                "volume_mode 'limited' is Disability Confident's high-volume mode: every route "
                "of the scheme needs 'disability_declared: true'"
            )
        return self

    @property
    def is_priority(self) -> bool:
        return self.kind is SchemeKind.PRIORITY


class OwnDeclaration(PolicyModel):
    """A question the council adds to its form; answered in the column `scheme:<id>`."""

    id: SchemeId
    question: Text


class GuaranteedInterviewPolicy(PolicyModel):
    version: Text = Field(description="Which edition of the council's policy this is.")
    source: Text = Field(description="Where the policy wording comes from.")
    schemes: tuple[InterviewScheme, ...] = Field(
        default=(), description="In order of precedence; a scheme not listed is off."
    )
    declarations: tuple[OwnDeclaration, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> GuaranteedInterviewPolicy:
        ids = [s.id for s in self.schemes]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"scheme ids must be unique; repeated: {repeated}")
        own = {d.id for d in self.declarations}
        for scheme in self.schemes:
            for route in scheme.routes:
                for c in route.conditions:
                    if isinstance(c, Declared) and c.declared not in own:
                        raise ValueError(
                            f"scheme {scheme.id}, route {route.id}: 'declared: {c.declared}' "
                            f"names no declaration; add it under 'declarations' "
                            f"(known: {', '.join(sorted(own)) or 'none'})"
                        )
        return self

    @property
    def records_no_scheme(self) -> bool:
        return not self.schemes

    def vacancy_facts_read(self) -> tuple[str, ...]:
        """The vacancy's facts some scheme's `covers` reads, in first-use order."""
        seen: dict[str, None] = {}
        for scheme in self.schemes:
            seen.update(dict.fromkeys(scheme.covers.reads if scheme.covers else ()))
        return tuple(seen)

    def scheme(self, scheme_id: str) -> InterviewScheme | None:
        return next((s for s in self.schemes if s.id == scheme_id), None)

    def question(self, declaration_id: str) -> str:
        return next(d.question for d in self.declarations if d.id == declaration_id)

    def columns_read(self) -> tuple[str, ...]:
        """Every interchange column the policy's routes read, in first-use order."""
        seen: dict[str, None] = {}
        for scheme in self.schemes:
            for route in scheme.routes:
                for c in route.conditions:
                    column = f"scheme:{c.declared}" if isinstance(c, Declared) else c.reads
                    seen[column] = None
        return tuple(seen)
