"""Pydantic models of the role catalogue, as written in the YAML files under data/.

Catalogue files are validated strictly (unknown fields are errors) and the models are frozen:
inside the program a catalogue never changes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

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


STAGE_ORDER = (Stage.APPLICATION, Stage.TEST, Stage.INTERVIEW, Stage.DOCUMENTS)


def stages_in_words(stages: tuple[Stage, ...]) -> str:
    """ "application", "application and interview", "application, test and interview"."""
    words = [s.value for s in stages]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class Criterion(CatalogueModel):
    id: Slug = Field(description="Stable id, unique within the role (used in score files).")
    number: int | None = Field(default=None, ge=1, description="Number printed in the source.")
    text: Text
    category: Category
    requirement: Requirement
    requirement_at_grades: dict[Slug, Requirement] = Field(
        default_factory=dict,
        description="The requirement at these grade variants, where it differs from `requirement`.",
    )
    stage: Stage = Field(
        default=Stage.APPLICATION,
        description="Where it is first assessed; written as a list (`[application, interview]`) "
        "when it is assessed at more than one stage.",
    )
    also_at: tuple[Stage, ...] = Field(default=(), description="Later stages assessing it again.")
    weight: float | None = Field(
        default=None, gt=0, le=100, description="Its weight in a vacancy unless HR sets another."
    )
    group: str | None = Field(default=None, description="Heading in the source document.")
    note: str | None = Field(default=None, description='e.g. "training will be given".')
    indicators: tuple[Text, ...] = Field(default=(), description="How it is demonstrated.")
    grades: tuple[Slug, ...] = Field(
        default=(), description="Grade variants this criterion applies to; empty means all."
    )

    @model_validator(mode="before")
    @classmethod
    def _stages_as_list(cls, data: Any) -> Any:
        """`stage: [application, interview]`: first assessed at the earliest stage listed (in
        the order application, test, interview, documents), and again at the others."""
        if isinstance(data, dict) and isinstance(data.get("stage"), list | tuple):
            listed = [Stage(str(v).strip().lower()) for v in data["stage"]]
            if not listed or len(set(listed)) != len(listed):
                raise ValueError("stage: list each stage once, e.g. [application, interview]")
            ordered = sorted(listed, key=STAGE_ORDER.index)
            data = {**data, "stage": ordered[0], "also_at": tuple(ordered[1:])}
        return data

    @property
    def stages(self) -> tuple[Stage, ...]:
        return (self.stage, *self.also_at)

    @property
    def stage_words(self) -> str:
        return stages_in_words(self.stages)

    def at_grade(self, grade: str) -> Criterion:
        """This criterion as it applies at `grade` (its requirement there)."""
        requirement = self.requirement_at_grades.get(grade)
        if requirement is None or requirement is self.requirement:
            return self
        return self.model_copy(update={"requirement": requirement, "requirement_at_grades": {}})

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
    requirements_published: bool = Field(
        default=True,
        description="False where the source publishes no requirements for this level (Medway's "
        "apprenticeships): HR adds the criteria for each vacancy.",
    )
    criteria: tuple[Criterion, ...] = ()

    @model_validator(mode="after")
    def _criteria_or_none_published(self) -> Level:
        if self.requirements_published and not self.criteria:
            raise ValueError(
                f"level {self.id} lists no criteria: add them, or write "
                "`requirements_published: false` if the source publishes none"
            )
        if not self.requirements_published and self.criteria:
            raise ValueError(
                f"level {self.id} says no requirements are published but lists criteria: "
                "remove one or the other"
            )
        return self


class RoleProfile(CatalogueModel):
    id: Slug = Field(description="Stable, unique across the catalogue; starts with the org id.")
    title: Text
    organisation: Slug
    directorate: str | None = None
    department: str | None = None
    team: str | None = None
    grade: Text | None = Field(
        default=None,
        description="The grade as printed (e.g. 'Band 8'); a role with `grades` may leave it out.",
    )
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

    @field_validator("dbs_check", mode="before")
    @classmethod
    def _dbs_in_any_case(cls, value: Any) -> Any:
        """`Basic`, `basic` and `BASIC` are the same check."""
        return value.strip().lower() if isinstance(value, str) else value

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
        if self.grade is None and not self.grades:
            raise ValueError(
                "grade is missing: write the role's grade as printed (e.g. 'Band 8'); "
                "only a role with `grades` (grade variants) may leave it out"
            )
        if self.levels and self.criteria:
            raise ValueError("a levelled role keeps its criteria under levels, not criteria")
        if not self.levels and not self.criteria:
            raise ValueError("a role needs criteria (or levels, each with criteria)")
        if self.levels and [lv.id for lv in self.levels] != ["A", "B", "C"][: len(self.levels)]:
            raise ValueError("levels must be A, B, C in that order")
        ids = [c.id for c in self.all_criteria()]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"criterion ids must be unique in a role; repeated: {duplicates}")
        grade_ids = {g.id for g in self.grades}
        known = ", ".join(sorted(grade_ids)) or "none: this role has no grade variants"
        for c in self.all_criteria():
            unknown = (set(c.grades) | set(c.requirement_at_grades)) - grade_ids
            if unknown:
                raise ValueError(
                    f"criterion {c.id} names grades this role does not have "
                    f"({', '.join(sorted(unknown))}); its grades are: {known}"
                )
        if not self.id.startswith(self.organisation + "-"):
            raise ValueError(f"role id must start with its organisation id '{self.organisation}-'")
        return self

    @property
    def grade_label(self) -> str:
        """The grade as printed, or every grade variant's label."""
        return self.grade or " / ".join(f"{g.label} ({g.title})" for g in self.grades)

    def all_criteria(self) -> tuple[Criterion, ...]:
        return self.criteria + tuple(c for lv in self.levels for c in lv.criteria)
