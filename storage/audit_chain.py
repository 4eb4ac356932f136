"""The audit log's hash chain: each entry carries the hash of the one before, so an entry
edited, removed or inserted out of turn breaks the chain at that point (`python -m storage
verify-audit`). The payload (old and new values) is hashed on its own and the entry hash covers
that payload hash: purging personal data empties the payload and keeps the chain whole."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def moment(at: datetime) -> str:
    """A timestamp as stored by either database (SQLite gives it back without a zone)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def payload_hash(old: Any, new: Any) -> str:
    return hashlib.sha256(_canonical([old, new]).encode()).hexdigest()


@dataclass(frozen=True)
class ChainedEntry:
    """The fields an entry hash covers, as read back from the table."""

    id: int
    at: datetime
    actor_id: int | None
    actor: str
    action: str
    vacancy_id: int | None
    entity: str
    entity_id: str | None
    payload_hash: str


def entry_hash(previous: str, entry: ChainedEntry) -> str:
    fields = [
        entry.id, moment(entry.at), entry.actor_id, entry.actor, entry.action,
        entry.vacancy_id, entry.entity, entry.entity_id, entry.payload_hash,
    ]  # fmt: skip
    return hashlib.sha256(f"{previous}|{_canonical(fields)}".encode()).hexdigest()


@dataclass(frozen=True)
class StoredEntry:
    entry: ChainedEntry
    entry_hash: str | None
    payload: tuple[Any, Any] | None  # None once purged


@dataclass(frozen=True)
class Break:
    entry_id: int
    problem: str


def verify(entries: Iterable[StoredEntry]) -> list[Break]:
    """Every place the chain does not hold, in id order."""
    breaks: list[Break] = []
    previous = GENESIS
    for stored in entries:
        e = stored.entry
        if stored.payload is not None and payload_hash(*stored.payload) != e.payload_hash:
            breaks.append(Break(e.id, "its old or new value was changed after it was written"))
        expected = entry_hash(previous, e)
        if stored.entry_hash != expected:
            breaks.append(
                Break(e.id, "it does not follow the entry before it (edited, removed or inserted)")
            )
        previous = stored.entry_hash or expected
    return breaks
