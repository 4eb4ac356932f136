"""The self-check's last step: where the applicant stands, the gaps with advice, the level
matched, the interview schemes that may apply, the other roles their answers genuinely carry
over to (with the reason), and the summary and statement outline to take away."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from app_pages import self_check_state as state
from app_pages.common import get_catalogue
from app_pages.self_check_chart import ratings_chart
from app_pages.self_check_criteria import describe
from criteria.effective import RoleVariant
from exports.self_check import printable_page, statement_outline, summary_workbook
from scoring.applicant.other_roles import RoleFit
from scoring.applicant.self_check import SelfCheck
from scoring.applicant.self_check_outcome import SelfCheckOutcome, self_check_outcome


def _standing(result: SelfCheck) -> None:
    st.markdown(
        f"Essential criteria shown: **{result.essentials_shown} of {len(result.essentials)}**. "
        f"Overall fit: **{result.fit:.0%}**."
    )
    if result.meets_essentials:
        st.success(
            "On your own view you show every essential criterion assessed from the application.",
            icon=":material/check_circle:",
        )
    else:
        st.warning(
            "Not yet: some essential criteria assessed from the application are not shown "
            "(rated fully or strongly, with an example).",
            icon=":material/warning:",
        )
    if result.level is not None:
        matched, nxt = result.level.matched, result.level.next_level
        st.markdown(
            f"**Level you match:** {matched or 'not level A yet'}."
            + (f" Level {nxt} adds:" if nxt else " That is the top level.")
        )
        for c in result.level.next_adds:
            st.markdown(f"- {c.text}")


def _gaps(outcome: SelfCheckOutcome) -> None:
    st.subheader("Gaps, and what to do about them", anchor=False)
    if not outcome.gaps:
        st.markdown("None: you show every criterion, with an example.")
    for r in outcome.gaps:
        st.markdown(
            f"- **{r.criterion.text}** ({describe(r.criterion)}; you said "
            f"{r.answer.rating.label}): {r.advice}"
        )


def _roles(fits: Sequence[RoleFit]) -> None:
    st.subheader("Other roles your answers fit", anchor=False)
    if not fits:
        st.markdown(
            "None yet: no answer you rated fully or strongly, with an example, carries over to "
            "an essential criterion of another role in the catalogue."
        )
    for f in fits:
        st.markdown(
            f"- **{f.variant.label}** ({f.variant.organisation.short_name}), "
            f"fit {f.fit:.0%}. {f.reasoning}"
        )


def _back() -> None:
    state.move(-1)


def _change_role() -> None:
    st.session_state[state.STEP] = "role"
    state.move(0)


def results_step(v: RoleVariant) -> None:
    org = v.organisation
    outcome = self_check_outcome(
        v, state.answers(v), state.answers_for_schemes(org), get_catalogue(), today=date.today()
    )
    result, guidance, fits, today = outcome.result, outcome.guidance, outcome.fits, outcome.today
    st.markdown(f"**{v.label}**, {org.name}.")
    _standing(result)
    _gaps(outcome)
    ratings_chart(result)
    st.subheader("Guaranteed interviews", anchor=False)
    for line in guidance:
        st.markdown(f"- {line}")
    _roles(fits)
    st.subheader("Take it away", anchor=False)
    st.markdown("Nothing is stored: download what you want to keep before you close this tab.")
    stem = f"self-check-{v.role.id}"
    st.download_button(
        "Download the summary (Excel)", summary_workbook(result, fits, guidance, today),
        file_name=f"{stem}.xlsx", key="sc_download_xlsx", on_click="ignore",
    )  # fmt: skip
    st.download_button(
        "Download a printable page (open it, then print or save as PDF)",
        printable_page(result, fits, guidance, today), file_name=f"{stem}.html",
        mime="text/html", key="sc_download_html", on_click="ignore",
    )  # fmt: skip
    st.download_button(
        "Download your supporting-statement outline", statement_outline(result),
        file_name=f"{stem}-statement.txt", mime="text/plain", key="sc_download_outline",
        on_click="ignore",
    )  # fmt: skip
    with st.container(horizontal=True):
        st.button("Back", key="sc_back_results", on_click=_back)
        st.button("Check another role", key="sc_change_role", on_click=_change_role)
