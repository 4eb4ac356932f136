"""HR: the shortlist, ranked with decisions, schemes, ties and reasons; overrides with a
reason; finalising; the workbook; and the charts."""

import streamlit as st

from app_pages import charts
from app_pages.common import choose_vacancy, flash, get_services, reported, require
from exports.feedback import feedback_page, feedback_workbook
from storage.access import Role
from storage.services.shortlisting import OVERRIDES

LABELS = {
    "shortlisted_on_merit": "Shortlisted on merit",
    "shortlisted_under_scheme": "Shortlisted (guaranteed interview)",
    "tied_at_cut_off": "Tied at the cut-off: decide",
    "needs_information": "Needs information",
    "not_shortlisted": "Not shortlisted",
    "scoring_incomplete": "Scoring incomplete",
    "withdrawn": "Withdrawn",
}

actor = require(Role.HR)
services = get_services()
st.title("Shortlist")
vacancy_id = choose_vacancy(actor, key="hr_shortlist_vacancy")
if vacancy_id is None:
    st.stop()
flash()

with reported():
    view = services.shortlist(actor, vacancy_id)
    counts: dict[str, int] = {}
    for r in view.rows:
        counts[r.decision] = counts.get(r.decision, 0) + 1
    cols = st.columns(4)
    cols[0].metric("Applications", len(view.rows))
    cols[1].metric(
        "Shortlisted",
        counts.get("shortlisted_on_merit", 0) + counts.get("shortlisted_under_scheme", 0),
    )
    cols[2].metric(
        "To decide", counts.get("tied_at_cut_off", 0) + counts.get("needs_information", 0)
    )
    cols[3].metric(
        "Status",
        "Finalised"
        if view.finalised
        else ("Ready to finalise" if view.is_final else "Provisional"),
    )
    with st.container():  # a stable slot: the tabs below keep their place as issues come and go
        for issue in view.issues:
            st.warning(issue)

    tab_list, tab_charts = st.tabs(["Decisions", "Charts"])
    with tab_list:
        st.dataframe(
            [
                {
                    "Rank": r.rank,
                    "Reference": r.reference,
                    "Name": r.name,
                    "Decision": LABELS.get(r.decision, r.decision),
                    "Schemes": ", ".join(r.schemes),
                    "Total": r.total,
                    "Reason": r.reason,
                    "Recommended": LABELS.get(r.recommended, r.recommended)
                    if r.decision != r.recommended
                    else "",
                }  # fmt: skip
                for r in view.rows
            ],
            hide_index=True,
            key="hr_shortlist_table",
            column_config={"Reason": st.column_config.TextColumn(width="large")},
        )
        if not view.finalised:
            with st.form("hr_override"):
                st.markdown(
                    "**Decide or override** (ties at the cut-off, missing information, or a recommendation you change). Every override needs a reason; it is kept in the audit log."
                )
                reference = st.selectbox(
                    "Application", [r.reference for r in view.rows], key="hr_override_ref"
                )
                decision = st.selectbox(
                    "Decision",
                    sorted(OVERRIDES),
                    format_func=LABELS.get,
                    key="hr_override_decision",
                )
                reason = st.text_area("Reason", key="hr_override_reason")
                if st.form_submit_button("Record the decision"):
                    services.override(
                        actor, vacancy_id, reference=reference, decision=decision, reason=reason
                    )
                    flash(f"Recorded for {reference}.")
                    st.rerun()
            st.markdown(
                "**Finalise**: a named person signs the shortlist off; every rejection's reason is visible above."
            )
            confirmed = st.checkbox(
                "I have read every decision and its reason", key="hr_finalise_confirm"
            )
            if st.button(
                "Finalise the shortlist", type="primary", disabled=not confirmed, key="hr_finalise"
            ):
                services.finalise(actor, vacancy_id)
                flash("Finalised: the shortlist is signed off.")
                st.rerun()

        st.subheader("Workbook")
        names = st.checkbox(
            "Include names and e-mail addresses (recorded in the audit log)",
            key="hr_workbook_names",
        )
        if st.button("Prepare the workbook", key="hr_workbook_prepare"):
            st.session_state["hr_workbook"] = services.export_shortlist(
                actor, vacancy_id, include_personal=names
            )
        prepared = st.session_state.get("hr_workbook")
        if prepared is not None:
            st.download_button(
                f"Download {prepared.file_name}",
                prepared.content,
                file_name=prepared.file_name,
                key="hr_workbook_download",
            )
            if prepared.companion:
                st.download_button(
                    f"Download {prepared.companion_name}",
                    prepared.companion,
                    file_name=prepared.companion_name,
                    key="hr_workbook_companion",
                )

        st.subheader("Feedback for an applicant")
        st.caption(
            "Each criterion's outcome against the threshold and the decision's reason: for a feedback request or a subject access request. Preparing one is recorded in the audit log."
        )
        who = st.selectbox(
            "Applicant", [r.reference for r in view.rows], key="hr_feedback_reference"
        )
        with_name = st.checkbox(
            "Include the applicant's name (subject access request)", key="hr_feedback_name"
        )
        if st.button("Prepare the feedback sheet", key="hr_feedback_prepare"):
            sheet = services.feedback_sheet(actor, vacancy_id, who, include_name=with_name)
            st.session_state["hr_feedback"] = (
                sheet.reference,
                feedback_workbook(sheet),
                feedback_page(sheet),
            )
        prepared_feedback = st.session_state.get("hr_feedback")
        if prepared_feedback is not None:
            reference, workbook, page = prepared_feedback
            left, right = st.columns(2)
            left.download_button(
                f"Download feedback for {reference} (Excel)",
                workbook,
                file_name=f"feedback-{reference}.xlsx",
                key="hr_feedback_xlsx",
            )
            right.download_button(
                f"Download feedback for {reference} (printable page)",
                page,
                file_name=f"feedback-{reference}.html",
                mime="text/html",
                key="hr_feedback_html",
            )

    with tab_charts:
        report = services.report(actor, vacancy_id)
        if not report.totals:
            st.info("The charts appear once applications have agreed scores.")
        else:
            st.plotly_chart(charts.totals_histogram(report), key="chart_totals")
            st.plotly_chart(charts.funnel(report), key="chart_funnel")
            st.plotly_chart(charts.pass_rates(report), key="chart_pass_rates")
            if report.agreement:
                st.plotly_chart(charts.agreement(report), key="chart_agreement")
            st.plotly_chart(charts.heatmap(report), key="chart_heatmap")
