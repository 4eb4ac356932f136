"""Pydantic models of the role catalogue, as written in the YAML files under data/.

Catalogue files are validated strictly (unknown fields are errors) and the models are frozen:
inside the program a catalogue never changes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from criteria.policy import GuaranteedInterviewPolicy

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class CatalogueModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(StrEnum):
    QUALIFICATIONS = "qualifications"
    EXPERIENCE = "experience"
    KNOWLEDGE = "knowledge"
    SKILLS = "skills"
    PERSONAL_ATTRIBUTES = "personal_attributes"
    SPECIAL_REQUIREMENTS = "special_requirements"
    BEHAVIOUR = "behaviour"


CATEGORY_LABELS: dict[Category, str] = {
    Category.QUALIFICATIONS: "Qualifications",
    Category.EXPERIENCE: "Experience",
    Category.KNOWLEDGE: "Knowledge",
    Category.SKILLS: "Skills",
    Category.PERSONAL_ATTRIBUTES: "Personal attributes",
    Category.SPECIAL_REQUIREMENTS: "Special requirements",
    Category.BEHAVIOUR: "Behaviours",
}


class Requirement(StrEnum):
    ESSENTIAL = "essential"
    DESIRABLE = "desirable"


class Stage(StrEnum):
    """When a criterion is assessed. Only application-stage essentials can rule anyone out at
    shortlisting."""

    APPLICATION = "application"
    INTERVIEW = "interview"
    TEST = "test"
    DOCUMENTS = "documents"


class Criterion(CatalogueModel):
    id: Slug = Field(description="Stable id, unique within the role (used in score files).")
    number: int | None = Field(default=None, ge=1, description="Number printed in the source.")
    text: Text
    category: Category
    requirement: Requirement
    stage: Stage = Stage.APPLICATION
    group: str | None = Field(default=None, description="Heading in the source document.")
    note: str | None = Field(default=None, description='e.g. "training will be given".')
    indicators: tuple[Text, ...] = Field(default=(), description="How it is demonstrated.")
    grades: tuple[Slug, ...] = Field(
        default=(), description="Grade variants this criterion applies to; empty means all."
    )

    @property
    def is_essential(self) -> bool:
        return self.requirement is Requirement.ESSENTIAL

    @property
    def rules_out_at_shortlisting(self) -> bool:
        """Only essentials assessed from the application can rule an applicant out."""
        return self.is_essential and self.stage is Stage.APPLICATION


class Behaviour(CatalogueModel):
    id: Slug
    name: Text
    indicators: tuple[Text, ...] = ()


class BehaviourFramework(CatalogueModel):
    """Core behaviours (Dartford) or a competency framework (Ashford)."""

    name: Text
    introduction: str | None = None
    values: tuple[Text, ...] = ()
    behaviours: tuple[Behaviour, ...]
    stage: Stage = Field(description="Where the behaviours are assessed.")
    requirement: Requirement = Field(
        default=Requirement.DESIRABLE,
        description="Behaviours add to the total; as desirables they never rule anyone out alone.",
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> BehaviourFramework:
        ids = [b.id for b in self.behaviours]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"behaviour ids must be unique; repeated: {', '.join(duplicates)}")
        return self


class Organisation(CatalogueModel):
    id: Slug
    name: Text
    short_name: Text
    source_documents: tuple[Text, ...] = ()
    name_blind: bool = True
    behaviours: BehaviourFramework | None = None
    guaranteed_interview: GuaranteedInterviewPolicy


class GradeVariant(CatalogueModel):
    """One post advertised at two grades with different essentials (Ashford)."""

    id: Slug
    label: Text = Field(description='e.g. "SCP 18-21".')
    title: Text
    summary: tuple[Text, ...] = ()


class Level(CatalogueModel):
    """A level of a career-progression framework (Medway A/B/C, or an apprenticeship level)."""

    id: str = Field(pattern="^[A-C]$")
    name: Text = Field(description='e.g. "Developing" or "Level 2 Intermediate Apprenticeship".')
    criteria: tuple[Criterion, ...] = Field(min_length=1)


class RoleProfile(CatalogueModel):
    id: Slug = Field(description="Stable, unique across the catalogue; starts with the org id.")
    title: Text
    organisation: Slug
    directorate: str | None = None
    department: str | None = None
    team: str | None = None
    grade: Text
    salary: str | None = None
    hours: str | None = None
    reports_to: str | None = None
    responsible_for: str | None = None
    post_number: str | None = None
    purpose: Text
    main_duties: tuple[Text, ...] = ()
    special_conditions: tuple[Text, ...] = ()
    customer_facing: bool = False
    dbs_check: str | None = Field(default=None, pattern="^(basic|standard|enhanced)$")
    source: Text = Field(description="Source document the profile was taken from.")
    source_notes: tuple[Text, ...] = Field(
        default=(), description="How conversion noise or ambiguity in the source was read."
    )
    include_behaviours: bool = True
    criteria: tuple[Criterion, ...] = ()
    grades: tuple[GradeVariant, ...] = ()
    levels: tuple[Level, ...] = ()
    levels_cumulative: bool = True
    apprenticeship: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> RoleProfile:
        if self.levels and self.criteria:
            raise ValueError("a levelled role keeps its criteria under levels, not criteria")
        if not self.levels and not self.criteria:
            raise ValueError("a role needs criteria (or levels with criteria)")
        if self.levels and [lv.id for lv in self.levels] != ["A", "B", "C"][: len(self.levels)]:
            raise ValueError("levels must be A, B, C in that order")
        ids = [c.id for c in self.all_criteria()]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"criterion ids must be unique in a role; repeated: {duplicates}")
        grade_ids = {g.id for g in self.grades}
        for c in self.all_criteria():
            unknown = set(c.grades) - grade_ids
            if unknown:
                raise ValueError(f"criterion {c.id} names unknown grades {sorted(unknown)}")
        if not self.id.startswith(self.organisation + "-"):
            raise ValueError(f"role id must start with its organisation id '{self.organisation}-'")
        return self

    def all_criteria(self) -> tuple[Criterion, ...]:
        return self.criteria + tuple(c for lv in self.levels for c in lv.criteria)
