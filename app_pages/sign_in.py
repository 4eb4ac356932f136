"""Sign in: the council's single sign-on when configured, else a local account."""

import streamlit as st

from app_pages.common import get_services, reported, sso_configured
from storage.errors import ServiceError

st.title("Sign in")
if sso_configured():
    st.write("Use your council account.")
    if st.button("Sign in with your council account", key="sign_in_sso", type="primary"):
        st.login()
else:
    with st.form("sign_in_form"):
        username = st.text_input("User name", key="sign_in_username", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="sign_in_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        with reported():
            try:
                st.session_state["actor"] = get_services().accounts.authenticate(username, password)
            except ServiceError:
                st.session_state.pop("actor", None)
                raise
            st.rerun()
    st.caption(
        "No account yet? The first administrator is created on the server with "
        "`python -m storage create-admin --username YOU`; they then add HR officers and "
        "panel members here."
    )
