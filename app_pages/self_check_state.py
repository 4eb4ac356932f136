"""The self-check's answers and where the applicant is in it. Everything lives in this browser
session only (st.session_state, under the page's own keys): a widget's state is dropped by
Streamlit in any run that does not draw it, so each step copies its answers here when the
applicant presses Continue or Back, and draws its widgets again from here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from app_pages.common import get_catalogue
from criteria.effective import RoleVariant, VariantError, effective_criteria
from criteria.schema import CATEGORY_LABELS, Criterion, Organisation
from scoring.applicant.scheme_questions import Question, questions_for
from scoring.applicant.self_check import Answer, Rating

STEP = "sc_step"  # the id of the step on screen
CHOICE = "sc_choice"  # organisation, role, level and grade ids
RATINGS = "sc_ratings"  # "<role id>/<criterion id>" -> Rating
EXAMPLES = "sc_examples"  # "<role id>/<criterion id>" -> the example written
SCHEMES = "sc_schemes"  # "<organisation id>/<column>" -> the scheme answer
PROBLEMS = "sc_problems"  # what stops the applicant moving on from this step
MOVES = "sc_moves"  # counts moves, so the page knows to bring the new step into view
PER_STEP = 6  # criteria on one screen at most: a longer group is split into parts


def _state(key: str) -> dict[str, Any]:
    value = st.session_state.get(key)
    if not isinstance(value, dict):
        value = st.session_state[key] = {}
    return value


def choice() -> dict[str, str | None]:
    return _state(CHOICE)


def ratings() -> dict[str, Rating]:
    return _state(RATINGS)


def examples() -> dict[str, str]:
    return _state(EXAMPLES)


def scheme_answers() -> dict[str, Any]:
    return _state(SCHEMES)


def organisation() -> Organisation | None:
    return get_catalogue().organisations.get(choice().get("org") or "")


def variant() -> RoleVariant | None:
    """The role at the chosen level and grade; None until all of them are chosen."""
    chosen, catalogue = choice(), get_catalogue()
    role = catalogue.roles.get(chosen.get("role") or "")
    org = organisation()
    if role is None or org is None or role.organisation != org.id:
        return None
    try:
        return effective_criteria(role, org, level=chosen.get("level"), grade=chosen.get("grade"))
    except VariantError:
        return None


def answer_key(v: RoleVariant, c: Criterion) -> str:
    return f"{v.role.id}/{c.id}"


def answers(v: RoleVariant) -> dict[str, Answer]:
    """The answers given for the role's criteria; a criterion not rated counts as 'not yet'."""
    given, written = ratings(), examples()
    return {
        c.id: Answer(given.get(answer_key(v, c), Rating.NOT_YET), written.get(answer_key(v, c), ""))
        for c in v.criteria
    }


def questions(org: Organisation) -> tuple[Question, ...]:
    return questions_for(org.guaranteed_interview)


def answers_for_schemes(org: Organisation) -> dict[str, str | date | None]:
    """The scheme answers given, by column; the forces follow-ups only after a forces answer."""
    given, serving = scheme_answers(), serving_declared(org)
    return {
        q.column: given.get(f"{org.id}/{q.column}")
        for q in questions(org)
        if serving or not q.forces
    }


def serving_declared(org: Organisation) -> bool:
    return scheme_answers().get(f"{org.id}/armed_forces_status") not in (None, "none")


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    criteria: tuple[Criterion, ...] = ()


def steps() -> list[Step]:
    """The steps for the answers given so far: the role, each group of criteria (a long group in
    parts), the scheme questions the council's policy needs (the forces follow-ups only after a
    forces answer), then the results."""
    found = [Step("role", "Your organisation and role")]
    v = variant()
    if v is None or not v.requirements_published:
        return found
    for category, criteria in v.by_category():
        parts = [criteria[i : i + PER_STEP] for i in range(0, len(criteria), PER_STEP)]
        for n, part in enumerate(parts, start=1):
            title = CATEGORY_LABELS[category]
            if len(parts) > 1:
                title += f", part {n} of {len(parts)}"
            found.append(Step(f"criteria-{category.value}-{n}", title, tuple(part)))
    asked = questions(v.organisation)
    if any(not q.forces for q in asked):
        found.append(Step("schemes", "Guaranteed interviews"))
    if any(q.forces for q in asked) and serving_declared(v.organisation):
        found.append(Step("forces", "Your armed forces service"))
    found.append(Step("results", "Your results"))
    return found


def current() -> tuple[Step, int, int]:
    """The step on screen, its number and how many steps there are."""
    found = steps()
    ids = [s.id for s in found]
    at = st.session_state.get(STEP)
    index = ids.index(at) if at in ids else 0
    return found[index], index + 1, len(found)


def move(by: int) -> None:
    """Go `by` steps on (or back); for use in a callback, after the step's answers are kept."""
    found = steps()
    ids = [s.id for s in found]
    at = st.session_state.get(STEP)
    index = ids.index(at) if at in ids else 0
    st.session_state[STEP] = ids[max(0, min(len(ids) - 1, index + by))]
    st.session_state[PROBLEMS] = []
    st.session_state[MOVES] = int(st.session_state.get(MOVES, 0)) + 1


def refuse(problems: list[str]) -> None:
    """Stay on the step and say what is missing."""
    st.session_state[PROBLEMS] = problems
    st.session_state[MOVES] = int(st.session_state.get(MOVES, 0)) + 1


def problems() -> list[str]:
    found = st.session_state.get(PROBLEMS)
    return list(found) if isinstance(found, list) else []
