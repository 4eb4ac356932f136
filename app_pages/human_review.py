"""The Shortlist page's Human review tab: the proof that people made the decisions (who
opened each application, for how long, what they scored and noted; the override rate and the
sign-off). The figures and the table come from the one proof (scoring/rules/human_review.py), as in
the workbook."""

from __future__ import annotations

import streamlit as st

from scoring.rules.human_review import review_figures
from use_cases.human_review import HumanReviewView


def show_human_review(view: HumanReviewView) -> None:
    v = view.vacancy
    figures = review_figures(v)
    for column, (label, value) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(label, value)
    st.write(
        f"Signed off by {v.signed_off_by} on {v.signed_off_at:%d %B %Y}."
        if v.signed_off_by and v.signed_off_at
        else "The shortlist has not been signed off yet."
    )
    st.caption(
        "Opened: shown to the member on the Score page or the score pad. Read: opened, or "
        "scored (a scoring sheet returned on paper). Minutes: from being shown an application "
        "to moving on, a gap of more than 15 minutes without a key press counting nothing."
    )
    st.dataframe(
        [
            {
                "Reference": row.reference,
                "Panel member": row.member,
                "Opened": row.opened,
                "Minutes": row.minutes,
                "Views": row.views,
                "Criteria scored": row.scored,
                "Notes": row.noted,
            }
            for row in view.table
        ],
        hide_index=True,
        key="hr_human_review_table",
    )
