"""Accounts: signing in (no actor needed), the first administrator, and administrators'
users and organisations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from scoring.clean_text import clean_name
from storage.emails import normal_email
from storage.repository import REPOSITORY
from storage.repository.users import Account
from storage.sign_on_rules import SignOnState
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput, NotAllowed, NotFound
from use_cases.models import UserPublic
from use_cases.passwords import check_username, hash_password, normal_username, verify_password
from use_cases.ports.accounts import AccountsRepository
from use_cases.sessions import Issued, Sessions
from use_cases.sign_in_throttle import WINDOW, SignInThrottled, throttle_keys, wait_due

WRONG = "The user name or password is not right, or the account is closed."
DEMO_PREFIX = "demo-"


class Accounts(UseCase):
    repo: AccountsRepository

    def __init__(
        self, store: Store, *, sessions: Sessions, secret: bytes,
        repo: AccountsRepository = REPOSITORY, clock: Clock = system_clock,
    ) -> None:  # fmt: skip
        super().__init__(store, repo=repo, clock=clock)
        self.sessions = sessions
        self.secret = secret

    def sign_in(self, username: str, password: str, *, client: str | None = None) -> Issued:
        """Check a local account's password and open a session for it."""
        return self.sessions.start(self.authenticate(username, password, client=client))

    def is_new(self) -> bool:
        """True on a database with no users yet."""
        with self.store.reading() as session:
            return not self.repo.count_users(session=session)

    def authenticate(self, username: str, password: str, *, client: str | None = None) -> Actor:
        """A local account's actor; one message for every failure, so nothing leaks. Failures
        are audited (never with the name or password typed) and throttled per account and per
        account and client address (use_cases/sign_in_throttle.py): while a wait is due every
        try is refused, the right password too, without checking or counting it."""
        name, now = normal_username(username), self.clock()
        keys = throttle_keys(self.secret, name, client)
        with self.store.reading() as session:
            account = self.repo.account_by_username(session=session, username=name)
            since = now - WINDOW
            pair = self.repo.failures_since(session=session, keys=[keys.pair], since=since)
            anywhere = self.repo.failures_since(session=session, keys=[keys.account], since=since)
        wait = wait_due(pair, anywhere, now)
        if wait > timedelta(0):  # refused unchecked, and not counted: see sign_in_throttle.py
            self.store.write(lambda session: self._audit_failure(session, account, throttled=True))
            minutes = max(1, round(wait.total_seconds() / 60))
            raise SignInThrottled(
                "Too many failed sign-ins for this account. Wait "
                f"{minutes} minute{'s' if minutes > 1 else ''} and try again, or ask an "
                "administrator to set a new password.",
                wait=wait,
            )
        right = verify_password(account.password_hash if account else None, password)

        def write(session: Session) -> Actor | None:
            if account is not None and right and account.active:
                self.repo.clear_failures(session=session, keys=keys.both)
                actor: Actor = account.actor
                return actor
            self.repo.add_failures(session=session, keys=keys.both, at=now)
            self._audit_failure(session, account, throttled=False)
            return None

        signed_in = self.store.write(write)
        if signed_in is None:
            raise NotAllowed(WRONG)
        return signed_in

    def _audit_failure(self, session: Session, account: Account | None, *, throttled: bool) -> None:
        """A refused sign-in, audited without the name or password typed."""
        self.audit(
            session, None, "sign_in_failed", "user",
            account.actor.user_id if account else None, new={"throttled": throttled},
        )  # fmt: skip

    def bootstrap_admin(
        self, *, username: str, display_name: str, password: str, email: str | None = None
    ) -> UserPublic:
        """The first administrator, from the command line. Refused once any admin exists."""

        def write(session: Session) -> UserPublic:
            if self.repo.count_users(session=session, role=Role.ADMIN):
                raise InvalidInput("An administrator exists already; sign in as them to add users.")
            if not password:
                raise InvalidInput("The first administrator needs a password.")
            user = self._new_user(
                session, username, display_name, Role.ADMIN, email, password, None
            )
            self.audit(session, None, "create_admin", "user", user.id, new={"username": username})
            return user

        return self.store.write(write)

    def reissue_demo_password(self, username: str, password: str) -> None:
        """The demo only: a new password for one of its own accounts, so its home page can
        offer the one-click sign-ins again (the passwords shown at the start are kept nowhere).
        Refused on a real database and for any account not the demo's."""
        name = normal_username(username)
        if not self.store.demo or not name.startswith(DEMO_PREFIX):
            raise NotAllowed("Only the demo's own accounts get new passwords this way.")

        def write(session: Session) -> None:
            account = self.repo.account_by_username(session=session, username=name)
            if account is None:
                raise NotFound(f"The demo has no account '{name}'.")
            user_id = account.actor.user_id
            digest = hash_password(password, username=name, name=account.actor.display_name)
            self.repo.set_user(session=session, user_id=user_id, password_hash=digest)
            self.repo.clear_failures_beginning(
                session=session, prefix=throttle_keys(self.secret, name, None).every_address
            )
            self.audit(session, None, "reissue_demo_password", "user", user_id)

        self.store.write(write)

    def _new_user(
        self,
        session: Session,
        username: str,
        display_name: str,
        role: Role,
        email: str | None,
        password: str | None,
        organisation_id: str | None,
    ) -> UserPublic:
        username = check_username(username)
        if username.startswith(DEMO_PREFIX) and not self.store.demo:
            raise InvalidInput(f"User names starting '{DEMO_PREFIX}' belong to the demo.")
        if self.repo.account_by_username(session=session, username=username) is not None:
            raise InvalidInput(f"The user name '{username}' is taken.")
        display_name = clean_name(display_name)
        if len(display_name) > 200:
            raise InvalidInput("A name can be at most 200 characters.")
        email = self._free_email(session, email)
        user: UserPublic = self.repo.insert_user(
            session=session,
            values={
                "username": username, "display_name": display_name or username,
                "email": email, "role": role.value, "organisation_id": organisation_id,
                "password_hash": (
                    hash_password(password, username=username, name=display_name)
                    if password else None
                ),
                "active": True,
            },
        )  # fmt: skip
        return user

    @allowed(Role.ADMIN, action="add users")
    def create_user(
        self,
        actor: Actor,
        *,
        username: str,
        display_name: str,
        role: Role,
        email: str | None = None,
        password: str | None = None,
        organisation_id: str | None = None,
    ) -> UserPublic:
        if role is not Role.ADMIN and not organisation_id:
            raise InvalidInput(
                "HR officers and panel members belong to one organisation; choose it."
            )

        def write(session: Session) -> UserPublic:
            if organisation_id and not self.repo.organisation_exists(
                session=session, organisation_id=organisation_id
            ):
                raise NotFound(f"There is no organisation '{organisation_id}'.")
            user = self._new_user(
                session, username, display_name, role, email, password, organisation_id
            )
            self.audit(
                session, actor, "create_user", "user", user.id,
                new={"username": username, "role": role.value},
            )  # fmt: skip
            return user

        return self.store.write(write)

    def _free_email(
        self, session: Session, email: str | None, user_id: int | None = None
    ) -> str | None:
        """The address in its normal form, if no other account has it (whatever its case)."""
        email = normal_email(email)
        if email and self.repo.email_taken(session=session, email=email, other_than=user_id):
            raise InvalidInput(
                "Another account has that e-mail address; each address belongs to one account."
            )
        return email

    @allowed(Role.ADMIN, action="change e-mail addresses")
    def set_email(self, actor: Actor, *, user_id: int, email: str | None) -> None:
        """A new address (or none). An open invitation to single sign-on was for the old
        address, so it is withdrawn."""

        def write(session: Session) -> None:
            user = self._account(session, user_id)
            address = self._free_email(session, email, user_id)
            if address == user.email:
                return
            withdrawn = user.sign_on is SignOnState.INVITED
            values: dict[str, Any] = {"email": address}
            if withdrawn:
                values["sso_invited_at"] = None
            self.repo.set_user(session=session, user_id=user_id, **values)
            self.audit(
                session, actor, "set_email", "user", user_id,
                new={"email": "set" if address else "cleared", "invitation_withdrawn": withdrawn},
            )  # fmt: skip

        self.store.write(write)

    @allowed(Role.ADMIN, action="list users")
    def list_users(self, actor: Actor) -> list[UserPublic]:
        with self.store.reading() as session:
            users: list[UserPublic] = self.repo.list_users(session=session)
            return users

    def _account(self, session: Session, user_id: int) -> UserPublic:
        user: UserPublic | None = self.repo.user(session=session, user_id=user_id)
        if user is None:
            raise NotFound(f"There is no user {user_id}.")
        return user

    @allowed(Role.ADMIN, action="set passwords")
    def set_password(self, actor: Actor, *, user_id: int, password: str) -> None:
        def write(session: Session) -> None:
            user = self._account(session, user_id)
            digest = hash_password(password, username=user.username, name=user.display_name)
            self.repo.set_user(session=session, user_id=user_id, password_hash=digest)
            self.repo.revoke_user_sessions(session=session, user_id=user_id, at=self.clock())
            self.repo.clear_failures_beginning(
                session=session,
                prefix=throttle_keys(self.secret, user.username, None).every_address,
            )
            self.audit(session, actor, "set_password", "user", user_id)

        self.store.write(write)

    @allowed(Role.ADMIN, action="close accounts")
    def deactivate_user(self, actor: Actor, *, user_id: int) -> None:
        def write(session: Session) -> None:
            self._account(session, user_id)
            if user_id == actor.user_id:
                raise InvalidInput("You cannot close your own account.")
            self.repo.set_user(session=session, user_id=user_id, active=False, sso_invited_at=None)
            self.repo.revoke_user_sessions(session=session, user_id=user_id, at=self.clock())
            self.audit(
                session, actor, "deactivate_user", "user", user_id,
                old={"active": True}, new={"active": False},
            )  # fmt: skip

        self.store.write(write)

    @allowed(Role.ADMIN, action="list organisations")
    def list_organisations(self, actor: Actor) -> list[tuple[str, str]]:
        with self.store.reading() as session:
            found: list[tuple[str, str]] = self.repo.organisations(session=session)
            return found

    @allowed(Role.ADMIN, action="reload organisations from the catalogue")
    def sync_organisations(self, actor: Actor) -> None:
        self.store.sync_organisations()
        self.store.write(lambda session: self.audit(
            session, actor, "sync_organisations", "organisation",
            new=sorted(self.store.catalogue.organisations),
        ))  # fmt: skip

    @allowed(Role.ADMIN, Role.HR, action="list panel members")
    def panel_members(self, actor: Actor) -> list[UserPublic]:
        with self.store.reading() as session:
            members: list[UserPublic] = self.repo.panel_members(
                session=session,
                organisation_id=None if actor.role is Role.ADMIN else actor.organisation_id or "",
            )
            return members
