"""The app as served: Streamlit's app (app.py) plus the two routes that set and clear the
session cookie, which a page cannot do itself (HttpOnly). `scripts/run.sh` starts this.

POST /auth/session {"code": ...}: trades the one-time code a sign-in issued for an HttpOnly,
SameSite=Strict cookie holding the session's signed token (use_cases/sessions.py).
POST /auth/signout: clears it (the session itself is ended on the server at sign-out)."""

from __future__ import annotations

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from incidents import incident, quiet_streamlit_tracebacks
from use_cases.deployment import services
from use_cases.sessions import COOKIE

quiet_streamlit_tracebacks()


def _same_origin_json(request: Request) -> bool:
    """A JSON body from this site's own page: a form on another site cannot send one."""
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return False
    origin = request.headers.get("origin")
    return origin is None or origin.split("://", 1)[-1] == request.headers.get("host")


async def take_session(request: Request) -> JSONResponse:
    if not _same_origin_json(request):
        return JSONResponse({"ok": False}, status_code=400)
    try:
        body = await request.json()
    except ValueError:
        return JSONResponse({"ok": False}, status_code=400)
    code = body.get("code") if isinstance(body, dict) else None
    if not isinstance(code, str) or not 0 < len(code) <= 100:
        return JSONResponse({"ok": False}, status_code=400)
    traded = await run_in_threadpool(services().sessions.trade, code)
    if traded is None:
        return JSONResponse({"ok": False}, status_code=403)
    value, max_age = traded
    response = JSONResponse({"ok": True})
    response.set_cookie(
        COOKIE, value, max_age=max_age, path="/", httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


async def sign_out(request: Request) -> JSONResponse:
    if not _same_origin_json(request):
        return JSONResponse({"ok": False}, status_code=400)
    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


def on_script_error(exc: Exception) -> bool:
    """An error no page caught: logged as an incident (no values), shown as a plain message."""
    reference = incident(exc, "uncaught on a page")
    st.error(
        "Something went wrong and nothing was changed. Try again; if it keeps happening, tell "
        f"your administrator the reference {reference}.",
        icon=":material/error:",
    )
    return True


app = st.App(
    "app.py",
    on_script_error=on_script_error,
    routes=[
        Route("/auth/session", take_session, methods=["POST"]),
        Route("/auth/signout", sign_out, methods=["POST"]),
    ],
)
