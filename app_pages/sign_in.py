"""Sign in: the council's single sign-on when configured, else a local account."""

import streamlit as st

from app_pages.common import get_services, reported, sso_configured
from app_pages.session_cookie import client_address, signed_in

st.title("Sign in")
reason = st.session_state.get("signed_out_because")
if reason:
    st.info(reason, icon=":material/logout:")
if sso_configured():
    st.write("Use your council account.")
    if st.button("Sign in with your council account", key="sign_in_sso", type="primary"):
        st.login()
    if st.user.get("is_logged_in"):  # signed on, but refused (the message is above)
        if st.button("Sign out of your council account", key="sign_in_sso_out"):
            st.logout()
else:
    with st.form("sign_in_form"):
        username = st.text_input("User name", key="sign_in_username", autocomplete="username")
        password = st.text_input(
            "Password", type="password", key="sign_in_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button("Sign in", type="primary")
    if submitted:
        with reported():
            st.session_state.pop("actor", None)
            signed_in(get_services().accounts.sign_in(username, password, client=client_address()))
            st.rerun()
    if get_services().store.demo:
        st.caption("This is the demo: its home page shows its one-click sign-ins again.")
        st.page_link("app_pages/home.py", label="The demo's sign-ins", icon=":material/home:")
    elif get_services().accounts.is_new():
        st.caption(
            "No account yet? The first administrator is created on the server with "
            "`python -m storage create-admin --username YOU`; they then add HR officers and "
            "panel members here."
        )
