"""Streamlit entry point: page config, settings, sign-in and navigation by role."""

from __future__ import annotations

import streamlit as st

from app_pages.common import current_actor, get_catalogue, get_services, reported, sso_configured
from storage.access import Role

st.set_page_config(page_title="Shortlisting", page_icon=":material/checklist:", layout="wide")
st.session_state["catalogue"] = get_catalogue()
services = get_services()

if current_actor() is None and sso_configured() and st.user.get("is_logged_in"):
    with reported():  # single sign-on: map the identity to a user of the tool
        st.session_state["actor"] = services.actor_for_identity(
            subject=str(st.user.get("sub")), email=st.user.get("email")
        )
actor = current_actor()

public = [
    st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True),
    st.Page("app_pages/catalogue.py", title="Role catalogue", icon=":material/menu_book:"),
]
pages: dict[str, list[st.Page]] = {"": public}
if actor is None:
    pages["Account"] = [st.Page("app_pages/sign_in.py", title="Sign in", icon=":material/login:")]
else:
    if actor.role is Role.ADMIN:
        pages["Administration"] = [
            st.Page("app_pages/admin.py", title="Users", icon=":material/group:")
        ]
    with st.sidebar:
        st.caption(f"Signed in as {actor.display_name} ({actor.role.value})")
        if st.button("Sign out", key="sign_out"):
            st.session_state.pop("actor", None)
            if sso_configured() and st.user.get("is_logged_in"):
                st.logout()
            st.rerun()
st.navigation(pages).run()
