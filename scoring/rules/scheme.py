"""The scoring scheme of a vacancy: scale, threshold, weights, moderation and cut-off."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from criteria.schema import Criterion


class ScalePoint(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: int
    label: str = Field(min_length=1)


class Scale(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    points: tuple[ScalePoint, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _consecutive(self) -> Scale:
        values = [p.value for p in self.points]
        if values != list(range(values[0], values[0] + len(values))):
            raise ValueError("scale points must be consecutive whole numbers, lowest first")
        return self

    @property
    def minimum(self) -> int:
        return self.points[0].value

    @property
    def maximum(self) -> int:
        return self.points[-1].value

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(p.value for p in self.points)

    def label(self, value: int) -> str:
        for p in self.points:
            if p.value == value:
                return p.label
        raise ValueError(f"{value} is not on the {self.name} scale")


def _scale(id: str, name: str, start: int, *labels: str) -> Scale:
    points = tuple(ScalePoint(value=start + i, label=label) for i, label in enumerate(labels))
    return Scale(id=id, name=name, points=points)


SCALES: dict[str, Scale] = {
    s.id: s
    for s in (
        _scale(
            "0-3",
            "0-3 evidence",
            0,
            "no evidence",
            "limited evidence",
            "meets the criterion",
            "exceeds it with strong evidence",
        ),
        _scale("0-2", "0-2 (NHS style)", 0, "does not meet", "partly meets", "meets"),
        _scale(
            "0-5",
            "0-5 evidence",
            0,
            "no evidence",
            "very limited evidence",
            "limited evidence",
            "meets the criterion",
            "meets it well",
            "exceeds it with outstanding evidence",
        ),
        _scale("1-5", "1-5", 1, "no evidence", "weak", "moderate", "strong", "outstanding"),
        _scale(
            "1-7",
            "1-7 (Success Profiles behaviours)",
            1,
            "not demonstrated",
            "minimal demonstration",
            "moderate demonstration",
            "acceptable demonstration",
            "good demonstration",
            "strong demonstration",
            "outstanding demonstration",
        ),
    )
}
DEFAULT_THRESHOLDS = {"0-3": 2, "0-2": 2, "0-5": 3, "1-5": 3, "1-7": 4}


class ModerationRule(StrEnum):
    ROUNDED_DOWN_MEAN = "rounded_down_mean"
    MEDIAN = "median"  # the median, rounded down when it falls between two points
    AGREEMENT_REQUIRED = "agreement_required"  # no default: every criterion needs an agreed score


Weight = Annotated[float, Field(ge=0, le=100)]


class Scheme(BaseModel):
    """How a vacancy is scored. Every default follows PRODUCT.md and may be changed per vacancy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    scale: Scale = SCALES["0-3"]
    threshold: int | None = Field(
        default=None, description="Agreed score at which an essential is met; scale default."
    )
    criterion_weights: dict[str, Weight] = Field(default_factory=dict)
    category_weights: dict[str, Weight] = Field(default_factory=dict)
    moderation: ModerationRule = ModerationRule.ROUNDED_DOWN_MEAN
    disagreement_spread: int = Field(default=2, ge=1)
    slots: int | None = Field(default=None, ge=0)
    pass_mark: float | None = Field(default=None, ge=0)
    disability_limited_places: int | None = Field(
        default=None,
        ge=0,
        description="Only with volume_mode 'limited': interviews offered to disabled applicants.",
    )
    disability_zero_reason: str | None = None

    @model_validator(mode="after")
    def _threshold_on_scale(self) -> Scheme:
        t = self.essential_threshold
        if not self.scale.minimum <= t <= self.scale.maximum:
            raise ValueError(
                f"threshold {t} is not on the {self.scale.name} scale "
                f"({self.scale.minimum}-{self.scale.maximum})"
            )
        if self.disability_limited_places == 0 and not self.disability_zero_reason:
            raise ValueError(
                "limiting disability guaranteed interviews to zero needs a recorded reason"
            )
        return self

    @property
    def essential_threshold(self) -> int:
        if self.threshold is not None:
            return self.threshold
        return DEFAULT_THRESHOLDS.get(
            self.scale.id, (self.scale.minimum + self.scale.maximum + 1) // 2
        )

    def with_catalogue_weights(self, criteria: Iterable[Criterion]) -> Scheme:
        """This scheme with each criterion's catalogue `weight` as its default: a weight HR set
        for the vacancy wins. Applied once, when the vacancy is made, so every total reads the
        scheme alone."""
        defaults = {c.id: c.weight for c in criteria if c.weight is not None}
        if not defaults:
            return self
        return self.model_copy(update={"criterion_weights": defaults | self.criterion_weights})

    def weight(self, criterion_id: str, category: str) -> float:
        if criterion_id in self.criterion_weights:
            return self.criterion_weights[criterion_id]
        return self.category_weights.get(category, 1.0)
