"""A step of the self-check for one group of criteria: for each, how well the applicant meets it
and an example. One form, so answering sends nothing to the server: Continue (or Back) sends
the whole step at once, keeps its answers, and draws the next step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from app_pages import self_check_state as state
from app_pages.common import literal
from criteria.effective import RoleVariant
from criteria.schema import Criterion, Stage
from scoring.applicant.self_check import Rating

RATINGS = list(Rating)
Keys = TypeVar("Keys")  # what a step keeps of its widgets, handed back to its `leave`
STAR = (
    "For each criterion, say how well you meet it and note an example: the **Situation**, "
    "your **Task**, the **Action** you took and the **Result**. Work, volunteering and life "
    "all count."
)


def widget_key(v: RoleVariant, c: Criterion) -> str:
    return f"sc_{v.role.id}_{c.id}"


def _leave(keys: list[tuple[str, str, str]], by: int) -> None:
    """Keep the step's answers (answer key, widget key, criterion text), then move on, unless
    a criterion is left unrated."""
    ratings, examples = state.ratings(), state.examples()
    for answer, widget, _ in keys:
        rating = st.session_state.get(f"{widget}_rating")
        if rating is not None:
            ratings[answer] = Rating(rating)
        examples[answer] = str(st.session_state.get(f"{widget}_example") or "")
    unrated = [text for answer, _, text in keys if answer not in ratings]
    if by > 0 and unrated:
        state.refuse([f"Say how well you meet: {literal(text)}" for text in unrated])
    else:
        state.move(by)


def describe(c: Criterion) -> str:
    """Essential or desirable in words, and where it is assessed if not from the form."""
    kind = "Essential" if c.is_essential else "Desirable"
    if c.also_at or c.stage is not Stage.APPLICATION:
        kind += f", assessed at {c.stage_words}"
    return kind


def criteria_step(step: state.Step, v: RoleVariant, first: bool) -> None:
    if first:
        st.markdown(STAR)
    ratings, examples, problems = state.ratings(), state.examples(), state.problems()
    keys = []
    with st.form(f"sc_form_{step.id}", border=False, enter_to_submit=False):
        for c in step.criteria:
            answer, widget = state.answer_key(v, c), widget_key(v, c)
            keys.append((answer, widget, c.text))
            with st.container(border=True):
                st.markdown(f"**{describe(c)}**" + (f"  \n{literal(c.note)}" if c.note else ""))
                given = ratings.get(answer)
                st.radio(
                    f"How well do you meet: {c.text}", RATINGS,
                    index=None if given is None else RATINGS.index(given),
                    format_func=lambda r: r.label.capitalize(), horizontal=True,
                    key=f"{widget}_rating",
                )  # fmt: skip
                if problems and answer not in ratings:
                    st.error("Choose how well you meet this criterion.")
                if c.indicators:
                    st.markdown("Shown by: " + "; ".join(literal(i) for i in c.indicators))
                st.text_area(
                    f"Your example for: {c.text}", value=examples.get(answer, ""),
                    key=f"{widget}_example", placeholder="Situation, task, action, result",
                    height=90,
                )  # fmt: skip
        navigation(_leave, keys)


def navigation(leave: Callable[[Keys, int], None], keys: Keys) -> None:
    """Continue, then Back: both keep every answer on the step."""
    with st.container(horizontal=True):
        st.form_submit_button("Continue", type="primary", on_click=leave, args=(keys, 1))
        st.form_submit_button("Back", on_click=leave, args=(keys, -1))
