"""The Vacancies page's questions about the post, which the interview schemes' `covers` read:
"Is this post advertised externally?" always; its salary range and role family when the
organisation's policy reads them (or the vacancy records them already)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.common import literal
from criteria.policy import GuaranteedInterviewPolicy
from use_cases import PostAnswers

ADVERTISED = {
    "external": "Yes: advertised externally",
    "internal": "No: advertised internally only",
}


def ask_post(
    policy: GuaranteedInterviewPolicy, *, key: str, now: PostAnswers | None = None
) -> dict[str, Any]:
    """HR's answers, for PostAnswers (built by the caller, where a refusal is reported)."""
    now = now or PostAnswers()
    reads = policy.vacancy_facts_read()
    covering = [s.name for s in policy.schemes if s.covers is not None]
    if covering:
        st.caption(
            literal(
                f"The policy covers only some vacancies ({', '.join(covering)}): answer the "
                "questions below, so the schemes are applied to this post as the policy says."
            )
        )
    options = list(ADVERTISED)
    advertised = st.radio(
        "Is this post advertised externally?",
        options,
        index=options.index(now.advertised) if now.advertised else None,
        format_func=ADVERTISED.__getitem__,
        horizontal=True,
        key=f"{key}_advertised",
    )
    answers: dict[str, Any] = {"advertised": advertised}
    if "salary" in reads or now.salary_from is not None or now.salary_to is not None:
        left, right = st.columns(2)
        low = left.number_input(
            "Salary from (£ a year)", 0, 10_000_000, now.salary_from, key=f"{key}_salary_from"
        )
        high = right.number_input(
            "Salary to (£ a year)", 0, 10_000_000, now.salary_to, key=f"{key}_salary_to"
        )
        answers |= {"salary_from": low, "salary_to": high}
    if "role_family" in reads or now.role_family:
        named = sorted(
            {f for s in policy.schemes if s.covers for f in s.covers.role_families or ()}
        )
        family = st.text_input(
            "Role family",
            value=now.role_family or "",
            help=("The policy names: " + ", ".join(named)) if named else None,
            key=f"{key}_role_family",
        )
        answers["role_family"] = family.strip() or None
    return answers
