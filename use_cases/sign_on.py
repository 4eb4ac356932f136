"""Single sign-on (Streamlit's st.login): an identity reaches the account it is bound to, and
is bound once, to an account an administrator invited, through a verified e-mail address
(the rule: storage/sign_on_rules.py)."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError
from sqlalchemy.orm import Session

from storage.repository import REPOSITORY
from storage.repository.users import Account
from storage.sign_on_rules import REFUSED, Decision, Identity, Refusal, decide
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput, NotAllowed, NotFound
from use_cases.ports.sign_on import SignOnRepository


class SignOn(UseCase):
    repo: SignOnRepository

    def __init__(
        self, store: Store, *, repo: SignOnRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    def actor_for_identity(self, claims: Mapping[str, object]) -> Actor:
        """The actor of a signed-on identity (the claims of its ID token: `st.user`), binding
        it to an invited account on first use; refused with one message whatever the reason,
        and audited (the reason, never the e-mail address or the subject)."""
        try:
            identity = Identity.from_claims(claims)
        except ValidationError:  # no issuer or subject: nothing to bind
            self.store.write(
                lambda session: self._refused(session, Decision(None, refusal=Refusal.INCOMPLETE))
            )
            raise NotAllowed(REFUSED) from None

        def write(session: Session) -> tuple[Decision, Account | None]:
            by_email = (
                self.repo.account_by_email(session=session, email=identity.email)
                if identity.email
                else None
            )
            by_subject = self.repo.account_by_subject(session=session, subject=identity.subject)
            mine = by_subject if by_subject and by_subject.identity == _key(identity) else None
            decision = decide(
                identity,
                by_identity=mine.holder if mine else None,
                subject_held=by_subject is not None and mine is None,
                by_email=by_email.holder if by_email else None,
            )
            if decision.bind and not self._bind(session, decision, identity):
                decision = Decision(decision.user_id, refusal=Refusal.TAKEN_MEANWHILE)
            self._refused(session, decision)
            return decision, mine or by_email

        decision, account = self.store.write(write)
        if decision.refusal is not None or decision.user_id is None:
            raise NotAllowed(REFUSED)
        assert account is not None and account.actor.user_id == decision.user_id
        return account.actor

    def _refused(self, session: Session, decision: Decision) -> None:
        if decision.refusal is not None:
            self.audit(
                session, None, "sign_on_refused", "user", decision.user_id,
                new={"reason": decision.refusal.value},
            )  # fmt: skip

    def _bind(self, session: Session, decision: Decision, identity: Identity) -> bool:
        assert decision.user_id is not None
        bound = self.repo.bind_identity(
            session=session, user_id=decision.user_id,
            issuer=identity.issuer, subject=identity.subject,
        )  # fmt: skip
        if bound:
            self.audit(
                session, None, "bind_sign_on", "user", decision.user_id,
                old={"sign_on": "invited"}, new={"sign_on": "bound", "issuer": identity.issuer},
            )  # fmt: skip
        return bound

    def _open_account(self, session: Session, user_id: int) -> Account:
        account: Account | None = self.repo.account_by_id(session=session, user_id=user_id)
        if account is None:
            raise NotFound(f"There is no user {user_id}.")
        if not account.active:
            raise InvalidInput("That account is closed.")
        return account

    @allowed(Role.ADMIN, action="invite users to single sign-on")
    def invite(self, actor: Actor, *, user_id: int) -> None:
        """Let the next sign-on with this account's e-mail address (verified by the
        provider) bind to it, once."""

        def write(session: Session) -> None:
            account = self._open_account(session, user_id)
            user = self.repo.user(session=session, user_id=user_id)
            if account.identity is not None:
                raise InvalidInput("That account signs on already.")
            if account.invited:
                raise InvalidInput("That account is invited already.")
            if user is None or not user.email:
                raise InvalidInput(
                    "Give the account an e-mail address first: single sign-on matches it once."
                )
            self.repo.set_user(session=session, user_id=user_id, sso_invited_at=self.clock())
            self.audit(
                session, actor, "invite_sign_on", "user", user_id,
                old={"sign_on": "none"}, new={"sign_on": "invited"},
            )  # fmt: skip

        self.store.write(write)

    @allowed(Role.ADMIN, action="withdraw invitations to single sign-on")
    def withdraw(self, actor: Actor, *, user_id: int) -> None:
        def write(session: Session) -> None:
            account: Account | None = self.repo.account_by_id(session=session, user_id=user_id)
            if account is None:
                raise NotFound(f"There is no user {user_id}.")
            if not account.invited:
                raise InvalidInput("That account has no invitation to withdraw.")
            self.repo.set_user(session=session, user_id=user_id, sso_invited_at=None)
            self.audit(
                session, actor, "withdraw_sign_on", "user", user_id,
                old={"sign_on": "invited"}, new={"sign_on": "none"},
            )  # fmt: skip

        self.store.write(write)


def _key(identity: Identity) -> tuple[str, str]:
    return identity.issuer, identity.subject
