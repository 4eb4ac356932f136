"""Streamlit entry point: page config, who is signed in (checked once per run, and trusted by
the services for the rest of it), navigation by role."""

from __future__ import annotations

from contextlib import nullcontext

import streamlit as st

from app_pages.common import checked, get_catalogue, get_services, reported, sso_configured
from app_pages.navigation import signed_in_as, style_the_app
from app_pages.pad_outbox import deliver
from app_pages.session_cookie import cookie, post_pending, sign_out
from use_cases.access import Actor, Role
from use_cases.errors import NotAllowed

st.set_page_config(page_title="Shortlisting", page_icon=":material/checklist:", layout="wide")
st.session_state["catalogue"] = get_catalogue()
services = get_services()


def signed_in_actor() -> Actor | None:
    """The actor of this browser: kept from this connection, else resumed from the session
    cookie (so a refresh keeps you signed in), else from single sign-on. Checked once on
    every run (`checked`, below): a session that has ended, or an account closed or changed,
    signs the browser out."""
    actor = st.session_state.get("actor")
    if isinstance(actor, Actor):
        return actor
    found = cookie()
    if found and st.session_state.get("cookie_tried") != found:
        st.session_state["cookie_tried"] = found  # one look per cookie, not one per run
        resumed = services.sessions.resume(found)
        if resumed is not None:
            st.session_state["actor"] = resumed
            return resumed
    if sso_configured() and st.user.get("is_logged_in"):
        return signed_on_actor()
    return None


def signed_on_actor() -> Actor | None:
    """Single sign-on: the account bound to the identity (or invited for it), asked once per
    connection; a refusal stays on every page until the person signs out of it."""
    refused = st.session_state.get("sign_on_refused")
    if refused is None:
        with reported():
            try:
                actor = services.sign_on.actor_for_identity(st.user)
            except NotAllowed as exc:
                refused = st.session_state["sign_on_refused"] = str(exc)
            else:
                st.session_state["actor"] = actor
                return actor
    if refused:
        st.error(refused, icon=":material/error:")
    return None


actor = signed_in_actor()
request = checked(actor) if actor is not None else None  # the one check of this run
if request is None:
    actor = None
post_pending()
if services.store.demo:
    st.warning(
        "**Demo data.** Everything here is made up, and is kept in the demo's own database "
        "(data/demo.db), apart from any council's.",
        icon=":material/science:",
    )


def page(path: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(path, title=title, icon=f":material/{icon}:", default=default)


# Everything drawn in this run, the page too, trusts the actor checked above.
with request or nullcontext():
    ended = actor is None and "signed_out_because" in st.session_state
    pages = [
        page("app_pages/home.py", "Home", "home", default=not ended),
        page("app_pages/catalogue.py", "Role catalogue", "menu_book"),
        page("app_pages/self_check.py", "Check your fit", "fact_check"),
    ]
    if actor is None:
        pages += [page("app_pages/sign_in.py", "Sign in", "login", default=ended)]
    elif actor.role is Role.ADMIN:
        pages += [page("app_pages/admin.py", "Users", "group")]
    elif actor.role is Role.HR:
        pages += [
            page("app_pages/hr_vacancies.py", "Vacancies", "work"),
            page("app_pages/hr_applications.py", "Applications", "upload_file"),
            page("app_pages/hr_panel.py", "Panel and progress", "groups"),
            page("app_pages/moderation.py", "Moderation", "balance"),
            page("app_pages/hr_shortlist.py", "Shortlist", "checklist"),
            page("app_pages/hr_letters.py", "Letters", "mail"),
            page("app_pages/hr_monitoring.py", "Equality monitoring", "diversity_3"),
            page("app_pages/hr_audit.py", "Audit and retention", "history"),
        ]
    elif actor.role is Role.PANEL:
        pages += [
            page("app_pages/panel_home.py", "My vacancies", "assignment"),
            page("app_pages/score.py", "Score", "keyboard"),
            page("app_pages/moderation.py", "Moderation", "balance"),
        ]
    pages += [page("app_pages/accessibility.py", "Accessibility statement", "accessibility_new")]
    # One list of pages, not sections: Streamlit draws a section's heading as a <div> inside its
    # <ul>, a list assistive technology cannot read (axe `list`, `listitem`, serious). Every page
    # is shown (expanded): no "View more" hides the accessibility statement.
    current = st.navigation(pages, expanded=True)
    # WCAG 2.4.2: each page's own title in the browser's tab, not one title for every page
    st.set_page_config(page_title=f"{current.title} - Shortlisting")
    style_the_app()
    if actor is not None and actor.role is Role.PANEL:
        with st.sidebar:
            deliver(actor)  # key presses still waiting since the Score page was left
    if actor is not None:
        with st.sidebar:
            st.markdown(signed_in_as(actor))
            if st.button("Sign out", key="sign_out"):
                sign_out(actor)
                if sso_configured() and st.user.get("is_logged_in"):
                    st.logout()
                st.rerun()
    current.run()
