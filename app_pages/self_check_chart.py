"""The self-check's ratings at a glance, readable on a 390 px phone and by a screen reader: a
table of how many criteria the applicant rated at each point of the scale, essentials beside
desirables, each count drawn as a bar beside its number (so nothing is told by colour or by
the bar alone). No chart library: nothing to load, no toolbar over the title, no axis to cut.
The ratings criterion by criterion follow in a second table."""

from __future__ import annotations

import html

import streamlit as st

from app_pages.self_check_criteria import describe
from scoring.applicant.self_check import Rating, SelfCheck

BAR = (
    '<span aria-hidden="true" style="display:inline-block;vertical-align:middle;height:0.9em;'
    'width:{width:.0f}px;margin-right:0.4em;background:{fill};border-radius:2px"></span>'
)
FILLS = {
    "Essential": "repeating-linear-gradient(135deg,#0b3d91 0 4px,#4a6fb5 4px 7px)",
    "Desirable": "#505a5f",
}
LONGEST = 110  # px: the longest bar, so three columns fit a 390 px screen


def glance_table(result: SelfCheck) -> str:
    """The counts as an HTML table (the values are counts and fixed words only)."""
    groups = {
        "Essential": [r for r in result.results if r.criterion.is_essential],
        "Desirable": [r for r in result.results if not r.criterion.is_essential],
    }
    shown = [name for name, results in groups.items() if results]
    counts = {
        name: [sum(r.answer.rating == rating for r in groups[name]) for rating in Rating]
        for name in shown
    }
    most = max((n for name in shown for n in counts[name]), default=0) or 1
    cell = 'style="padding:0.35em 0.5em;text-align:left;border-bottom:1px solid #b1b4b6"'
    head = "".join(f'<th scope="col" {cell}>{name}</th>' for name in shown)
    rows = ""
    for i, rating in enumerate(Rating):
        bars = "".join(
            f"<td {cell}>{BAR.format(width=LONGEST * counts[name][i] / most, fill=FILLS[name])}"
            f"{counts[name][i]}</td>"
            for name in shown
        )
        rows += (
            f'<tr><th scope="row" {cell}>{html.escape(rating.label.capitalize())}</th>{bars}</tr>'
        )
    return (
        '<table style="border-collapse:collapse;width:100%;max-width:32rem">'
        '<caption style="text-align:left;padding-bottom:0.4em">How many criteria you rated at '
        "each point of the scale</caption>"
        f'<thead><tr><th scope="col" {cell}>Your rating</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def ratings_chart(result: SelfCheck) -> None:
    st.subheader("Your ratings at a glance", anchor=False)
    st.html(glance_table(result))
    with st.expander("Your ratings, criterion by criterion"):
        st.table(
            [
                {
                    "Criterion": r.criterion.text,
                    "Essential or desirable": describe(r.criterion),
                    "Your rating": r.answer.rating.label.capitalize(),
                    "Shown on the form": "Yes" if r.shown else "Not yet",
                }
                for r in result.results
            ]
        )
