"""The audit chain's check as a property (issue 25): for any log appended to, and any one
tampering with it by someone without the key (an edited field, a rewrite re-hashed without the
key, the last entries deleted, an entry deleted from the middle, an entry inserted, two entries
swapped), `verify` reports a break; untouched, it reports none. The checkpoint is the head as
the app last wrote it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from storage.audit_chain import (
    GENESIS,
    Anchor,
    ChainedEntry,
    Head,
    StoredEntry,
    entry_hash,
    head_of,
    keyed_hash,
    payload_hash,
    verify,
)

KEY = b"the deployment's audit key"
START = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
values = st.one_of(st.none(), st.integers(-3, 3), st.text("ab ", max_size=3))
specs = st.lists(
    st.tuples(
        st.sampled_from(["hr", "rpatel", "admin"]),  # actor
        st.sampled_from(["score", "override", "import_applications"]),  # action
        st.one_of(st.none(), st.integers(1, 3)),  # vacancy
        st.sampled_from(["1", "2"]),  # entity id
        values,  # old
        values,  # new
        st.integers(0, 90),  # seconds after the entry before
    ),
    min_size=1,
    max_size=10,
)


def seal(entries: list[StoredEntry], start: int, rehash: Any) -> list[StoredEntry]:
    """Hashes from `start` on made again with `rehash(previous, entry)`."""
    previous = (entries[start - 1].entry_hash or GENESIS) if start else GENESIS
    out = entries[:start]
    for stored in entries[start:]:
        digest = rehash(previous, stored.entry)
        out.append(replace(stored, entry_hash=digest))
        previous = digest
    return out


def appended(rows: list[tuple[Any, ...]]) -> list[StoredEntry]:
    at, entries = START, []
    for n, (actor, action, vacancy, entity_id, old, new, gap) in enumerate(rows, start=1):
        at += timedelta(seconds=gap)
        entry = ChainedEntry(
            n, at, None, actor, action, vacancy, "record", entity_id, payload_hash(old, new)
        )
        payload = None if old is None and new is None else (old, new)
        entries.append(StoredEntry(entry, None, payload))
    return seal(entries, 0, lambda previous, entry: keyed_hash(KEY, previous, entry))


def edited(stored: StoredEntry, field: str, draw: st.DrawFn) -> StoredEntry:
    e = stored.entry
    if field == "payload":
        if stored.payload is None:
            return replace(stored, payload=(None, "changed"))
        return replace(stored, payload=draw(st.sampled_from([None, (stored.payload[0], "x!")])))
    if field == "at":
        shift = draw(st.sampled_from([-3600, -1, 1, 86400]))
        return replace(stored, entry=replace(e, at=e.at + timedelta(seconds=shift)))
    changed = {
        "actor": "someone else",
        "action": "finalise",
        "vacancy_id": (e.vacancy_id or 0) + 7,
        "entity_id": "9",
    }[field]
    return replace(stored, entry=replace(e, **{field: changed}))


@st.composite
def tampered(draw: st.DrawFn) -> tuple[list[StoredEntry], list[StoredEntry]]:
    log = appended(draw(specs))
    n = len(log)
    how = draw(st.sampled_from(["edit", "rehash", "suffix", "middle", "insert", "swap"]))
    fields = ["actor", "action", "vacancy_id", "entity_id", "payload", "at"]
    if how in ("edit", "rehash"):
        i = draw(st.integers(0, n - 1))
        changed = log[:i] + [edited(log[i], draw(st.sampled_from(fields)), draw)] + log[i + 1 :]
        if how == "edit":
            return log, changed
        wrong = draw(st.sampled_from([b"", b"a guess", None]))

        def rehash(previous: str, entry: ChainedEntry) -> str:
            return (
                entry_hash(previous, entry) if wrong is None else keyed_hash(wrong, previous, entry)
            )

        return log, seal(changed, i, rehash)
    if how == "suffix":
        return log, log[: draw(st.integers(0, n - 1))]
    if how == "middle":
        assume(n >= 2)
        i = draw(st.integers(0, n - 2))
        return log, log[:i] + log[i + 1 :]
    if how == "insert":
        i = draw(st.integers(0, n))
        before = log[i - 1].entry if i else None
        forged = ChainedEntry(
            i + 1, before.at if before else START, None, "hr", "override", 1, "decision", "1",
            payload_hash(None, "invited"),
        )  # fmt: skip
        previous = (log[i - 1].entry_hash or GENESIS) if i else GENESIS
        renumbered = [replace(s, entry=replace(s.entry, id=s.entry.id + 1)) for s in log[i:]]
        inserted = StoredEntry(forged, entry_hash(previous, forged), (None, "invited"))
        return log, log[:i] + [inserted] + renumbered
    assume(n >= 2)
    i, j = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2, unique=True)))

    def moved(stored: StoredEntry, to: int) -> StoredEntry:
        return replace(stored, entry=replace(stored.entry, id=to))

    swapped = list(log)
    swapped[i], swapped[j] = moved(log[j], log[i].entry.id), moved(log[i], log[j].entry.id)
    return log, swapped


def checkpoint_of(log: list[StoredEntry]) -> list[Anchor]:
    head = head_of(log)
    assert head is not None
    return [Anchor(head, "the checkpoint")]


@settings(max_examples=150, deadline=None)
@given(specs)
def test_a_log_nobody_touched_verifies_whole(rows: list[tuple[Any, ...]]) -> None:
    log = appended(rows)
    assert verify(log, key=KEY, keyed_from=1, anchors=checkpoint_of(log)) == []


@settings(max_examples=600, deadline=None)
@given(tampered())
def test_any_one_tampering_without_the_key_is_reported(
    case: tuple[list[StoredEntry], list[StoredEntry]],
) -> None:
    log, changed = case
    assume(changed != log)
    assert verify(changed, key=KEY, keyed_from=1, anchors=checkpoint_of(log)) != []


def test_a_head_parses_as_a_workbook_prints_it_and_refuses_anything_else() -> None:
    head = Head(120, "3f9a0c17d2e4b865" + "0" * 48)
    assert str(head) == "120:3f9a0c17d2e4b865"
    assert Head.parse(str(head)) == Head(120, "3f9a0c17d2e4b865")
    for wrong in ("120", "x:3f9a0c17", "120:3f9a", "120:3f9a0c17d2e4b86z"):
        try:
            Head.parse(wrong)
        except ValueError as exc:
            assert "ID:HASH" in str(exc)
        else:
            raise AssertionError(f"{wrong} was taken for a head")
