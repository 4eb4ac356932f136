"""Hole 10: create-admin with an empty password succeeded and locked everyone out; weak
passwords were accepted; look-alike user names were accepted; there was no sign-in
throttling (200 wrong guesses, then the right one worked) and failed sign-ins went unaudited."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from criteria.loader import load_catalogue
from storage.access import Role
from storage.errors import InvalidInput, NotAllowed
from storage.services import Services
from storage.store import open_store
from tests.integration.helpers import PASSWORD, World, make_world
from tests.security.conftest import Clock

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
        accounts.authenticate("hr", PASSWORD, client="198.51.100.7")  # another computer too
    with world.services.store.reading() as session:
        entries = world.services.audit.repo.audit_entries(session=session)
    failed = [e for e in entries if e.action == "sign_in_failed"]
    assert len(failed) == 201
    assert all(e.entity_id == str(world.hr.user_id) for e in failed)
    assert not any("wrong guess" in str(e.new_value) for e in failed), "never what was typed"
    clock.now += timedelta(minutes=16)
    assert accounts.authenticate("hr", PASSWORD).username == "hr"


def test_one_client_guessing_many_accounts_is_slowed_too(world: World, clock: Clock) -> None:
    accounts = world.services.accounts
    for number in range(6):
        clock.now += timedelta(seconds=1)
        with pytest.raises(NotAllowed):
            accounts.authenticate(f"user{number}", "a wrong password", client="203.0.113.9")
    with pytest.raises(NotAllowed, match="Too many"):
        accounts.authenticate("rpatel", PASSWORD, client="203.0.113.9")
    assert accounts.authenticate("rpatel", PASSWORD, client="198.51.100.7")


def test_the_back_off_grows_with_each_failure() -> None:
    from storage.services.accounts import FIRST_WAIT, LONGEST_WAIT, wait_after

    now = datetime(2026, 3, 2, tzinfo=UTC)
    waits = [wait_after([now] * n, now) for n in range(4, 20)]
    assert waits[0] == timedelta(0) and waits[1] == FIRST_WAIT
    assert waits == sorted(waits) and waits[-1] == LONGEST_WAIT
