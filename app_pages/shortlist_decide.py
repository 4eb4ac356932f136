"""HR's decisions on the Shortlist page: the override form, offering only the decisions the
vacancy's policy and the chosen application can have (nothing chosen until HR chooses), and
the sign-off. Both carry back the shortlist version the person saw: a decision carries the
version drawn with its form, a sign-off the version on screen when "I have read every decision"
was ticked; one made from a screen the shortlist has since moved past is refused
(scoring/rules/sign_off.py)."""

import streamlit as st

from app_pages.common import flash, get_services, literal, pick_one
from scoring.rules.shortlist import Outcome
from use_cases.access import Actor
from use_cases.errors import ServiceError
from use_cases.models import ShortlistView


def _record_override(
    actor: Actor, vacancy_id: int, shown: str, versions: dict[str, int | None]
) -> None:
    """The chosen decision, with the versions this screen showed: the shortlist's and the
    application's own decision's."""
    services = get_services()
    reference = (st.session_state.get("hr_override_ref") or "").strip()
    decision = st.session_state.get("hr_override_decision")
    if not decision:
        flash("Choose a decision first.", kind="error")
        return
    try:
        services.shortlists.override(
            actor, vacancy_id, reference=reference, decision=decision,
            reason=st.session_state.get("hr_override_reason", ""),
            expected_shortlist=shown, expected_version=versions.get(reference),
        )  # fmt: skip
    except ServiceError as exc:
        flash(literal(str(exc)), kind="error")
    else:
        st.session_state["hr_override_decision"] = None
        st.session_state["hr_override_reason"] = ""
        flash(f"Recorded for {literal(reference)}.")


def _read(shown: str) -> None:
    """The box "I have read every decision" ticked: the version the person read is the one the
    screen showed as they ticked it (a redraw since may show a shortlist they have not read)."""
    ticked = st.session_state.get("hr_finalise_confirm")
    st.session_state["hr_finalise_read"] = shown if ticked else None


def _finalise(actor: Actor, vacancy_id: int) -> None:
    read = st.session_state.get("hr_finalise_read")
    st.session_state["hr_finalise_confirm"] = False  # read again before the next sign-off
    st.session_state["hr_finalise_read"] = None
    try:
        get_services().shortlists.finalise(actor, vacancy_id, expected_shortlist=read or "")
    except ServiceError as exc:
        flash(literal(str(exc)), kind="error")
    else:
        flash("Finalised: the shortlist is signed off.")


def decide_form(actor: Actor, vacancy_id: int, view: ShortlistView) -> None:
    rows = {r.reference: r for r in view.rows}
    st.markdown(
        "**Decide or override** (ties at the cut-off, missing information, or a recommendation "
        "you change). Only the decisions this vacancy's policy allows for the application are "
        "offered. Every override needs a reason; it is kept in the audit log."
    )
    reference = pick_one("Application", list(rows), key="hr_override_ref")
    row = rows.get(reference or "")
    choices = row.choices if row else ()
    if row is not None and not choices:
        st.info(f"{literal(row.reference)} was withdrawn when it arrived; it takes no decision.")
    st.selectbox(
        "Decision",
        [o.value for o in choices],
        index=None,
        placeholder="Choose a decision",
        format_func=lambda v: Outcome(v).label,
        key="hr_override_decision",
    )
    st.text_area("Reason", key="hr_override_reason")
    st.button(
        "Record the decision",
        key="hr_override_record",
        on_click=_record_override,
        args=(actor, vacancy_id, view.version, {r.reference: r.version for r in view.rows}),
    )


def finalise_button(actor: Actor, vacancy_id: int, view: ShortlistView) -> None:
    st.markdown(
        "**Finalise**: a named person signs the shortlist off; every rejection's reason is "
        f"visible above. Shortlist version {view.version}."
    )
    confirmed = st.checkbox(
        "I have read every decision and its reason",
        key="hr_finalise_confirm",
        on_change=_read,
        args=(view.version,),
    )
    st.button(
        "Finalise the shortlist",
        type="primary",
        disabled=not confirmed,
        key="hr_finalise",
        on_click=_finalise,
        args=(actor, vacancy_id),
    )
