"""The self-check's last step as one result: where the applicant stands against the role, the
gaps in the order to show them, the interview schemes that may apply on `today`, and the other
roles their answers carry over to. Pure: the page passes in the answers and today's date and
only renders what comes back; the downloads are written from the same result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from criteria.effective import RoleVariant
from criteria.loader import Catalogue
from criteria.schema import Stage
from scoring.applicant.other_roles import RoleFit, transfer
from scoring.applicant.scheme_guidance import scheme_guidance
from scoring.applicant.scheme_questions import Answer as SchemeAnswer
from scoring.applicant.scheme_questions import declarations_from
from scoring.applicant.self_check import Answer, CriterionResult, SelfCheck, check
from scoring.rules.guaranteed_interview import assess_schemes

OTHER_ROLES = 5  # other roles shown, best fit first


@dataclass(frozen=True)
class SelfCheckOutcome:
    result: SelfCheck
    guidance: tuple[str, ...]  # a sentence per interview scheme, or why none applies
    fits: tuple[RoleFit, ...]  # other roles the answers carry over to
    today: date  # the day the schemes were judged on (an age limit, a date of leaving)

    @property
    def gaps(self) -> list[CriterionResult]:
        """Criteria not shown, essentials first (each in the role's order)."""
        return sorted(
            (r for r in self.result.results if not r.shown),
            key=lambda r: not r.criterion.is_essential,
        )


def self_check_outcome(
    variant: RoleVariant,
    answers: Mapping[str, Answer],
    scheme_answers: Mapping[str, SchemeAnswer],
    catalogue: Catalogue,
    *,
    today: date,
    other_roles: int = OTHER_ROLES,
) -> SelfCheckOutcome:
    """The applicant's results: `answers` by criterion id, `scheme_answers` by the scheme
    questions' columns (scoring/applicant/scheme_questions.py), judged on `today`."""
    org = variant.organisation
    result = check(variant, answers)
    policy = org.guaranteed_interview
    at_application = [r for r in result.essentials if r.criterion.stage is Stage.APPLICATION]
    outcomes = assess_schemes(declarations_from(dict(scheme_answers)), policy, today)
    guidance = scheme_guidance(outcomes, len(at_application), policy, org.name)
    fits = transfer(result, catalogue, limit=other_roles)
    return SelfCheckOutcome(result, tuple(guidance), tuple(fits), today)
