"""The score pad's outbox, mounted on every page for panel members: presses that were still
waiting for the server when the member left the Score page are delivered from whichever page
they are on (pad_outbox.js), before that page is drawn; and word that the pad left, which ends
the reading of the application it showed (the proof of human review)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app_pages.common import get_services
from app_pages.score_pad import MOUNT, PadPress, record_view
from scoring.rules.score_checks import ScoreChange
from use_cases.access import Actor
from use_cases.errors import ServiceError
from use_cases.pad_presses import Press

OUTBOX = st.components.v2.component(
    "pad_outbox", js=(Path(__file__).resolve().parent / "pad_outbox.js").read_text()
)
ACKED = "pad_outbox_acked"
LEFT = "pad_outbox_left"  # scope -> the drawing of the pad whose leaving was recorded


class Waiting(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    scope: str = Field(pattern=r"^[0-9]+-[0-9]+$")
    client: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9-]+$")
    presses: list[PadPress] = Field(max_length=1000)
    left: str | None = Field(default=None, max_length=64, pattern=MOUNT)


def deliver(actor: Actor) -> None:
    """Apply what the outbox sent (the member's own pads only), then mount it for next time."""
    raw = st.session_state.get("pad_outbox")
    value = raw.get("outbox") if isinstance(raw, dict) else None
    acked: dict[str, list[int]] = st.session_state.setdefault(ACKED, {})
    left: dict[str, str] = st.session_state.setdefault(LEFT, {})
    for item in (value or {}).get("pending", []) if isinstance(value, dict) else []:
        try:
            waiting = Waiting.model_validate(item)
        except ValidationError:
            continue
        user, vacancy = (int(x) for x in waiting.scope.split("-"))
        if user != actor.user_id:
            continue
        try:
            if waiting.presses:
                done = get_services().pad.apply_presses(
                    actor, vacancy, client_id=waiting.client,
                    presses=[Press(p.seq, ScoreChange(p.code, p.criterion, p.score, p.note, p.drawn)) for p in waiting.presses],
                )  # fmt: skip
                acked[waiting.scope] = sorted(set(acked.get(waiting.scope, [])) | set(done))
            if waiting.left:
                record_view(actor, None, left=waiting.left)
                left[waiting.scope] = waiting.left
        except ServiceError:
            continue  # no longer on that panel, say: the pad will show why when it is opened
    OUTBOX(
        data={"user": actor.user_id, "acked": acked, "left": left},
        key="pad_outbox",
        on_outbox_change=lambda: None,
    )
