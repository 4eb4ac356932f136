"""The append-only audit log: who, when, what, old value, new value."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage import tables
from storage.access import Actor

INSERT = insert(tables.AuditEntry.__table__)


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    *,
    vacancy_id: int | None = None,
    old: Any = None,
    new: Any = None,
) -> None:
    session.connection().execute(
        INSERT,
        {
            "at": datetime.now(UTC),
            "actor_id": actor.user_id if actor else None,
            "actor": actor.username if actor else "system",
            "action": action,
            "vacancy_id": vacancy_id,
            "entity": entity,
            "entity_id": None if entity_id is None else str(entity_id),
            "old_value": old,
            "new_value": new,
        },
    )
