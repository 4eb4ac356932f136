"""Who may do what. Every service method declares the roles allowed to call it; the access
tests walk this registry, so a new service method without a declared rule fails them."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel, ConfigDict

from storage.errors import NotAllowed


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


P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

REGISTRY: dict[str, frozenset[Role]] = {}


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
