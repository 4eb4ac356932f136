"""Errors of the service layer, each worded for the person who hit it. The families are the
core's (scoring/errors.py), so a rule refused in the core and a refusal here read alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from formats.problems import Problem
from scoring.errors import DomainError, InvalidInput, NotAllowed, NotFound, StaleEdit

ServiceError = DomainError

__all__ = [
    "ImportRefused",
    "InvalidInput",
    "NotAllowed",
    "NotFound",
    "ScoresRefused",
    "ServiceError",
    "StaleEdit",
]


class ScoresRefused(DomainError):
    """Some of a batch of scores were refused (each with its reason); none was stored."""

    def __init__(self, refusals: Sequence[tuple[Any, DomainError]]) -> None:
        first = refusals[0][1]
        more = f" (and {len(refusals) - 1} more)" if len(refusals) > 1 else ""
        super().__init__(f"Nothing was stored: {first}{more}")
        self.refusals = tuple(refusals)


class ImportRefused(DomainError):
    """An import was refused as a whole; nothing was stored."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
