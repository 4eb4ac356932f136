"""The Shortlist page's Human review tab: the proof that people made the decisions (who
opened each application, for how long, what they scored and noted; the override rate and the
sign-off)."""

from __future__ import annotations

import streamlit as st

from storage.services.human_review import HumanReviewView


def show_human_review(view: HumanReviewView) -> None:
    v = view.vacancy
    cols = st.columns(4)
    cols[0].metric("Read by two or more members", f"{v.read_by_two_or_more} of {v.applications}")
    cols[1].metric("Median reading time", f"{v.median_minutes:g} min")
    cols[2].metric("Overridden by a person", f"{v.overrides} of {v.decisions}")
    cols[3].metric("Override rate", f"{v.override_rate:.0%}")
    st.write(
        f"Signed off by {v.signed_off_by} on {v.signed_off_at:%d %B %Y}."
        if v.signed_off_by and v.signed_off_at
        else "The shortlist has not been signed off yet."
    )
    st.dataframe(
        [
            {
                "Reference": line.reference,
                "Panel member": m.member,
                "Opened": m.opened,
                "Minutes": round(m.seconds / 60, 1),
                "Views": m.views,
                "Criteria scored": m.scored,
                "Notes": m.noted,
            }
            for line in view.applications
            for m in line.members
        ],
        hide_index=True,
        key="hr_human_review_table",
    )
