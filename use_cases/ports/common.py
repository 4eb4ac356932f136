"""The checks every use case shares: the repository functions use_cases/common.py calls, with their
signatures from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session

from scoring.rules.score_checks import Seat
from storage.records import Actor, Role, VacancyPublic
from storage.repository.sessions import OpenSession


class UseCaseRepository(Protocol):
    """The vacancy and seat an actor may reach, their session, the conflicts a member declared, and
    the audit log: what `UseCase`'s shared checks call, so every use case's repository
    extends it."""

    def conflicted_ids(self, *, session: Session, vacancy_id: int, user_id: int) -> set[int]: ...

    def load_vacancy(self, *, session: Session, vacancy_id: int) -> VacancyPublic | None: ...

    def lock_vacancy(self, *, session: Session, vacancy_id: int) -> None: ...

    def open_session(
        self, *, session: Session, session_id: str | None = None, token_hash: str | None = None
    ) -> OpenSession | None: ...

    def record_audit(
        self,
        *,
        session: Session,
        key: bytes,
        actor: Actor | None,
        action: str,
        entity: str,
        entity_id: str | int | None = None,
        vacancy_id: int | None = None,
        old: Any = None,
        new: Any = None,
    ) -> None: ...

    def seat(
        self, *, session: Session, vacancy_id: int, user_id: int
    ) -> tuple[Seat, int] | None: ...

    def touch_session(self, *, session: Session, session_id: str, at: datetime) -> None: ...

    def user_state(
        self, *, session: Session, user_id: int
    ) -> tuple[bool, Role, str | None] | None: ...
