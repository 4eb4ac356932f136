"""The Shortlist page's downloads, made from the page's one ShortlistOutcome and only when HR
asks: the workbook, and an applicant's feedback sheet."""

from __future__ import annotations

import streamlit as st

from app_pages.common import get_services, literal, pick_one, prepared_download
from exports.feedback import feedback_page, feedback_workbook
from use_cases import ShortlistOutcome
from use_cases.access import Actor


def workbook_download(actor: Actor, outcome: ShortlistOutcome) -> None:
    st.subheader("Workbook")
    names = st.checkbox(
        "Include names and e-mail addresses (recorded in the audit log)", key="hr_workbook_names"
    )
    prepared = prepared_download(
        "Prepare the workbook", "hr_workbook",
        lambda: get_services().workbooks.export_shortlist(actor, outcome, include_personal=names),
        waiting="Preparing the workbook",
    )  # fmt: skip
    if prepared is not None and prepared.companion:
        st.download_button(
            f"Download {prepared.companion_name}",
            prepared.companion,
            file_name=prepared.companion_name,
            key="hr_workbook_companion",
        )


def feedback_download(actor: Actor, outcome: ShortlistOutcome) -> None:
    st.subheader("Feedback for an applicant")
    st.caption(
        "Each criterion's outcome against the threshold and the decision's reason: for a feedback request or a subject access request. Preparing one is recorded in the audit log."
    )
    who = pick_one(
        "Applicant", [r.reference for r in outcome.view.rows], key="hr_feedback_reference"
    )
    with_name = st.checkbox(
        "Include the applicant's name (subject access request)", key="hr_feedback_name"
    )
    if st.button("Prepare the feedback sheet", key="hr_feedback_prepare") and who:
        sheet = get_services().feedback.feedback_sheet(actor, outcome, who, include_name=with_name)
        st.session_state["hr_feedback"] = (
            sheet.reference,
            feedback_workbook(sheet),
            feedback_page(sheet),
        )
    prepared = st.session_state.get("hr_feedback")
    if prepared is not None:
        reference, workbook, page = prepared
        left, right = st.columns(2)
        left.download_button(
            f"Download feedback for {literal(reference)} (Excel)",
            workbook,
            file_name=f"feedback-{reference}.xlsx",
            key="hr_feedback_xlsx",
        )
        right.download_button(
            f"Download feedback for {literal(reference)} (printable page)",
            page,
            file_name=f"feedback-{reference}.html",
            mime="text/html",
            key="hr_feedback_html",
        )
