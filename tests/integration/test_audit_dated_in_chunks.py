"""A big write's audit entries (a returned scoring sheet of 200,000 scores) are dated by the
database's clock read again for each `DATED_AT_ONCE` of them: SQLite's trigger holds an entry's
time to within 10 s of its insert (migration 0010), so one reading for them all made a sheet of
10,000 applications fail at its 100,000th entry. The chain still holds, on SQLite and
PostgreSQL, however the entries fall into chunks."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from storage import tables
from storage.audit_chain import verify
from storage.repository import REPOSITORY, audit
from storage.store import Store
from tests.integration.helpers import PASSWORD
from use_cases import Services


@pytest.mark.parametrize("entries", [1, 2, 5, 6])
def test_entries_are_dated_a_chunk_at_a_time_and_the_chain_holds(
    store: Store, entries: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    Services(store).accounts.bootstrap_admin(username="admin", display_name="A", password=PASSWORD)
    monkeypatch.setattr(audit, "DATED_AT_ONCE", 2)
    clock_reads: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "clock_timestamp()" in statement or "strftime" in statement:
            clock_reads.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        with store.writing() as session:
            REPOSITORY.record_audits(
                session=session, key=store.audit_key, actor=None,
                entries=[audit.Entry("test", "thing", n, new={"n": n}) for n in range(entries)],
            )  # fmt: skip
    finally:
        event.remove(store.engine, "before_cursor_execute", count)

    assert len(clock_reads) == -(-entries // 2), "the clock read once for each two entries"
    with store.reading() as session:
        chain = REPOSITORY.audit_chain(session=session)
        keyed_from = REPOSITORY.audit_keyed_from(session=session)
        stored = session.query(tables.AuditEntry).filter_by(action="test").count()
    assert stored == entries
    assert verify(chain, key=store.audit_key, keyed_from=keyed_from) == []
