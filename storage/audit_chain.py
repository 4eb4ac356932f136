"""The audit log's hash chain: each entry's hash covers its fields and the hash of the entry
before, so an entry edited, removed or inserted out of turn breaks the chain at that point
(`python -m storage verify-audit`). The payload (old and new values) is hashed on its own and
the entry hash covers that payload hash: purging personal data empties the payload and keeps
the chain whole.

Entries from `keyed_from` on are hashed with HMAC-SHA256 under the deployment's audit key,
which the database does not hold: whoever has the database but not the key cannot re-hash an
entry they changed. Entries written before the key (migration 0010) keep their plain SHA-256
hashes; the first keyed entry chains to the last of them. Heads remembered outside the
database (the checkpoint file, a workbook's printed head) find the last entries removed, or
the whole chain rewritten by someone who has the key."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HEAD_PREFIX = 16  # hex characters of a hash printed as a head (64 bits)


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


@functools.lru_cache(maxsize=64)  # the entries of one write share their time
def moment(at: datetime) -> str:
    """A timestamp as stored by either database (SQLite gives it back without a zone)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def payload_hash(old: Any, new: Any) -> str:
    return hashlib.sha256(_canonical([old, new]).encode()).hexdigest()


NO_PAYLOAD = payload_hash(None, None)  # an entry written without values, or emptied at purge


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


def _message(previous: str, entry: ChainedEntry) -> bytes:
    fields = [
        entry.id, moment(entry.at), entry.actor_id, entry.actor, entry.action,
        entry.vacancy_id, entry.entity, entry.entity_id, entry.payload_hash,
    ]  # fmt: skip
    return f"{previous}|{_canonical(fields)}".encode()


def entry_hash(previous: str, entry: ChainedEntry) -> str:
    """The plain hash of an entry written before the audit key (migrations 0005 to 0009)."""
    return hashlib.sha256(_message(previous, entry)).hexdigest()


def keyed_hash(key: bytes, previous: str, entry: ChainedEntry) -> str:
    """The hash of an entry written with the deployment's audit key."""
    return hmac.digest(key, _message(previous, entry), "sha256").hex()  # hmac.new's, at once


@dataclass(frozen=True)
class Head:
    """The newest entry of a chain: its id and hash, printed as `ID:HASH` (a prefix will do)."""

    entry_id: int
    hash: str

    def __str__(self) -> str:
        return f"{self.entry_id}:{self.hash[:HEAD_PREFIX]}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """`ID:HASH` (HASH: 8 to 64 hexadecimal characters), as a workbook prints it."""
        entry_id, _, digest = text.strip().partition(":")
        digest = digest.lower()
        if not (
            entry_id.isdigit()
            and 8 <= len(digest) <= 64
            and all(c in "0123456789abcdef" for c in digest)
        ):
            raise ValueError(
                f"'{text}' is not a head: write it as ID:HASH, e.g. 120:3f9a0c17d2e4b865"
            )
        return cls(int(entry_id), digest)


@dataclass(frozen=True)
class Anchor:
    """A head remembered outside the database, and where it was remembered."""

    head: Head
    source: str  # "the checkpoint data/shortlisting.db.audit-head", "the head given"


@dataclass(frozen=True)
class StoredEntry:
    entry: ChainedEntry
    entry_hash: str | None
    payload: tuple[Any, Any] | None  # None once emptied
    vacancy_purged: bool = False  # the entry's vacancy has been purged (its values may go)


@dataclass(frozen=True)
class Break:
    entry_id: int  # 0: the log as a whole
    problem: str


def _emptied(stored: StoredEntry) -> str | None:
    """Why an entry's emptied values are a break (None if they are not emptied, or may be)."""
    e = stored.entry
    if stored.payload is not None or e.payload_hash == NO_PAYLOAD or stored.vacancy_purged:
        return None
    if e.vacancy_id is None:
        return "its old and new values were emptied, but it belongs to no vacancy (only a purged vacancy's entries are emptied)"
    return f"its old and new values were emptied, but vacancy {e.vacancy_id} has not been purged"


def expected_hash(key: bytes, keyed_from: int, previous: str, entry: ChainedEntry) -> str:
    """The hash an entry should carry: keyed from `keyed_from` on, plain before."""
    if entry.id >= keyed_from:
        return keyed_hash(key, previous, entry)
    return entry_hash(previous, entry)


def _entry_breaks(
    stored: StoredEntry, expected: str, before: StoredEntry | None, keyed_from: int
) -> list[str]:
    e = stored.entry
    problems = []
    if before is not None and e.id != before.entry.id + 1:
        problems.append(
            f"it follows entry {before.entry.id}: entries {before.entry.id + 1} to {e.id - 1} are missing"
            if e.id > before.entry.id + 1
            else f"it follows entry {before.entry.id}: the ids are out of order"
        )
    if stored.payload is not None and payload_hash(*stored.payload) != e.payload_hash:
        problems.append("its old or new value was changed after it was written")
    emptied = _emptied(stored)
    if emptied:
        problems.append(emptied)
    keyed = e.id >= keyed_from
    if keyed and before is not None and before.entry.id >= keyed_from and e.at < before.entry.at:
        problems.append(
            f"it is dated {moment(e.at)}, before entry {before.entry.id} "
            f"({moment(before.entry.at)}): time goes backwards (a back-dated entry)"
        )
    if stored.entry_hash != expected:
        problems.append(
            "its hash was not made with the deployment's audit key from its fields and the "
            "entry before it (written or re-hashed without the key, edited, or an entry "
            "before it removed or inserted)"
            if keyed
            else "it does not follow the entry before it (edited, removed or inserted)"
        )
    return problems


def _anchor_break(anchor: Anchor, hashes: dict[int, str], last: int) -> Break | None:
    head, source = anchor.head, anchor.source
    found = hashes.get(head.entry_id)
    if found is None:
        ends = f"the chain ends at entry {last}" if last else "the log is empty"
        return Break(0, f"{source} records entry {head}, but {ends}: entries were deleted")
    if not found.startswith(head.hash):
        return Break(
            head.entry_id,
            f"its hash begins {found[:HEAD_PREFIX]}, not {head.hash[:HEAD_PREFIX]} as {source} "
            "records: the chain was rewritten",
        )
    return None


def verify(
    entries: Iterable[StoredEntry],
    *,
    key: bytes,
    keyed_from: int,
    anchors: Sequence[Anchor] = (),
) -> list[Break]:
    """Every place the chain does not hold, in id order, then every head remembered outside
    the database that the chain no longer reaches. Entries before `keyed_from` are checked
    against their plain hashes, the rest against the key."""
    breaks: list[Break] = []
    previous, before = GENESIS, None
    hashes: dict[int, str] = {}
    for stored in entries:
        e = stored.entry
        expected = expected_hash(key, keyed_from, previous, e)
        breaks += [Break(e.id, p) for p in _entry_breaks(stored, expected, before, keyed_from)]
        previous = stored.entry_hash or expected
        hashes[e.id] = stored.entry_hash or ""
        before = stored
    last = before.entry.id if before else 0
    found = (_anchor_break(anchor, hashes, last) for anchor in anchors)
    return breaks + [b for b in found if b is not None]


def head_of(entries: Sequence[StoredEntry]) -> Head | None:
    return Head(entries[-1].entry.id, entries[-1].entry_hash or "") if entries else None
