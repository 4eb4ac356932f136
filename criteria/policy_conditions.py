"""The vocabulary of an interview scheme's conditions: each condition a route may require, with
the interchange column it reads (`reads`) and whether an applicant claims it about themselves
(`claim`). How each is assessed, and the sentence it adds to a decision, is in
scoring/rules/conditions.py; the schemes and routes built from them are in criteria/policy.py.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
)

SchemeId = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=60)
]
ForcesStatus = Literal["serving", "left", "reservist"]
Whose = Literal["self", "spouse_or_civil_partner"]


class PolicyModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class Condition(PolicyModel):
    """One condition of a route. `reads` is the interchange column it reads; `claim` marks what
    an applicant declares about themselves (a scheme is reported for an applicant only when they
    declared something one of its claims reads, or it applies)."""

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


def _at_least(value: Any) -> Any:
    """'6 months' or '1 year' (no 'no limit': a time since leaving needs a length)."""
    asked = f"write the time since leaving as '6 months' or '1 year' (found {value!r})"
    try:
        months = _window(value)
    except ValueError:
        raise ValueError(asked) from None
    if months is None:
        raise ValueError(asked)
    return months


class LeftAtLeast(Condition):
    """Left, and the reference date is at least the given time after the date of leaving
    (calendar months): "left the armed forces at least 6 months ago"."""

    reads = "armed_forces_date"
    left_at_least: Annotated[int, BeforeValidator(_at_least)] = Field(ge=1, le=1200)


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
    LeftAtLeast,
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
    | Annotated[LeftAtLeast, Tag("left_at_least")]
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
