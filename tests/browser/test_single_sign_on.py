"""Single sign-on in the real browser (issue 25, finding 2), through a real OpenID Connect
provider on loopback (oidc-provider-mock) and Streamlit's own st.login: the invited user signs
on and lands signed in, the binding stored; another identity carrying the administrator's
e-mail address (verified, in capitals) is refused and binds nothing."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Page, expect

from criteria.loader import load_catalogue
from storage import tables
from storage.sign_on_rules import REFUSED
from storage.store import open_store
from tests.browser.conftest import AppServer
from tests.browser.helpers import TIMEOUT, settle
from tests.factories import with_recorded_scheme
from use_cases import Services
from use_cases.access import Role

PASSWORD = "a long test password"
PEOPLE = [
    User(sub="sam-at-provider", claims={"email": "Sam@Council.example", "email_verified": True}),
    User(sub="intruder", claims={"email": "ROOT@council.example", "email_verified": True}),
]


class SignOnWorld:
    def __init__(self, server: AppServer, services: Services, issuer: str, root: int, sam: int):
        self.server, self.services, self.issuer = server, services, issuer
        self.root, self.sam = root, sam

    def binding(self, user_id: int) -> tuple[str | None, str | None, bool]:
        """(issuer, subject, invited) as stored."""
        with self.services.store.reading() as session:
            user = session.get(tables.User, user_id)
            assert user is not None
            return user.oidc_issuer, user.oidc_subject, user.sso_invited_at is not None


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignOnWorld]:
    folder = tmp_path_factory.mktemp("sign-on")
    url = f"sqlite:///{folder / 'sign_on.db'}"
    services = Services(open_store(url, with_recorded_scheme(load_catalogue())))
    services.accounts.bootstrap_admin(
        username="root", display_name="Root Admin", password=PASSWORD,
        email="root@council.example",
    )  # fmt: skip
    admin = services.accounts.authenticate("root", PASSWORD)
    sam = services.accounts.create_user(
        admin, username="sam", display_name="Sam Hill", role=Role.HR,
        email="sam@council.example", organisation_id="darlington",
    )  # fmt: skip
    services.sign_on.invite(admin, user_id=sam.id)
    with run_server_in_thread(port=0, user_claims=PEOPLE) as provider:
        issuer = f"http://localhost:{provider.server_port}"
        config = folder / "secrets.toml"
        config.write_text(
            "[auth]\n"
            'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            f'cookie_secret = "{secrets.token_hex(32)}"\n'
            'client_id = "shortlisting"\n'
            f'client_secret = "{secrets.token_hex(16)}"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
        )
        server = AppServer(url, secrets=config)
        try:
            yield SignOnWorld(server, services, issuer, admin.user_id, sam.id)
        finally:
            server.stop()
            services.store.engine.dispose()


def sign_on_as(page: Page, url: str, subject: str) -> None:
    """From the app's sign-in page, through the provider's page, back to the app."""
    page.goto(url)
    page.get_by_role("link", name="Sign in").first.click()
    page.get_by_role("button", name="Sign in with your council account").click()
    page.get_by_role("button", name=subject, exact=True).click()  # the provider's own page
    page.wait_for_url(f"{url}/**", timeout=TIMEOUT)
    settle(page)


def test_an_invited_user_signs_on_through_the_councils_provider_and_is_bound(  # type: ignore[no-untyped-def]
    world: SignOnWorld, browser, shots
) -> None:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    sign_on_as(page, world.server.url, "sam-at-provider")
    expect(page.get_by_text("Signed in as Sam Hill")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("link", name="Vacancies", exact=True)).to_be_visible()
    shots(page, "signed-on")
    assert world.binding(world.sam) == (world.issuer, "sam-at-provider", False)

    page.reload()  # a new connection: the same identity, known now by its subject
    settle(page)
    expect(page.get_by_text("Signed in as Sam Hill")).to_be_visible(timeout=TIMEOUT)
    context.close()


def test_another_identity_with_the_administrators_email_is_refused(  # type: ignore[no-untyped-def]
    world: SignOnWorld, browser, shots
) -> None:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    sign_on_as(page, world.server.url, "intruder")
    expect(page.get_by_text(REFUSED)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    expect(page.get_by_role("link", name="Users", exact=True)).to_have_count(0)
    shots(page, "refused")
    assert world.binding(world.root) == (None, None, False)
    page.get_by_role("link", name="Sign in").first.click()
    settle(page)  # the way out, to sign on with another council account
    expect(page.get_by_role("button", name="Sign out of your council account")).to_be_visible()
    context.close()
