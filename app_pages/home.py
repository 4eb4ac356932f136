"""Home: what the tool is for and where to go next."""

import streamlit as st

from criteria.loader import Catalogue

catalogue: Catalogue = st.session_state["catalogue"]

st.title("Shortlisting for council posts")
st.markdown(
    "Score applications against a role's essential and desirable criteria and the council's "
    "core behaviours, apply the guaranteed-interview schemes, and export the shortlist. "
    "Candidates can check their own fit for a role before they apply."
)
left, right = st.columns(2)
left.metric("Organisations", len(catalogue.organisations))
right.metric("Role profiles", len(catalogue.roles))
st.page_link(
    "app_pages/catalogue.py", label="Browse the role catalogue", icon=":material/menu_book:"
)
if catalogue.errors:
    st.warning(
        f"{len(catalogue.errors)} catalogue file(s) could not be loaded; the rest are available. "
        "See the role catalogue page for details."
    )
