"""Who may do what. Every service method declares the roles allowed to call it; the access
tests walk this registry, so a new service method without a declared rule fails them.

Whether the actor may still act at all (their session not ended, their account open and
unchanged) is checked once per request: the app checks the signed-in person once per run of a
page (use_cases/sessions.py's `Sessions.request`) and calls the services inside `trusting`
that actor. A call made outside any checked request (the command line, a test, a script) is
checked on its own, as before."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from incidents import retryable
from storage.records import Actor as Actor
from storage.records import Role as Role
from storage.store import ATTEMPTS as STORE_ATTEMPTS
from storage.store import commits, retried_already
from use_cases.errors import NotAllowed

ROLE_NAMES = {Role.ADMIN: "administrators", Role.HR: "HR officers", Role.PANEL: "panel members"}
ONE_OF = {Role.ADMIN: "an administrator", Role.HR: "an HR officer", Role.PANEL: "a panel member"}


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

REGISTRY: dict[str, frozenset[Role]] = {}
ATTEMPTS = STORE_ATTEMPTS  # a call the database gave up on is retried, as a write is

# What the current service call has done outside the database (e-mail handed to a server);
# None outside a call. Shared by the calls one call makes, so no level of them repeats it.
_EFFECTS: ContextVar[list[str] | None] = ContextVar("external_effects", default=None)


# The actor whose session this request has checked already; None outside a checked request.
_CHECKED: ContextVar[Actor | None] = ContextVar("checked_actor", default=None)


@contextmanager
def trusting(actor: Actor) -> Iterator[Actor]:
    """Service calls made as `actor` inside the block skip the session check: open it only
    just after that check (Sessions.request), for one request (a run of a page, or of a
    fragment). Another actor's calls are still checked each."""
    token = _CHECKED.set(actor)
    try:
        yield actor
    finally:
        _CHECKED.reset(token)


def is_trusted(actor: Actor) -> bool:
    """Has this request checked `actor`'s session already?"""
    checked = _CHECKED.get()
    return checked is not None and checked == actor


def external_effect(what: str) -> None:
    """Note that the current call has done `what` outside the database, which no rollback
    undoes: from here on `allowed` does not run the call again. Say it before the effect."""
    done = _EFFECTS.get()
    if done is not None:
        done.append(what)


def had_external_effects() -> bool:
    return bool(_EFFECTS.get())


def _always() -> bool:
    return True


def retried(run: Callable[[], R], *, may_repeat: Callable[[], bool] = _always) -> R:
    """`run()`, run again (up to ATTEMPTS times) while the database gives up on it (a
    deadlock, a serialization failure: `retryable`) and `may_repeat()`. Only for work that is
    safe to repeat: transactions that roll back whole, and nothing outside the database."""
    for attempt in range(ATTEMPTS):
        try:
            return run()
        except Exception as exc:
            if (
                attempt == ATTEMPTS - 1
                or not retryable(exc)
                or retried_already(exc)
                or not may_repeat()
            ):
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def allowed(
    *roles: Role, action: str
) -> Callable[[Callable[Concatenate[S, Actor, P], R]], Callable[Concatenate[S, Actor, P], R]]:
    """Refuse the call unless the actor has one of `roles`; `action` words the refusal. Outside
    a checked request (`trusting`), the actor's session is checked first, on this call.

    A method's write transactions retry themselves (storage/store.py's `Store.write`). A
    method still writing through `Store.writing` is run again from the start while the
    database gives up on it (`retried`), but only while none of its writes has committed and
    nothing has left the database (`external_effect`): so what is repeated is the one failing
    transaction and the reads before it, never a write that was stored."""

    def decorate(
        method: Callable[Concatenate[S, Actor, P], R],
    ) -> Callable[Concatenate[S, Actor, P], R]:
        REGISTRY[method.__qualname__] = frozenset(roles)

        @wraps(method)
        def guarded(self: S, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> R:
            if not isinstance(actor, Actor):
                raise NotAllowed("Sign in first.")
            check = getattr(self, "check_actor", None)
            if check is not None and not is_trusted(actor):
                check(actor)  # still open, same role, session not ended
            if actor.role not in roles:
                who = " or ".join(ROLE_NAMES[r] for r in sorted(roles))
                raise NotAllowed(
                    f"Only {who} may {action}; you are signed in as {ONE_OF[actor.role]}."
                )
            outermost = _EFFECTS.get() is None
            token = _EFFECTS.set([]) if outermost else None
            stored = commits()

            def may_repeat() -> bool:
                return not had_external_effects() and commits() == stored

            try:
                return retried(lambda: method(self, actor, *args, **kwargs), may_repeat=may_repeat)
            finally:
                if token is not None:
                    _EFFECTS.reset(token)

        guarded.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def roles_of(method: Any) -> frozenset[Role]:
    return frozenset(getattr(method, "allowed_roles", frozenset()))
