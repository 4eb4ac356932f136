"""Candidate self-check: no sign-in and nothing stored (everything lives in this browser
session). Choose a role, rate yourself with an example per criterion, see where you stand,
which guaranteed-interview scheme may apply, and which other roles fit; take a summary away."""

from datetime import date

import plotly.graph_objects as go
import streamlit as st

from app_pages.common import choose_variant, get_catalogue
from criteria.schema import CATEGORY_LABELS, Category, Stage
from exports.self_check import printable_page, statement_outline, summary_workbook
from scoring.guaranteed_interview import assess_schemes
from scoring.scheme_questions import Answer as SchemeAnswer
from scoring.scheme_questions import declarations_from, questions_for
from scoring.self_check import Answer, Rating, check, scheme_guidance, transfer

catalogue = get_catalogue()
RATINGS = list(Rating)
st.title("Check your fit for a role")
st.write(
    "Nothing you enter here is stored: it stays in this browser tab until you close it. Download your summary before you leave."
)

organisations = sorted(catalogue.organisations.values(), key=lambda o: o.name)
org = st.selectbox("Organisation", organisations, format_func=lambda o: o.name, key="sc_org")
roles = sorted(
    (r for r in catalogue.roles.values() if r.organisation == org.id), key=lambda r: r.title
)
role = st.selectbox(
    "Role", roles, format_func=lambda r: f"{r.title} ({r.grade_label})", key="sc_role"
)
variant = choose_variant(role, org, key="sc")
st.caption(role.purpose)
if not variant.requirements_published:
    st.info(variant.unpublished_note + " Check yourself against the advert for the vacancy.")
    st.stop()

st.header("1. Rate yourself")
st.info(
    "For each criterion, say how well you meet it and note an example: the **Situation**, your **Task**, the **Action** you took and the **Result**. Work, volunteering and life all count."
)
answers: dict[str, Answer] = {}
for category, criteria in variant.by_category():
    st.subheader(CATEGORY_LABELS[category])
    for c in criteria:
        kind = (
            "Behaviour"
            if c.category is Category.BEHAVIOUR
            else ("Essential" if c.is_essential else "Desirable")
        )
        stage = (
            ""
            if not c.also_at and c.stage is Stage.APPLICATION
            else f", assessed at {c.stage_words}"
        )
        key = f"sc_{role.id}_{c.id}"
        with st.container(border=True):
            st.markdown(f"**{c.text}**  \n_{kind}{stage}_" + (f"  \n{c.note}" if c.note else ""))
            if c.indicators:
                st.caption("Shown by: " + "; ".join(c.indicators))
            rating = st.radio(
                f"How well do you meet: {c.text}",
                RATINGS,
                format_func=lambda r: r.label.capitalize(),
                horizontal=True,
                key=f"{key}_rating",
                label_visibility="visible",
            )
            example = st.text_area(
                f"Your example for: {c.text}",
                key=f"{key}_example",
                placeholder="Situation, task, action, result",
                height=80,
            )
            answers[c.id] = Answer(rating, example)

st.header("2. Guaranteed interviews")
policy = org.guaranteed_interview
answers_given: dict[str, SchemeAnswer] = {}
if policy.records_no_scheme:
    st.write(
        f"{org.name} records no guaranteed-interview or priority scheme in the documents this tool holds."
    )
else:
    st.write(
        f"{org.name} runs: {', '.join(s.name for s in policy.schemes)}. Answer only what you are comfortable with; nothing is stored."
    )
    forces_declared = True
    for q in questions_for(policy):
        if q.forces and not forces_declared:
            continue
        key = f"sc_q_{org.id}_{q.column}"
        if q.kind == "date":
            answers_given[q.column] = st.date_input(
                q.text, value=None, min_value=date(1930, 1, 1), max_value=date(2100, 12, 31),
                format="DD/MM/YYYY", key=key,
            )  # fmt: skip
        else:
            labels = dict(q.options)
            answers_given[q.column] = st.radio(
                q.text, list(labels), format_func=labels.__getitem__, index=None,
                horizontal=True, key=key,
            )  # fmt: skip
        if q.column == "armed_forces_status":
            forces_declared = answers_given[q.column] not in (None, "none")
declarations = declarations_from(answers_given)
today = date.today()
result = check(variant, answers)
at_application = [r for r in result.essentials if r.criterion.stage is Stage.APPLICATION]
guidance = scheme_guidance(
    assess_schemes(declarations, policy, today), len(at_application), policy, org.name
)
for line in guidance:
    st.markdown(f"- {line}")

st.header("3. Where you stand")
cols = st.columns(3)
cols[0].metric("Essentials shown", f"{result.essentials_shown} of {len(result.essentials)}")
cols[1].metric("Overall fit", f"{result.fit:.0%}")
cols[2].metric("Examples still to write", len(result.missing_examples))
if result.meets_essentials:
    st.success("On your own view you show every essential criterion assessed from the application.")
else:
    st.warning(
        "Not yet: some essential criteria assessed from the application are not shown (rated fully or strongly, with an example)."
    )
if result.level is not None:
    matched = result.level.matched
    st.markdown(
        f"**Level you match:** {matched or 'not level A yet'}."
        + (
            f" Level {result.level.next_level} adds:"
            if result.level.next_level
            else " That is the top level."
        )
    )
    for c in result.level.next_adds:
        st.markdown(f"- {c.text}")
figure = go.Figure(
    go.Bar(
        x=[int(r.answer.rating) for r in result.results],
        y=[r.criterion.text[:50] for r in result.results],
        orientation="h",
        marker_color=["#b00020" if r.criterion.is_essential else "#1f4e79" for r in result.results],
    )
)
figure.update_layout(
    title="Your ratings (red: essential)",
    xaxis={"tickvals": [0, 1, 2, 3], "ticktext": [r.label for r in RATINGS]},
    height=max(320, 22 * len(result.results) + 100),
    yaxis={"autorange": "reversed"},
    margin={"l": 10, "t": 40},
)
st.plotly_chart(figure, key="sc_chart")
st.subheader("Advice")
for r in result.results:
    if not r.shown:
        st.markdown(f"- **{r.criterion.text}**: {r.advice}")

st.header("4. Roles that fit you")
fits = transfer(result, catalogue)
for f in fits:
    st.markdown(
        f"- **{f.variant.label}** ({f.variant.organisation.short_name}), fit {f.fit:.0%}. {f.reasoning}"
    )

st.header("5. Take it away")
stem = f"self-check-{role.id}"
st.download_button(
    "Download the summary (Excel)",
    summary_workbook(result, fits, guidance, today),
    file_name=f"{stem}.xlsx",
    key="sc_download_xlsx",
)
st.download_button(
    "Download a printable page (open it, then print or save as PDF)",
    printable_page(result, fits, guidance, today),
    file_name=f"{stem}.html",
    mime="text/html",
    key="sc_download_html",
)
st.download_button(
    "Download your supporting-statement outline",
    statement_outline(result),
    file_name=f"{stem}-statement.txt",
    mime="text/plain",
    key="sc_download_outline",
)
