"""The append-only audit log: who, when, what, old value, new value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, literal, null, select, text, true, update
from sqlalchemy.orm import Session

from storage import tables
from storage.audit_chain import GENESIS, ChainedEntry, Head, StoredEntry, keyed_hash, payload_hash
from storage.audit_checkpoint import NEW_HEAD
from storage.records import Actor, AuditRecord
from storage.repository.bulk import execute_many

# Audited, but change nothing a shortlist is made from.
READ_ONLY_ACTIONS = ("export_shortlist", "prepare_feedback")
LOG = tables.table_of(tables.AuditEntry)
VACANCIES = tables.table_of(tables.Vacancy)
_INSERT = insert(LOG)
CHAIN_LOCK = 727_014  # PostgreSQL advisory lock: one entry joins the chain at a time
KEYED_FROM = "audit_keyed_from"
# Entries dated by one reading of the clock, added in one statement: SQLite's trigger holds
# each entry's time to within 10 s of its insert (migration 0010), which the 200,000 entries
# of a big scoring sheet would overrun; a few thousand take a fraction of a second.
DATED_AT_ONCE = 5_000  # deployment row (migration 0010): the first keyed entry's id


def _newest_and_now(postgresql: bool) -> Any:
    """The database's clock and the newest entry (id, hash), in one round trip."""
    clock = func.clock_timestamp() if postgresql else func.strftime("%Y-%m-%d %H:%M:%f", "now")
    one = select(literal(1).label("one")).subquery()
    newest = select(LOG.c.id, LOG.c.entry_hash).order_by(LOG.c.id.desc()).limit(1).subquery()
    return select(clock.label("now"), newest.c.id, newest.c.entry_hash).select_from(
        one.outerjoin(newest, true())
    )


_NEWEST_AND_NOW = {True: _newest_and_now(True), False: _newest_and_now(False)}


@dataclass(frozen=True, slots=True)
class Entry:
    """One audit entry to add: what was done to which record, and its old and new values."""

    action: str
    entity: str
    entity_id: str | int | None = None
    vacancy_id: int | None = None
    old: Any = None
    new: Any = None


def record(
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
) -> None:
    """Add one entry at the end of the chain (`record_many`)."""
    record_many(
        session=session, key=key, actor=actor,
        entries=[Entry(action, entity, entity_id, vacancy_id, old, new)],
    )  # fmt: skip


def record_many(
    *, session: Session, key: bytes, actor: Actor | None, entries: Sequence[Entry]
) -> None:
    """Add `entries`, in order, at the end of the chain, each hashed with the audit `key` on
    the one before (storage/audit_chain.py) and dated by the database's clock, which the
    database checks (migration 0010: an entry's id follows the newest and its time is the
    database's now), in one round trip for each `DATED_AT_ONCE` of them. On SQLite the write
    transaction holds the database's write lock already; on PostgreSQL an advisory lock, held
    to commit, puts entries in the chain one transaction at a time. The newest entry is noted in the session
    for the checkpoint the store moves on after commit (storage/audit_checkpoint.py)."""
    if not entries:
        return
    connection = session.connection()
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
    head = None
    for start in range(0, len(entries), DATED_AT_ONCE):
        head = _add(connection, postgresql, key, actor, entries[start : start + DATED_AT_ONCE])
    session.info[NEW_HEAD] = head


def _add(
    connection: Any, postgresql: bool, key: bytes, actor: Actor | None, entries: Sequence[Entry]
) -> Head:
    """Add `entries` after the newest entry, dated by the database's clock read now."""
    now, newest_id, newest_hash = connection.execute(_NEWEST_AND_NOW[postgresql]).one()
    at = now if isinstance(now, datetime) else datetime.fromisoformat(now).replace(tzinfo=UTC)
    previous, next_id, rows = newest_hash or GENESIS, (newest_id or 0) + 1, []
    for entry in entries:
        chained = ChainedEntry(
            id=next_id, at=at, actor_id=actor.user_id if actor else None,
            actor=actor.username if actor else "system", action=entry.action,
            vacancy_id=entry.vacancy_id, entity=entry.entity,
            entity_id=None if entry.entity_id is None else str(entry.entity_id),
            payload_hash=payload_hash(entry.old, entry.new),
        )  # fmt: skip
        previous = keyed_hash(key, previous, chained)
        rows.append(  # the entry's fields (a dataclass's, in its __dict__), its values, its hash
            {
                **vars(chained),
                "old_value": entry.old,
                "new_value": entry.new,
                "entry_hash": previous,
            }
        )
        next_id += 1
    execute_many(
        connection, _INSERT, rows
    )  # one executemany: each row's trigger sees the one before
    return Head(next_id - 1, previous)


