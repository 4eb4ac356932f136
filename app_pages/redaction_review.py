"""HR's review of what is redacted before the panel reads the evidence: the table for every
application, and the adjustment of one (its panel text read only for that one)."""

from __future__ import annotations

import streamlit as st

from app_pages.common import get_services, literal, plain_text
from use_cases.access import Actor
from use_cases.models import ApplicationOverview


def redaction_table(listed: list[ApplicationOverview]) -> None:
    st.dataframe(
        [
            {
                "Reference": r.reference,
                "Name": r.name,
                "Removed": len(r.redactions),
                "What was removed": "; ".join(
                    f"{x['kind']}: {x['text']} ({x['where']})" for x in r.redactions
                ),
                "Also removed (HR)": ", ".join(r.extra),
                "Left in (HR)": ", ".join(r.keep),
            }  # fmt: skip
            for r in listed
        ],
        hide_index=True,
        key="hr_apps_redactions",
    )


def adjust_redaction(actor: Actor, vacancy_id: int, listed: list[ApplicationOverview]) -> None:
    services = get_services()
    by_reference = {r.reference: r for r in listed}
    reference = st.selectbox(
        "Adjust one application",
        list(by_reference),
        format_func=lambda ref: (
            f"{ref}: {by_reference[ref].name} ({len(by_reference[ref].redactions)} removed)"
        ),
        key="hr_apps_redaction_choice",
    )
    (chosen,) = services.redaction.redaction_review(actor, vacancy_id, reference)
    with st.form("hr_apps_redaction_form"):
        extra = st.text_input(
            "Also remove (comma-separated words or phrases, e.g. a previous surname or a street)",
            value=", ".join(chosen.extra),
            key=f"hr_apps_extra_{chosen.reference}",
        )
        keep = st.text_input(
            "Leave in (comma-separated: words removed by mistake, e.g. 'Hall' in 'town hall')",
            value=", ".join(chosen.keep),
            key=f"hr_apps_keep_{chosen.reference}",
        )
        if st.form_submit_button("Apply to this application", key="hr_apps_redaction_apply"):
            chosen = services.redaction.adjust_redaction(
                actor, vacancy_id, chosen.reference, extra=extra.split(","), keep=keep.split(",")
            )
            st.success(
                f"Updated: {len(chosen.redactions)} removed from {literal(chosen.reference)}."
            )
    st.caption(f"What the panel reads for {literal(chosen.panel_code)}:")
    with st.container(border=True, key="hr_apps_panel_text"):
        plain_text(chosen.panel_statement or "(no supporting statement)")
        for criterion_id, answer in chosen.panel_evidence.items():
            plain_text(f"{criterion_id}: {answer}")
