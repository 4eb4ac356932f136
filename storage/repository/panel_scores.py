"""Panel scores as they are written. The write functions change a stored score only if its
version is the one the caller checked (a compare-and-set), so two windows never overwrite
each other unseen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from scoring.rules.score_checks import ScoreTarget, StoredScore
from storage import tables
from storage.repository.bulk import execute_many

_A, _C, _PS = (
    tables.table_of(tables.Application).c,
    tables.table_of(tables.Conflict).c,
    tables.table_of(tables.PanelScore).c,
)
_ONE_TARGET = (
    select(
        _A.id,
        _A.panel_code,
        _A.withdrawn,
        _C.user_id,
        _PS.id,
        _PS.version,
        _PS.score,
        _PS.note,
        _A.released_at,
    )  # fmt: skip
    .select_from(
        tables.table_of(tables.Application)
        .outerjoin(
            tables.table_of(tables.Conflict),
            and_(_C.application_id == _A.id, _C.user_id == bindparam("user_id")),
        )
        .outerjoin(
            tables.table_of(tables.PanelScore),
            and_(
                _PS.application_id == _A.id,
                _PS.criterion_id == bindparam("criterion_id"),
                _PS.user_id == bindparam("user_id"),
            ),
        )
    )
    .where(_A.vacancy_id == bindparam("vacancy_id"), _A.panel_code == bindparam("code"))
)
_INSERT = insert(tables.table_of(tables.PanelScore))
_UPDATE = (
    update(tables.table_of(tables.PanelScore))
    .where(_PS.id == bindparam("score_id"), _PS.version == bindparam("expected"))
    .values(
        score=bindparam("new_score"),
        note=bindparam("new_note"),
        version=bindparam("new_version"),
        updated_at=bindparam("now"),
    )
)


@dataclass(frozen=True, slots=True)
class Located:
    """Where a score goes: the application's row id, and the stored score's row id (if any)."""

    application_id: int
    score_id: int | None
    target: ScoreTarget


def score_targets(
    *, session: Session, vacancy_id: int, user_id: int, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], Located]:
    """For each (panel code, criterion id): the application as stored now, with the member's
    score. Keys for applications that do not exist are left out. One query for one key (the
    key-press path); two for many (a scoring sheet)."""
    connection = session.connection()
    if len(keys) == 1:
        code, criterion = keys[0]
        row = connection.execute(
            _ONE_TARGET,
            {"vacancy_id": vacancy_id, "code": code, "user_id": user_id, "criterion_id": criterion},
        ).one_or_none()
        if row is None:
            return {}
        app_id, _code, withdrawn, conflicted, score_id, version, score, note, released = row
        one = StoredScore(score, note, version) if score_id is not None else None
        target = ScoreTarget(withdrawn, conflicted is not None, one, held=released is None)
        return {keys[0]: Located(app_id, score_id, target)}
    apps = {
        code: (app_id, withdrawn, released is None)
        for app_id, code, withdrawn, released in connection.execute(
            select(_A.id, _A.panel_code, _A.withdrawn, _A.released_at).where(
                _A.vacancy_id == vacancy_id
            )
        )
    }
    conflicted = set(
        connection.execute(
            select(_C.application_id).where(_C.vacancy_id == vacancy_id, _C.user_id == user_id)
        ).scalars()
    )
    by_key: dict[tuple[int, str], tuple[int | None, StoredScore | None]] = {
        (app_id, criterion): (score_id, StoredScore(score, note, version))
        for score_id, app_id, criterion, score, note, version in connection.execute(
            select(_PS.id, _PS.application_id, _PS.criterion_id, _PS.score, _PS.note, _PS.version)
            .join(tables.table_of(tables.Application), _A.id == _PS.application_id)
            .where(_A.vacancy_id == vacancy_id, _PS.user_id == user_id)
        )
    }
    found: dict[tuple[str, str], Located] = {}
    for code, criterion in keys:
        if code not in apps:
            continue
        app_id, withdrawn, held = apps[code]
        score_id, score = by_key.get((app_id, criterion), (None, None))
        found[(code, criterion)] = Located(
            app_id, score_id, ScoreTarget(withdrawn, app_id in conflicted, score, held=held)
        )
    return found


@dataclass(frozen=True, slots=True)
class ScoreWrite:
    """A score to store: a first one (`score_id` None, version 1) or a change to the stored
    one, made only if it is still at `expected_version`."""

    application_id: int
    criterion_id: str
    score: int
    note: str
    score_id: int | None = None
    expected_version: int = 0


def write_panel_scores(
    *, session: Session, user_id: int, writes: Sequence[ScoreWrite], at: datetime
) -> bool:
    """Store many scores: the first ones in one insert, the changes in one compare-and-set
    update run over them all (one round trip each, not one a score). False if a stored score
    moved on meanwhile (the caller refuses the whole change); an insert that meets a score
    another window inserted first is refused by the unique constraint (IntegrityError)."""
    connection = session.connection()
    first = [w for w in writes if w.score_id is None]
    if first:
        execute_many(
            connection,
            _INSERT,
            [
                {"application_id": w.application_id, "criterion_id": w.criterion_id,
                 "user_id": user_id, "score": w.score, "note": w.note, "version": 1,
                 "updated_at": at}
                for w in first
            ],
        )  # fmt: skip
    changes = [
        {"score_id": w.score_id, "expected": w.expected_version, "new_score": w.score,
         "new_note": w.note, "new_version": w.expected_version + 1, "now": at}
        for w in writes
        if w.score_id is not None
    ]  # fmt: skip
    if not changes:
        return True
    if len(changes) == 1 or not connection.dialect.supports_sane_multi_rowcount:
        return all(connection.execute(_UPDATE, one).rowcount == 1 for one in changes)
    return execute_many(connection, _UPDATE, changes) == len(changes)


def withdraw_member_scores(
    *, session: Session, application_id: int, user_id: int
) -> dict[str, int]:
    """Delete a member's scores for one application (a conflict declared late); returns them."""
    removed = dict(
        session.execute(
            select(tables.PanelScore.criterion_id, tables.PanelScore.score).where(
                tables.PanelScore.application_id == application_id,
                tables.PanelScore.user_id == user_id,
            )
        ).all()
    )
    session.execute(
        delete(tables.PanelScore).where(
            tables.PanelScore.application_id == application_id,
            tables.PanelScore.user_id == user_id,
        )
    )
    return removed
