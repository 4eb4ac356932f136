"""Hole (issue 25, finding 2): single sign-on took accounts over by e-mail. Any identity whose
e-mail matched an account's, in any case, became that account (the administrator's too); a
second identity with the same e-mail reached an account already bound to the first; nobody
asked whether the provider had verified the address; and administrators could give two
accounts one address (`same@` and `SAME@`) or store `not an email`.

Now an identity (its provider's issuer and subject) reaches the account bound to it; an
e-mail address binds an identity only once, only when verified, only to an account an
administrator invited. E-mail addresses are checked, kept in one normal form and unique."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from storage import tables
from storage.sign_on_rules import REFUSED, SignOnState
from use_cases import Services
from use_cases.access import Actor, Role
from use_cases.errors import InvalidInput, NotAllowed

PASSWORD = "a long test password"
ISSUER = "https://sign-on.council.example"


@pytest.fixture
def admin(services: Services) -> Actor:
    services.accounts.bootstrap_admin(
        username="root", display_name="Root Admin", password=PASSWORD,
        email="root@council.example",
    )  # fmt: skip
    return services.accounts.authenticate("root", PASSWORD)


@pytest.fixture
def sam(services: Services, admin: Actor) -> int:
    """An HR officer with an address, not yet invited."""
    return services.accounts.create_user(
        admin, username="sam", display_name="Sam Hill", role=Role.HR,
        email="sam@council.example", organisation_id="darlington",
    ).id  # fmt: skip


def claims(subject: str, email: str | None, verified: object = True) -> dict[str, object]:
    found: dict[str, object] = {"iss": ISSUER, "sub": subject, "is_logged_in": True}
    if email is not None:
        found["email"] = email
    if verified is not None:
        found["email_verified"] = verified
    return found


def sign_on_state(services: Services, user_id: int) -> SignOnState:
    root = services.accounts.authenticate("root", PASSWORD)
    users = services.accounts.list_users(root)  # the administrators' own view of the accounts
    return next(u.sign_on for u in users if u.id == user_id)


def bound_identity(services: Services, user_id: int) -> tuple[str | None, str | None]:
    with services.store.reading() as session:
        user = session.get(tables.User, user_id)
        assert user is not None
        return user.oidc_issuer, user.oidc_subject


def refused(services: Services, found: dict[str, object]) -> None:
    with pytest.raises(NotAllowed) as caught:
        services.sign_on.actor_for_identity(found)
    assert str(caught.value) == REFUSED  # one message, whatever the reason


def refusals(services: Services) -> list[tables.AuditEntry]:
    with services.store.reading() as session:
        return list(
            session.scalars(
                select(tables.AuditEntry).where(tables.AuditEntry.action == "sign_on_refused")
            )
        )


def test_an_upper_case_email_does_not_take_over_the_administrator(
    services: Services, admin: Actor
) -> None:
    refused(services, claims("intruder", "ROOT@council.example"))
    refused(services, claims("intruder", "root@council.example"))
    assert bound_identity(services, admin.user_id) == (None, None)
    assert sign_on_state(services, admin.user_id) is SignOnState.NONE


def test_a_second_identity_with_the_same_email_is_refused_once_the_account_is_bound(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    first = services.sign_on.actor_for_identity(claims("sam-at-provider", "Sam@Council.example"))
    assert first.user_id == sam and first.role is Role.HR
    assert bound_identity(services, sam) == (ISSUER, "sam-at-provider")
    refused(services, claims("someone-else", "sam@council.example"))
    again = services.sign_on.actor_for_identity(claims("sam-at-provider", None, None))
    assert again == first, "the bound identity needs no e-mail address from then on"


def test_an_unverified_email_is_refused_even_for_an_invited_account(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    for verified in (False, None, "false", "yes", 1):
        refused(services, claims("sam-at-provider", "sam@council.example", verified))
    assert sign_on_state(services, sam) is SignOnState.INVITED, "the invitation is not used up"
    bound = services.sign_on.actor_for_identity(claims("sam-at-provider", "sam@council.example"))
    assert bound.user_id == sam
    assert sign_on_state(services, sam) is SignOnState.BOUND, "binding used the invitation up"


def test_an_account_nobody_invited_is_refused(services: Services, admin: Actor, sam: int) -> None:
    refused(services, claims("sam-at-provider", "sam@council.example"))
    services.sign_on.invite(admin, user_id=sam)
    services.sign_on.withdraw(admin, user_id=sam)
    refused(services, claims("sam-at-provider", "sam@council.example"))
    assert bound_identity(services, sam) == (None, None)


def test_two_accounts_cannot_share_an_email_that_differs_only_in_case(
    services: Services, admin: Actor, sam: int
) -> None:
    taken = "Another account has that e-mail address"
    with pytest.raises(InvalidInput, match=taken):
        services.accounts.create_user(
            admin, username="sam2", display_name="Sam Two", role=Role.PANEL,
            email="SAM@council.example", organisation_id="darlington",
        )  # fmt: skip
    with pytest.raises(InvalidInput, match=taken):
        services.accounts.set_email(admin, user_id=admin.user_id, email="Sam@COUNCIL.example")
    services.accounts.set_email(admin, user_id=sam, email="SAM@Council.Example")  # its own
    stored = {u.username: u.email for u in services.accounts.list_users(admin)}
    assert stored == {"root": "root@council.example", "sam": "sam@council.example"}


def test_not_an_email_is_refused(services: Services, admin: Actor, sam: int) -> None:
    for typed in ("not an email", "same@x", "sam@@council.example"):
        with pytest.raises(InvalidInput, match="That is not an e-mail address"):
            services.accounts.create_user(
                admin, username="pat", display_name="Pat", role=Role.PANEL, email=typed,
                organisation_id="darlington",
            )  # fmt: skip
        with pytest.raises(InvalidInput, match="That is not an e-mail address"):
            services.accounts.set_email(admin, user_id=sam, email=typed)
    assert {u.username for u in services.accounts.list_users(admin)} == {"root", "sam"}


def test_a_closed_account_stays_refused_to_its_bound_identity(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    services.sign_on.actor_for_identity(claims("sam-at-provider", "sam@council.example"))
    services.accounts.deactivate_user(admin, user_id=sam)
    refused(services, claims("sam-at-provider", "sam@council.example"))
    with pytest.raises(InvalidInput, match="closed"):
        services.sign_on.invite(admin, user_id=sam)


def test_closing_an_invited_account_withdraws_its_invitation(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    services.accounts.deactivate_user(admin, user_id=sam)
    assert sign_on_state(services, sam) is SignOnState.NONE
    refused(services, claims("sam-at-provider", "sam@council.example"))


def test_the_same_subject_from_another_issuer_is_another_identity(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    services.sign_on.actor_for_identity(claims("sam-at-provider", "sam@council.example"))
    elsewhere = {**claims("sam-at-provider", "sam@council.example"), "iss": "https://other.example"}
    refused(services, elsewhere)
    refused(services, {"sub": "sam-at-provider", "email": "sam@council.example"})  # no issuer


def test_changing_an_invited_accounts_email_withdraws_the_invitation(
    services: Services, admin: Actor, sam: int
) -> None:
    services.sign_on.invite(admin, user_id=sam)
    services.accounts.set_email(admin, user_id=sam, email="s.hill@council.example")
    assert sign_on_state(services, sam) is SignOnState.NONE
    refused(services, claims("sam-at-provider", "s.hill@council.example"))


def test_only_an_open_account_with_an_address_and_no_binding_can_be_invited(
    services: Services, admin: Actor, sam: int
) -> None:
    services.accounts.set_email(admin, user_id=sam, email=None)
    with pytest.raises(InvalidInput, match="Give the account an e-mail address first"):
        services.sign_on.invite(admin, user_id=sam)
    services.accounts.set_email(admin, user_id=sam, email="sam@council.example")
    services.sign_on.invite(admin, user_id=sam)
    with pytest.raises(InvalidInput, match="invited already"):
        services.sign_on.invite(admin, user_id=sam)
    services.sign_on.actor_for_identity(claims("sam-at-provider", "sam@council.example"))
    with pytest.raises(InvalidInput, match="signs on already"):
        services.sign_on.invite(admin, user_id=sam)


def test_refusals_and_bindings_are_audited_without_addresses_or_subjects(
    services: Services, admin: Actor, sam: int
) -> None:
    refused(services, claims("intruder-subject", "ROOT@council.example"))
    refused(services, claims("stranger-subject", "nobody@council.example"))
    services.sign_on.invite(admin, user_id=sam)
    services.sign_on.actor_for_identity(claims("sam-at-provider", "sam@council.example"))
    reasons = [(e.entity_id, e.new_value) for e in refusals(services)]
    assert reasons == [
        (str(admin.user_id), {"reason": "not_invited"}),
        (None, {"reason": "no_account"}),
    ]
    with services.store.reading() as session:
        entries = session.scalars(select(tables.AuditEntry)).all()
        actions = [e.action for e in entries]
        written = json.dumps([[e.old_value, e.new_value] for e in entries]).lower()
    assert "invite_sign_on" in actions and "bind_sign_on" in actions
    for private in ("@council.example", "intruder-subject", "stranger-subject", "sam-at-provider"):
        assert private not in written
