"""The names-only conflict declaration a panel member makes before their first score."""

from __future__ import annotations

import streamlit as st

from app_pages.common import flash, get_services, reported
from scoring.words.counts import counted
from use_cases.access import Actor


def declaration_step(actor: Actor, vacancy_id: int) -> bool:
    """Draw the declaration if the member has not made it; True once they have."""
    services = get_services()
    with reported():
        if services.declarations.has_declared(actor, vacancy_id):
            return True
    st.subheader("Before you start: conflicts of interest")
    st.write(
        "These are the applicants' names only, with nothing that links them to the applications you will score. If you know anyone here (family, friend, colleague, someone you manage), choose their name: the other panel members will score that application instead. This list is shown once, before scoring; if late applications reach the panel, you see their names here before scoring them."
    )
    with reported():
        names = services.declarations.names_for_declaration(actor, vacancy_id)
        st.dataframe(
            [{"Applicant": n.name} for n in names], hide_index=True, key="score_declare_names"
        )
        with st.form("score_declare"):
            known = st.multiselect(
                "Applicants you know (leave empty if you know none)",
                [n.token for n in names],
                format_func={n.token: n.name for n in names}.__getitem__,
                key="score_declare_known",
            )
            note = st.text_input(
                "How you know them (optional, for the record)", key="score_declare_note"
            )
            if st.form_submit_button("Confirm my declaration and start scoring", type="primary"):
                count = services.declarations.declare_conflicts(actor, vacancy_id, known, note)
                flash(
                    f"Recorded: {counted(count, 'conflict of interest')}."
                    if count
                    else "Recorded: no conflicts of interest."
                )
                st.rerun()
    return False
