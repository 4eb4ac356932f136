"""Chunked review: one criterion across every application, in the member's own random order,
ten applications a page, then the next criterion."""

from __future__ import annotations

from typing import Any

import streamlit as st

from app_pages.common import fragment_request, get_services, literal, plain_text, reported
from app_pages.scoring_widgets import STATUS, score_buttons
from scoring.words.counts import counted
from use_cases.access import Actor
from use_cases.models import VacancyPublic

CHUNK = 10  # applications shown at once


def _turn(key: str, to: int) -> None:
    st.session_state[key] = to
    if key == "chunk_criterion":
        st.session_state["chunk_page"] = 0


def _pager(labels: tuple[str, str], prefix: str, key: str, at: int, last: int) -> list[Any]:
    """Back and on buttons (keys `<prefix>_prev`, `<prefix>_next`) that move `key`."""
    cols = st.columns(3)
    cols[0].button(
        labels[0], key=f"{prefix}_prev", disabled=at == 0, on_click=_turn, args=(key, at - 1)
    )
    cols[2].button(
        labels[1], key=f"{prefix}_next", disabled=at == last, on_click=_turn, args=(key, at + 1)
    )
    return list(cols)


@st.fragment
def chunked_review(actor: Actor, vacancy: VacancyPublic, *, locked: bool = False) -> None:
    services = get_services()
    criteria, scale = vacancy.scored_criteria, vacancy.scheme.scale
    with fragment_request(actor), reported():
        order = services.reading.review_order(actor, vacancy.id)
        if not order:
            st.info("There are no applications for you to score in this vacancy.")
            return
        at = min(st.session_state.get("chunk_criterion", 0), len(criteria) - 1)
        c = criteria[at]
        mine = {
            (s.panel_code, s.criterion_id): (s.score, s.note, s.version)
            for s in services.reading.my_scores(actor, vacancy.id)
        }
        done = sum((code, c.id) in mine for code in order)
        st.subheader(f"Criterion {at + 1} of {len(criteria)}: {literal(c.text)}")
        st.caption(
            f"{'Essential' if c.is_essential else 'Desirable'}. You have scored {done} of "
            f"{counted(len(order), 'application')} on this criterion. "
            + "; ".join(f"{p.value} {p.label}" for p in scale.points)
        )
        _pager(
            ("Previous criterion", "Next criterion"),
            "chunk",
            "chunk_criterion",
            at,
            len(criteria) - 1,
        )
        pages = (len(order) + CHUNK - 1) // CHUNK
        page = min(st.session_state.get("chunk_page", 0), pages - 1)
        for code in order[page * CHUNK : (page + 1) * CHUNK]:
            app = services.reading.panel_application(actor, vacancy.id, code)
            with st.container(border=True, key=f"chunk_app_{code}"):
                st.markdown(f"**Application {literal(code)}**")
                with st.container(height=160):
                    plain_text(app.evidence.get(c.id) or app.statement or "No evidence.")
                score_buttons(
                    actor, vacancy.id, label=f"Score for {code}", key=f"chunk_{c.id}_{code}",
                    code=code, criterion_id=c.id, scale=scale, stored=mine.get((code, c.id)),
                    disabled=locked,
                )  # fmt: skip
        st.caption(literal(st.session_state.get(STATUS, "")))
        if pages > 1:
            cols = _pager(
                ("Previous applications", "More applications"),
                "chunk_page",
                "chunk_page",
                page,
                pages - 1,
            )
            cols[1].markdown(
                f"Applications {page * CHUNK + 1}-{min((page + 1) * CHUNK, len(order))} of {len(order)}"
            )
