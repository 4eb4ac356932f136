"""Scoring: the evidence on one side, the criteria with the scale on the other. Every score is
saved the moment it is given; the keyboard pad scores with one key per criterion."""

import streamlit as st

from app_pages.chunked_review import chunked_review
from app_pages.common import (
    choose_vacancy,
    flash,
    fragment_request,
    get_services,
    literal,
    plain_text,
    reported,
    require,
)
from app_pages.declaration import declaration_step
from app_pages.score_pad import score_pad
from app_pages.scoring_widgets import STATUS, my_scores, note_input, score_buttons
from use_cases.access import Role

actor = require(Role.PANEL)
services = get_services()
st.title("Score applications")
view = None
with reported():  # the page's reads at once, for the vacancy its list will show
    view = services.reading.score_page(
        actor, st.session_state.get("score_vacancy", st.session_state.get("vacancy_id"))
    )
if view is None:
    st.stop()
chosen_id = choose_vacancy(actor, key="score_vacancy", vacancies=view.vacancies)
if chosen_id is None:
    st.stop()
vacancy_id = chosen_id  # an int, in the functions below too (they do not see the narrowing)
if view.vacancy is None or view.vacancy.id != vacancy_id:  # the list chose another
    with reported():
        view = services.reading.score_page(actor, vacancy_id)
shown = view.vacancy
if shown is None:
    st.stop()
vacancy = shown  # a vacancy, in the functions below too (they do not see the narrowing)
criteria = vacancy.scored_criteria
numbers = vacancy.rules.criterion_numbers()  # as the pad numbers them
scale = vacancy.scheme.scale
flash()
if vacancy.released_at is None:
    st.info(
        "HR has not released the applications to the panel yet: they first check that the applicants' names and contact details are taken out of the evidence. Come back soon."
    )
    st.stop()
if not view.declared and not declaration_step(actor, vacancy_id):
    st.stop()
locked = view.locked
if locked:  # said once here; the scores are shown read-only below
    st.info(f"{locked} Your scores are shown read-only.", icon=":material/lock:")
keyboard = not vacancy.chunked_review and st.toggle(
    "Keyboard pad (one key per criterion)", value=True, key="score_keyboard"
)
if view.declared:
    st.session_state["score_codes_for"] = (vacancy_id, view.codes)
else:  # declared meanwhile: `codes` reads them
    st.session_state.pop("score_codes_for", None)


def codes() -> list[str]:
    """The applications this member scores; read once per run of the page (a key press
    reruns only the fragment below and must stay quick on a 2,000-application vacancy)."""
    cached = st.session_state.get("score_codes_for")
    if cached is None or cached[0] != vacancy_id:
        listed = [p.panel_code for p in services.progress.my_progress(actor, vacancy_id)]
        st.session_state["score_codes_for"] = (vacancy_id, tuple(listed))
    return list(st.session_state["score_codes_for"][1])


def current_code(all_codes: list[str]) -> str:
    code = st.session_state.get("score_code")
    return code if code in all_codes else all_codes[0]


def move(all_codes: list[str], step: int) -> None:
    i = all_codes.index(current_code(all_codes))
    st.session_state["score_code"] = all_codes[max(0, min(len(all_codes) - 1, i + step))]
    st.session_state["score_focus"] = 0


def buttons(all_codes: list[str]) -> None:
    """The evidence beside the scale as buttons (the pad switched off)."""
    code = current_code(all_codes)
    st.session_state["score_code"] = code
    position = all_codes.index(code)
    app = services.reading.panel_application(actor, vacancy_id, code)
    mine = my_scores(actor, vacancy_id, code)
    nav = st.columns([1, 1, 2, 2])
    nav[0].button(
        "Previous", key="score_prev", on_click=move, args=(all_codes, -1),
        disabled=position == 0,
    )  # fmt: skip
    nav[1].button(
        "Next", key="score_next", on_click=move, args=(all_codes, 1),
        disabled=position == len(all_codes) - 1,
    )  # fmt: skip
    nav[2].markdown(f"**Application {literal(code)}** ({position + 1} of {len(all_codes)})")
    nav[3].markdown(f"{len(mine)} of {len(criteria)} criteria scored")
    evidence, scoring_side = st.columns(2, gap="large")
    with evidence:
        st.subheader("Evidence")
        plain_text(app.statement or "No supporting statement.")
        for c in criteria:
            answer = app.evidence.get(c.id)
            if answer:
                st.markdown(f"**Criterion {numbers[c.id]}**")
                plain_text(f"{c.text}\n\n{answer}")
    with scoring_side:
        st.subheader("Criteria")
        legend = "; ".join(f"{p.value} {p.label}" for p in scale.points)
        st.caption(f"Scale: {legend}. E essential, D desirable.")
        for c in criteria:
            score_buttons(
                actor, vacancy_id,
                label=literal(f"{numbers[c.id]}. [{'E' if c.is_essential else 'D'}] {c.text}"),
                key=f"score_btn_{code}_{c.id}", code=code, criterion_id=c.id,
                scale=scale, stored=mine.get(c.id), disabled=bool(locked),
            )  # fmt: skip
        st.caption(literal(st.session_state.get(STATUS, "")))
        with st.expander("Notes"):
            for c in criteria:
                note_input(
                    actor, vacancy_id, label=literal(f"Note on {numbers[c.id]}: {c.text[:80]}"),
                    code=code, criterion_id=c.id, stored=mine.get(c.id), disabled=bool(locked),
                )  # fmt: skip


@st.fragment
def scoring() -> None:
    with fragment_request(actor), reported():
        all_codes = codes()
        if not all_codes:
            st.info("There are no applications for you to score in this vacancy.")
        elif keyboard:
            score_pad(actor, vacancy, all_codes, locked=locked)
        else:
            buttons(all_codes)


if vacancy.chunked_review:
    st.caption(
        "This vacancy uses chunked review: score one criterion across every application, then move to the next. Your order of applications is your own."
    )
    chunked_review(actor, vacancy, locked=bool(locked))
else:
    scoring()
st.page_link("app_pages/panel_home.py", label="Back to my vacancies", icon=":material/arrow_back:")
