"""The session cookie, set after a sign-in and cleared after a sign-out by posting to the
server's routes (server.py) from the browser; the cookie itself is HttpOnly."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from use_cases.access import Actor
from use_cases.deployment import services
from use_cases.sessions import COOKIE, Issued

COOKIE_SETTER = st.components.v2.component(
    "session_cookie", js=(Path(__file__).resolve().parent / "session_cookie.js").read_text()
)
PENDING = "session_cookie_pending"  # (route, code) still to post


def signed_in(issued: Issued) -> None:
    """Keep the new session's actor, and have the browser trade its code for the cookie."""
    st.session_state["actor"] = issued.actor
    st.session_state.pop("signed_out_because", None)
    st.session_state[PENDING] = ("auth/session", issued.code)


def sign_out(actor: Actor) -> None:
    """End the session on the server (the cookie is then worthless) and clear the cookie."""
    services().sessions.end(actor)
    st.session_state.clear()
    st.session_state[PENDING] = ("auth/signout", "")


def client_address() -> str | None:
    try:
        return st.context.ip_address
    except Exception:  # no browser connection (scripts, AppTest)
        return None


def cookie() -> str | None:
    try:
        value = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    return value if isinstance(value, str) and value else None


def post_pending() -> None:
    """Mount the setter while a post is due; forget it once the browser has made it."""
    pending = st.session_state.get(PENDING)
    if not pending:
        return
    route, code = pending
    state = st.session_state.get("session_cookie")
    done = state.get("done") if isinstance(state, dict) else None
    if isinstance(done, dict) and done.get("marker") == f"{route}:{code}":
        st.session_state.pop(PENDING, None)
        return
    COOKIE_SETTER(
        data={"route": route, "code": code}, key="session_cookie", on_done_change=lambda: None
    )
