"""Moderation for the panel: once you have submitted, the scores the members disagree on,
and the agreed score the panel records for each, with its reason."""

import streamlit as st

from app_pages import charts
from app_pages.common import (
    MISSING,
    choose_vacancy,
    flash,
    get_services,
    literal,
    reported,
    require,
)
from app_pages.moderation_desk import desk, record_agreed
from scoring.rules.calibration import Calibration
from use_cases.access import Role
from use_cases.models import ModerationItem

actor = require(Role.PANEL, Role.HR)
services = get_services()
st.title("Moderation")
chosen_id = choose_vacancy(actor, key="moderation_vacancy")
if chosen_id is None:
    st.stop()
vacancy_id = chosen_id  # an int, in the functions below too (they do not see the narrowing)
flash()


def show_calibration(calibration: Calibration) -> None:
    st.header("Calibration")
    st.write(
        "How each member's scores compare with colleagues' on the same applications. A member is flagged when they score systematically lower (harsh) or higher (lenient) than the panel's mean on the same scores, by "
        f"{calibration.threshold:.2f} points or more over at least {calibration.min_shared} shared scores. A flag is a prompt for the discussion, not a verdict."
    )
    st.dataframe(
        [
            {
                "Member": m.member,
                "Scores": m.scores,
                "Shared with colleagues": m.shared,
                "Mean score": round(m.mean, 2),
                "Difference from colleagues": round(m.mean_difference, 2),
                "Gap from the panel's mean": round(m.panel_gap, 2),
                "Spread": round(m.spread, 2),
                "Colleagues' spread": round(m.colleagues_spread, 2),
                "Exact agreement": f"{m.exact_agreement:.0%}",
                "Within one point": f"{m.within_one:.0%}",
                "Flag": m.flag,
                "What it means": m.explanation,
            }  # fmt: skip
            for m in calibration.members
        ],
        hide_index=True,
        key="moderation_calibration",
    )
    if calibration.members:
        st.plotly_chart(charts.calibration(calibration), key="moderation_calibration_chart")
        st.caption(
            "The chart's figures are in the table above (the gap from the panel's mean, and "
            "the flag); each bar is labelled harsh or lenient in words, not by colour alone."
        )


def record_from_form(queue: list[ModerationItem]) -> None:
    """The form's agreed score, checked against the version the table showed when drawn."""
    item = queue[st.session_state["moderation_item"]]
    record_agreed(
        actor, vacancy_id, item, st.session_state["moderation_score"],
        st.session_state.get("moderation_note", ""), f" / {literal(item.criterion_id)}",
    )  # fmt: skip


with reported():
    vacancy = services.vacancies.get_vacancy(actor, vacancy_id)
    points = list(vacancy.scheme.scale.values)
    queue = services.moderation.moderation_queue(actor, vacancy_id)
    open_items = [q for q in queue if q.needs_agreement]
    st.metric("Scores needing an agreed score", len(open_items))
    desk(actor, vacancy_id, open_items, points)
    show_standard = st.toggle(
        "Show standardised scores beside the raw ones (each member's scores put on the panel's common footing; for the discussion only, stored scores never change)",
        key="moderation_standardised",
    )
    with_calibration = st.toggle(
        "Calibration: how each member's scores compare with the panel's", key="moderation_calibrate"
    )
    calibration, standard = (  # made only when asked for
        services.moderation.calibration(actor, vacancy_id)
        if show_standard or with_calibration
        else (None, None)
    )
    standard_of = (  # only when asked for, and only for the scores in the queue
        standard.set_index(["application_id", "criterion_id", "panel_member"])["standardised"]
        .reindex(
            [(q.panel_code, q.criterion_id, m) for q in queue for m in q.scores],
        )
        .to_dict()
        if standard is not None and show_standard and queue
        else {}
    )
    st.dataframe(
        [
            {
                "Application": q.panel_code,
                "Criterion": q.criterion_id,
                "E/D": "E" if q.essential else "D",
                "Scores": ", ".join(f"{m}: {s}" for m, s in q.scores.items()),
                **(
                    {
                        "Standardised": ", ".join(
                            f"{m}: {standard_of.get((q.panel_code, q.criterion_id, m), float('nan')):.2f}"
                            for m in q.scores
                        )
                    }
                    if show_standard
                    else {}
                ),
                "Spread": q.spread,
                "Agreed": q.agreed.score if q.agreed else None,
                "Why": q.agreed.note if q.agreed else "",
            }  # fmt: skip
            for q in queue
        ],
        hide_index=True,
        key="moderation_table",
        placeholder=MISSING,
    )
    if queue:
        st.subheader("Change an agreed score, or agree any score in the list")
        with st.form("moderation_form"):
            labels = [f"{q.panel_code} / {q.criterion_id}: {q.criterion[:70]}" for q in queue]
            choice = st.selectbox(
                "Score to agree",
                range(len(queue)),
                format_func=lambda i: labels[i],
                key="moderation_item",
            )
            item = queue[choice]
            st.radio(
                "Agreed score",
                points,
                horizontal=True,
                key="moderation_score",
                index=points.index(item.default) if item.default in points else 0,
            )
            st.text_input("Why the panel agreed it", key="moderation_note")
            st.form_submit_button(
                "Record the agreed score",
                type="primary",
                on_click=record_from_form,
                args=(queue,),  # as drawn: the versions this screen showed
            )
    else:
        st.success(services.moderation.nothing_to_moderate(actor, vacancy_id))
    if calibration is not None and with_calibration:
        show_calibration(calibration)
