"""Home: what the tool is for. On a new real deployment: how to create the first
administrator (only on the server). On the demo's own database: the one-click demo."""

import streamlit as st

from app_pages.common import current_actor, get_catalogue, get_services, reported
from app_pages.session_cookie import client_address, signed_in
from scoring.words.counts import counted
from use_cases.demo import create_demo, sign_ins_again

LARGE_DEMO = 500
catalogue = get_catalogue()
services = get_services()

st.title("Shortlisting for council posts")
st.markdown(
    "Score applications against a role's essential and desirable criteria and the council's "
    "core behaviours, apply the guaranteed-interview schemes, and export the shortlist. "
    "Candidates can check their own fit for a role before they apply."
)
left, right = st.columns(2)
left.metric("Organisations", len(catalogue.organisations))
right.metric("Role profiles", len(catalogue.roles))
st.page_link(
    "app_pages/catalogue.py", label="Browse the role catalogue", icon=":material/menu_book:"
)
if catalogue.errors:
    st.warning(
        f"{counted(len(catalogue.broken_files), 'catalogue file')} could not be loaded; the rest are available. See the role catalogue page for details."
    )

demo = st.session_state.get("demo")
if current_actor() is None and not services.store.demo and services.accounts.is_new():
    st.header("Setting up")
    st.write(
        "This deployment has no administrator yet, and none can be made from this page. "
        "Whoever runs the server creates the first one there:"
    )
    # Plain, not highlighted: the highlighter's colours fall under 4.5:1 contrast
    st.code("python -m storage create-admin --username YOUR-NAME", language=None)
    st.write(
        "then signs in here and adds the HR officers and panel members. To try the tool "
        "first, start the demo instead, on its own database: `bash scripts/demo.sh`."
    )
elif current_actor() is None and services.store.demo:
    st.header("Try it")
    if demo is None and not services.accounts.is_new():
        st.write(
            "The demo is running on this database. Its passwords were shown once, when it "
            "started, and are kept nowhere. To sign in as one of its people, show the sign-ins "
            "again: each gets a new password."
        )
        if st.button("Show the demo's sign-ins again", type="primary", key="home_demo_again"):
            with reported():
                st.session_state["demo"] = sign_ins_again(services)
                st.rerun()
        st.page_link("app_pages/sign_in.py", label="Sign in", icon=":material/login:")
    elif demo is None:
        st.write(
            "This database is empty. Start a demo vacancy (Darlington's Housing Income Management Officer, 17 sample applications) with an HR officer and two panel members; one member has scored already."
        )
        small, large = st.columns(2)
        if small.button("Start the demo", type="primary", key="home_demo"):
            with reported():
                st.session_state["demo"] = create_demo(services)
                st.rerun()
        if large.button(
            f"Start a large demo ({LARGE_DEMO:,} synthetic applications)",
            key="home_demo_large",
            help="The same vacancy filled by the synthetic generator, to see the tool at the size of a mass recruitment.",
        ):
            with reported(), st.spinner("Generating applications and the first member's scores"):
                st.session_state["demo"] = create_demo(services, applications=LARGE_DEMO)
                st.rerun()
    else:
        st.success(
            "The demo is ready. Note these passwords now: they are shown once (after a refresh, "
            "Show the demo's sign-ins again on this page makes new ones)."
        )
        st.dataframe(
            [
                {
                    "User name": a.username,
                    "Password": a.password,
                    "Role": a.role.value,
                    "Name": a.name,
                    "": a.note,
                }
                for a in demo.accounts
            ],
            hide_index=True,
            key="home_demo_accounts",
        )
        cols = st.columns(len(demo.accounts))
        for col, account in zip(cols, demo.accounts, strict=True):
            if col.button(f"Sign in as {account.name}", key=f"home_demo_{account.username}"):
                with reported():
                    signed_in(
                        services.accounts.sign_in(
                            account.username, account.password, client=client_address()
                        )
                    )
                    st.rerun()
elif current_actor() is None:
    st.page_link("app_pages/sign_in.py", label="Sign in", icon=":material/login:")
