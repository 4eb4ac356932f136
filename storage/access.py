"""Who may do what. Every service method declares the roles allowed to call it; the access
tests walk this registry, so a new service method without a declared rule fails them."""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel, ConfigDict

from storage.errors import NotAllowed
from storage.incidents import retryable


class Role(StrEnum):
    ADMIN = "admin"
    HR = "hr"
    PANEL = "panel"


ROLE_NAMES = {Role.ADMIN: "administrators", Role.HR: "HR officers", Role.PANEL: "panel members"}
ONE_OF = {Role.ADMIN: "an administrator", Role.HR: "an HR officer", Role.PANEL: "a panel member"}


class Actor(BaseModel):
    """The signed-in person a service call is made for."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    username: str
    display_name: str
    role: Role
    organisation_id: str | None = None
    session_id: str | None = None  # the sign-in session (a token's hash), when there is one


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

REGISTRY: dict[str, frozenset[Role]] = {}
ATTEMPTS = 4  # a call the database gave up on (a deadlock, a serialization failure) is retried


def allowed(
    *roles: Role, action: str
) -> Callable[[Callable[Concatenate[S, Actor, P], R]], Callable[Concatenate[S, Actor, P], R]]:
    """Refuse the call unless the actor has one of `roles`; `action` words the refusal."""

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
            for attempt in range(ATTEMPTS):
                try:
                    return method(self, actor, *args, **kwargs)
                except Exception as exc:  # one transaction per call: safe to run again
                    if attempt == ATTEMPTS - 1 or not retryable(exc):
                        raise
                    time.sleep(0.05 * 2**attempt)
            raise AssertionError("unreachable")

        guarded.allowed_roles = frozenset(roles)  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate


def roles_of(method: Any) -> frozenset[Role]:
    return frozenset(getattr(method, "allowed_roles", frozenset()))
