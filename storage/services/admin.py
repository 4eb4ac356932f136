"""Administrators: users and organisations. Also signing in, which needs no actor."""

from __future__ import annotations

from sqlalchemy import func, select

from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput, NotAllowed, NotFound
from storage.models import UserPublic
from storage.passwords import hash_password, verify_password
from storage.services.base import ServiceBase


def actor_of(user: tables.User) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        organisation_id=user.organisation_id,
    )


class AdminService(ServiceBase):
    def is_new(self) -> bool:
        """True on a database with no users yet (the home page then offers the demo)."""
        with self.store.reading() as session:
            return not session.scalar(select(func.count()).select_from(tables.User))

    def authenticate(self, username: str, password: str) -> Actor:
        """A local account's actor; one message for every failure, so nothing leaks."""
        with self.store.reading() as session:
            user = session.scalar(
                select(tables.User).where(tables.User.username == username.strip())
            )
            ok = verify_password(user.password_hash if user else None, password)
            if user is None or not ok or not user.active:
                raise NotAllowed(
                    "The user name or password is not right, or the account is closed."
                )
            return actor_of(user)

    def actor_for_identity(self, *, subject: str, email: str | None) -> Actor:
        """Map a single-sign-on identity (st.login) to its user: by subject, else by e-mail
        on first sign-in (then the subject is remembered)."""
        with self.store.writing() as session:
            user = session.scalar(select(tables.User).where(tables.User.oidc_subject == subject))
            if user is None and email:
                user = session.scalar(
                    select(tables.User).where(func.lower(tables.User.email) == email.lower())
                )
                if user is not None and user.oidc_subject is None:
                    user.oidc_subject = subject
            if user is None or not user.active:
                raise NotAllowed(
                    "Your account is not set up in the shortlisting tool; ask an administrator "
                    f"to add {email or 'your e-mail address'}."
                )
            return actor_of(user)

    def bootstrap_admin(
        self, *, username: str, display_name: str, password: str, email: str | None = None
    ) -> UserPublic:
        """The first administrator, from the command line. Refused once any admin exists."""
        with self.store.writing() as session:
            if session.scalar(
                select(func.count())
                .select_from(tables.User)
                .where(tables.User.role == Role.ADMIN.value)
            ):
                raise InvalidInput("An administrator exists already; sign in as them to add users.")
            user = self._new_user(
                session, username, display_name, Role.ADMIN, email, password, None
            )
            audit.record(session, None, "create_admin", "user", user.id, new={"username": username})
            return UserPublic.model_validate(user)

    @staticmethod
    def _new_user(
        session,
        username: str,
        display_name: str,
        role: Role,
        email: str | None,
        password: str | None,
        organisation_id: str | None,
    ) -> tables.User:  # type: ignore[no-untyped-def]
        username = username.strip()
        if not username or len(username) > 120:
            raise InvalidInput("A user name is needed (up to 120 characters).")
        if session.scalar(select(tables.User).where(tables.User.username == username)):
            raise InvalidInput(f"The user name '{username}' is taken.")
        user = tables.User(
            username=username,
            display_name=display_name.strip() or username,
            email=email,
            role=role.value,
            organisation_id=organisation_id,
            password_hash=hash_password(password) if password else None,
            active=True,
        )
        session.add(user)
        session.flush()
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
            if organisation_id and session.get(tables.Organisation, organisation_id) is None:
                raise NotFound(f"There is no organisation '{organisation_id}'.")
            user = self._new_user(
                session, username, display_name, role, email, password, organisation_id
            )
            audit.record(
                session,
                actor,
                "create_user",
                "user",
                user.id,
                new={"username": username, "role": role.value},
            )
            return UserPublic.model_validate(user)

    @allowed(Role.ADMIN, action="list users")
    def list_users(self, actor: Actor) -> list[UserPublic]:
        with self.store.reading() as session:
            return [
                UserPublic.model_validate(u)
                for u in session.scalars(select(tables.User).order_by(tables.User.username))
            ]

    @allowed(Role.ADMIN, action="set passwords")
    def set_password(self, actor: Actor, *, user_id: int, password: str) -> None:
        with self.store.writing() as session:
            user = session.get(tables.User, user_id)
            if user is None:
                raise NotFound(f"There is no user {user_id}.")
            user.password_hash = hash_password(password)
            audit.record(session, actor, "set_password", "user", user_id)

    @allowed(Role.ADMIN, action="close accounts")
    def deactivate_user(self, actor: Actor, *, user_id: int) -> None:
        with self.store.writing() as session:
            user = session.get(tables.User, user_id)
            if user is None:
                raise NotFound(f"There is no user {user_id}.")
            if user.id == actor.user_id:
                raise InvalidInput("You cannot close your own account.")
            user.active = False
            audit.record(
                session,
                actor,
                "deactivate_user",
                "user",
                user_id,
                old={"active": True},
                new={"active": False},
            )

    @allowed(Role.ADMIN, action="list organisations")
    def list_organisations(self, actor: Actor) -> list[tuple[str, str]]:
        with self.store.reading() as session:
            return [
                (o.id, o.name)
                for o in session.scalars(
                    select(tables.Organisation).order_by(tables.Organisation.name)
                )
            ]

    @allowed(Role.ADMIN, action="reload organisations from the catalogue")
    def sync_organisations(self, actor: Actor) -> None:
        self.store.sync_organisations()
        with self.store.writing() as session:
            audit.record(
                session,
                actor,
                "sync_organisations",
                "organisation",
                new=sorted(self.store.catalogue.organisations),
            )

    @allowed(Role.ADMIN, Role.HR, action="list panel members")
    def panel_members(self, actor: Actor) -> list[UserPublic]:
        with self.store.reading() as session:
            query = select(tables.User).where(
                tables.User.role == Role.PANEL.value, tables.User.active.is_(True)
            )
            if actor.organisation_id:
                query = query.where(tables.User.organisation_id == actor.organisation_id)
            return [
                UserPublic.model_validate(u)
                for u in session.scalars(query.order_by(tables.User.display_name))
            ]
