"""Sign-in sessions: a random token in an HttpOnly cookie, signed with the deployment's
secret, and a server-side record of it (only the token's hash). A session ends at its expiry,
after a spell without use, at sign-out, or when its account is closed or changes role. The app
checks it once per request (`Sessions.request`), and the services trust the checked actor
inside it; a service call outside any request checks it itself (use_cases/access.py).

The browser gets the cookie by trading a one-time code, issued with the session, at
`/auth/session` (server.py): the page itself cannot set an HttpOnly cookie."""

from __future__ import annotations

import secrets
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, TimestampSigner
from sqlalchemy.orm import Session

from storage.repository import REPOSITORY
from storage.session_rules import digest, why_ended
from storage.store import Store
from use_cases.access import Actor, trusting
from use_cases.common import Clock, UseCase, system_clock
from use_cases.ports.sessions import SessionsRepository

COOKIE = "shortlisting_session"
CODE_LIFETIME = timedelta(minutes=2)


@dataclass(frozen=True)
class Issued:
    actor: Actor
    code: str  # traded once for the cookie


class Sessions(UseCase):
    repo: SessionsRepository

    def __init__(
        self, store: Store, *, secret: bytes, repo: SessionsRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:  # fmt: skip
        super().__init__(store, repo=repo, clock=clock)
        self.signer = TimestampSigner(secret, salt="session-cookie")

    def start(self, actor: Actor) -> Issued:
        """A new session for an actor who has just proved who they are."""
        session_id, code, now = secrets.token_hex(16), secrets.token_urlsafe(24), self.clock()

        def write(session: Session) -> None:
            self.repo.insert_session(
                session=session, session_id=session_id, user_id=actor.user_id, role=actor.role,
                at=now, expires_at=now + self.store.session_rules.lifetime,
                code_hash=digest(code), code_expires_at=now + CODE_LIFETIME,
            )  # fmt: skip

        self.store.write(write)
        return Issued(actor.model_copy(update={"session_id": session_id}), code)

    def trade(self, code: str) -> tuple[str, int] | None:
        """(cookie value, seconds it lasts) for a one-time code; None if the code is no good."""
        token, now = secrets.token_urlsafe(32), self.clock()
        expires = self.store.write(
            lambda session: self.repo.take_code(
                session=session, code_hash=digest(code), token_hash=digest(token), now=now
            )
        )
        if expires is None:
            return None
        return self.signer.sign(token).decode(), max(0, int((expires - now).total_seconds()))

    def request(self, actor: Actor) -> AbstractContextManager[Actor]:
        """Check `actor` once (their session not ended, their account open and unchanged; its
        use noted, at most once a minute) and return the request in which the services trust
        them without checking again: `with services.sessions.request(actor): ...`. Refused
        (NotAllowed, saying why) if they may not go on."""
        self.check_actor(actor)
        return trusting(actor)

    def resume(self, cookie: str) -> Actor | None:
        """The actor of a cookie's session while it may be used (its last use noted)."""
        try:
            token = self.signer.unsign(cookie).decode()
        except (BadSignature, UnicodeDecodeError):
            return None
        now = self.clock()
        with self.store.reading() as session:
            found = self.repo.open_session(session=session, token_hash=digest(token))
        if found is None or why_ended(found, now, self.store.session_rules):
            return None
        self.touch(found, now)
        return found.actor

    def end(self, actor: Actor) -> None:
        """Sign out: the session can never be used again, whatever the browser keeps."""
        if actor.session_id is None:
            return
        session_id = actor.session_id
        self.store.write(
            lambda session: self.repo.revoke_session(
                session=session, session_id=session_id, at=self.clock()
            )
        )
