"""A candidate's self-check against a role: where they stand, the gaps and the level they match
(the other roles their answers carry over to are in scoring/applicant/other_roles.py, the
interview schemes' sentences in scoring/applicant/scheme_guidance.py). Pure: nothing here is
stored anywhere.

Ratings map onto the panel's 0-3 evidence scale: not yet (0), partly (1), fully (2),
strongly (3). A criterion counts as shown when rated fully or strongly *and* backed by an
example, because a panel scores only the evidence written on the form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from criteria.effective import RoleVariant
from criteria.schema import Category, Criterion, Stage

MIN_EXAMPLE = 40  # characters: a sentence or two, as a panel would need


class Rating(IntEnum):
    NOT_YET = 0
    PARTLY = 1
    FULLY = 2
    STRONGLY = 3

    @property
    def label(self) -> str:
        return self.name.replace("_", " ").lower()


@dataclass(frozen=True)
class Answer:
    rating: Rating = Rating.NOT_YET
    example: str = ""

    @property
    def has_example(self) -> bool:
        return len(self.example.strip()) >= MIN_EXAMPLE


@dataclass(frozen=True)
class CriterionResult:
    criterion: Criterion
    answer: Answer
    shown: bool  # rated fully/strongly and backed by an example
    advice: str


@dataclass(frozen=True)
class LevelMatch:
    matched: str | None  # the highest level whose essentials (cumulative) are all shown
    next_level: str | None
    next_adds: tuple[Criterion, ...]


@dataclass(frozen=True)
class SelfCheck:
    variant: RoleVariant
    results: tuple[CriterionResult, ...]
    level: LevelMatch | None = None

    def _of(self, essential: bool, behaviour: bool = False) -> list[CriterionResult]:
        return [
            r
            for r in self.results
            if r.criterion.is_essential == essential
            and (r.criterion.category is Category.BEHAVIOUR) == behaviour
        ]

    @property
    def essentials(self) -> list[CriterionResult]:
        return self._of(True)

    @property
    def desirables(self) -> list[CriterionResult]:
        return self._of(False)

    @property
    def behaviours(self) -> list[CriterionResult]:
        return [r for r in self.results if r.criterion.category is Category.BEHAVIOUR]

    @property
    def essentials_shown(self) -> int:
        return sum(r.shown for r in self.essentials)

    @property
    def meets_essentials(self) -> bool:
        """Every essential assessed from the application is shown: what 'meets the minimum
        criteria' means at the paper sift."""
        return all(r.shown for r in self.essentials if r.criterion.stage is Stage.APPLICATION)

    @property
    def essential_fit(self) -> float:
        """Share of the essentials assessed from the application that are shown: comparable
        with the fit of other roles in `transfer`."""
        own = [r for r in self.essentials if r.criterion.stage is Stage.APPLICATION]
        return sum(r.shown for r in own) / len(own) if own else 0.0

    @property
    def missing_examples(self) -> list[Criterion]:
        return [r.criterion for r in self.results if not r.answer.has_example]

    @property
    def fit(self) -> float:
        return fit_score(self.results)


def fit_score(results: Sequence[CriterionResult]) -> float:
    """0 to 1: essentials count twice as much as desirables and behaviours; each counts in
    full when shown, half when rated partly or rated without an example."""
    total = earned = 0.0
    for r in results:
        weight = 2.0 if r.criterion.is_essential else 1.0
        total += weight
        if r.shown:
            earned += weight
        elif r.answer.rating >= Rating.PARTLY:
            earned += weight / 2
    return earned / total if total else 0.0


def advice_for(c: Criterion, answer: Answer) -> str:
    if c.stage is not Stage.APPLICATION:
        where = {
            Stage.INTERVIEW: "at interview",
            Stage.TEST: "by a test",
            Stage.DOCUMENTS: "from your documents",
        }[c.stage]
        base = f"Assessed {where}, not from the form; prepare for it."
    elif answer.rating >= Rating.FULLY and answer.has_example:
        base = "Shown: put this example in your supporting statement under this heading."
    elif answer.rating >= Rating.FULLY:
        base = "Add an example (situation, task, action, result): without one the panel cannot score it."
    elif answer.rating == Rating.PARTLY:
        base = "Partly there: give your strongest example and say what you are doing to build this."
    else:
        base = "A gap: " + (
            "this is essential, so without it you are unlikely to be shortlisted."
            if c.is_essential
            else "desirable, so it is not required; mention any related experience."
        )
    return f"{base} Note: {c.note}" if c.note else base


def check(variant: RoleVariant, answers: Mapping[str, Answer]) -> SelfCheck:
    results = []
    for c in variant.criteria:
        answer = answers.get(c.id, Answer())
        shown = answer.rating >= Rating.FULLY and answer.has_example
        results.append(CriterionResult(c, answer, shown, advice_for(c, answer)))
    return SelfCheck(variant, tuple(results), _level_match(variant, answers))


def _level_match(variant: RoleVariant, answers: Mapping[str, Answer]) -> LevelMatch | None:
    role = variant.role
    if not role.levels:
        return None
    matched = None
    for level in role.levels:
        own = [c for c in level.criteria if c.is_essential and c.stage is Stage.APPLICATION]
        if all(answers.get(c.id, Answer()).rating >= Rating.FULLY for c in own):
            matched = level.id
        else:
            break
    ids = [lv.id for lv in role.levels]
    nxt = (
        ids[ids.index(matched) + 1]
        if matched and ids.index(matched) + 1 < len(ids)
        else (ids[0] if matched is None else None)
    )
    adds = next((lv.criteria for lv in role.levels if lv.id == nxt), ()) if nxt else ()
    return LevelMatch(matched, nxt, tuple(adds))
