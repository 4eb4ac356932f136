"""The keyboard score pad: the evidence beside the criteria, one key per score.

A Streamlit custom component (v2). The pad keeps its own state in the browser and sends the
presses it has no acknowledgement for as one state value (score_pad.js); each run of the
fragment applies the new ones once (PadPresses), acknowledges them, and sends the pad the
applications around the one it shows."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app_pages.common import get_services
from scoring.rules.human_review import PadView, pad_view_change
from scoring.rules.score_checks import ScoreChange
from use_cases.access import Actor
from use_cases.models import PressResult, VacancyPublic
from use_cases.pad_presses import Press

HERE = Path(__file__).resolve().parent
PAD = st.components.v2.component(
    "score_pad",
    html="<div class='pad' tabindex='-1'></div>",
    css=(HERE / "score_pad.css").read_text(),
    js=(HERE / "score_pad.js").read_text(),
)
ACKED = "score_pad_acked"  # (client, seq) -> PressResult, so a press is looked up once
SHOWN = "score_pad_shown"  # the PadView this session last recorded as opened, till it closes
MOUNT = r"^[A-Za-z0-9-]+$"


class PadPress(BaseModel):
    """One press as the pad sends it (checked at the boundary: the browser is not trusted)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    seq: int = Field(ge=1, le=10**9)
    code: str = Field(min_length=1, max_length=16)
    criterion: str = Field(min_length=1, max_length=80)
    score: int = Field(ge=-100, le=100)
    note: str | None = Field(default=None, max_length=4000)
    drawn: int | None = Field(default=None, ge=1)


class PadState(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    client: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    code: str | None = Field(default=None, max_length=16)
    codes_key: str | None = Field(default=None, max_length=64)  # the list of codes it has
    read: list[str] = Field(default_factory=list, max_length=20_000)  # evidence it has
    presses: list[PadPress] = Field(default_factory=list, max_length=1000)
    mount: str | None = Field(default=None, max_length=64, pattern=MOUNT)  # this drawing of it
    shown: str | None = Field(default=None, max_length=16)  # the application it shows


def pad_state() -> PadState | None:
    """The pad's state from its last message, or None (first draw, or a value not from the pad)."""
    raw = st.session_state.get("score_pad")
    value = raw.get("pad") if isinstance(raw, dict) else None
    if not value:
        return None
    try:
        return PadState.model_validate(value)
    except ValidationError:
        st.session_state["score_status"] = (
            "The score pad sent something it should not; reload the page."
        )
        return None


def apply(actor: Actor, vacancy_id: int, state: PadState | None) -> dict[str, dict[str, Any]]:
    """Apply the presses not acknowledged yet; every press of the queue's result, for the pad."""
    if state is None or not state.presses:
        return {}
    acked: dict[tuple[str, int], PressResult] = st.session_state.setdefault(ACKED, {})
    new = [p for p in state.presses if (state.client, p.seq) not in acked]
    if new:
        done = get_services().pad.apply_presses(
            actor, vacancy_id, client_id=state.client,
            presses=[Press(p.seq, ScoreChange(p.code, p.criterion, p.score, p.note, p.drawn)) for p in new],
        )  # fmt: skip
        acked.update({(state.client, seq): result for seq, result in done.items()})
    return {
        str(p.seq): acked[(state.client, p.seq)].model_dump(mode="json")
        for p in state.presses
        if (state.client, p.seq) in acked
    }


def record_view(actor: Actor, shown: PadView | None, *, left: str | None = None) -> None:
    """The proof of human review: the pad showing an application opens it, and its reading runs
    until the pad shows another or leaves the page (`left`: that drawing of the pad)."""
    close, open_ = pad_view_change(st.session_state.get(SHOWN), shown, left=left)
    reading = get_services().reading
    if close and open_ and close.vacancy_id == open_.vacancy_id:
        reading.pad_moved(actor, open_.vacancy_id, left=close.code, shown=open_.code)
    else:
        if close:
            reading.pad_moved(actor, close.vacancy_id, left=close.code, shown=None)
        if open_:
            reading.pad_moved(actor, open_.vacancy_id, left=None, shown=open_.code)
    if close or open_:
        st.session_state[SHOWN] = open_


def next_revision() -> int:
    """Each draw of the pad numbered, so the pad keeps the newest data it is given."""
    st.session_state["score_pad_rev"] = st.session_state.get("score_pad_rev", 0) + 1
    return int(st.session_state["score_pad_rev"])


def pad_data(
    actor: Actor,
    vacancy: VacancyPublic,
    codes: list[str],
    code: str,
    results: dict[str, Any],
    *,
    has_codes: str | None = None,
    has_read: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """What the pad is sent: the applications around the one it shows, and the list of all of
    them only when the pad does not have it yet (at 10,000 a key press carries no list)."""
    codes_key = hashlib.sha256("|".join(codes).encode()).hexdigest()[:16]
    at = codes.index(code)
    window = codes[max(0, at - 1) : at + 3]
    apps = get_services().reading.pad_applications(actor, vacancy.id, window)
    criteria = vacancy.scored_criteria
    numbers = vacancy.rules.criterion_numbers()
    return {
        "scope": f"{actor.user_id}-{vacancy.id}",
        "code": code,
        "codes": None if has_codes == codes_key else codes,
        "codes_key": codes_key,
        "criteria": [
            {
                "id": c.id,
                "text": c.text,
                "essential": c.is_essential,
                "num": numbers[c.id],
                "ref": f"criterion {numbers[c.id]}",
            }  # fmt: skip
            for c in criteria
        ],
        "scale": [{"value": p.value, "label": p.label} for p in vacancy.scheme.scale.points],
        "apps": {  # the evidence once per application; the scores, fresh, every time
            a.panel_code: {
                **(
                    {}
                    if a.panel_code in has_read
                    else {"statement": a.statement, "evidence": a.evidence}
                ),
                "scores": {
                    cid: {"score": s.score, "note": s.note, "version": s.version}
                    for cid, s in a.scores.items()
                },
            }
            for a in apps
        },
        "results": results,
        "status": st.session_state.pop("score_status", ""),
        "rev": next_revision(),
    }


def score_pad(
    actor: Actor, vacancy: VacancyPublic, codes: list[str], *, locked: str | None = None
) -> None:
    """The pad for `codes` (the member's applications), starting at the page's current one.
    `locked`: why the member's scores can no longer change; the pad then shows them read-only
    (presses sent before it was drawn so are still answered, each once)."""
    state = pad_state()
    results = apply(actor, vacancy.id, state)  # pressed on what was shown before
    if state and state.mount and state.shown in codes:
        record_view(actor, PadView(vacancy.id, state.mount, state.shown))
    code = state.code if state and state.code in codes else st.session_state.get("score_code")
    if code not in codes:
        code = codes[0]
    st.session_state["score_code"] = code
    data = pad_data(
            actor,
            vacancy,
            codes,
            code,
            results,
            has_codes=state.codes_key if state else None,
            has_read=frozenset(state.read) if state else frozenset(),
    )  # fmt: skip
    data["locked"] = locked is not None  # the page says why, once
    PAD(
        data=data,
        key="score_pad",
        on_pad_change=lambda: None,
    )
