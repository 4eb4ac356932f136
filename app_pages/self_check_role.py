"""Step 1 of the self-check: the organisation, the role and its level or grade. Nothing is
chosen for the applicant; each choice clears the ones that depend on it."""

from __future__ import annotations

import streamlit as st

from app_pages import self_check_state as state
from app_pages.common import get_catalogue

NOTHING_STORED = (
    "Nothing you enter here is stored: it stays in this browser tab until you close it. "
    "Download your summary at the end, before you leave."
)
DEPENDS = {"org": ("role", "level", "grade"), "role": ("level", "grade")}


def _picked(field: str, key: str) -> None:
    chosen = state.choice()
    chosen[field] = st.session_state.get(key)
    for later in DEPENDS.get(field, ()):
        chosen[later] = None


def _index(options: list[str], value: str | None) -> int | None:
    return options.index(value) if value in options else None


def _continue() -> None:
    chosen, catalogue = state.choice(), get_catalogue()
    role = catalogue.roles.get(chosen.get("role") or "")
    missing = []
    if not chosen.get("org"):
        missing.append("Choose the organisation you are applying to.")
    if role is None:
        missing.append("Choose the role.")
    elif role.levels and not chosen.get("level"):
        missing.append("Choose the level of the role.")
    elif role.grades and not chosen.get("grade"):
        missing.append("Choose the grade of the role.")
    if missing:
        state.refuse(missing)
    else:
        state.move(1)


def role_step() -> None:
    catalogue, chosen = get_catalogue(), state.choice()
    st.markdown(NOTHING_STORED)
    orgs = [o.id for o in sorted(catalogue.organisations.values(), key=lambda o: o.name)]
    st.selectbox(
        "Organisation", orgs, index=_index(orgs, chosen.get("org")),
        format_func=lambda i: catalogue.organisations[i].name, placeholder="Choose an organisation",
        key="sc_org", on_change=_picked, args=("org", "sc_org"),
    )  # fmt: skip
    org = state.organisation()
    if org is None:
        return
    roles = sorted(
        (r for r in catalogue.roles.values() if r.organisation == org.id), key=lambda r: r.title
    )
    ids = [r.id for r in roles]
    key = f"sc_role_{org.id}"
    st.selectbox(
        "Role", ids, index=_index(ids, chosen.get("role")),
        format_func=lambda i: f"{catalogue.roles[i].title} ({catalogue.roles[i].grade_label})",
        placeholder="Choose a role", key=key, on_change=_picked, args=("role", key),
    )  # fmt: skip
    role = catalogue.roles.get(chosen.get("role") or "")
    if role is None or role.organisation != org.id:
        return
    st.markdown(role.purpose)
    for field, label, choices in (
        ("level", "Level", {lv.id: f"{lv.id}: {lv.name}" for lv in role.levels}),
        ("grade", "Grade", {g.id: f"{g.label}: {g.title}" for g in role.grades}),
    ):
        if choices:
            key = f"sc_{field}_{role.id}"
            st.radio(
                label, list(choices), index=_index(list(choices), chosen.get(field)),
                format_func=choices.__getitem__, key=key, on_change=_picked, args=(field, key),
            )  # fmt: skip
    variant = state.variant()
    if variant is not None and not variant.requirements_published:
        st.info(variant.unpublished_note + " Check yourself against the advert for the vacancy.")
        return
    st.button("Continue", type="primary", key="sc_continue_role", on_click=_continue)
