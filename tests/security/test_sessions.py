"""Hole 2: a refresh signed you out (the session lived only in Streamlit's memory), and a
closed account kept working in a tab left open (services trusted the actor the page kept).
Sessions are now records on the server, behind a signed cookie, checked on every call."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.integration.helpers import PASSWORD, World, make_world
from tests.security.conftest import Clock
from use_cases import Services
from use_cases.access import Role
from use_cases.errors import NotAllowed

CATALOGUE = load_catalogue()


@pytest.fixture
def world(database_url: str, clock: Clock) -> World:
    return make_world(Services(open_store(database_url, CATALOGUE), clock=clock))


def browser_cookie(world: World, username: str) -> str:
    """Sign in and trade the one-time code, as the browser does at /auth/session."""
    issued = world.services.accounts.sign_in(username, PASSWORD)
    traded = world.services.sessions.trade(issued.code)
    assert traded is not None
    return traded[0]


def test_a_refresh_keeps_you_signed_in(world: World) -> None:
    cookie = browser_cookie(world, "hr")
    resumed = world.services.sessions.resume(cookie)  # a new connection, the same cookie
    assert resumed is not None and resumed.username == "hr" and resumed.role is Role.HR
    assert world.services.vacancies.list_vacancies(resumed)


def test_the_one_time_code_works_once_and_a_forged_cookie_never(world: World) -> None:
    issued = world.services.accounts.sign_in("hr", PASSWORD)
    assert world.services.sessions.trade(issued.code) is not None
    assert world.services.sessions.trade(issued.code) is None
    cookie = browser_cookie(world, "hr")
    token, signature = cookie.rsplit(".", 1)
    assert world.services.sessions.resume(f"{token}.{'A' * len(signature)}") is None
    assert world.services.sessions.resume("made-up") is None


def test_a_closed_account_stops_working_in_the_tab_left_open(world: World) -> None:
    issued = world.services.accounts.sign_in("rpatel", PASSWORD)
    member = issued.actor
    assert world.services.vacancies.list_vacancies(member)
    world.services.accounts.deactivate_user(world.admin, user_id=member.user_id)
    with pytest.raises(NotAllowed, match="closed"):
        world.services.vacancies.list_vacancies(member)
    with pytest.raises(NotAllowed, match="closed"):
        world.services.pad.apply_presses(member, world.vacancy.id, client_id="tab", presses=[])


def test_a_closed_account_is_refused_even_without_a_session(world: World) -> None:
    """Single sign-on actors carry no session of ours: the account itself is checked."""
    member = world.panel[0]
    world.services.accounts.deactivate_user(world.admin, user_id=member.user_id)
    with pytest.raises(NotAllowed, match="closed"):
        world.services.vacancies.list_vacancies(member)


def test_sign_out_ends_the_session_whatever_the_browser_keeps(world: World) -> None:
    cookie = browser_cookie(world, "hr")
    actor = world.services.sessions.resume(cookie)
    assert actor is not None
    world.services.sessions.end(actor)
    assert world.services.sessions.resume(cookie) is None
    with pytest.raises(NotAllowed, match="signed out"):
        world.services.vacancies.list_vacancies(actor)


def test_a_session_expires_and_times_out_when_idle(world: World, clock: Clock) -> None:
    rules = world.services.store.session_rules
    cookie = browser_cookie(world, "hr")
    for _ in range(int(rules.lifetime / (rules.idle / 2))):  # used steadily all day
        clock.now += rules.idle / 2
        if world.services.sessions.resume(cookie) is None:
            break
    assert world.services.sessions.resume(cookie) is None, "no session outlives its lifetime"
    idle = browser_cookie(world, "hr")
    clock.now += rules.idle + timedelta(seconds=1)
    assert world.services.sessions.resume(idle) is None


def test_a_new_password_or_role_ends_the_old_sessions(world: World) -> None:
    cookie = browser_cookie(world, "rpatel")
    member = world.services.sessions.resume(cookie)
    assert member is not None
    world.services.accounts.set_password(
        world.admin, user_id=member.user_id, password="a fresh long passphrase"
    )
    assert world.services.sessions.resume(cookie) is None
    with pytest.raises(NotAllowed):
        world.services.vacancies.list_vacancies(member)
    other = world.services.sessions.resume(browser_cookie(world, "sokafor"))
    assert other is not None
    # the admin page has no role change yet; a change made in the database counts the same
    with world.services.store.writing() as session:
        world.services.accounts.repo.set_user(
            session=session, user_id=other.user_id, role=Role.HR.value
        )
    with pytest.raises(NotAllowed, match="role"):
        world.services.vacancies.list_vacancies(other)


def test_the_cookie_route_sets_an_http_only_strict_cookie(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from starlette.applications import Starlette
    from starlette.routing import Route
    from starlette.testclient import TestClient

    import server
    from settings import get_settings
    from use_cases import deployment

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'route.db'}")
    get_settings.cache_clear()
    deployment.reset()
    try:
        services = deployment.services()
        services.accounts.bootstrap_admin(username="boss", display_name="Boss", password=PASSWORD)
        issued = services.accounts.sign_in("boss", PASSWORD)
        routes = Starlette(routes=[Route("/auth/session", server.take_session, methods=["POST"])])
        client = TestClient(routes, base_url="http://testserver")
        assert client.post("/auth/session", data={"code": issued.code}).status_code == 400
        foreign = {"origin": "http://evil.example"}
        assert (
            client.post("/auth/session", json={"code": issued.code}, headers=foreign).status_code
            == 400
        )
        reply = client.post("/auth/session", json={"code": issued.code})
        assert reply.status_code == 200
        header = reply.headers["set-cookie"].lower()
        assert "httponly" in header and "samesite=strict" in header
        assert services.sessions.resume(reply.cookies["shortlisting_session"]) is not None
        assert client.post("/auth/session", json={"code": issued.code}).status_code == 403
    finally:
        deployment.reset()
        get_settings.cache_clear()


def test_a_move_to_another_organisation_ends_the_session(world: World) -> None:
    member = world.services.sessions.resume(browser_cookie(world, "rpatel"))
    assert member is not None
    with world.services.store.writing() as session:
        world.services.accounts.repo.set_user(
            session=session, user_id=member.user_id, organisation_id="medway"
        )
    with pytest.raises(NotAllowed, match="changed"):
        world.services.vacancies.list_vacancies(member)


def test_a_held_actor_that_is_not_its_sessions_own_user_and_role_is_refused(world: World) -> None:
    """Issue 25, finding 5: only the organisation of the actor a page kept was compared with
    its session, so an actor altered in a page's memory (another user id, another role)
    carrying a panel member's session was served as HR."""
    member = world.services.sessions.resume(browser_cookie(world, "rpatel"))
    assert member is not None
    hr = world.hr
    for altered in (
        member.model_copy(update={"role": Role.HR}),
        member.model_copy(update={"user_id": hr.user_id, "username": "hr", "role": Role.HR}),
        member.model_copy(update={"user_id": world.panel[1].user_id}),
    ):
        with pytest.raises(NotAllowed, match="sign in again"):
            world.services.vacancies.list_vacancies(altered)
    with pytest.raises(NotAllowed, match="sign in again"):
        world.services.intake.applications(
            member.model_copy(update={"user_id": hr.user_id, "role": Role.HR}), world.vacancy.id
        )
    assert world.services.vacancies.list_vacancies(member), "the session's own actor goes on"


def test_a_request_checks_the_session_once_and_trusts_only_the_actor_it_checked(
    world: World,
) -> None:
    """The app checks the signed-in person once per run (Services.request); inside, their
    calls are not checked again, but anyone else's still are, and an ended session opens no
    request at all."""
    hr = world.services.accounts.sign_in("hr", PASSWORD).actor
    member = world.services.accounts.sign_in("rpatel", PASSWORD).actor
    world.services.sessions.end(member)
    with pytest.raises(NotAllowed, match="signed out"):
        world.services.request(member)
    with world.services.request(hr) as checked:
        assert checked == hr and world.services.vacancies.list_vacancies(hr)
        with pytest.raises(NotAllowed, match="signed out"):
            world.services.vacancies.list_vacancies(member)
    world.services.sessions.end(hr)
    with pytest.raises(NotAllowed, match="signed out"):
        world.services.vacancies.list_vacancies(hr)  # the request is over: checked again
