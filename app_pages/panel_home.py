"""A panel member's vacancies: the anonymised applications with my progress, my submission,
my offline scoring sheet, and conflicts of interest."""

import streamlit as st

from app_pages.common import (
    choose_vacancy,
    flash,
    get_services,
    literal,
    pick_one,
    prepared_download,
    reported,
    require,
    show_problems,
)
from scoring.words.counts import counted
from use_cases.access import Role
from use_cases.errors import ImportRefused

actor = require(Role.PANEL)
services = get_services()
st.title("My vacancies")
chosen_id = choose_vacancy(actor, key="panel_vacancy")
if chosen_id is None:
    st.stop()
vacancy_id = chosen_id  # an int, in the functions below too (they do not see the narrowing)

flash()

with reported():
    vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
    declared = services.declarations.has_declared(actor, vacancy_id)
if vacancy.released_at is None:
    st.info(
        "HR has not released the applications to the panel yet: they first check that the applicants' identifiers are taken out of the evidence."
    )
    st.stop()
if not declared:
    st.info(
        "Before you score, declare any conflicts of interest from the list of applicants' names."
    )
    st.page_link(
        "app_pages/score.py", label="Declare conflicts and start", icon=":material/how_to_reg:"
    )
    st.stop()

with reported():
    progress = services.progress.my_progress(actor, vacancy_id)
    standing = services.progress.my_standing(actor, vacancy_id)
    done = sum(p.scored for p in progress)
    expected = sum(p.expected for p in progress)
    st.progress(
        done / expected if expected else 0.0,
        text=f"You have given {done:,} of {expected:,} scores.",
    )
    st.dataframe(
        [
            {
                "Application": p.panel_code,
                "Scored": f"{p.scored} of {p.expected}",
                "Done": p.scored == p.expected,
            }
            for p in progress
        ],
        hide_index=True,
        key="panel_progress",
    )
    if progress:
        first_open = next(
            (p.panel_code for p in progress if p.scored < p.expected), progress[0].panel_code
        )
        if st.button("Score applications", type="primary", key="panel_start"):
            st.session_state["score_code"] = first_open
            st.switch_page("app_pages/score.py")

    st.subheader("Submit")
    if standing.submitted_at is not None:
        st.success(
            f"You submitted your scores on {standing.submitted_at:%d %B %Y at %H:%M}. They are "
            "final; moderation is open to you.",
            icon=":material/task_alt:",
        )
        st.page_link("app_pages/moderation.py", label="Moderation", icon=":material/balance:")
    elif standing.locked:
        st.info(standing.locked, icon=":material/lock:")
    else:
        st.write(
            "When every application is scored, submit: your scores are then final, and you see the other members' scores and the disagreements to moderate."
        )
        if st.button(
            "Submit my scores", key="panel_submit", disabled=done < expected or expected == 0
        ):
            services.progress.submit(actor, vacancy_id)  # a second submit changes nothing
            flash("Submitted. Moderation is open to you.")
            st.rerun()

    st.subheader("Score offline")
    prepared_download(
        "Prepare my scoring sheet (Excel)", "panel_sheet",
        lambda: services.sheets.scoring_sheet(actor, vacancy_id),
        waiting="Preparing your scoring sheet",
    )  # fmt: skip
    returned = st.file_uploader(
        "Give back a filled scoring sheet (as downloaded, or saved as .xlsx or .ods)",
        type=["xlsx", "ods"],
        key="panel_sheet_upload",
    )
    if returned is not None and st.button("Import my scores", key="panel_sheet_import"):
        try:
            changed = services.sheets.import_scoring_sheet(
                actor, vacancy_id, data=returned.getvalue(), file_name=returned.name
            )
        except ImportRefused as refused:
            st.error(literal(str(refused)))
            show_problems(list(refused.problems))
        else:
            flash(f"Imported: {counted(changed, 'score')} recorded.")
            st.rerun()

    st.subheader("Conflict of interest")
    st.write(
        "If you recognise an applicant while scoring, declare it here: the other members score that application instead."
    )
    with st.form("panel_conflict"):
        code = pick_one("Application", [p.panel_code for p in progress], key="panel_conflict_code")
        note = st.text_input("How you know them (for the record)", key="panel_conflict_note")
        if st.form_submit_button("Declare a conflict"):
            with reported():
                services.declarations.declare_conflict(
                    actor, vacancy_id, panel_code=code or "", note=note
                )
                st.success(f"Recorded. You will not score {literal(code or '')}.")
