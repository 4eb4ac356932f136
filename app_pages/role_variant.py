"""The level or grade picker, for the roles that have them (the catalogue and a new vacancy)."""

from __future__ import annotations

import streamlit as st

from criteria.effective import RoleVariant, effective_criteria
from criteria.schema import Organisation, RoleProfile


def choose_variant(role: RoleProfile, org: Organisation, *, key: str) -> RoleVariant:
    """The level or grade picker for roles that have them; the criteria that apply."""
    level = grade = None
    if role.levels:
        names = {lv.id: lv.name for lv in role.levels}
        level = st.radio(
            "Level",
            list(names),
            horizontal=True,
            key=f"{key}_level",
            format_func=lambda i: f"{i}: {names[i]}",
        )
    if role.grades:
        titles = {g.id: f"{g.label}: {g.title}" for g in role.grades}
        grade = st.radio(
            "Grade",
            list(titles),
            horizontal=True,
            key=f"{key}_grade",
            format_func=titles.__getitem__,
        )
    return effective_criteria(role, org, level=level, grade=grade)
