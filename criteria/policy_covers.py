"""Which vacancies a scheme covers: conditions on the vacancy, not on the applicant.

    covers:                           # all of these; leave `covers` out to cover every vacancy
      advertised: externally          # or: internally only
      salary_up_to: £45,000           # the top of the post's salary range, a year, inclusive
      salary_from: 20000              # the bottom of the post's salary range, inclusive
      grades: [Range 1, Range 2]      # the post's grade is one of these
      role_families: [Business Support]

Published policies say "any post being advertised externally" or "roles up to grade 6": a
scheme that does not cover a vacancy offers no interview under it, and says why. Whether a
vacancy is covered is decided in scoring/rules/vacancy_cover.py from what the vacancy records.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from criteria.policy_conditions import PolicyModel

Advertised = Literal["external", "internal"]
ADVERTISED_WORDS: dict[str, Advertised] = {
    "external": "external",
    "externally": "external",
    "internal": "internal",
    "internally": "internal",
    "internal only": "internal",
    "internally only": "internal",
}
SALARY = re.compile(r"^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.00)?$")
FIELDS = ("advertised", "salary_from", "salary_up_to", "grades", "role_families")


def _advertised(value: Any) -> Any:
    if isinstance(value, str):
        word = ADVERTISED_WORDS.get(" ".join(value.replace("_", " ").lower().split()))
        if word is None:
            raise ValueError(
                "write 'advertised: externally' (posts advertised outside the council) or "
                f"'advertised: internally only' (posts open only to its own staff) (found {value!r})"
            )
        return word
    if isinstance(value, bool):
        raise ValueError(
            "write 'advertised: externally' or 'advertised: internally only'; YAML read "
            "the word as true or false"
        )
    return value


def _pounds(value: Any) -> Any:
    """45000, "45000", "£45,000" -> 45000 (pounds a year)."""
    if isinstance(value, str):
        match = SALARY.match(value.strip())
        if not match:
            raise ValueError(
                f"write the salary as pounds a year, e.g. 45000 or £45,000 (found {value!r})"
            )
        return int(match.group(1).replace(",", ""))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str | int) else value


Pounds = Annotated[int, BeforeValidator(_pounds), Field(ge=0, le=10_000_000)]


def _name(value: Any) -> str:
    """A grade or role family as printed; `Grade 6` and a bare `6` alike."""
    name = " ".join(str(value).split()) if isinstance(value, str | int | float) else None
    if not name:
        raise ValueError("write each name as the council prints it; an empty entry names nothing")
    return name


Name = Annotated[str, BeforeValidator(_name)]


def same_name(a: str, b: str) -> bool:
    """A grade or role family as the policy and the vacancy write it: case and spacing aside."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def pounds_in_words(value: int) -> str:
    return f"£{value:,}"


class VacancyCovers(PolicyModel):
    """All of these hold for a vacancy the scheme covers; a field left out is any vacancy."""

    advertised: Annotated[Advertised | None, BeforeValidator(_advertised)] = Field(
        default=None,
        description="'externally': posts advertised outside the council; 'internally only'.",
    )
    salary_from: Pounds | None = Field(
        default=None, description="The bottom of the post's salary range is at least this."
    )
    salary_up_to: Pounds | None = Field(
        default=None, description="The top of the post's salary range is no more than this."
    )
    grades: Annotated[tuple[Name, ...] | None, BeforeValidator(_as_tuple)] = Field(
        default=None, min_length=1, description="The post's grade, as printed, is one of these."
    )
    role_families: Annotated[tuple[Name, ...] | None, BeforeValidator(_as_tuple)] = Field(
        default=None, min_length=1, description="The post's role family is one of these."
    )

    @model_validator(mode="after")
    def _says_something(self) -> VacancyCovers:
        if all(getattr(self, f) is None for f in FIELDS):
            raise ValueError(
                "'covers' names no condition on the vacancy: give at least one of "
                + ", ".join(FIELDS)
                + ", or leave 'covers' out for a scheme that covers every vacancy"
            )
        low, high = self.salary_from, self.salary_up_to
        if low is not None and high is not None and low > high:
            raise ValueError(
                f"'covers' has salary_from {pounds_in_words(low)} above salary_up_to "
                f"{pounds_in_words(high)}, so it covers no post; swap the two figures"
            )
        return self

    @property
    def reads(self) -> tuple[str, ...]:
        """The vacancy's facts this reads ('advertised', 'salary', 'grade', 'role_family')."""
        facts = {
            "advertised": self.advertised is not None,
            "salary": self.salary_from is not None or self.salary_up_to is not None,
            "grade": self.grades is not None,
            "role_family": self.role_families is not None,
        }
        return tuple(k for k, v in facts.items() if v)
