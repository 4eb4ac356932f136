"""A scheme's own minimum: the test an applicant must pass to be offered the interview (or the
priority round) under that scheme, written as one `name: value` line under `minimum:`.

    minimum: every_essential                # the default: every application-stage essential met
    minimum: {each_essential_at_least: 2}   # an agreed score of at least 2 on each of them
    minimum: {essentials_share: 60%}        # 60% of the essentials' possible marks, together
    minimum: {pass_mark: 18}                # a total (as the vacancy weights it) of at least 18
    minimum: [{essentials_share: 60%}, {each_essential_at_least: 2}]   # all of these

How each is assessed is scoring/rules/scheme_minimum.py; the merit route always asks every
application-stage essential met, whatever a scheme's minimum says.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, field_validator

from criteria.policy_conditions import PolicyModel

TOOL_SCALES = "0-3, 0-2, 0-5, 1-5 and 1-7"
HIGHEST_SCORE = 7  # the top of the largest scale the tool offers (1-7)


class EveryEssential(PolicyModel):
    """Every essential assessed from the application met (the vacancy's threshold)."""

    every_essential: Literal[True] = True


class EachEssentialAtLeast(PolicyModel):
    """An agreed score of at least N on each application-stage essential."""

    each_essential_at_least: int

    @field_validator("each_essential_at_least", mode="before")
    @classmethod
    def _a_score(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= HIGHEST_SCORE:
            raise ValueError(
                "the minimum score on each essential must be a whole number on the vacancy's "
                f"scale (0 to {HIGHEST_SCORE} on the scales the tool offers: {TOOL_SCALES}); "
                f"found {value!r}"
            )
        return value


PERCENT = re.compile(r"^\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*$")


def _percent(value: Any) -> Any:
    """'60%' or 60 -> 60.0 (a percentage); refused: over 100, zero, or a fraction such as 0.6."""
    if isinstance(value, bool):
        raise ValueError(f"write the share as a percentage such as '60%' (found {value!r})")
    if isinstance(value, str):
        match = PERCENT.match(value)
        if not match:
            raise ValueError(f"write the share as a percentage such as '60%' (found {value!r})")
        value = float(match.group(1))
    if not isinstance(value, int | float):
        raise ValueError(f"write the share as a percentage such as '60%' (found {value!r})")
    if value > 100:
        raise ValueError(
            f"a share of the essentials' marks cannot be over 100% (found {value:g}%); "
            "write the percentage the scheme asks, such as '60%'"
        )
    if value < 1:
        raise ValueError(
            f"the share is a percentage of the marks, at least 1% (found {value:g}); "
            f"for {value:g} of the marks write '{value * 100:g}%'"
            if 0 < value < 1
            else f"the share must be more than 0% (found {value:g}); to ask nothing, remove "
            "the scheme's minimum"
        )
    return float(value)


class EssentialsShare(PolicyModel):
    """The agreed scores on the application-stage essentials, added up, at least this share
    (a percentage) of the scale's maximum times their number."""

    essentials_share: Annotated[float, BeforeValidator(_percent)]


class OwnPassMark(PolicyModel):
    """A total of at least N, on the vacancy's weighted total (it may be lower than the merit
    pass mark); the essentials are not asked one by one."""

    pass_mark: float = Field(ge=0)

    @field_validator("pass_mark", mode="before")
    @classmethod
    def _a_number(cls, value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(
                "the scheme's pass mark is a total of 0 or more, on the vacancy's total "
                f"(found {value!r})"
            )
        return value


OneMinimum = EveryEssential | EachEssentialAtLeast | EssentialsShare | OwnPassMark
MINIMUM_KEYS = ("every_essential", "each_essential_at_least", "essentials_share", "pass_mark")


def _minimum_key(value: Any) -> str | None:
    if isinstance(value, PolicyModel):
        return next(iter(type(value).model_fields))
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        return key if key in MINIMUM_KEYS else None
    return None


def _bare_word(value: Any) -> Any:
    """`minimum: every_essential` (a bare word) is the default written out."""
    return {"every_essential": True} if value == "every_essential" else value


AnyOneMinimum = Annotated[
    Annotated[EveryEssential, Tag("every_essential")]
    | Annotated[EachEssentialAtLeast, Tag("each_essential_at_least")]
    | Annotated[EssentialsShare, Tag("essentials_share")]
    | Annotated[OwnPassMark, Tag("pass_mark")],
    Discriminator(
        _minimum_key,
        custom_error_type="unknown_minimum",
        custom_error_message=(
            "a scheme's minimum is one of: 'every_essential', "
            "'{each_essential_at_least: 2}', '{essentials_share: 60%}' or '{pass_mark: 18}'"
        ),
    ),
    BeforeValidator(_bare_word),
]


class AllOfMinimums(PolicyModel):
    """Several tests, every one passed: a scheme asking "60% of the essentials' marks" and
    "no essential scored 1" is written as a list under `minimum:`."""

    all_of: tuple[AnyOneMinimum, ...] = Field(min_length=2)

    @field_validator("all_of", mode="before")
    @classmethod
    def _two_or_more(cls, value: Any) -> Any:
        if isinstance(value, list | tuple) and len(value) < 2:
            raise ValueError(
                "a list under 'minimum:' holds two or more tests, all of which an applicant must "
                "pass; for one test write it alone, such as 'minimum: {essentials_share: 60%}'"
            )
        return value


SchemeMinimum = OneMinimum | AllOfMinimums


def _list_is_all_of(value: Any) -> Any:
    """`minimum: [a, b]` (a list) means all of them."""
    return {"all_of": value} if isinstance(value, list | tuple) else value


def _any_key(value: Any) -> str:
    all_of = isinstance(value, AllOfMinimums) or (isinstance(value, dict) and "all_of" in value)
    return "all_of" if all_of else "<one test>"


AnyMinimum = Annotated[
    # "<one test>": a tag in angle brackets is not a field of the file (load_errors.place)
    Annotated[AllOfMinimums, Tag("all_of")] | Annotated[AnyOneMinimum, Tag("<one test>")],
    Discriminator(_any_key),
    BeforeValidator(_list_is_all_of),
]


def tests_of(minimum: SchemeMinimum) -> tuple[OneMinimum, ...]:
    """The single tests a minimum asks, every one to be passed."""
    return minimum.all_of if isinstance(minimum, AllOfMinimums) else (minimum,)
