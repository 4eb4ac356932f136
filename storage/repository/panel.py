"""Who sits on a vacancy's panel, what each member has declared, and their conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage import tables


@dataclass(frozen=True)
class PanelSeat:
    user_id: int
    username: str
    display_name: str
    submitted_at: datetime | None
    conflicts_declared_at: datetime | None


def panel(*, session: Session, vacancy_id: int) -> list[PanelSeat]:
    """The members, by display name."""
    rows = session.execute(
        select(tables.PanelAssignment, tables.User)
        .join(tables.User)
        .where(tables.PanelAssignment.vacancy_id == vacancy_id)
        .order_by(tables.User.display_name)
    ).all()
    return [
        PanelSeat(u.id, u.username, u.display_name, a.submitted_at, a.conflicts_declared_at)
        for a, u in rows
    ]


def add_member(*, session: Session, vacancy_id: int, user_id: int) -> None:
    session.add(tables.PanelAssignment(vacancy_id=vacancy_id, user_id=user_id))


def remove_member(*, session: Session, vacancy_id: int, user_id: int) -> None:
    session.execute(
        delete(tables.PanelAssignment).where(
            tables.PanelAssignment.vacancy_id == vacancy_id,
            tables.PanelAssignment.user_id == user_id,
        )
    )


def _set_seat(session: Session, vacancy_id: int, user_id: int, **values: Any) -> None:
    session.execute(
        update(tables.PanelAssignment)
        .where(
            tables.PanelAssignment.vacancy_id == vacancy_id,
            tables.PanelAssignment.user_id == user_id,
        )
        .values(**values)
    )


def set_submitted(*, session: Session, vacancy_id: int, user_id: int, at: datetime) -> None:
    _set_seat(session, vacancy_id, user_id, submitted_at=at)


def set_declared(*, session: Session, vacancy_id: int, user_id: int, at: datetime) -> None:
    _set_seat(session, vacancy_id, user_id, conflicts_declared_at=at)


def conflicted_ids(*, session: Session, vacancy_id: int, user_id: int) -> set[int]:
    """The applications (ids) this member declared a conflict with."""
    return set(
        session.scalars(
            select(tables.Conflict.application_id).where(
                tables.Conflict.vacancy_id == vacancy_id, tables.Conflict.user_id == user_id
            )
        )
    )


def conflict_counts(*, session: Session, vacancy_id: int) -> dict[int, int]:
    return dict(
        session.execute(
            select(tables.Conflict.user_id, func.count())
            .where(tables.Conflict.vacancy_id == vacancy_id)
            .group_by(tables.Conflict.user_id)
        ).all()
    )


def conflicts(*, session: Session, vacancy_id: int) -> set[tuple[str, str]]:
    """(member's user name, application reference) pairs: who may not score what."""
    rows = session.execute(
        select(tables.User.username, tables.Application.reference)
        .select_from(tables.Conflict)
        .join(tables.User, tables.User.id == tables.Conflict.user_id)
        .join(tables.Application, tables.Application.id == tables.Conflict.application_id)
        .where(tables.Conflict.vacancy_id == vacancy_id)
    ).all()
    return {(u, r) for u, r in rows}


def add_conflict(
    *, session: Session, vacancy_id: int, user_id: int, application_id: int, note: str
) -> bool:
    """False when the conflict was declared already."""
    if session.get(tables.Conflict, (vacancy_id, user_id, application_id)) is not None:
        return False
    session.add(
        tables.Conflict(
            vacancy_id=vacancy_id, user_id=user_id, application_id=application_id, note=note
        )
    )
    session.flush()
    return True


def reopen_submissions(*, session: Session, vacancy_id: int) -> list[str]:
    """Late applications reached the panel: members who had submitted score them too. Returns
    the user names whose submission was reopened (their scores are kept)."""
    reopened = [
        username
        for username in session.scalars(
            select(tables.User.username)
            .join(tables.PanelAssignment, tables.PanelAssignment.user_id == tables.User.id)
            .where(
                tables.PanelAssignment.vacancy_id == vacancy_id,
                tables.PanelAssignment.submitted_at.is_not(None),
            )
        )
    ]
    session.execute(
        update(tables.PanelAssignment)
        .where(tables.PanelAssignment.vacancy_id == vacancy_id)
        .values(submitted_at=None)
    )
    return reopened
