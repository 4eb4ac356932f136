"""Many rows written at once (storage/repository/bulk.py), each value bound by its column's own
type once a column: on SQLite and PostgreSQL, whatever the values (text in any script, JSON
of any shape, moments, nothing), what it stores reads back exactly as what SQLAlchemy's own
executemany stores; a compare-and-set update counts the rows it matched; and audit entries
written that way keep their values and their chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    Integer,
    MetaData,
    Table,
    Text,
    bindparam,
    insert,
    select,
    update,
)

from storage.audit_chain import verify
from storage.repository import REPOSITORY, audit
from storage.repository.bulk import execute_many
from storage.store import Store

METADATA = MetaData()
THINGS = Table(
    "bulk_things",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", Text),
    Column("at", DateTime(timezone=True)),
    Column("payload", JSON),
    Column("flag", Boolean),
    Column("amount", Float),
    Column("version", Integer, nullable=False),
    prefixes=["TEMPORARY"],  # the app's database role may not make tables, only these
)
SETTINGS = settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "name": st.none() | TEXT,
            "at": st.none() | MOMENTS,
            "payload": JSON_VALUES,
            "flag": st.none() | st.booleans(),
            "amount": st.none() | st.floats(allow_nan=False, allow_infinity=False, width=32),
        }
    ),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def things(store: Store) -> Iterator[Connection]:
    """One connection (a temporary table is its own), the table made on it."""
    with store.engine.connect() as connection:
        METADATA.create_all(connection)
        connection.commit()
        yield connection
        connection.rollback()
        METADATA.drop_all(connection)
        connection.commit()


def _stored(connection: Connection, first: int, count: int) -> list[tuple[Any, ...]]:
    found = connection.execute(
        select(THINGS).where(THINGS.c.id.between(first, first + count - 1)).order_by(THINGS.c.id)
    ).all()
    return [tuple(row)[1:] for row in found]


@SETTINGS
@given(rows=ROWS)
def test_rows_read_back_as_sqlalchemy_would_have_stored_them(
    things: Connection, rows: list[dict[str, Any]]
) -> None:
    try:
        things.execute(
            insert(THINGS), [{"id": n, **row, "version": 1} for n, row in enumerate(rows)]
        )
        execute_many(
            things,
            insert(THINGS),
            [{"id": 1000 + n, **row, "version": 1} for n, row in enumerate(rows)],
        )
        assert _stored(things, 1000, len(rows)) == _stored(things, 0, len(rows))
    finally:
        things.rollback()


def test_a_compare_and_set_update_counts_the_rows_it_matched(things: Connection) -> None:
    change = (
        update(THINGS)
        .where(THINGS.c.id == bindparam("thing"), THINGS.c.version == bindparam("expected"))
        .values(name=bindparam("new_name"), version=bindparam("new_version"))
    )
    things.execute(insert(THINGS), [{"id": n, "version": 1} for n in range(3)])
    moved = [{"thing": n, "expected": 1, "new_name": f"n{n}", "new_version": 2} for n in (0, 1)]
    assert execute_many(things, change, moved) == 2
    stale = [{"thing": n, "expected": 1, "new_name": "late", "new_version": 2} for n in (1, 2)]
    assert execute_many(things, change, stale) == 1, "row 1 had moved on"
    assert [r[0] for r in _stored(things, 0, 3)] == ["n0", "n1", "late"]


@SETTINGS
@given(payloads=st.lists(st.tuples(JSON_VALUES, JSON_VALUES), min_size=1, max_size=6))
def test_audit_entries_keep_their_values_and_their_chain(
    store: Store, payloads: list[tuple[Any, Any]]
) -> None:
    with store.reading() as session:
        before = len(REPOSITORY.audit_chain(session=session))
    with store.writing() as session:
        REPOSITORY.record_audits(
            session=session, key=store.audit_key, actor=None,
            entries=[audit.Entry("bulk", "thing", n, None, old, new) for n, (old, new) in enumerate(payloads)],
        )  # fmt: skip
    with store.reading() as session:
        chain = REPOSITORY.audit_chain(session=session)
        keyed_from = REPOSITORY.audit_keyed_from(session=session)
    # an entry with neither value reads as one whose values were emptied at purge
    assert [e.payload for e in chain[before:]] == [
        None if p == (None, None) else p for p in payloads
    ]
    assert verify(chain, key=store.audit_key, keyed_from=keyed_from) == []
