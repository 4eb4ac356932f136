"""The effective criteria of a role at a level or grade: what a vacancy is scored against."""

from __future__ import annotations

import re
from dataclasses import dataclass

from criteria.schema import (
    Category,
    Criterion,
    GradeVariant,
    Level,
    Organisation,
    Requirement,
    RoleProfile,
)


class VariantError(ValueError):
    """A level or grade that the role does not have, or one that is missing."""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def find_grade(role: RoleProfile, wanted: str) -> GradeVariant:
    """Match a grade by id, label or title, ignoring case and punctuation ("scp 18-21", "18-21")."""
    key = _squash(wanted)
    for grade in role.grades:
        names = {_squash(grade.id), _squash(grade.label), _squash(grade.title)}
        if key in names or any(n.endswith(key) for n in names if key):
            return grade
    choices = ", ".join(g.label for g in role.grades) or "none"
    raise VariantError(f"Role {role.id} has no grade '{wanted}'; its grades are: {choices}.")


def find_level(role: RoleProfile, wanted: str) -> Level:
    for level in role.levels:
        if level.id == wanted.strip().upper():
            return level
    choices = ", ".join(f"{lv.id} ({lv.name})" for lv in role.levels) or "none"
    raise VariantError(f"Role {role.id} has no level '{wanted}'; its levels are: {choices}.")


def behaviour_criteria(organisation: Organisation) -> tuple[Criterion, ...]:
    """The organisation's core behaviours as scoreable criteria."""
    framework = organisation.behaviours
    if framework is None:
        return ()
    return tuple(
        Criterion(
            id=f"beh-{b.id}",
            text=b.name,
            category=Category.BEHAVIOUR,
            requirement=framework.requirement,
            stage=framework.stage,
            group=framework.name,
            indicators=b.indicators,
        )
        for b in framework.behaviours
    )


@dataclass(frozen=True)
class RoleVariant:
    """A role at one level and/or grade, with the criteria it is scored against."""

    role: RoleProfile
    organisation: Organisation
    level: Level | None
    grade: GradeVariant | None
    criteria: tuple[Criterion, ...]

    @property
    def title(self) -> str:
        return self.grade.title if self.grade else self.role.title

    @property
    def label(self) -> str:
        parts = [self.title]
        if self.grade:
            parts.append(self.grade.label)
        if self.level:
            parts.append(f"Level {self.level.id} ({self.level.name})")
        return " · ".join(parts)

    @property
    def requirements_published(self) -> bool:
        """False for a level whose source publishes no requirements (Medway's apprenticeships):
        a vacancy needs HR's own criteria before applications can be scored."""
        return self.level is None or self.level.requirements_published

    @property
    def unpublished_note(self) -> str:
        org = self.organisation.short_name
        return (
            f"{org} publishes no requirements for {self.title} at {self.level.name if self.level else 'this level'}: "
            "the criteria the panel scores are the ones HR adds for the vacancy."
        )

    def by_category(self) -> list[tuple[Category, list[Criterion]]]:
        """Criteria grouped by category in the catalogue's order; essentials first in each."""
        groups = []
        for category in Category:
            mine = [c for c in self.criteria if c.category is category]
            if mine:
                mine.sort(key=lambda c: not c.is_essential)
                groups.append((category, mine))
        return groups

    def count(self, requirement: Requirement, *, behaviours: bool = False) -> int:
        return sum(
            1
            for c in self.criteria
            if c.requirement is requirement and (c.category is Category.BEHAVIOUR) == behaviours
        )


def effective_criteria(
    role: RoleProfile,
    organisation: Organisation,
    *,
    level: str | None = None,
    grade: str | None = None,
    include_behaviours: bool = True,
) -> RoleVariant:
    """Criteria of `role` at `level` (cumulative where the framework says so) and `grade`.

    A role with levels needs a level; a role with grade variants needs a grade; any other
    level or grade is an error that lists the choices.
    """
    chosen_level: Level | None = None
    chosen_grade: GradeVariant | None = None
    if role.levels:
        if level is None:
            raise VariantError(
                f"Role {role.id} has levels {', '.join(lv.id for lv in role.levels)}; choose one."
            )
        chosen_level = find_level(role, level)
    elif level is not None:
        raise VariantError(f"Role {role.id} has no levels; leave the level out.")
    if role.grades:
        if grade is None:
            raise VariantError(
                f"Role {role.id} is advertised at grades "
                f"{', '.join(g.label for g in role.grades)}; choose one."
            )
        chosen_grade = find_grade(role, grade)
    elif grade is not None:
        raise VariantError(f"Role {role.id} has no grade variants; leave the grade out.")

    if chosen_level is None:
        own: tuple[Criterion, ...] = role.criteria
    elif role.levels_cumulative:
        upto = [lv.id for lv in role.levels].index(chosen_level.id)
        own = tuple(c for lv in role.levels[: upto + 1] for c in lv.criteria)
    else:
        own = chosen_level.criteria
    if chosen_grade is not None:
        own = tuple(
            c.at_grade(chosen_grade.id) for c in own if not c.grades or chosen_grade.id in c.grades
        )
    behaviours = (
        behaviour_criteria(organisation) if role.include_behaviours and include_behaviours else ()
    )
    return RoleVariant(role, organisation, chosen_level, chosen_grade, own + behaviours)


def role_variants(role: RoleProfile, organisation: Organisation) -> list[RoleVariant]:
    """Every level x grade combination of a role (one variant for a plain role)."""
    levels: list[str | None] = [lv.id for lv in role.levels] or [None]
    grades: list[str | None] = [g.id for g in role.grades] or [None]
    return [
        effective_criteria(role, organisation, level=lv, grade=gr) for gr in grades for lv in levels
    ]
