"""The scoring screen's parts that save: a score given by button, pad or note goes to the one
write path with the version of the score the screen showed when it was drawn, so an edit from
a stale window is refused (and the screen then shows the newer value) rather than saved."""

from __future__ import annotations

import streamlit as st

from app_pages.common import get_services
from scoring.rules.scheme import Scale
from use_cases.access import Actor
from use_cases.errors import ServiceError, StaleEdit

Mine = dict[str, tuple[int, str, int]]  # criterion id -> (score, note, version)
STATUS = "score_status"


def my_scores(actor: Actor, vacancy_id: int, code: str) -> Mine:
    return {
        s.criterion_id: (s.score, s.note, s.version)
        for s in get_services().reading.my_scores(actor, vacancy_id, code)
    }


def save(
    actor: Actor,
    vacancy_id: int,
    code: str,
    criterion_id: str,
    value: int,
    *,
    drawn_version: int | None,
    note: str | None = None,
) -> int | None:
    """Save one score as the screen showed it; the stored score after (None if refused)."""
    try:
        saved = get_services().scores.save_score(
            actor, vacancy_id, panel_code=code, criterion_id=criterion_id, score=value,
            note=note, expected_version=drawn_version,
        )  # fmt: skip
    except StaleEdit as exc:
        st.session_state[STATUS] = f"Not saved: {exc}"
        current = getattr(exc, "current", None)
        return getattr(current, "score", None)
    except ServiceError as exc:
        st.session_state[STATUS] = f"Not saved: {exc}"
        return None
    st.session_state[STATUS] = f"Saved {criterion_id} = {saved.score} for {code}."
    return saved.score


def _on_choice(
    actor: Actor, vacancy_id: int, key: str, code: str, criterion_id: str, drawn: int | None
) -> None:
    value = st.session_state.get(key)
    if value is None:
        return
    stored = save(actor, vacancy_id, code, criterion_id, int(value), drawn_version=drawn)
    if stored is not None and stored != value:
        st.session_state[key] = stored  # refused: the screen shows the newer value


def score_buttons(
    actor: Actor,
    vacancy_id: int,
    *,
    label: str,
    key: str,
    code: str,
    criterion_id: str,
    scale: Scale,
    stored: tuple[int, str, int] | None,
    disabled: bool = False,
) -> None:
    """The scale as buttons; a choice is saved at once. Shows the stored score on first draw;
    a stored score that changed elsewhere replaces what the buttons show. `disabled`: shown
    read-only (the member's scores can no longer change)."""
    shown_key = f"{key}__shown"
    if stored is not None and st.session_state.get(shown_key) != stored[2]:
        st.session_state[key] = stored[0]
        st.session_state[shown_key] = stored[2]
    st.segmented_control(
        label,
        list(scale.values),
        key=key,
        on_change=_on_choice,
        args=(actor, vacancy_id, key, code, criterion_id, stored[2] if stored else None),
        disabled=disabled,
    )


def _on_note(
    actor: Actor,
    vacancy_id: int,
    key: str,
    code: str,
    criterion_id: str,
    drawn: tuple[int, str, int] | None,
) -> None:
    if drawn is None:
        st.session_state[STATUS] = "Give a score before its note."
        return
    save(
        actor, vacancy_id, code, criterion_id, drawn[0],
        drawn_version=drawn[2], note=st.session_state.get(key, ""),
    )  # fmt: skip


def note_input(
    actor: Actor,
    vacancy_id: int,
    *,
    label: str,
    code: str,
    criterion_id: str,
    stored: tuple[int, str, int] | None,
    disabled: bool = False,
) -> None:
    key = f"score_note_{code}_{criterion_id}"
    if key not in st.session_state:
        st.session_state[key] = stored[1] if stored else ""
    st.text_input(
        label,
        key=key,
        on_change=_on_note,
        args=(actor, vacancy_id, key, code, criterion_id, stored),
        disabled=disabled,
    )
