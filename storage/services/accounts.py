"""Accounts: signing in (no actor needed), the first administrator, and administrators'
users and organisations."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput, NotAllowed, NotFound
from storage.models import UserPublic
from storage.passwords import hash_password, verify_password
from storage.services.common import UseCase

WRONG = "The user name or password is not right, or the account is closed."


class Accounts(UseCase):
    def is_new(self) -> bool:
        """True on a database with no users yet."""
        with self.store.reading() as session:
            return not self.repo.count_users(session=session)

    def authenticate(self, username: str, password: str) -> Actor:
        """A local account's actor; one message for every failure, so nothing leaks."""
        with self.store.reading() as session:
            account = self.repo.account_by_username(session=session, username=username.strip())
        ok = verify_password(account.password_hash if account else None, password)
        if account is None or not ok or not account.active:
            raise NotAllowed(WRONG)
        actor: Actor = account.actor
        return actor

    def actor_for_identity(self, *, subject: str, email: str | None) -> Actor:
        """Map a single-sign-on identity (st.login) to its user: by subject, else by e-mail
        on first sign-in (then the subject is remembered)."""
        with self.store.writing() as session:
            account = self.repo.account_by_subject(session=session, subject=subject)
            if account is None and email:
                account = self.repo.account_by_email(session=session, email=email)
                if account is not None and account.oidc_subject is None:
                    self.repo.set_user(
                        session=session, user_id=account.actor.user_id, oidc_subject=subject
                    )
            if account is None or not account.active:
                raise NotAllowed(
                    "Your account is not set up in the shortlisting tool; ask an administrator "
                    f"to add {email or 'your e-mail address'}."
                )
            actor: Actor = account.actor
            return actor

    def bootstrap_admin(
        self, *, username: str, display_name: str, password: str, email: str | None = None
    ) -> UserPublic:
        """The first administrator, from the command line. Refused once any admin exists."""
        with self.store.writing() as session:
            if self.repo.count_users(session=session, role=Role.ADMIN):
                raise InvalidInput("An administrator exists already; sign in as them to add users.")
            user = self._new_user(
                session, username, display_name, Role.ADMIN, email, password, None
            )
            self.audit(session, None, "create_admin", "user", user.id, new={"username": username})
            return user

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
        username = username.strip()
        if not username or len(username) > 120:
            raise InvalidInput("A user name is needed (up to 120 characters).")
        if self.repo.account_by_username(session=session, username=username) is not None:
            raise InvalidInput(f"The user name '{username}' is taken.")
        user: UserPublic = self.repo.insert_user(
            session=session,
            values={
                "username": username, "display_name": display_name.strip() or username,
                "email": email, "role": role.value, "organisation_id": organisation_id,
                "password_hash": hash_password(password) if password else None, "active": True,
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
        with self.store.writing() as session:
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
        with self.store.writing() as session:
            self._account(session, user_id)
            self.repo.set_user(
                session=session, user_id=user_id, password_hash=hash_password(password)
            )
            self.audit(session, actor, "set_password", "user", user_id)

    @allowed(Role.ADMIN, action="close accounts")
    def deactivate_user(self, actor: Actor, *, user_id: int) -> None:
        with self.store.writing() as session:
            self._account(session, user_id)
            if user_id == actor.user_id:
                raise InvalidInput("You cannot close your own account.")
            self.repo.set_user(session=session, user_id=user_id, active=False)
            self.audit(
                session, actor, "deactivate_user", "user", user_id,
                old={"active": True}, new={"active": False},
            )  # fmt: skip

    @allowed(Role.ADMIN, action="list organisations")
    def list_organisations(self, actor: Actor) -> list[tuple[str, str]]:
        with self.store.reading() as session:
            found: list[tuple[str, str]] = self.repo.organisations(session=session)
            return found

    @allowed(Role.ADMIN, action="reload organisations from the catalogue")
    def sync_organisations(self, actor: Actor) -> None:
        self.store.sync_organisations()
        with self.store.writing() as session:
            self.audit(
                session, actor, "sync_organisations", "organisation",
                new=sorted(self.store.catalogue.organisations),
            )  # fmt: skip

    @allowed(Role.ADMIN, Role.HR, action="list panel members")
    def panel_members(self, actor: Actor) -> list[UserPublic]:
        with self.store.reading() as session:
            members: list[UserPublic] = self.repo.panel_members(
                session=session, organisation_id=actor.organisation_id
            )
            return members
