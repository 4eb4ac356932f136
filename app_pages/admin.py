"""Administration: users (HR officers, panel members, administrators) and organisations."""

import streamlit as st

from app_pages.admin_sign_on import SIGN_ON_LABELS, email_form, sign_on_forms
from app_pages.common import flash, get_services, literal, reported, require, sso_configured
from use_cases.access import Role
from use_cases.models import SignOnState

ROLE_LABELS = {"admin": "Administrator", "hr": "HR officer", "panel": "Panel member"}
NEW_USER_KEYS = ("admin_new_username", "admin_new_name", "admin_new_email", "admin_new_role",
                 "admin_new_org", "admin_new_password")  # fmt: skip

actor = require(Role.ADMIN)
services = get_services()
st.title("Administration")
flash()

with reported():
    organisations = dict(services.accounts.list_organisations(actor))
    users = services.accounts.list_users(actor)
    st.subheader("Users")
    st.dataframe(
        [
            {
                "User name": u.username,
                "Name": u.display_name,
                "Role": u.role.value,
                "Organisation": organisations.get(u.organisation_id or "", ""),
                "E-mail": u.email or "",
                "Single sign-on": SIGN_ON_LABELS[u.sign_on],
                "Active": u.active,
            }  # fmt: skip
            for u in users
        ],
        hide_index=True,
        key="admin_users",
    )

    # Kept on a refusal (a role not chosen, a password too short), emptied once the user is added
    with st.form("admin_add_user"):
        st.markdown("**Add a user**")
        left, right = st.columns(2)
        username = left.text_input("User name", key="admin_new_username")
        name = right.text_input("Full name", key="admin_new_name")
        email = left.text_input("E-mail (for single sign-on)", key="admin_new_email")
        # No role is chosen for the administrator: a slip must not make someone an
        # administrator (or HR, who sees every applicant's name) by default.
        role = right.selectbox(
            "Role",
            list(Role),
            index=None,
            placeholder="Choose a role",
            format_func=lambda r: ROLE_LABELS[r.value],
            key="admin_new_role",
        )
        organisation = left.selectbox(
            "Organisation",
            list(organisations),
            format_func=lambda o: organisations[o],
            key="admin_new_org",
        )
        password = right.text_input(
            "Password (12+ characters; blank for single sign-on only)",
            type="password",
            key="admin_new_password",
        )
        if st.form_submit_button("Add user", type="primary"):
            if role is None:
                st.error("Choose the new user's role: panel member, HR officer or administrator.")
            else:
                with reported():
                    services.accounts.create_user(
                        actor,
                        username=username,
                        display_name=name,
                        role=role,
                        email=email or None,
                        password=password or None,
                        organisation_id=organisation,
                    )
                    flash(f"Added {literal(username)}.")
                    for key in NEW_USER_KEYS:
                        st.session_state.pop(key, None)
                    st.rerun()

    active = [u for u in users if u.active and u.id != actor.user_id]
    if active:
        with st.form("admin_close_user"):
            st.markdown("**Close an account**")
            chosen = st.selectbox(
                "User",
                active,
                format_func=lambda u: f"{u.display_name} ({u.username})",
                key="admin_close_choice",
            )
            if st.form_submit_button("Close account"):
                with reported():
                    services.accounts.deactivate_user(actor, user_id=chosen.id)
                    flash(f"Closed {chosen.username}'s account.")
                    st.rerun()

    if users:
        email_form(services, actor, users)
    if sso_configured() or any(u.sign_on is not SignOnState.NONE for u in users):
        sign_on_forms(services, actor, users)

    if st.button("Reload organisations from the catalogue", key="admin_sync"):
        with reported():
            services.accounts.sync_organisations(actor)
            st.success("Organisations reloaded.")
