"""Streamlit AppTest smoke and behaviour tests for each page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def open_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    return at


def test_home_page_shows_the_catalogue_size() -> None:
    at = open_app()
    assert at.title[0].value == "Shortlisting for council posts"
    assert [m.value for m in at.metric] == ["4", "30"]


def test_catalogue_page_shows_darlingtons_22_criteria_grouped() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    at.selectbox(key="cat_org").select_index(
        list(at.selectbox(key="cat_org").options).index("Darlington Borough Council")
    ).run()
    assert not at.exception
    assert at.header[0].value == "Housing Income Management Officer"
    assert [s.value for s in at.subheader] == [
        "Qualifications",
        "Experience",
        "Knowledge",
        "Skills",
        "Personal attributes",
        "Special requirements",
    ]
    rows = sum(len(df.value) for df in at.dataframe)
    assert rows == 22
    marks = [m for df in at.dataframe for m in df.value["E/D"]]
    assert marks.count("E") == 17 and marks.count("D") == 5


def test_catalogue_page_switches_medway_level_and_shows_more_criteria() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    orgs = [o for o in at.selectbox(key="cat_org").options]
    at.selectbox(key="cat_org").select_index(orgs.index("Medway Council")).run()
    roles = at.selectbox(key="cat_role").options
    at.selectbox(key="cat_role").select_index(
        next(i for i, r in enumerate(roles) if r.startswith("Data and Insight Officer"))
    ).run()
    level_a = sum(len(df.value) for df in at.dataframe)
    at.radio(key="cat_level").set_value("C").run()
    assert not at.exception
    assert "Level C (Accomplished)" in at.header[0].value
    assert sum(len(df.value) for df in at.dataframe) > level_a


def test_catalogue_page_shows_dartford_behaviours_with_indicators() -> None:
    at = open_app().switch_page("app_pages/catalogue.py").run()
    orgs = [o for o in at.selectbox(key="cat_org").options]
    at.selectbox(key="cat_org").select_index(orgs.index("Dartford Borough Council")).run()
    assert "Behaviours" in [s.value for s in at.subheader]
    labels = [e.label for e in at.expander]
    assert labels[:5] == [
        "Communication",
        "Respect",
        "Accountability",
        "Adaptability/Flexibility",
        "Collaboration",
    ]


def make_user(url: str, username: str, role: str) -> None:
    from criteria.loader import load_catalogue
    from storage.store import open_store
    from use_cases import Services
    from use_cases.access import Role

    services = Services(open_store(url, load_catalogue()))
    try:
        services.accounts.bootstrap_admin(
            username="admin", display_name="Ada Admin", password="a long admin password"
        )
        admin = services.accounts.authenticate("admin", "a long admin password")
        if username != "admin":
            services.accounts.create_user(
                admin,
                username=username,
                display_name=username.title(),
                role=Role(role),
                password="a long user password",
                organisation_id="dartford",
            )
    finally:
        services.store.engine.dispose()


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.switch_page("app_pages/sign_in.py").run()
    at.text_input(key="sign_in_username").input(username)
    at.text_input(key="sign_in_password").input(password)
    at.button[0].click().run()
    return at


def test_signing_in_with_a_wrong_password_says_so_and_stays_signed_out(
    isolated_database: str,
) -> None:
    make_user(isolated_database, "admin", "admin")
    at = sign_in(open_app(), "admin", "not the password at all")
    assert not at.exception
    assert "user name or password is not right" in at.error[0].value
    assert "actor" not in at.session_state


def test_an_administrator_signs_in_and_adds_a_panel_member(isolated_database: str) -> None:
    make_user(isolated_database, "admin", "admin")
    at = sign_in(open_app(), "admin", "a long admin password")
    assert at.session_state["actor"].username == "admin"
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception
    assert at.title[0].value == "Administration"
    at.text_input(key="admin_new_username").input("pmember")
    at.text_input(key="admin_new_name").input("Pat Member")
    at.selectbox(key="admin_new_role").select_index(2)
    at.text_input(key="admin_new_password").input("panel member password")
    at.button[0].click().run()
    assert not at.exception
    names = list(at.dataframe[0].value["User name"])
    assert "pmember" in names


def test_a_panel_member_has_no_administration_page_and_the_page_refuses_them(
    isolated_database: str,
) -> None:
    make_user(isolated_database, "panel1", "panel")
    at = sign_in(open_app(), "panel1", "a long user password")
    assert at.session_state["actor"].role == "panel"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/admin.py")
    page = AppTest.from_file(str(Path(APP).parent / "app_pages" / "admin.py"), default_timeout=30)
    page.session_state["actor"] = at.session_state["actor"]
    page.run()
    assert not page.exception
    assert [e.value for e in page.error] == ["Your account cannot use this page."]
