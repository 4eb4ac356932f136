"""Candidate self-check: no sign-in and nothing stored (everything lives in this browser
session). In short steps, one question or group a screen (the GOV.UK question-page pattern):
the organisation and role, each group of criteria with a rating and an example for each, the
interview-scheme questions the council's policy needs, then the results: where the applicant
stands, the gaps with advice, the level matched, the schemes that may apply, the other roles
their answers carry over to, and a summary to take away."""

from __future__ import annotations

import streamlit as st

from app_pages import self_check_state as state
from app_pages.self_check_criteria import criteria_step
from app_pages.self_check_results import results_step
from app_pages.self_check_role import role_step
from app_pages.self_check_schemes import scheme_step

# After Continue or Back, the new step's heading takes the focus (so Tab goes on to its first
# question and a screen reader reads where the applicant is) and the page scrolls to it; after
# a refused Continue, the list of problems does. Nothing typed by anyone reaches this script.
BRING_INTO_VIEW = """<script>/* move %d */
setTimeout(() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  const target = main.querySelector('[data-sc-problems]') ? main.querySelector('[data-testid="stAlert"]')
    : main.querySelectorAll('h2')[0];
  if (!target) return;
  target.setAttribute('tabindex', '-1');
  if (target.tagName === 'H2') target.style.outline = 'none';  // not a control: no focus ring
  target.focus({preventScroll: true});
  main.querySelector('h1')?.scrollIntoView({block: 'start'});
}, 50);
</script>"""

st.title("Check your fit for a role", anchor=False)
step, number, total = state.current()
st.markdown(f"Step {number} of {total}" if total > 1 else f"Step {number}")
st.header(step.title, anchor=False)
problems = state.problems()
if problems:
    st.error(
        "**There is a problem**\n\n" + "\n".join(f"- {p}" for p in problems),
        icon=":material/error:",
    )
    st.html('<span data-sc-problems="1"></span>')

variant = state.variant()
if step.id == "role" or variant is None:
    role_step()
elif step.criteria:
    criteria_step(step, variant, number == 2)
elif step.id in ("schemes", "forces"):
    scheme_step(step, variant)
else:
    results_step(variant)

moves = int(st.session_state.get(state.MOVES, 0))
if moves:
    st.html(BRING_INTO_VIEW % moves, unsafe_allow_javascript=True)