def chain(*, session: Session) -> list[StoredEntry]:
    """Every entry, oldest first, as the chain check reads them, with whether its vacancy has
    been purged."""
    query = (
        select(LOG, VACANCIES.c.purged_at.is_not(None).label("vacancy_purged"))
        .outerjoin(VACANCIES, VACANCIES.c.id == LOG.c.vacancy_id)
        .order_by(LOG.c.id)
    )
    found = []
    for row in session.execute(query).mappings():
        entry = ChainedEntry(
            row["id"], row["at"], row["actor_id"], row["actor"], row["action"],
            row["vacancy_id"], row["entity"], row["entity_id"], row["payload_hash"] or "",
        )  # fmt: skip
        purged = row["old_value"] is None and row["new_value"] is None
        payload = None if purged else (row["old_value"], row["new_value"])
        found.append(StoredEntry(entry, row["entry_hash"], payload, bool(row["vacancy_purged"])))
    return found


def keyed_from(*, session: Session) -> int:
    """The id of the first entry hashed with the audit key (entries before it were written
    before migration 0010). Without the record, every entry must be keyed."""
    found = session.scalar(
        select(tables.Deployment.value).where(tables.Deployment.key == KEYED_FROM)
    )
    return int(found) if found and found.isdigit() else 1


def head(*, session: Session) -> Head | None:
    """The newest entry's id and hash."""
    found = session.execute(
        select(LOG.c.id, LOG.c.entry_hash).order_by(LOG.c.id.desc()).limit(1)
    ).first()
    return Head(found[0], found[1] or "") if found else None


GUARDS = {  # the triggers the migrations put on the audit log, and where each lists them
    "sqlite": (
        {"audit_log_no_update", "audit_log_no_delete", "audit_log_in_order"},
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'",
    ),
    "postgresql": (
        {"audit_log_append_only", "audit_log_no_truncate", "audit_log_in_order"},
        "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND tgenabled <> 'D'",
    ),
}


def missing_audit_guards(*, session: Session) -> list[str]:
    """The audit log's triggers that have been dropped or disabled, by name."""
    wanted, listing = GUARDS[session.get_bind().dialect.name]
    return sorted(wanted - set(session.scalars(text(listing))))


def forget_values(*, session: Session, vacancy_id: int) -> int:
    """Empty the old and new values of a purged vacancy's entries (they can hold names, notes
    and file names); who did what, when, to which record stays, and so does the chain. On
    PostgreSQL the app's role may not change the log: a function owned by the log's owner
    does it, for a vacancy the vacancies table shows purged (migration 0010)."""
    if session.get_bind().dialect.name == "postgresql":
        emptied = session.scalar(
            text("SELECT audit_log_forget_values(:vacancy)"), {"vacancy": vacancy_id}
        )
        return int(emptied or 0)
    result = session.execute(
        update(LOG)
        .where(LOG.c.vacancy_id == vacancy_id)
        .where((LOG.c.old_value.is_not(None)) | (LOG.c.new_value.is_not(None)))
        .values(old_value=null(), new_value=null())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


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


def entity_ids_since(
    *, session: Session, vacancy_id: int, action: str, since: datetime, undone_by: str = ""
) -> set[str]:
    """The records an action was taken on since `since` (e.g. the members reminded today),
    leaving out those whose newest such entry is `undone_by` (the reminder did not go)."""
    rows = session.execute(
        select(tables.AuditEntry.entity_id, tables.AuditEntry.action)
        .where(
            tables.AuditEntry.vacancy_id == vacancy_id,
            tables.AuditEntry.action.in_((action, undone_by)),
            tables.AuditEntry.at >= since,
        )
        .order_by(tables.AuditEntry.id)
    )
    newest = {entity_id: what for entity_id, what in rows if entity_id}
    return {entity_id for entity_id, what in newest.items() if what == action}
