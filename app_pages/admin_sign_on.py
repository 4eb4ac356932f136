"""Administration, e-mail addresses and single sign-on: change an account's address; invite an
account to single sign-on (its next sign-on with that address, verified by the council's
provider, binds to it once) or withdraw the invitation."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages.common import flash, literal, reported
from use_cases import Services
from use_cases.access import Actor
from use_cases.models import SignOnState, UserPublic

SIGN_ON_LABELS = {
    SignOnState.NONE: "",
    SignOnState.INVITED: "Invited",
    SignOnState.BOUND: "Signs on",
}


def label(user: UserPublic) -> str:
    return f"{user.display_name} ({user.username})"


def email_form(services: Services, actor: Actor, users: list[UserPublic]) -> None:
    with st.form("admin_email"):
        st.markdown("**Change an e-mail address**")
        left, right = st.columns(2)
        chosen = left.selectbox(
            "User", users, index=None, placeholder="Choose a user", format_func=label,
            key="admin_email_user",
        )  # fmt: skip
        email = right.text_input("New e-mail address (blank for none)", key="admin_email_new")
        if st.form_submit_button("Change e-mail address"):
            if chosen is None:
                st.error("Choose the user whose e-mail address to change.")
                return
            with reported():
                services.accounts.set_email(actor, user_id=chosen.id, email=email or None)
                flash(f"Changed {literal(chosen.username)}'s e-mail address.")
                st.session_state.pop("admin_email_new", None)
                st.rerun()


def sign_on_forms(services: Services, actor: Actor, users: list[UserPublic]) -> None:
    st.markdown("**Single sign-on**")
    st.caption(
        "An account signs on with the council's account once it is invited: the first "
        "sign-on whose e-mail address matches the account's, and which the council's sign-on "
        "service has verified, binds to it. From then on only that sign-on reaches it."
    )
    ready = [u for u in users if u.active and u.email and u.sign_on is SignOnState.NONE]
    invited = [u for u in users if u.sign_on is SignOnState.INVITED]
    # No account is chosen for the administrator (the lists change as accounts are invited)
    left, right = st.columns(2)
    with left:
        account_form(
            "admin_invite", ready, "Account to invite", "Invite to single sign-on",
            "Choose the account to invite.",
            lambda user: services.sign_on.invite(actor, user_id=user.id),
            "Invited {username} to single sign-on.",
        )  # fmt: skip
    with right:
        account_form(
            "admin_withdraw", invited, "Invitation to withdraw", "Withdraw invitation",
            "Choose the invitation to withdraw.",
            lambda user: services.sign_on.withdraw(actor, user_id=user.id),
            "Withdrew {username}'s invitation to single sign-on.",
        )  # fmt: skip


def account_form(
    key: str,
    accounts: list[UserPublic],
    question: str,
    button: str,
    missing: str,
    act: Callable[[UserPublic], None],
    done: str,
) -> None:
    """A form that does one thing to one account the administrator chooses (none chosen in
    advance); `done` is the message after it, with the account's `{username}`."""
    with st.form(key):
        chosen = st.selectbox(
            question, accounts, index=None, placeholder="Choose an account", format_func=label,
            key=key,
        )  # fmt: skip
        if st.form_submit_button(button):
            if chosen is None:
                st.error(missing)
                return
            with reported():
                act(chosen)
                flash(done.format(username=literal(chosen.username)))
                st.session_state.pop(key, None)
                st.rerun()
