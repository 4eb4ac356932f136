"""HR: the shortlist, ranked with decisions, schemes, ties and reasons; overrides with a
reason; finalising; the workbook, feedback sheets and charts. The engine runs once per page
draw: the table, the charts and the downloads are all made from that one outcome."""

import streamlit as st

from app_pages import charts
from app_pages.common import (
    MISSING,
    choose_vacancy,
    flash,
    get_services,
    literal,
    reported,
    require,
)
from app_pages.human_review import show_human_review
from app_pages.shortlist_decide import decide_form, finalise_button
from app_pages.shortlist_downloads import feedback_download, workbook_download
from scoring.rules.vacancy_cover import uncovered_lines
from scoring.words.explain import policy_lines
from use_cases.access import Role

actor = require(Role.HR)
services = get_services()
st.title("Shortlist")
vacancy_id = choose_vacancy(actor, key="hr_shortlist_vacancy")
if vacancy_id is None:
    st.stop()
flash()


def shortlist_status(finalised: bool, scored: bool, to_decide: int) -> str:
    """Where the shortlist stands, in words."""
    if finalised:
        return "Finalised: signed off"
    if not scored:
        return "Provisional: scoring or moderation is not finished"
    if to_decide:
        return f"Decide the {to_decide} open case{'s' if to_decide != 1 else ''}, then finalise"
    return "Ready to finalise"


NOT_RANKED = "not ranked"


with reported():
    outcome = services.shortlists.outcome(actor, vacancy_id)
    view = outcome.view
    tally = outcome.tally
    to_decide = tally.to_decide
    cols = st.columns(4)
    cols[0].metric("Applications", tally.applications)
    cols[1].metric("Shortlisted", tally.shortlisted)
    cols[2].metric("To decide", to_decide)
    # Text, not a metric: a metric's value is cut short to fit ("Ready to fina...")
    cols[3].markdown(f"Status  \n**{shortlist_status(view.finalised, view.is_final, to_decide)}**")
    with st.container():  # a stable slot: the tabs below keep their place as issues come and go
        for issue in view.issues:
            st.warning(literal(issue))
    policy = outcome.result.vacancy.policy
    # A scheme that does not cover this vacancy (its `covers`), or cannot tell: said to HR.
    for line in uncovered_lines(policy.schemes, outcome.result.vacancy.post):
        st.info(literal(line), icon=":material/info:")
    with st.expander(f"Interview schemes: {literal(policy.version)}", expanded=False):
        for line in policy_lines(policy):
            st.markdown(f"- {literal(line)}")

    # Only the open tab is drawn: the charts are made when someone looks at them.
    tab_list, tab_charts, tab_review = st.tabs(
        ["Decisions", "Charts", "Human review"], key="hr_shortlist_tab", on_change="rerun"
    )
    if tab_review.open:
        with tab_review:
            show_human_review(services.human_review.review(actor, outcome))
    if tab_list.open:
        with tab_list:
            st.dataframe(
                [
                    {
                        "Rank": r.rank_text or NOT_RANKED,
                        "Reference": r.reference,
                        "Name": r.name,
                        "Decision": r.label,
                        "Schemes": ", ".join(r.schemes),
                        "Total": r.total,
                        "Reason": r.reason,
                        "Recommended": r.recommended.label if r.decision != r.recommended else "",
                    }  # fmt: skip
                    for r in view.rows
                ],
                hide_index=True,
                key="hr_shortlist_table",
                placeholder=MISSING,
                column_config={"Reason": st.column_config.TextColumn(width="large")},
            )
            if any(r.rank is None for r in view.rows):
                st.caption(
                    f"{NOT_RANKED.capitalize()}: outside the ranking on merit (not meeting the "
                    "minimum criteria, scores incomplete, withdrawn, or considered first under "
                    "a priority scheme); the reason says which."
                )
            if len({r.rank for r in view.rows if r.rank}) < sum(1 for r in view.rows if r.rank):
                st.caption("Two applications with the same rank are level on merit (a tie).")
            if not view.finalised:
                decide_form(actor, vacancy_id, view)
                finalise_button(actor, vacancy_id, view)
            workbook_download(actor, outcome)
            feedback_download(actor, outcome)

    if tab_charts.open:
        with tab_charts:
            report = services.reports.report(actor, outcome)
            if not report.totals:
                st.info("The charts appear once applications have agreed scores.")
            else:
                shown = [
                    ("totals", charts.totals_histogram, charts.totals_figures),
                    ("funnel", charts.funnel, charts.funnel_figures),
                    ("pass_rates", charts.pass_rates, charts.pass_rate_figures),
                    ("agreement", charts.agreement, charts.agreement_figures),
                    ("heatmap", charts.heatmap, charts.heatmap_figures),
                ]
                for name, chart, figures in shown:
                    if name == "agreement" and not report.agreement:
                        continue
                    st.plotly_chart(chart(report), key=f"chart_{name}")
                    # the chart's text alternative: its figures, in a table a screen reader reads
                    with st.expander("The figures in this chart"):
                        st.table(figures(report))
