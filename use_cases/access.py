"""Who may do what. Every service method declares the roles allowed to call it; the access
tests walk this registry, so a new service method without a declared rule fails them.

Whether the actor may still act at all (their session not ended, their account open and
unchanged) is checked once per request: the app checks the signed-in person once per run of a
page (use_cases/sessions.py's `Sessions.request`) and calls the services inside `trusting`
that actor. A call made outside any checked request (the command line, a test, a script) is
checked on its own, as before."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from storage.records import Actor as Actor
from storage.records import Role as Role
from use_cases.errors import NotAllowed

ROLE_NAMES = {Role.ADMIN: "administrators", Role.HR: "HR officers", Role.PANEL: "panel members"}
ONE_OF = {Role.ADMIN: "an administrator", Role.HR: "an HR officer", Role.PANEL: "a panel member"}


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

REGISTRY: dict[str, frozenset[Role]] = {}

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


def allowed(
    *roles: Role, action: str
) -> Callable[[Callable[Concatenate[S, Actor, P], R]], Callable[Concatenate[S, Actor, P], R]]:
    """Refuse the call unless the actor has one of `roles`; `action` words the refusal. Outside
    a checked request (`trusting`), the actor's session is checked first, on this call.

    Only that: the call runs once. Each of its write transactions is retried on its own when
    the database gives up on it (storage/store.py's `Store.write`), so nothing here repeats a
    call, nor a write that had committed, nor the e-mail sent after one."""

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
            return method(self, actor, *args, **kwargs)

        guarded.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def roles_of(method: Any) -> frozenset[Role]:
    return frozenset(getattr(method, "allowed_roles", frozenset()))
