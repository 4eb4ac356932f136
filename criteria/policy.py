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

Every condition names the interchange column it reads (`reads`); how each is assessed, and the
sentence it adds to a decision, is in scoring/rules/conditions.py. A scheme the policy does not list
is off: nothing is implied.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    field_validator,
    model_validator,
)

SchemeId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=60)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ForcesStatus = Literal["serving", "left", "reservist"]
Whose = Literal["self", "spouse_or_civil_partner"]


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


# --- The vocabulary ----------------------------------------------------------------------------


class Condition(PolicyModel):
    """One condition of a route. `reads` is the interchange column it reads; `claim` marks what
    an applicant declares about themselves (a scheme is reported for an applicant only when one
    of its claims holds or it applies)."""

    reads: ClassVar[str]
    claim: ClassVar[bool] = False

    @property
    def key(self) -> str:
        return next(iter(type(self).model_fields))


class DisabilityDeclared(Condition):
    reads = "disability_gis"
    claim = True
    disability_declared: Literal[True]


class CareLeaver(Condition):
    reads = "care_leaver"
    claim = True
    care_leaver: Literal[True]


class AgedAtMost(Condition):
    """Age on the reference date, inclusive (25 means "25 or under")."""

    reads = "date_of_birth"
    aged_at_most: int = Field(ge=16, le=99)


class ArmedForces(Condition):
    """Any one of the statuses. 'serving' with a discharge date already past is 'left'."""

    reads = "armed_forces_status"
    claim = True
    armed_forces: Annotated[tuple[ForcesStatus, ...], BeforeValidator(_as_tuple)] = Field(
        min_length=1
    )


class WhoseService(Condition):
    reads = "armed_forces_relationship"
    whose_service: Annotated[tuple[Whose, ...], BeforeValidator(_as_tuple)] = Field(min_length=1)


class WithinWeeksBeforeDischarge(Condition):
    """Serving, and the reference date is no more than N weeks before the discharge date."""

    reads = "armed_forces_date"
    within_weeks_before_discharge: int = Field(ge=0, le=520)


WINDOW = re.compile(r"^\s*(\d{1,3})\s+(month|year)s?\s*$|^\s*no limit\s*$", re.IGNORECASE)


def _window(value: Any) -> Any:
    if isinstance(value, str):
        match = WINDOW.match(value)
        if not match:
            raise ValueError(
                f"write the window as '36 months', '5 years' or 'no limit' (found {value!r})"
            )
        if match.group(1) is None:
            return None
        n = int(match.group(1))
        return n * 12 if match.group(2).lower() == "year" else n
    return value


class LeftWithin(Condition):
    """Left, and the reference date is no more than the window after the date of leaving
    (calendar months; 'no limit' reads no date)."""

    reads = "armed_forces_date"
    left_within: Annotated[int | None, BeforeValidator(_window)] = Field(ge=0, le=1200)

    @property
    def months(self) -> int | None:
        return self.left_within


class LongTermService(Condition):
    reads = "armed_forces_long_term"
    long_term_service: Literal[True]


class ForcesLastLongTermEmployer(Condition):
    reads = "armed_forces_last_long_term_employer"
    forces_last_long_term_employer: Literal[True]


class ApplicantIs(Condition):
    reads = "internal_applicant"
    applicant_is: Literal["internal", "external"]


class AtRiskOfRedundancy(Condition):
    reads = "at_risk_of_redundancy"
    claim = True
    at_risk_of_redundancy: Literal[True]


class InProtectedPeriod(Condition):
    """The Protection from Redundancy (Pregnancy and Family Leave) Act 2023 period."""

    reads = "protected_period"
    claim = True
    in_protected_period: Literal[True]


class WishesToBeConsidered(Condition):
    reads = "armed_forces_gis"
    claim = True
    wishes_to_be_considered: Literal["armed_forces"]


class Declared(Condition):
    """One of the council's own declarations (policy `declarations`), read from `scheme:<id>`."""

    reads = "scheme:<id>"
    claim = True
    declared: SchemeId


CONDITIONS: tuple[type[Condition], ...] = (
    DisabilityDeclared,
    CareLeaver,
    AgedAtMost,
    ArmedForces,
    WhoseService,
    WithinWeeksBeforeDischarge,
    LeftWithin,
    LongTermService,
    ForcesLastLongTermEmployer,
    ApplicantIs,
    AtRiskOfRedundancy,
    InProtectedPeriod,
    WishesToBeConsidered,
    Declared,
)
CONDITION_KEYS = {next(iter(c.model_fields)): c for c in CONDITIONS}


def _condition_key(value: Any) -> str | None:
    if isinstance(value, Condition):
        return value.key
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return key if key in CONDITION_KEYS else None
    return None


AnyCondition = Annotated[
    Annotated[DisabilityDeclared, Tag("disability_declared")]
    | Annotated[CareLeaver, Tag("care_leaver")]
    | Annotated[AgedAtMost, Tag("aged_at_most")]
    | Annotated[ArmedForces, Tag("armed_forces")]
    | Annotated[WhoseService, Tag("whose_service")]
    | Annotated[WithinWeeksBeforeDischarge, Tag("within_weeks_before_discharge")]
    | Annotated[LeftWithin, Tag("left_within")]
    | Annotated[LongTermService, Tag("long_term_service")]
    | Annotated[ForcesLastLongTermEmployer, Tag("forces_last_long_term_employer")]
    | Annotated[ApplicantIs, Tag("applicant_is")]
    | Annotated[AtRiskOfRedundancy, Tag("at_risk_of_redundancy")]
    | Annotated[InProtectedPeriod, Tag("in_protected_period")]
    | Annotated[WishesToBeConsidered, Tag("wishes_to_be_considered")]
    | Annotated[Declared, Tag("declared")],
    Discriminator(
        _condition_key,
        custom_error_type="unknown_condition",
        custom_error_message=(
            "each condition is one 'name: value' line, the name one of: "
            + ", ".join(CONDITION_KEYS)
        ),
    ),
]


# --- Schemes and the policy --------------------------------------------------------------------


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
