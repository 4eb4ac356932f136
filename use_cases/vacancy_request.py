"""What HR asks for when setting up a vacancy (the role, its level or grade, the scoring
settings, edits to the role's criteria, criteria of its own, the post's answers for the
schemes), and the criteria the vacancy is made with."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from criteria.schema import Criterion, Stage
from scoring.clean_text import CleanText, clean_text
from scoring.rules.scheme import Scheme
from use_cases.errors import InvalidInput
from use_cases.post_answers import PostAnswers


class CriterionEdit(BaseModel):
    """HR's change to one criterion of the role for this vacancy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion_id: str
    weight: float | None = Field(default=None, ge=0, le=100)
    stage: Stage | None = None


class VacancyRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    role_id: str
    level: str | None = None
    grade: str | None = None
    title: CleanText | None = None
    closing_date: date | None = None
    interview_date: date | None = None
    scheme: Scheme = Scheme()
    edits: tuple[CriterionEdit, ...] = ()
    extra_criteria: tuple[Criterion, ...] = ()
    retention_months: int = Field(default=6, ge=1, le=72)
    chunked_review: bool = False
    scoring_deadline: date | None = None
    post: PostAnswers = Field(default=PostAnswers(), description="What the schemes' covers read.")
    draft: bool = Field(default=False, description="Save as a draft, not yet open.")
    copy_of: int | None = Field(
        default=None,
        description="A past vacancy whose criteria (with HR's edits) and scoring settings to reuse.",
    )
    request_key: str | None = Field(
        default=None,
        max_length=64,
        description="The form's key: the same form sent twice (a double click) makes one vacancy.",
    )
    policy_version: str | None = Field(
        default=None,
        description="The version of the organisation's interview-scheme policy HR confirmed "
        "on the form; refused if the policy has changed since.",
    )


def _moved(criterion: Criterion, stage: Stage) -> Criterion:
    """`criterion` first assessed at `stage` (HR's choice), still at its other later stages."""
    later = tuple(s for s in criterion.also_at if s is not stage)
    return criterion.model_copy(update={"stage": stage, "also_at": later})


def edited_criteria(
    base: tuple[Criterion, ...], request: VacancyRequest, weights: dict[str, float]
) -> list[Criterion]:
    """The role's criteria with HR's edits (weights into `weights`) and additions."""
    criteria = list(base)
    ids = {c.id for c in criteria}
    for edit in request.edits:
        if edit.criterion_id not in ids:
            raise InvalidInput(f"The role has no criterion '{edit.criterion_id}' to change.")
        if edit.weight is not None:
            weights[edit.criterion_id] = edit.weight
        if edit.stage is not None:
            criteria = [_moved(c, edit.stage) if c.id == edit.criterion_id else c for c in criteria]
    for extra in request.extra_criteria:
        if extra.id in ids:
            raise InvalidInput(f"The criterion id '{extra.id}' is taken; choose another.")
        ids.add(extra.id)
        criteria.append(_typed(extra))
    return criteria


def _typed(criterion: Criterion) -> Criterion:
    """A criterion HR typed, its words made safe (scoring/clean_text.py)."""
    return criterion.model_copy(
        update={
            "text": clean_text(criterion.text),
            "group": None if criterion.group is None else clean_text(criterion.group),
            "note": None if criterion.note is None else clean_text(criterion.note),
            "indicators": tuple(clean_text(i) for i in criterion.indicators),
        }
    )
