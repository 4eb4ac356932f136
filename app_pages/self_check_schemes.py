"""The self-check's interview-scheme steps: exactly the questions the council's policy needs
(scoring/applicant/scheme_questions.py), nothing preselected, every one optional. The date of birth is
asked only under a scheme with an age limit; the armed forces follow-ups get a step of their
own, only after a forces answer other than "none"."""

from __future__ import annotations

from datetime import date

import streamlit as st

from app_pages import self_check_state as state
from app_pages.self_check_criteria import navigation
from criteria.effective import RoleVariant
from criteria.schema import Organisation
from scoring.applicant.scheme_questions import Question


def widget_key(org: Organisation, q: Question) -> str:
    return f"sc_q_{org.id}_{q.column}"


def _leave(keys: list[tuple[str, str]], by: int) -> None:
    given = state.scheme_answers()
    for answer, widget in keys:
        given[answer] = st.session_state.get(widget)
    state.move(by)


def _ask(org: Organisation, q: Question) -> None:
    given = state.scheme_answers().get(f"{org.id}/{q.column}")
    if q.kind == "date":
        st.date_input(
            q.text, value=given if isinstance(given, date) else None,
            min_value=date(1930, 1, 1), max_value=date(2100, 12, 31), format="DD/MM/YYYY",
            key=widget_key(org, q),
        )  # fmt: skip
        return
    labels = dict(q.options)
    options = list(labels)
    st.radio(
        q.text, options, index=options.index(given) if given in options else None,
        format_func=labels.__getitem__, horizontal=len(options) <= 2, key=widget_key(org, q),
    )  # fmt: skip


def scheme_step(step: state.Step, v: RoleVariant) -> None:
    org, forces = v.organisation, step.id == "forces"
    if forces:
        st.markdown(
            "You told us of service in the armed forces (yours, or your spouse's or civil "
            "partner's). These answers tell whether the Armed Forces Covenant's guaranteed "
            "interview may apply."
        )
    else:
        names = ", ".join(s.name for s in org.guaranteed_interview.schemes)
        st.markdown(
            f"{org.name} offers an interview, or priority, to some applicants who meet the "
            f"minimum criteria: {names}. Answer only what you are comfortable with; you may "
            "leave any question unanswered. Nothing you answer is stored."
        )
    asked = [q for q in state.questions(org) if q.forces == forces]
    keys = [(f"{org.id}/{q.column}", widget_key(org, q)) for q in asked]
    with st.form(f"sc_form_{step.id}", border=False, enter_to_submit=False):
        for q in asked:
            _ask(org, q)
        navigation(_leave, keys)
