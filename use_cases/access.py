"""Who may do what. Every service method declares the roles allowed to call it; the access
tests walk this registry, so a new service method without a declared rule fails them."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from incidents import retryable
from storage.records import Actor as Actor
from storage.records import Role as Role
from use_cases.errors import NotAllowed

ROLE_NAMES = {Role.ADMIN: "administrators", Role.HR: "HR officers", Role.PANEL: "panel members"}
ONE_OF = {Role.ADMIN: "an administrator", Role.HR: "an HR officer", Role.PANEL: "a panel member"}


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

REGISTRY: dict[str, frozenset[Role]] = {}
ATTEMPTS = 4  # a call the database gave up on (a deadlock, a serialization failure) is retried

# What the current service call has done outside the database (e-mail handed to a server);
# None outside a call. Shared by the calls one call makes, so no level of them repeats it.
_EFFECTS: ContextVar[list[str] | None] = ContextVar("external_effects", default=None)


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
            if attempt == ATTEMPTS - 1 or not retryable(exc) or not may_repeat():
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def _no_external_effects() -> bool:
    return not had_external_effects()


def allowed(
    *roles: Role, action: str
) -> Callable[[Callable[Concatenate[S, Actor, P], R]], Callable[Concatenate[S, Actor, P], R]]:
    """Refuse the call unless the actor has one of `roles`; `action` words the refusal.

    A call the database gave up on is run again from the start (`retried`), so a method's
    body must be safe to repeat: each of its transactions is all or nothing, and nothing
    leaves the database (no e-mail) until the transaction that records it has committed
    (use_cases/common.py's Outbox). Once something has left (`external_effect`), the
    call is not run again: an error after that reaches the caller."""

    def decorate(
        method: Callable[Concatenate[S, Actor, P], R],
    ) -> Callable[Concatenate[S, Actor, P], R]:
        REGISTRY[method.__qualname__] = frozenset(roles)

        @wraps(method)
        def guarded(self: S, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> R:
            if not isinstance(actor, Actor):
                raise NotAllowed("Sign in first.")
            check = getattr(self, "check_actor", None)
            if check is not None:
                check(actor)  # still open, same role, session not ended: on every call
            if actor.role not in roles:
                who = " or ".join(ROLE_NAMES[r] for r in sorted(roles))
                raise NotAllowed(
                    f"Only {who} may {action}; you are signed in as {ONE_OF[actor.role]}."
                )
            outermost = _EFFECTS.get() is None
            token = _EFFECTS.set([]) if outermost else None
            try:
                return retried(
                    lambda: method(self, actor, *args, **kwargs), may_repeat=_no_external_effects
                )
            finally:
                if token is not None:
                    _EFFECTS.reset(token)

        guarded.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def roles_of(method: Any) -> frozenset[Role]:
    return frozenset(getattr(method, "allowed_roles", frozenset()))
