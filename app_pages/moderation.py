"""Moderation for the panel: once you have submitted, the scores the members disagree on,
and the agreed score the panel records for each, with its reason."""

import streamlit as st

from app_pages.common import choose_vacancy, flash, get_services, reported, require
from storage.access import Role

actor = require(Role.PANEL, Role.HR)
services = get_services()
st.title("Moderation")
vacancy_id = choose_vacancy(actor, key="moderation_vacancy")
if vacancy_id is None:
    st.stop()
flash()

with reported():
    vacancy = services.get_vacancy(actor, vacancy_id)
    points = [p["value"] for p in vacancy.scheme["scale"]["points"]]
    queue = services.moderation_queue(actor, vacancy_id)
    open_items = [q for q in queue if q.needs_agreement]
    st.metric("Scores needing an agreed score", len(open_items))
    st.dataframe(
        [
            {
                "Application": q.panel_code,
                "Criterion": q.criterion_id,
                "E/D": "E" if q.essential else "D",
                "Scores": ", ".join(f"{m}: {s}" for m, s in q.scores.items()),
                "Spread": q.spread,
                "Agreed": q.agreed.score if q.agreed else None,
                "Why": q.agreed.note if q.agreed else "",
            }  # fmt: skip
            for q in queue
        ],
        hide_index=True,
        key="moderation_table",
    )
    if queue:
        with st.form("moderation_form"):
            labels = [f"{q.panel_code} / {q.criterion_id}: {q.criterion[:70]}" for q in queue]
            choice = st.selectbox(
                "Score to agree",
                range(len(queue)),
                format_func=lambda i: labels[i],
                key="moderation_item",
            )
            item = queue[choice]
            score = st.radio(
                "Agreed score",
                points,
                horizontal=True,
                key="moderation_score",
                index=points.index(item.default) if item.default in points else 0,
            )
            note = st.text_input("Why the panel agreed it", key="moderation_note")
            if st.form_submit_button("Record the agreed score", type="primary"):
                services.record_agreed_score(
                    actor,
                    vacancy_id,
                    panel_code=item.panel_code,
                    criterion_id=item.criterion_id,
                    score=score,
                    note=note,
                    expected_version=item.agreed.version if item.agreed else None,
                )
                flash(f"Agreed {item.panel_code} / {item.criterion_id} = {score}.")
                st.rerun()
    else:
        st.success("Nothing to moderate: the panel's scores are within the agreed spread.")
