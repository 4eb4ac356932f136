"""What HR records about the post for the interview schemes' `covers` (criteria/policy_covers.py):
how it is advertised, its salary range and its role family. Its grade is the catalogue's.

Asked when HR sets the vacancy up ("Is this post advertised externally?"); an answer the
organisation's policy reads may not be left blank on a new vacancy. A vacancy made before
these were asked records none: the rule then needs HR's answer (scoring/rules/vacancy_cover.py).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from criteria.policy import GuaranteedInterviewPolicy
from criteria.policy_covers import Advertised
from scoring.clean_text import CleanText
from scoring.vacancy import PostFacts
from use_cases.errors import InvalidInput

QUESTIONS = {
    "advertised": "whether this post is advertised externally or internally only",
    "salary": "this post's salary range",
    "role_family": "this post's role family",
}


class PostAnswers(BaseModel):
    """HR's answers; None: not answered."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    advertised: Advertised | None = None
    salary_from: int | None = Field(default=None, ge=0, le=10_000_000)
    salary_to: int | None = Field(default=None, ge=0, le=10_000_000)
    role_family: CleanText | None = Field(default=None, max_length=120)

    @model_validator(mode="after")
    def _range(self) -> PostAnswers:
        PostFacts(salary_from=self.salary_from, salary_to=self.salary_to)  # the same check
        return self

    def columns(self) -> dict[str, Any]:
        """The vacancy's columns (storage/tables/vacancies.py), a blank role family as none."""
        family = (self.role_family or "").strip() or None
        return {**self.model_dump(exclude={"role_family"}), "role_family": family}

    def left_blank(self, policy: GuaranteedInterviewPolicy) -> list[str]:
        """The answers the policy's `covers` reads that are not given."""
        given = {
            "advertised": self.advertised is not None,
            "salary": self.salary_from is not None or self.salary_to is not None,
            "role_family": bool((self.role_family or "").strip()),
            "grade": True,  # the catalogue's
        }
        return [QUESTIONS[f] for f in policy.vacancy_facts_read() if not given[f]]


def check_answered(post: PostAnswers, policy: GuaranteedInterviewPolicy) -> None:
    blank = post.left_blank(policy)
    if blank:
        names = ", ".join(s.name for s in policy.schemes if s.covers is not None)
        raise InvalidInput(
            f"The interview-scheme policy covers only some vacancies ({names}): say "
            + " and ".join(blank)
            + " before creating the vacancy."
        )


def answers_of(facts: PostFacts) -> PostAnswers:
    return PostAnswers(**facts.model_dump(exclude={"grade"}))
