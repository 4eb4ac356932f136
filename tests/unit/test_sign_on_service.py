"""Single sign-on against the in-memory repository: an identity binds once, to the account an
administrator invited, through a verified e-mail address, and signs in to it from then on;
every refusal says the same to the person and is audited with its reason, never with the
address or the subject."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.records import Role
from storage.sign_on_rules import REFUSED, Refusal, SignOnState
from tests.fake_accounts import FakeAccounts, UserRow
from tests.fakes import fake_store
from use_cases.errors import InvalidInput, NotAllowed
from use_cases.sign_on import SignOn

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ISSUER = "https://login.example.org"
ADA = UserRow(1, "ada", "Ada Admin", Role.ADMIN, organisation_id=None)
ROSA = UserRow(7, "rpatel", "Rosa Patel", Role.PANEL, email="rosa@example.org")
INVITED = UserRow(**{**ROSA.__dict__, "sso_invited_at": NOW})


def sign_on(*users: UserRow) -> tuple[SignOn, FakeAccounts]:
    repo = FakeAccounts(ADA, *users)
    return SignOn(fake_store(repo), repo=repo, clock=lambda: NOW), repo


def claims(subject: str = "sub-123", *, verified: bool = True) -> dict[str, object]:
    return {"iss": ISSUER, "sub": subject, "email": "Rosa@Example.org", "email_verified": verified}


def test_an_invited_account_is_bound_on_its_first_sign_on_and_reached_by_it_after() -> None:
    service, repo = sign_on(INVITED)

    assert service.actor_for_identity(claims()) == ROSA.actor

    assert repo.row(7).identity == (ISSUER, "sub-123")
    assert repo.row(7).public.sign_on is SignOnState.BOUND, "the invitation is used up"
    [entry] = repo.state.audit
    assert (entry["action"], entry["entity_id"], entry["new"]) == (
        "bind_sign_on", 7, {"sign_on": "bound", "issuer": ISSUER},
    )  # fmt: skip
    assert service.actor_for_identity(claims()) == ROSA.actor
    assert len(repo.state.audit) == 1, "signing in again binds nothing new"


@pytest.mark.parametrize(
    ("user", "identity", "reason"),
    [
        (ROSA, claims(), Refusal.NOT_INVITED),
        (INVITED, claims(verified=False), Refusal.NOT_VERIFIED),
        (INVITED, {"iss": ISSUER, "email": "rosa@example.org"}, Refusal.INCOMPLETE),
        (UserRow(**{**INVITED.__dict__, "active": False}), claims(), Refusal.CLOSED),
    ],
)
def test_a_refused_sign_on_binds_nothing_and_is_audited_with_its_reason_only(
    user: UserRow, identity: dict[str, object], reason: Refusal
) -> None:
    service, repo = sign_on(user)

    with pytest.raises(NotAllowed) as refused:
        service.actor_for_identity(identity)

    assert str(refused.value) == REFUSED
    assert repo.row(7).identity is None
    [entry] = repo.state.audit
    assert (entry["action"], entry["new"]) == ("sign_on_refused", {"reason": reason.value})
    assert "rosa@example.org" not in repr(entry).lower() and "sub-123" not in repr(entry)


def test_an_administrator_invites_an_account_with_an_address_once() -> None:
    service, repo = sign_on(ROSA)

    service.invite(ADA.actor, user_id=7)

    assert repo.row(7).sso_invited_at == NOW
    assert repo.state.audit[-1]["new"] == {"sign_on": "invited"}
    with pytest.raises(InvalidInput, match="invited already"):
        service.invite(ADA.actor, user_id=7)


def test_an_account_without_an_address_cannot_be_invited() -> None:
    service, repo = sign_on(UserRow(**{**ROSA.__dict__, "email": None}))
    with pytest.raises(InvalidInput, match="e-mail address first"):
        service.invite(ADA.actor, user_id=7)
    assert repo.row(7).sso_invited_at is None
    assert repo.state.audit == []


def test_a_withdrawn_invitation_binds_nothing() -> None:
    service, repo = sign_on(INVITED)

    service.withdraw(ADA.actor, user_id=7)

    assert repo.state.audit[-1]["new"] == {"sign_on": "none"}
    with pytest.raises(NotAllowed):
        service.actor_for_identity(claims())
    assert repo.row(7).identity is None
    with pytest.raises(InvalidInput, match="no invitation to withdraw"):
        service.withdraw(ADA.actor, user_id=7)
