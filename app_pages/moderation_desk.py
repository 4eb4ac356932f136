"""The Moderation page's desk: one disagreement at a time, at keyboard speed. The criterion's
text, every member's score and note and the evidence they read beside it; keys agree the lower
score (L), the higher (H) or a value (its digit), with the panel's reason, and move on to the
next disagreement with an empty reason box."""

from __future__ import annotations

import streamlit as st

from app_pages.common import flash, get_services, literal
from use_cases.access import Actor
from use_cases.errors import ServiceError
from use_cases.models import ModerationItem

NOTE = "Why the panel agrees this score"


def record_agreed(
    actor: Actor, vacancy_id: int, item: ModerationItem, score: int, note: str, named: str
) -> None:
    """The panel's agreed score for `item`, checked against the version the screen showed;
    the outcome flashed ("Agreed <code><named> = <score>.")."""
    try:
        get_services().moderation.record_agreed_score(
            actor, vacancy_id, panel_code=item.panel_code, criterion_id=item.criterion_id,
            score=score, note=note, expected_version=item.agreed.version if item.agreed else None,
        )  # fmt: skip
    except ServiceError as exc:
        flash(literal(f"Not saved: {exc}"), kind="error")
    else:
        flash(f"Agreed {literal(item.panel_code)}{named} = {score}.")


def _record(actor: Actor, vacancy_id: int, item: ModerationItem, score: int, key: str) -> None:
    note = st.session_state.get(key, "")
    record_agreed(actor, vacancy_id, item, score, note, f": {literal(item.criterion[:60])}")


def desk(
    actor: Actor, vacancy_id: int, open_items: list[ModerationItem], points: list[int]
) -> None:
    if not open_items:
        return
    item = open_items[0]
    st.subheader(f"To agree: {len(open_items)} · {item.panel_code}")
    kind = "Essential" if item.essential else "Desirable"
    st.markdown(f"**{literal(item.criterion)}** ({kind})")
    st.dataframe(
        [
            {"Member": member, "Score": score, "Their note": item.notes.get(member, "")}
            for member, score in item.scores.items()
        ],
        hide_index=True,
        key=f"moderation_desk_scores_{item.panel_code}_{item.criterion_id}",
    )
    with st.expander("The evidence they read", expanded=True):
        st.text(item.evidence or "No evidence was given for this criterion.")
    low, high = min(item.scores.values()), max(item.scores.values())
    key = f"moderation_desk_{item.panel_code}_{item.criterion_id}"  # a fresh box per item
    # WCAG 2.1.4 Character key shortcuts: single keys that act anywhere on the page can be
    # turned off (speech input or a stray key press must not agree a score).
    keys = st.toggle(
        "Single-key shortcuts (L, H and the digits agree a score)",
        value=True,
        key="moderation_desk_keys",
    )
    with st.form(f"{key}_form", border=False):
        st.text_input(NOTE, key=f"{key}_note", placeholder="A sentence for the record")
        left, right, *rest = st.columns([2, 2, *[1] * len(points)])
        left.form_submit_button(
            f"Agree the lower, {low}" + (" (L)" if keys else ""), shortcut="L" if keys else None,
            type="primary",
            on_click=_record, args=(actor, vacancy_id, item, low, f"{key}_note"),
        )  # fmt: skip
        right.form_submit_button(
            f"Agree the higher, {high}" + (" (H)" if keys else ""),
            shortcut="H" if keys else None,
            on_click=_record, args=(actor, vacancy_id, item, high, f"{key}_note"),
        )  # fmt: skip
        for column, point in zip(rest, points, strict=True):
            column.form_submit_button(
                f"Agree {point}", shortcut=str(point) if keys and 0 <= point <= 9 else None,
                key=f"{key}_point_{point}",  # named in words (WCAG 2.4.6), not a bare digit
                on_click=_record, args=(actor, vacancy_id, item, point, f"{key}_note"),
            )  # fmt: skip
    if keys:
        st.caption(
            "Keys: L agrees the lower score, H the higher, a digit that value; write the reason "
            "first (Tab leaves the box)."
        )
