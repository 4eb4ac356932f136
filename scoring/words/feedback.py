"""An applicant's feedback: each criterion's outcome against the threshold, in plain English,
with the decision and its reason (for a feedback request or a subject access request)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from criteria.schema import CATEGORY_LABELS, Category, Criterion, Stage

NOT_AT_SHORTLISTING = {
    Stage.INTERVIEW: "Assessed at interview, not at shortlisting.",
    Stage.TEST: "Assessed by a test, not at shortlisting.",
    Stage.DOCUMENTS: "Checked from your documents, not at shortlisting.",
}


@dataclass(frozen=True)
class CriterionOutcome:
    criterion_id: str
    number: str | None
    text: str
    category: str
    requirement: str  # Essential / Desirable / Behaviour
    stage: str
    score: int | None
    score_label: str
    outcome: str


@dataclass(frozen=True)
class FeedbackSheet:
    organisation: str
    vacancy: str
    role: str
    reference: str
    name: str | None  # only when HR includes it (subject access request)
    decision: str
    reason: str
    total: float | None
    scale: tuple[tuple[int, str], ...]
    threshold: int
    criteria: tuple[CriterionOutcome, ...]
    prepared_by: str
    prepared_on: date | datetime  # a time is shown on UK clocks
    finalised: bool
    reviewed: str = ""  # who assessed it, e.g. "read and scored by two panel members"


def _requirement(c: Criterion) -> str:
    if c.category is Category.BEHAVIOUR:
        return "Behaviour"
    return "Essential" if c.is_essential else "Desirable"


def _outcome(c: Criterion, score: int | None, label: str, top: int, threshold: int) -> str:
    if c.stage is not Stage.APPLICATION:
        return NOT_AT_SHORTLISTING[c.stage]
    if score is None:
        return "Not scored yet."
    if _requirement(c) == "Essential":
        if score >= threshold:
            return f"Met: scored {score} ({label}); an essential criterion is met at {threshold} or above."
        return (
            f"Not met: scored {score} ({label}); an essential criterion needs {threshold} or above. "
            "The panel did not find enough evidence of this in the application."
        )
    kind = "Behaviours" if _requirement(c) == "Behaviour" else "Desirable criteria"
    return f"Scored {score} of {top} ({label}). {kind} add to the total but do not rule anyone out."


def criterion_outcomes(
    criteria: Sequence[Criterion],
    agreed: Mapping[str, int | None],
    *,
    scale: Sequence[tuple[int, str]],
    threshold: int,
) -> tuple[CriterionOutcome, ...]:
    """Each criterion, in the order of the person specification, with its agreed score (None
    when not scored at shortlisting) and what it meant."""
    labels = dict(scale)
    top = max(labels)
    result = []
    for c in criteria:
        score = agreed.get(c.id) if c.stage is Stage.APPLICATION else None
        label = labels.get(score, "") if score is not None else ""
        result.append(
            CriterionOutcome(
                criterion_id=c.id,
                number=str(c.number) if c.number is not None else None,
                text=c.text,
                category=CATEGORY_LABELS[c.category],
                requirement=_requirement(c),
                stage=c.stage_words,
                score=score,
                score_label=label,
                outcome=_outcome(c, score, label, top, threshold),
            )
        )
    return tuple(result)
