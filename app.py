"""Streamlit entry point: page config, settings, cached catalogue, navigation."""

from __future__ import annotations

import streamlit as st

from criteria.loader import Catalogue, load_catalogue
from settings import get_settings

st.set_page_config(page_title="Shortlisting", page_icon=":material/checklist:", layout="wide")


@st.cache_resource
def catalogue() -> Catalogue:
    return load_catalogue(get_settings().catalogue_dir)


st.session_state["catalogue"] = catalogue()

pages = {
    "": [
        st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page("app_pages/catalogue.py", title="Role catalogue", icon=":material/menu_book:"),
    ],
}
st.navigation(pages).run()
