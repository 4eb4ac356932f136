"""Other roles a candidate's self-check answers carry over to, ranked by fit: each essential of
the other role is covered by the candidate's best rating on a criterion sharing a theme
(scoring/applicant/themes.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from criteria.effective import RoleVariant, effective_criteria
from criteria.loader import Catalogue
from criteria.schema import Stage
from scoring.applicant.self_check import Rating, SelfCheck
from scoring.applicant.themes import THEME_NAMES, themes_of


@dataclass(frozen=True)
class RoleFit:
    variant: RoleVariant
    fit: float
    carried: tuple[tuple[str, str], ...]  # (theme name, the criterion it covers)
    new_essentials: int
    reasoning: str = field(default="")


def transfer(check_result: SelfCheck, catalogue: Catalogue, *, limit: int = 8) -> list[RoleFit]:
    """Other roles ranked by how well the candidate's answers carry over: each essential of the
    other role is covered by the candidate's best rating on a criterion sharing a theme. Only
    roles to which at least one answer carries over (rated fully or strongly, with an example)
    are listed: a role none of the answers reaches does not fit, whatever its rank."""
    strength: dict[str, Rating] = {}
    source: dict[str, str] = {}
    for r in check_result.results:
        rating = r.answer.rating if r.answer.has_example else min(r.answer.rating, Rating.PARTLY)
        for theme in themes_of(r.criterion):
            if rating > strength.get(theme, Rating.NOT_YET):
                strength[theme] = Rating(rating)
                source[theme] = r.criterion.text
    own = (
        check_result.variant.role.id,
        (check_result.variant.grade.id if check_result.variant.grade else None),
    )
    fits = []
    for role in catalogue.roles.values():
        org = catalogue.organisation_of(role)
        grades: list[str | None] = [g.id for g in role.grades] or [None]
        for grade in grades:
            if (role.id, grade) == own:
                continue
            variant = effective_criteria(
                role, org, level="A" if role.levels else None, grade=grade, include_behaviours=False
            )
            essentials = [
                c for c in variant.criteria if c.is_essential and c.stage is Stage.APPLICATION
            ]
            if not essentials:
                continue
            earned = 0.0
            carried: list[tuple[str, str]] = []
            for c in essentials:
                best, why = Rating.NOT_YET, ""
                for theme in themes_of(c):
                    if strength.get(theme, Rating.NOT_YET) > best:
                        best, why = strength[theme], theme
                earned += min(best, Rating.FULLY) / Rating.FULLY
                if best >= Rating.FULLY:
                    carried.append((THEME_NAMES[why], c.text))
            if not carried:
                continue  # nothing carries over (a fit of 0 included): not a role that fits
            new = sum(
                1
                for c in essentials
                if not any(strength.get(t, 0) >= Rating.FULLY for t in themes_of(c))
            )
            fit = earned / len(essentials)
            names = sorted({t for t, _ in carried})
            reasoning = (
                f"Your answers on {', '.join(names)} carry over to {len(carried)} of its {len(essentials)} essentials."
            ) + (f" {new} essential(s) would be new to show." if new else "")
            fits.append(RoleFit(variant, fit, tuple(carried), new, reasoning))
    fits.sort(key=lambda f: (-f.fit, f.new_essentials, f.variant.label))
    return fits[:limit]
