"""The append-only audit log: who, when, what, old value, new value."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from storage import tables
from storage.access import Actor
from storage.models import AuditRecord

# Audited, but change nothing a shortlist is made from.
READ_ONLY_ACTIONS = ("export_shortlist", "prepare_feedback")
_INSERT = insert(tables.table_of(tables.AuditEntry))


def record(
    *,
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: str | int | None = None,
    vacancy_id: int | None = None,
    old: Any = None,
    new: Any = None,
    at: datetime,
) -> None:
    session.connection().execute(
        _INSERT,
        {
            "at": at,
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


def entries(
    *,
    session: Session,
    vacancy_id: int | None = None,
    organisation_id: str | None = None,
    leave_out: Sequence[str] = (),
    limit: int | None = None,
    newest_first: bool = True,
) -> list[AuditRecord]:
    """A vacancy's entries, or (with `organisation_id`) every entry about that organisation's
    vacancies and people."""
    order = tables.AuditEntry.id.desc() if newest_first else tables.AuditEntry.id
    query = select(tables.AuditEntry).order_by(order)
    if vacancy_id is not None:
        query = query.where(tables.AuditEntry.vacancy_id == vacancy_id)
    if organisation_id is not None:
        vacancies = select(tables.Vacancy.id).where(
            tables.Vacancy.organisation_id == organisation_id
        )
        people = select(tables.User.id).where(tables.User.organisation_id == organisation_id)
        query = query.where(
            tables.AuditEntry.vacancy_id.in_(vacancies)
            | (tables.AuditEntry.vacancy_id.is_(None) & tables.AuditEntry.actor_id.in_(people))
        )
    if leave_out:
        query = query.where(tables.AuditEntry.action.not_in(list(leave_out)))
    if limit is not None:
        query = query.limit(limit)
    return [AuditRecord.model_validate(e) for e in session.scalars(query)]


def count(*, session: Session, vacancy_id: int, actions: Sequence[str]) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(tables.AuditEntry)
            .where(
                tables.AuditEntry.vacancy_id == vacancy_id,
                tables.AuditEntry.action.in_(list(actions)),
            )
        )
        or 0
    )


def change_token(*, session: Session, vacancy_id: int) -> tuple[int, int]:
    """(entries, newest entry id) of a vacancy's audit log: every write that changes what a
    vacancy's shortlist is made from is audited in its own transaction, so this pair changes
    whenever such a write commits, on whichever app server (the count, because on PostgreSQL a
    transaction holding a lower id can commit after one holding a higher)."""
    found = session.execute(
        select(func.count(), func.max(tables.AuditEntry.id)).where(
            tables.AuditEntry.vacancy_id == vacancy_id,
            tables.AuditEntry.action.not_in(READ_ONLY_ACTIONS),
        )
    ).one()
    return int(found[0] or 0), int(found[1] or 0)
