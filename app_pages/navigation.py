"""The sidebar's parts beside Streamlit's navigation: who is signed in, said once, and the
app-wide style (app_pages/accessible.css) that makes every page meet WCAG 2.2 AA where
Streamlit's defaults do not."""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from app_pages.common import literal
from use_cases.access import Actor, Role

ROLE_NAMES = {Role.ADMIN: "administrator", Role.HR: "HR officer", Role.PANEL: "panel member"}
STYLE = (Path(__file__).resolve().parent / "accessible.css").read_text()


def signed_in_as(actor: Actor) -> str:
    """Who is signed in, said once: "Signed in as Hilary Hughes, HR officer (user name hr)".
    A display name that already carries the role in brackets ("Hilary Hughes (HR)") is not
    followed by the role a second time."""
    role = ROLE_NAMES[actor.role]
    name = actor.display_name.strip()
    tagged = re.fullmatch(r"(.+?)\s*\(([^()]*)\)", name)
    if tagged and tagged.group(2).strip().lower() in {actor.role.value, role.lower()}:
        name = tagged.group(1)
    return f"Signed in as {literal(name)}, {role} (user name {literal(actor.username)})"


def style_the_app() -> None:
    """The app-wide style: visible focus, contrast kept while a page updates, larger targets."""
    st.html(f"<style>{STYLE}</style>")
