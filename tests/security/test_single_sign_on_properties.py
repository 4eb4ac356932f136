"""The binding rule of single sign-on as a property, over sequences of sign-ons (any issuer,
subject, address in any case, verified or not) and administrators' invitations, withdrawals
and closures, on a real SQLite database:

- an account, once bound, stays bound to the same identity: never to two subjects;
- a subject is bound to one account at most;
- a sign-on reaches an account only if the account was bound to that very identity, or was
  invited, unbound and open, and the identity carried its address verified;
- every refusal says the same thing;
- the database agrees, after every step, with a plain model of the rule."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from criteria.loader import load_catalogue
from storage import tables
from storage.sign_on_rules import REFUSED
from storage.store import open_store
from use_cases import Services
from use_cases.access import Actor, Role
from use_cases.errors import InvalidInput, NotAllowed

PASSWORD = "a long test password"
ISSUERS = ["https://login.council.example", "https://elsewhere.example"]
SUBJECTS = ["s0", "s1", "s2", "s3"]
VERIFIED = [True, True, True, "true", "TRUE", False, None, "false", 1]
ACCOUNTS = 3
RUN = itertools.count()


@dataclass
class Model:
    """What the rule says each account's state is."""

    active: bool = True
    invited: bool = False
    bound: tuple[str, str] | None = None


@dataclass(frozen=True)
class SignOn:
    issuer: int
    subject: int
    email: tuple[int, bool] | None  # (account, or ACCOUNTS for a stranger; upper case)
    verified: object


@dataclass(frozen=True)
class Admin:
    action: str  # invite | withdraw | close
    account: int


steps = st.lists(
    st.one_of(
        st.builds(
            SignOn,
            issuer=st.sampled_from([0, 0, 0, 1]),
            subject=st.integers(0, len(SUBJECTS) - 1),
            email=st.tuples(st.integers(0, ACCOUNTS), st.booleans()) | st.none(),
            verified=st.sampled_from(VERIFIED),
        ),
        st.builds(
            Admin,
            action=st.sampled_from(["invite", "invite", "withdraw", "close"]),
            account=st.integers(0, ACCOUNTS - 1),
        ),
    ),
    min_size=2,
    max_size=14,
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, Actor]]:
    path: Path = tmp_path_factory.mktemp("sign-on-property") / "db.sqlite"
    services = Services(open_store(f"sqlite:///{path}", load_catalogue()))
    services.accounts.bootstrap_admin(username="root", display_name="Root", password=PASSWORD)
    yield services, services.accounts.authenticate("root", PASSWORD)
    services.store.engine.dispose()


def stored(services: Services, ids: list[int]) -> list[Model]:
    with services.store.reading() as session:
        users = {
            u.id: u for u in session.scalars(select(tables.User).where(tables.User.id.in_(ids)))
        }
    return [
        Model(
            active=users[i].active,
            invited=users[i].sso_invited_at is not None,
            bound=(users[i].oidc_issuer or "", users[i].oidc_subject)
            if users[i].oidc_subject
            else None,
        )
        for i in ids
    ]


def expected_sign_on(models: list[Model], step: SignOn, prefix: str) -> int | None:
    """The account the rule lets this identity reach (binding it), or None: the oracle."""
    key = (ISSUERS[step.issuer], f"{prefix}-{SUBJECTS[step.subject]}")
    for i, m in enumerate(models):
        if m.bound == key:
            return i if m.active else None
    if any(m.bound and m.bound[1] == key[1] for m in models) or step.email is None:
        return None
    i = step.email[0]
    if i == ACCOUNTS:
        return None  # nobody's address
    m = models[i]
    verified = step.verified is True or str(step.verified).lower() == "true"
    if m.active and m.invited and m.bound is None and verified:
        return i
    return None


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(invited=st.lists(st.booleans(), min_size=ACCOUNTS, max_size=ACCOUNTS), steps=steps)
def test_an_account_is_bound_once_and_only_an_identity_it_was_bound_or_invited_for_reaches_it(
    world: tuple[Services, Actor], invited: list[bool], steps: list[SignOn | Admin]
) -> None:
    services, admin = world
    prefix = f"r{next(RUN)}"
    ids = [
        services.accounts.create_user(
            admin, username=f"{prefix}-a{i}", display_name=f"A{i}", role=Role.PANEL,
            email=f"{prefix}-a{i}@council.example", organisation_id="darlington",
        ).id
        for i in range(ACCOUNTS)
    ]  # fmt: skip
    models = [Model() for _ in ids]
    for i, invite in enumerate(invited):
        if invite:
            run_admin(services, admin, ids, models, Admin("invite", i))
    first_binding: dict[int, tuple[str, str]] = {}
    for step in steps:
        if isinstance(step, Admin):
            run_admin(services, admin, ids, models, step)
        else:
            reached = expected_sign_on(models, step, prefix)
            address = None
            if step.email is not None:
                who = "stranger" if step.email[0] == ACCOUNTS else f"a{step.email[0]}"
                address = f"{prefix}-{who}@council.example"
                address = address.upper() if step.email[1] else address
            claims: dict[str, object] = {
                "iss": ISSUERS[step.issuer], "sub": f"{prefix}-{SUBJECTS[step.subject]}",
                "email": address, "email_verified": step.verified,
            }  # fmt: skip
            if reached is None:
                with pytest.raises(NotAllowed) as caught:
                    services.sign_on.actor_for_identity(claims)
                assert str(caught.value) == REFUSED
            else:
                actor = services.sign_on.actor_for_identity(claims)
                event("an identity reached an account")
                assert actor.user_id == ids[reached]
                models[reached].bound = (str(claims["iss"]), str(claims["sub"]))
                models[reached].invited = False
        now = stored(services, ids)
        assert now == models
        for i, m in enumerate(now):
            if m.bound is not None:
                assert first_binding.setdefault(i, m.bound) == m.bound, "bound to two subjects"
        subjects = [m.bound[1] for m in now if m.bound is not None]
        assert len(subjects) == len(set(subjects)), "a subject bound to two accounts"


def run_admin(
    services: Services, admin: Actor, ids: list[int], models: list[Model], step: Admin
) -> None:
    m, user_id = models[step.account], ids[step.account]
    if step.action == "close":
        services.accounts.deactivate_user(admin, user_id=user_id)
        m.active, m.invited = False, False
        return
    if step.action == "invite":
        allowed = m.active and m.bound is None and not m.invited
        call = services.sign_on.invite
    else:
        allowed = m.invited
        call = services.sign_on.withdraw
    if not allowed:
        with pytest.raises(InvalidInput):
            call(admin, user_id=user_id)
        return
    call(admin, user_id=user_id)
    m.invited = step.action == "invite"
