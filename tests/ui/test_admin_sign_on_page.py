"""The administrators' page, e-mail addresses and single sign-on: an address is checked and
kept once, an account is invited to single sign-on and the invitation withdrawn."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.helpers import APP, frame, services_for
from use_cases.access import Role

PASSWORD = "a long admin password"


def press(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def choose(at: AppTest, key: str, option: str) -> None:
    box = at.selectbox(key=key)
    box.select_index(list(box.options).index(option))


def test_an_administrator_gives_an_account_an_address_invites_it_and_withdraws_it(
    isolated_database: str,
) -> None:
    services = services_for(isolated_database)
    services.accounts.bootstrap_admin(username="admin", display_name="Ada Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    services.accounts.create_user(
        admin, username="sam", display_name="Sam Hill", role=Role.HR,
        organisation_id="darlington",
    )  # fmt: skip
    services.store.engine.dispose()

    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}  # configured
    at.session_state["actor"] = admin
    at.run()
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception, at.exception

    choose(at, "admin_email_user", "Sam Hill (sam)")
    at.text_input(key="admin_email_new").input("not an email")
    press(at, "Change e-mail address")
    assert "That is not an e-mail address" in at.error[0].value
    at.text_input(key="admin_email_new").input("Sam@Council.Example")
    press(at, "Change e-mail address")
    users = frame(at, "E-mail")
    assert users.set_index("User name").loc["sam", "E-mail"] == "sam@council.example"

    choose(at, "admin_invite", "Sam Hill (sam)")
    press(at, "Invite to single sign-on")
    users = frame(at, "Single sign-on")
    assert users.set_index("User name").loc["sam", "Single sign-on"] == "Invited"

    choose(at, "admin_withdraw", "Sam Hill (sam)")
    press(at, "Withdraw invitation")
    users = frame(at, "Single sign-on")
    assert users.set_index("User name").loc["sam", "Single sign-on"] == ""
