"""Domain errors of the service layer, each worded for the person who hit it."""

from __future__ import annotations

from collections.abc import Sequence

from scoring.problems import Problem


class ServiceError(Exception):
    """Base: the message is fit to show on a page."""


class NotAllowed(ServiceError):
    pass


class NotFound(ServiceError):
    pass


class StaleEdit(ServiceError):
    """Someone else changed the record since it was read: reload, then edit again."""


class InvalidInput(ServiceError):
    pass


class ImportRefused(ServiceError):
    """An import was refused as a whole; nothing was stored."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)
