"""When a signed-in session or account may no longer be used, in the person's words."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.records import Actor, Role
from storage.repository.sessions import OpenSession

TOUCH_EVERY = timedelta(minutes=1)  # a session's last use is written at most this often


@dataclass(frozen=True)
class SessionRules:
    lifetime: timedelta = timedelta(hours=12)
    idle: timedelta = timedelta(minutes=30)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def account_refusal(state: tuple[bool, Role, str | None] | None, actor: Actor) -> str | None:
    """For an actor without a session (single sign-on, the command line): the account must
    still be open and have the same role."""
    if state is None or not state[0]:
        return "Your account has been closed."
    if state[1] is not actor.role or state[2] != actor.organisation_id:
        return "Your account has changed; sign in again."
    return None


def why_ended(
    found: OpenSession | None, now: datetime, rules: SessionRules, held: Actor | None = None
) -> str | None:
    """None while the session may be used; else, in the person's words, why not. `held`: the
    actor a page kept since sign-in, which must be the session's own account as it is now (the
    same user, role and organisation): an actor altered in a page's memory, or carrying another
    person's session, is refused."""
    if found is None:
        return "You have been signed out."
    if not found.user_active:
        return "Your account has been closed."
    if found.revoked:
        return "You have been signed out."
    if found.actor.role is not found.role_at_start:
        return "Your account's role has changed; sign in again."
    if now >= found.expires_at:
        return "Your session has expired; sign in again."
    if now - found.last_seen_at > rules.idle:
        return "You were signed out after a spell without use; sign in again."
    if held is not None and _who(held) != _who(found.actor):
        return "Your account has changed; sign in again."
    return None


def _who(actor: Actor) -> tuple[int, Role, str | None]:
    return actor.user_id, actor.role, actor.organisation_id
