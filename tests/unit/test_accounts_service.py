"""Accounts against the in-memory repository: signing in with a password (one message for
every failure, failures audited without what was typed, and throttled), the first
administrator, and administrators adding users, changing addresses and closing accounts,
each change audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from storage.records import Role
from storage.sign_on_rules import SignOnState
from tests.fake_accounts import FakeAccounts, UserRow
from tests.fakes import fake_store
from use_cases.accounts import WRONG, Accounts, SignInThrottled
from use_cases.errors import InvalidInput, NotAllowed, NotFound
from use_cases.passwords import hash_password
from use_cases.sessions import Sessions

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"
ADA = UserRow(1, "ada", "Ada Admin", Role.ADMIN, organisation_id=None)
ROSA = UserRow(
    7, "rpatel", "Rosa Patel", Role.PANEL, email="rosa@example.org",
    password_hash=hash_password(PASSWORD, username="rpatel", name="Rosa Patel"),
)  # fmt: skip


def accounts(*users: UserRow) -> tuple[Accounts, FakeAccounts]:
    repo = FakeAccounts(*users)
    store, clock = fake_store(repo), (lambda: NOW)
    sessions = Sessions(store, secret=b"s" * 32, repo=repo, clock=clock)
    return Accounts(store, sessions=sessions, secret=b"a" * 32, repo=repo, clock=clock), repo


def test_the_right_password_signs_in_and_forgets_the_earlier_failures() -> None:
    service, repo = accounts(ADA, ROSA)
    with pytest.raises(NotAllowed):
        service.authenticate("rpatel", "wrong", client="10.0.0.1")
    assert repo.state.failures

    actor = service.authenticate("RPatel", PASSWORD, client="10.0.0.1")

    assert actor == ROSA.actor
    assert repo.state.failures == []


def test_a_wrong_password_is_refused_as_an_unknown_name_is_and_audited_without_either() -> None:
    service, repo = accounts(ADA, ROSA)
    with pytest.raises(NotAllowed) as wrong:
        service.authenticate("rpatel", "not the password")
    with pytest.raises(NotAllowed) as unknown:
        service.authenticate("nobody", PASSWORD)

    assert str(wrong.value) == str(unknown.value) == WRONG
    first, second = repo.state.audit
    assert (first["action"], first["entity_id"], first["new"]) == ("sign_in_failed", 7, {"throttled": False})  # fmt: skip
    assert (second["action"], second["entity_id"]) == ("sign_in_failed", None)
    assert "not the password" not in repr(repo.state.audit)
    assert "nobody" not in repr(repo.state.audit)


def test_a_closed_account_is_refused_with_its_right_password() -> None:
    service, _ = accounts(ADA, UserRow(**{**ROSA.__dict__, "active": False}))
    with pytest.raises(NotAllowed, match=WRONG):
        service.authenticate("rpatel", PASSWORD)


def test_after_five_failures_from_one_address_even_the_right_password_waits_uncounted() -> None:
    service, repo = accounts(ADA, ROSA)
    for _ in range(5):
        with pytest.raises(NotAllowed):
            service.authenticate("rpatel", "wrong", client="10.0.0.1")
    counted = len(repo.state.failures)

    with pytest.raises(SignInThrottled) as throttled:
        service.authenticate("rpatel", PASSWORD, client="10.0.0.1")

    assert throttled.value.wait > timedelta(0)
    assert len(repo.state.failures) == counted, "a throttled try is not counted"
    assert repo.state.audit[-1]["new"] == {"throttled": True}


def test_the_first_administrator_is_made_once() -> None:
    service, repo = accounts()
    made = service.bootstrap_admin(username="ada", display_name="Ada", password=PASSWORD)
    assert made.role is Role.ADMIN
    assert repo.state.audit[-1]["action"] == "create_admin"
    with pytest.raises(InvalidInput, match="An administrator exists already"):
        service.bootstrap_admin(username="bea", display_name="Bea", password=PASSWORD)
    assert repo.count_users(session=None) == 1


def test_an_administrator_adds_a_panel_member_with_a_hashed_password_and_an_audit_entry() -> None:
    service, repo = accounts(ADA)
    user = service.create_user(
        ADA.actor, username="sokafor", display_name="Sam Okafor", role=Role.PANEL,
        email="Sam@Example.org", password=PASSWORD, organisation_id="darlington",
    )  # fmt: skip

    stored = repo.row(user.id)
    assert (stored.email, stored.organisation_id, stored.active) == ("sam@example.org", "darlington", True)  # fmt: skip
    assert stored.password_hash and PASSWORD not in stored.password_hash
    entry = repo.state.audit[-1]
    assert (entry["action"], entry["entity_id"], entry["new"]) == (
        "create_user", user.id, {"username": "sokafor", "role": "panel"},
    )  # fmt: skip
    assert PASSWORD not in repr(entry)


@pytest.mark.parametrize(
    ("changes", "refused", "refusal"),
    [
        ({"organisation_id": None}, InvalidInput, "belong to one organisation"),
        ({"organisation_id": "york"}, NotFound, "There is no organisation 'york'"),
        ({"username": "rpatel"}, InvalidInput, "The user name 'rpatel' is taken"),
        ({"email": "ROSA@example.org"}, InvalidInput, "Another account has that e-mail address"),
        ({"username": "demo-hr"}, InvalidInput, "belong to the demo"),
    ],
)
def test_a_user_breaking_a_rule_is_not_added(
    changes: dict[str, Any], refused: type[Exception], refusal: str
) -> None:
    service, repo = accounts(ADA, ROSA)
    wanted: dict[str, Any] = {
        "username": "sokafor",
        "email": None,
        "organisation_id": "darlington",
        **changes,
    }
    with pytest.raises(refused, match=refusal):
        service.create_user(ADA.actor, display_name="Sam Okafor", role=Role.PANEL, **wanted)
    assert sorted(repo.state.users) == [1, 7]
    assert repo.state.audit == []


def test_only_an_administrator_adds_users() -> None:
    service, repo = accounts(ADA, ROSA)
    with pytest.raises(NotAllowed):
        service.create_user(
            ROSA.actor, username="x", display_name="X", role=Role.PANEL,
            organisation_id="darlington",
        )  # fmt: skip
    assert sorted(repo.state.users) == [1, 7]


def test_a_new_address_withdraws_an_open_invitation_to_single_sign_on() -> None:
    invited = UserRow(**{**ROSA.__dict__, "sso_invited_at": NOW})
    service, repo = accounts(ADA, invited)

    service.set_email(ADA.actor, user_id=7, email="rosa.patel@example.org")

    assert repo.row(7).email == "rosa.patel@example.org"
    assert repo.row(7).public.sign_on is SignOnState.NONE
    assert repo.state.audit[-1]["new"] == {"email": "set", "invitation_withdrawn": True}


def test_closing_an_account_ends_its_sessions_and_is_audited() -> None:
    service, repo = accounts(ADA, ROSA)
    issued = service.sign_in("rpatel", PASSWORD)

    service.deactivate_user(ADA.actor, user_id=7)

    assert not repo.row(7).active
    assert repo.state.sessions[issued.actor.session_id or ""].revoked_at == NOW
    entry = repo.state.audit[-1]
    assert (entry["action"], entry["old"], entry["new"]) == ("deactivate_user", {"active": True}, {"active": False})  # fmt: skip


def test_an_administrator_cannot_close_their_own_account() -> None:
    service, repo = accounts(ADA, ROSA)
    with pytest.raises(InvalidInput, match="your own account"):
        service.deactivate_user(ADA.actor, user_id=1)
    assert repo.row(1).active


def test_a_new_password_ends_the_sessions_and_forgets_the_failures() -> None:
    service, repo = accounts(ADA, ROSA)
    issued = service.sign_in("rpatel", PASSWORD)
    with pytest.raises(NotAllowed):
        service.authenticate("rpatel", "wrong", client="10.0.0.1")

    service.set_password(ADA.actor, user_id=7, password="a new long passphrase here")

    assert service.authenticate("rpatel", "a new long passphrase here") == ROSA.actor
    assert repo.state.sessions[issued.actor.session_id or ""].revoked_at == NOW
    assert repo.state.failures == []
    assert [e["action"] for e in repo.state.audit][-1] == "set_password"


def test_hr_lists_the_open_panel_members_of_their_own_organisation_only() -> None:
    hr = UserRow(2, "hilary", "Hilary", Role.HR)
    york = UserRow(8, "yblake", "Yara Blake", Role.PANEL, organisation_id="york")
    closed = UserRow(9, "tnguyen", "Tom Nguyen", Role.PANEL, active=False)
    service, _ = accounts(ADA, hr, ROSA, york, closed)
    assert [u.username for u in service.panel_members(hr.actor)] == ["rpatel"]
    assert [u.username for u in service.panel_members(ADA.actor)] == ["rpatel", "yblake"]
