"""The Vacancies page's part for one existing vacancy: its details edited while its state
allows, and its moves (open a draft, start or leave moderation, close with a reason)."""

from __future__ import annotations

from datetime import date

import streamlit as st
from pydantic import ValidationError

from app_pages.common import flash, get_services, literal
from app_pages.vacancy_post import ask_post
from scoring.rules.lifecycle import EDITABLE, MOVES, VacancyStatus
from use_cases import PostAnswers, VacancyEdit
from use_cases.access import Actor
from use_cases.errors import ServiceError
from use_cases.models import VacancyPublic
from use_cases.post_answers import answers_of

MOVE_BUTTONS = {
    VacancyStatus.OPEN: "Open it for applications",
    VacancyStatus.MODERATION: "Start moderation",
    VacancyStatus.SCORING: "Back to scoring",
}


def _done(message: str) -> None:
    flash(message)
    st.rerun()


def manage(actor: Actor, vacancy: VacancyPublic) -> None:
    services = get_services()
    v, state = vacancy, vacancy.state
    st.markdown(f"**{literal(v.label)}**")
    if v.closed_reason:
        st.caption(f"Closed: {literal(v.closed_reason)}")
    editable = EDITABLE[state]
    # Keyed by vacancy and version: the boxes show this vacancy as stored now, never the values
    # of the vacancy looked at before.
    k = f"hr_edit_{v.id}_{v.version}"
    if editable:
        with st.form(f"{k}_form"):
            left, right = st.columns(2)
            title = left.text_input("Title", value=v.title, key=f"{k}_title")
            closing = right.date_input(
                "Closing date", value=v.closing_date, format="DD/MM/YYYY", key=f"{k}_closing"
            )
            interview = left.date_input(
                "Interview date", value=v.interview_date, format="DD/MM/YYYY", key=f"{k}_interview"
            )
            deadline = right.date_input(
                "Scoring deadline", value=v.scoring_deadline, format="DD/MM/YYYY",
                key=f"{k}_deadline",
            )  # fmt: skip
            # An empty box is "not limited" / "no pass mark"; a number is stored as it is typed.
            slots = left.number_input(
                "Interview places (empty = not limited)", 0, 10_000, v.rules.scheme.slots,
                key=f"{k}_slots",
            )  # fmt: skip
            pass_mark = right.number_input(
                "Pass mark (empty = none)", 0.0, 1000.0, v.rules.scheme.pass_mark,
                key=f"{k}_pass",
            )  # fmt: skip
            recorded = answers_of(v.rules.post)
            post = ask_post(v.rules.policy, key=f"{k}_post", now=recorded)
            if st.form_submit_button("Save the changes"):
                wanted = {
                    "title": title.strip(), "closing_date": _day(closing),
                    "interview_date": _day(interview), "scoring_deadline": _day(deadline),
                    "slots": None if slots is None else int(slots),
                    "pass_mark": None if pass_mark is None else float(pass_mark),
                }  # fmt: skip
                now = {
                    "title": v.title, "closing_date": v.closing_date,
                    "interview_date": v.interview_date, "scoring_deadline": v.scoring_deadline,
                    "slots": v.rules.scheme.slots, "pass_mark": v.rules.scheme.pass_mark,
                }  # fmt: skip
                changes: dict[str, object] = {f: x for f, x in wanted.items() if x != now[f]}
                try:
                    answered = PostAnswers(**post)
                except ValidationError as exc:
                    st.error(literal(str(exc.errors()[0]["msg"]).removeprefix("Value error, ")))
                    return
                if answered != recorded:
                    changes["post"] = answered
                if not changes:
                    st.info("Nothing changed.")
                else:
                    try:
                        services.lifecycle.edit(
                            actor, v.id, VacancyEdit(**changes), expected_version=v.version
                        )
                    except ServiceError as exc:
                        st.error(literal(str(exc)))
                    else:
                        _done(f"Saved the changes to {v.reference}.")
    else:
        st.caption(f"A vacancy that is {state.label.lower()} can no longer be edited.")
    moves = [m for m in MOVES[state] if m is not VacancyStatus.CLOSED]
    for to in moves:
        if st.button(MOVE_BUTTONS[to], key=f"{k}_move_{to.value}"):
            _move(actor, v, to, None)
    if VacancyStatus.CLOSED in MOVES[state]:
        with st.form(f"{k}_close"):
            reason = st.text_input("Why is the vacancy closed?", key=f"{k}_close_reason")
            if st.form_submit_button("Close the vacancy"):
                _move(actor, v, VacancyStatus.CLOSED, reason)


def _move(actor: Actor, v: VacancyPublic, to: VacancyStatus, reason: str | None) -> None:
    try:
        get_services().lifecycle.move(actor, v.id, to, reason=reason)
    except ServiceError as exc:
        st.error(literal(str(exc)))
    else:
        _done(f"{v.reference} is now {to.label.lower()}.")


def _day(value: object) -> date | None:
    return value if isinstance(value, date) else None
