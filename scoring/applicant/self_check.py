"""A candidate's self-check against a role: where they stand, the gaps, the level they match,
and which other roles their answers carry over to. Pure: nothing here is stored anywhere.

Ratings map onto the panel's 0-3 evidence scale: not yet (0), partly (1), fully (2),
strongly (3). A criterion counts as shown when rated fully or strongly *and* backed by an
example, because a panel scores only the evidence written on the form."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from criteria.effective import RoleVariant, effective_criteria
from criteria.loader import Catalogue
from criteria.policy import GuaranteedInterviewPolicy
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
class Theme:
    """What criteria of different roles have in common, found by the words they use."""

    id: str
    name: str
    pattern: re.Pattern[str]


def _theme(id: str, name: str, *words: str) -> Theme:
    return Theme(id, name, re.compile(r"\b(" + "|".join(words) + r")", re.IGNORECASE))


THEMES: tuple[Theme, ...] = (
    _theme(
        "driving",
        "a driving licence and use of a car",
        "driving licen",
        "own vehicle",
        "use of a car",
        "access to a car",
        "independent travel",
    ),
    _theme(
        "data",
        "data protection, GDPR and confidentiality",
        "gdpr",
        "data protection",
        "confidential",
        "information sharing",
    ),
    _theme(
        "benefits",
        "welfare benefits and Universal Credit",
        "welfare",
        "benefit",
        "universal credit",
    ),
    _theme(
        "rent",
        "rent, arrears and debt recovery",
        "rent",
        "arrears",
        "debt",
        "income collection",
        "income management",
    ),
    _theme(
        "legislation",
        "housing law and policy",
        "housing legislation",
        "legislation",
        "housing act",
        "homeless",
        "regulatory standards",
        "secure tenants",
    ),
    _theme(
        "customers",
        "customer care and difficult conversations",
        "customer",
        "sensitive",
        "empath",
        "calm",
        "difficult situations",
        "challenging behaviour",
    ),
    _theme(
        "ict",
        "computer and Microsoft Office skills",
        "microsoft",
        "excel",
        "ict",
        "computer",
        "keyboard",
        "software",
        "ms packages",
        "database",
    ),
    _theme(
        "organising",
        "organising and prioritising a workload",
        "prioriti",
        "deadline",
        "workload",
        "organis",
        "time management",
        "caseload",
    ),
    _theme(
        "teamwork",
        "team working and partnerships",
        "team",
        "partnership",
        "colleagues",
        "stakeholder",
        "agencies",
    ),
    _theme(
        "communication",
        "communication, written and spoken",
        "communicat",
        "written",
        "orally",
        "spoken",
        "presentation",
    ),
    _theme(
        "safeguarding",
        "safeguarding vulnerable people",
        "safeguarding",
        "vulnerab",
        "older people",
        "social care",
    ),
    _theme(
        "court",
        "court and legal action",
        "court",
        "possession",
        "evictions",
        "legal action",
        "enforcement",
        "pre action protocol",
    ),
    _theme(
        "tenancy",
        "tenancy and housing management",
        "tenanc",
        "housing management",
        "tenant",
        "lettings",
        "leasehold",
        "estate",
    ),
    _theme(
        "qualifications",
        "GCSEs, NVQs and housing qualifications",
        "gcse",
        "nvq",
        "level 2 qualification",
        "level 3",
        "chartered institute of housing",
        "cih",
    ),
    _theme(
        "rota",
        "out-of-hours working",
        "out-of-hours",
        "out of hours",
        "rota",
        "outside office hours",
    ),
    _theme(
        "initiative",
        "working on your own initiative",
        "initiative",
        "own judgement",
        "independently",
        "self-motivat",
        "work alone",
    ),
    _theme(
        "equality",
        "equal opportunities and inclusion",
        "equal opportunit",
        "equality",
        "diversity",
        "inclusion",
    ),
    _theme(
        "health_safety",
        "health and safety",
        "health & safety",
        "health and safety",
        "risk assessment",
        "fire",
    ),
    _theme(
        "data_analysis",
        "data analysis and reports",
        "analys",
        "report",
        "statistic",
        "sql",
        "power bi",
        "insight",
    ),
)


def themes_of(c: Criterion) -> frozenset[str]:
    return frozenset(t.id for t in THEMES if t.pattern.search(c.text))


THEME_NAMES = {t.id: t.name for t in THEMES}


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


def scheme_guidance(
    outcomes: Sequence[object],
    essentials_at_application: int,
    policy: GuaranteedInterviewPolicy,
    organisation: str,
) -> list[str]:
    """Plain sentences for a candidate: each scheme they may qualify for, by which route, or the
    fact still missing; and a plain statement when the council records no scheme at all."""
    from scoring.rules.guaranteed_interview import SchemeOutcome, SchemeStatus

    if policy.records_no_scheme:
        return [
            f"{organisation} records no guaranteed-interview or priority scheme in the documents "
            "this tool holds, so none is applied to its vacancies. Ask the council's HR team "
            "whether it runs one."
        ]
    lines = []
    for o in outcomes:
        assert isinstance(o, SchemeOutcome)
        scheme = policy.scheme(o.scheme_id)
        declare = f" {scheme.how_to_declare}" if scheme and scheme.how_to_declare else ""
        if o.status is SchemeStatus.APPLIES:
            offer = (
                "You are considered in a first, ring-fenced round before open competition"
                if o.is_priority
                else "You are offered an interview"
            )
            lines.append(
                f"{o.scheme_name} may apply to you ({o.route_name}): {o.reason}. {offer} if "
                "you meet the minimum criteria, which means showing on your application each of "
                f"the {essentials_at_application} essential criteria assessed from it.{declare}"
            )
        elif o.status is SchemeStatus.NEEDS_INFORMATION:
            lines.append(
                f"{o.scheme_name}: we cannot tell yet. It depends on {'; '.join(o.missing)}."
                + declare
            )
        elif o.status is SchemeStatus.DOES_NOT_APPLY:
            lines.append(f"{o.scheme_name} does not apply: {o.reason}.")
        else:
            lines.append(f"{o.scheme_name}: {organisation} records no such scheme.")
    if not lines:
        names = ", ".join(s.name for s in policy.schemes)
        lines.append(f"From your answers, none of {organisation}'s schemes ({names}) applies.")
    return lines
