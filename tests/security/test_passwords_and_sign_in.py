"""Hole 10: create-admin with an empty password succeeded and locked everyone out; weak
passwords were accepted; look-alike user names were accepted; there was no sign-in
throttling (200 wrong guesses, then the right one worked) and failed sign-ins went unaudited.

Issue 25, finding 5: the throttle then counted failures per client address as well, so five
wrong passwords from one office address locked every colleague out from that address, and
each right password typed during a wait counted as a failure and doubled the wait. It now
slows a guesser, not the council (use_cases/sign_in_throttle.py)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from criteria.loader import load_catalogue
from storage import tables
from storage.store import open_store
from tests.integration.helpers import PASSWORD, World, make_world
from tests.security.conftest import Clock
from use_cases import Services
from use_cases.access import Role
from use_cases.accounts import SignInThrottled
from use_cases.errors import InvalidInput, NotAllowed

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(database_url: str, clock: Clock) -> World:
    return make_world(Services(open_store(database_url, load_catalogue()), clock=clock))


@pytest.mark.parametrize("password", ["", "            ", "password1234", "qwertyuiop12", "short"])
def test_create_admin_refuses_empty_blank_and_guessable_passwords(
    tmp_path: Path, password: str
) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "storage", "--database-url", url, "create-admin", "--username",
         "boss", "--password-stdin"],
        input=f"{password}\n", capture_output=True, text=True, cwd=PROJECT,
    )  # fmt: skip
    assert done.returncode == 2
    assert "password" in done.stderr.lower()
    services = Services(open_store(url, load_catalogue()))
    assert services.accounts.is_new(), "nobody is locked out: create-admin can still be run"


@pytest.mark.parametrize("password", ["password1234", "Password123!", "            x"])
def test_weak_passwords_are_refused_for_new_users_and_resets(world: World, password: str) -> None:
    with pytest.raises(InvalidInput, match="password"):
        world.services.accounts.create_user(
            world.admin, username="newperson", display_name="Hilary Hr", role=Role.HR,
            password=password, organisation_id="darlington",
        )  # fmt: skip
    with pytest.raises(InvalidInput, match="password"):
        world.services.accounts.set_password(
            world.admin, user_id=world.hr.user_id, password=password
        )
    assert world.services.accounts.authenticate("hr", PASSWORD)


@pytest.mark.parametrize(
    "username",
    ["hr\u200b", "h\u0440", "hr 1", "ｈｒ", "Hr", "HR", "\u0430dmin", "-x", "a" * 61],
    ids=["zero-width", "cyrillic-er", "space", "full-width", "capital", "capitals", "cyrillic-a",
         "leading-dash", "too-long"],
)  # fmt: skip
def test_look_alike_user_names_are_refused_or_meet_the_existing_one(
    world: World, username: str
) -> None:
    with pytest.raises(InvalidInput, match="user name"):
        world.services.accounts.create_user(
            world.admin, username=username, display_name="Someone", role=Role.PANEL,
            password=PASSWORD, organisation_id="darlington",
        )  # fmt: skip


def test_user_names_are_matched_as_normalised_at_sign_in(world: World) -> None:
    assert world.services.accounts.authenticate(" HR ", PASSWORD).username == "hr"
    assert world.services.accounts.authenticate("ｈｒ", PASSWORD).username == "hr"


def test_two_hundred_wrong_guesses_then_the_right_one_is_still_refused(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    for guess in range(200):
        clock.now += timedelta(seconds=1)
        with pytest.raises(NotAllowed):
            accounts.authenticate("hr", f"wrong guess {guess}", client="203.0.113.9")
    with pytest.raises(NotAllowed, match="Too many failed sign-ins"):
        accounts.authenticate("hr", PASSWORD, client="203.0.113.9")
    with world.services.store.reading() as session:
        entries = world.services.audit.repo.audit_entries(session=session)
    failed = [e for e in entries if e.action == "sign_in_failed"]
    assert len(failed) == 201, "every refused try is audited, checked or not"
    assert all(e.entity_id == str(world.hr.user_id) for e in failed)
    assert not any("wrong guess" in str(e.new_value) for e in failed), "never what was typed"
    checked = [e for e in failed if not e.new_value["throttled"]]
    assert len(checked) == 7, "guesses checked at 1-5 s, then only once each wait was over"
    clock.now += timedelta(minutes=16)
    assert accounts.authenticate("hr", PASSWORD).username == "hr"


OFFICE, HOME, ELSEWHERE = "203.0.113.9", "198.51.100.7", "192.0.2.44"


def wrong(world: World, username: str, address: str | None, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(NotAllowed):
            world.services.accounts.authenticate(username, "a wrong password", client=address)


def test_five_wrong_passwords_from_an_office_address_keep_no_colleague_out(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    for username in ("nobody", "hr", "someone-else", "sokafor", "hr", "hr"):  # one office
        clock.now += timedelta(seconds=1)
        wrong(world, username, OFFICE)
    assert accounts.authenticate("rpatel", PASSWORD, client=OFFICE).username == "rpatel"
    assert accounts.authenticate("sokafor", PASSWORD, client=OFFICE).username == "sokafor"


def test_a_guesser_at_one_address_is_slowed_while_the_owner_signs_in_from_theirs(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    wrong(world, "hr", ELSEWHERE, times=6)
    with pytest.raises(SignInThrottled):
        accounts.authenticate("hr", PASSWORD, client=ELSEWHERE)
    assert accounts.authenticate("hr", PASSWORD, client=OFFICE).username == "hr"
    wrong(world, "hr", ELSEWHERE)
    with pytest.raises(SignInThrottled, match="Too many failed sign-ins for this account"):
        accounts.authenticate("hr", PASSWORD, client=ELSEWHERE)


def test_guesses_spread_over_many_addresses_slow_the_account_everywhere(
    world: World, clock: Clock
) -> None:
    for n in range(20):
        clock.now += timedelta(seconds=1)
        wrong(world, "hr", f"192.0.2.{n}")
    with pytest.raises(SignInThrottled):
        world.services.accounts.authenticate("hr", PASSWORD, client=OFFICE)
    clock.now += timedelta(minutes=16)
    assert world.services.accounts.authenticate("hr", PASSWORD, client=OFFICE)


def test_a_right_password_typed_during_a_wait_does_not_make_the_wait_longer(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    wrong(world, "hr", OFFICE, times=5)  # the fifth: 30 seconds to wait
    for _ in range(3):  # too soon, three times: refused, and not counted
        clock.now += timedelta(seconds=5)
        with pytest.raises(SignInThrottled) as refused:
            accounts.authenticate("hr", PASSWORD, client=OFFICE)
    assert refused.value.wait == timedelta(seconds=15)
    clock.now += timedelta(seconds=16)
    assert accounts.authenticate("hr", PASSWORD, client=OFFICE).username == "hr"


def test_the_right_password_once_the_wait_is_over_clears_the_accounts_failures(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    wrong(world, "hr", OFFICE, times=5)
    clock.now += timedelta(seconds=31)
    assert accounts.authenticate("hr", PASSWORD, client=OFFICE).username == "hr"
    wrong(world, "hr", OFFICE)  # a slip later the same morning: one failure, not the sixth
    assert accounts.authenticate("hr", PASSWORD, client=OFFICE).username == "hr"


def test_an_administrators_reset_clears_the_accounts_failures_from_every_address(
    world: World, clock: Clock
) -> None:
    accounts = world.services.accounts
    for address in (OFFICE, HOME, None):
        wrong(world, "rpatel", address, times=6)
    new_password = "a brand new horse battery staple"
    accounts.set_password(world.admin, user_id=world.panel[0].user_id, password=new_password)
    for address in (OFFICE, HOME, None):
        assert accounts.authenticate("rpatel", new_password, client=address)


def test_the_back_off_grows_with_each_failure() -> None:
    from use_cases.sign_in_throttle import PAIR

    now = datetime(2026, 3, 2, tzinfo=UTC)
    waits = [PAIR.wait([now] * n, now) for n in range(4, 20)]
    assert waits[0] == timedelta(0) and waits[1] == PAIR.first_wait
    assert waits == sorted(waits) and waits[-1] == PAIR.longest_wait


# --- As a property, over any sequence of tries ---------------------------------------------

ACCOUNTS = ("hr", "rpatel", "sokafor")
ADDRESSES = (OFFICE, HOME, None)
TRIES = st.lists(
    st.tuples(
        st.sampled_from(ACCOUNTS),
        st.sampled_from(ADDRESSES),
        st.booleans(),
        st.integers(0, 40) | st.sampled_from([61, 121, 900]),  # within a wait, past it, long after
    ),
    max_size=30,
)
Try = tuple[str, str | None, bool, int]  # account, address, the right password?, seconds since


@pytest.fixture
def quick(world: World, monkeypatch: pytest.MonkeyPatch) -> World:
    """The world with a password check that takes no time (argon2 takes a second a try)."""
    import use_cases.accounts as accounts_module

    def verify(stored: str | None, typed: str) -> bool:
        return stored is not None and typed == PASSWORD

    monkeypatch.setattr(accounts_module, "verify_password", verify)
    return world


def outcomes(world: World, clock: Clock, tries: list[Try]) -> list[object]:
    """Each try's outcome from a clean start: signed in, wrong, or the wait it was told.
    After a right password refused for a wait, the same again at once must be told no
    longer a wait: the right password never makes the wait grow."""
    with world.services.store.writing() as session:
        session.execute(delete(tables.SignInFailure))
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    seen: list[object] = []
    for username, address, right, seconds in tries:
        clock.now += timedelta(seconds=seconds)
        typed = PASSWORD if right else "a wrong password"
        try:
            world.services.accounts.authenticate(username, typed, client=address)
            seen.append("in")
        except SignInThrottled as refused:
            seen.append(refused.wait)
            if right:
                with pytest.raises(SignInThrottled) as again:
                    world.services.accounts.authenticate(username, typed, client=address)
                assert again.value.wait <= refused.wait, "a right password made the wait grow"
        except NotAllowed:
            seen.append("wrong")
    return seen


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tries=TRIES)
@example(tries=[("hr", OFFICE, False, 1)] * 5 + [("rpatel", OFFICE, True, 1)])  # the office
@example(tries=[("hr", None, False, 1)] * 5 + [("hr", None, True, 5), ("hr", None, True, 30)])
def test_no_account_is_ever_delayed_by_another_accounts_failures(
    quick: World, clock: Clock, tries: list[Try]
) -> None:
    together = outcomes(quick, clock, tries)
    for username in ACCOUNTS:
        mine = [i for i, t in enumerate(tries) if t[0] == username]
        alone = outcomes(quick, clock, [tries[i] for i in mine])
        assert [together[i] for i in mine] == alone, f"{username} was delayed by another account"
