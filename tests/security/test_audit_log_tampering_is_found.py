"""Issue 25, finding 3: the audit chain could be rewritten without `verify-audit` noticing. On
PostgreSQL the app's own role emptied a live entry's values and added a back-dated "override
by hr1" entry with a valid hash; on SQLite whoever had the file rewrote an entry and re-hashed
the rest, or deleted the last entries. Each attack, on SQLite and PostgreSQL, is now refused or
reported by `python -m storage verify-audit` (exit 1, a line naming the entry)."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from openpyxl import load_workbook
from sqlalchemy import Connection, create_engine, insert, select, text, update
from sqlalchemy.engine.url import make_url
from sqlalchemy.exc import DBAPIError

from criteria.loader import Catalogue
from storage import tables
from storage.audit_chain import GENESIS, ChainedEntry, entry_hash, payload_hash
from storage.db import make_engine
from storage.migrate import alembic_config
from storage.repository import REPOSITORY
from storage.store import open_store
from tests.integration.helpers import World, make_world
from tests.pg import as_app_role, new_database
from use_cases import Services

PROJECT = Path(__file__).resolve().parents[2]
LOG = tables.table_of(tables.AuditEntry)


def verify_audit(url: str, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storage", "--database-url", url, "verify-audit", *options],
        capture_output=True, text=True, cwd=PROJECT,
    )  # fmt: skip


def postgresql(url: str) -> bool:
    return url.startswith("postgresql")


@contextmanager
def with_the_database(url: str) -> Iterator[Connection]:
    """Whoever holds the database but not the key: the SQLite file, or PostgreSQL's owner."""
    if postgresql(url):
        url = make_url(url).set(username="postgres").render_as_string(hide_password=False)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            yield connection
    finally:
        engine.dispose()


@contextmanager
def unguarded(connection: Connection) -> Iterator[None]:
    """The audit log's triggers off while `connection` tampers, and back on after, so that
    only the chain can tell."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("ALTER TABLE audit_log DISABLE TRIGGER USER")
        yield
        connection.exec_driver_sql("ALTER TABLE audit_log ENABLE TRIGGER USER")
        return
    triggers = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"
    ).all()
    for name, _ in triggers:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    yield
    for _, sql in triggers:
        connection.exec_driver_sql(sql)


def chained(row: dict) -> ChainedEntry:  # type: ignore[type-arg]
    return ChainedEntry(
        row["id"], row["at"], row["actor_id"], row["actor"], row["action"], row["vacancy_id"],
        row["entity"], row["entity_id"], row["payload_hash"],
    )  # fmt: skip


def rehash_from(connection: Connection, first: int) -> None:
    """Hash the entries from `first` on again, as the chain was hashed before it had a key."""
    previous = GENESIS
    for row in connection.execute(select(LOG).order_by(LOG.c.id)).mappings():
        if row["id"] >= first:
            digest = entry_hash(previous, chained(dict(row)))
            connection.execute(update(LOG).where(LOG.c.id == row["id"]).values(entry_hash=digest))
            previous = digest
        else:
            previous = row["entry_hash"]


def newest(services: Services) -> tuple[int, str]:
    with services.store.reading() as session:
        found = session.execute(
            select(LOG.c.id, LOG.c.entry_hash).order_by(LOG.c.id.desc()).limit(1)
        ).one()
    return int(found[0]), str(found[1])


def an_entry_with_values(services: Services, *, in_a_vacancy: bool) -> tuple[int, int | None]:
    """(id, vacancy) of an entry whose old or new value says something."""
    with services.store.reading() as session:
        found = session.execute(
            select(LOG.c.id, LOG.c.vacancy_id)
            .where(LOG.c.new_value.is_not(None), LOG.c.payload_hash != payload_hash(None, None))
            .where(LOG.c.vacancy_id.is_not(None) if in_a_vacancy else LOG.c.vacancy_id.is_(None))
            .order_by(LOG.c.id)
            .limit(1)
        ).one()
    return int(found[0]), found[1]


def a_world(services: Services) -> World:
    return make_world(services, import_sample=False)


def test_emptying_a_live_entrys_values_is_refused_to_the_app_and_reported(
    services: Services, database_url: str
) -> None:
    world = a_world(services)
    in_vacancy, vacancy = an_entry_with_values(services, in_a_vacancy=True)
    outside, _ = an_entry_with_values(services, in_a_vacancy=False)
    assert verify_audit(database_url).returncode == 0
    emptied = "UPDATE audit_log SET old_value = NULL, new_value = NULL WHERE id IN (:a, :b)"
    if postgresql(database_url):  # the app's own role may change nothing in the log
        with pytest.raises(DBAPIError, match="permission denied"):
            with services.store.writing() as session:
                session.execute(text(emptied), {"a": in_vacancy, "b": outside})
        with pytest.raises(DBAPIError, match="only a purged vacancy"):
            with services.store.writing() as session:
                session.execute(text("SELECT audit_log_forget_values(:v)"), {"v": vacancy})
    with with_the_database(database_url) as connection:  # the emptying a purge may do
        connection.execute(text(emptied), {"a": in_vacancy, "b": outside})
    done = verify_audit(database_url)
    assert done.returncode == 1
    assert (
        f"BREAK at entry {in_vacancy}: its old and new values were emptied, "
        f"but vacancy {world.vacancy.id} has not been purged"
    ) in done.stdout
    assert (
        f"BREAK at entry {outside}: its old and new values were emptied, but it belongs to no vacancy"
        in done.stdout
    )


def test_a_back_dated_entry_is_refused_and_one_forged_without_the_key_is_reported(
    services: Services, database_url: str
) -> None:
    world = a_world(services)
    last, previous = newest(services)
    forged = ChainedEntry(
        last + 1, datetime(2026, 1, 5, 10, 0, tzinfo=UTC), world.hr.user_id, world.hr.username,
        "override", world.vacancy.id, "decision", "D001", payload_hash(None, {"decision": "invited"}),
    )  # fmt: skip

    def row(entry: ChainedEntry) -> dict[str, object]:
        return {
            **entry.__dict__, "old_value": None, "new_value": {"decision": "invited"},
            "entry_hash": entry_hash(previous, entry),
        }  # fmt: skip

    refused = "follows the newest and is dated by the database clock"
    jumped = ChainedEntry(**{**forged.__dict__, "id": last + 5, "at": datetime.now(UTC)})
    for wrong in (forged, jumped):  # back-dated, or out of turn: the database refuses it
        with pytest.raises(DBAPIError, match=refused):
            with services.store.writing() as session:  # as the app's own role
                session.execute(insert(LOG).values(row(wrong)))
    if postgresql(database_url):  # dated now, as the database allows, but hashed without the key
        with services.store.writing() as session:
            now = session.scalar(text("SELECT clock_timestamp()"))
            session.execute(insert(LOG).values(row(ChainedEntry(**{**forged.__dict__, "at": now}))))
    else:  # whoever has the file takes the guard off
        with with_the_database(database_url) as connection, unguarded(connection):
            connection.execute(insert(LOG).values(row(forged)))
    done = verify_audit(database_url)
    assert done.returncode == 1
    assert (
        f"BREAK at entry {last + 1}: its hash was not made with the deployment's audit key"
        in done.stdout
    )
    if not postgresql(database_url):
        assert (
            f"BREAK at entry {last + 1}: it is dated 2026-01-05T10:00:00.000000, before entry {last}"
            in done.stdout
        )


def test_an_entry_rewritten_and_the_chain_rehashed_without_the_key_is_reported(
    services: Services, database_url: str
) -> None:
    a_world(services)
    assert verify_audit(database_url).returncode == 0
    with with_the_database(database_url) as connection, unguarded(connection):
        connection.execute(update(LOG).where(LOG.c.id == 3).values(actor="someone else"))
        rehash_from(connection, 3)
    done = verify_audit(database_url)
    assert done.returncode == 1
    assert "BREAK at entry 3: its hash was not made with the deployment's audit key" in done.stdout


def test_the_last_entries_deleted_are_found_by_the_checkpoint(
    services: Services, database_url: str
) -> None:
    a_world(services)
    last, digest = newest(services)
    assert verify_audit(database_url).returncode == 0
    with with_the_database(database_url) as connection, unguarded(connection):
        connection.execute(LOG.delete().where(LOG.c.id > last - 5))
    done = verify_audit(database_url)
    assert done.returncode == 1
    assert (
        (
            f"BREAK at the audit log: the checkpoint {services.store.checkpoint.path} records entry "  # type: ignore[union-attr]
            f"{last}:{digest[:16]}, but the chain ends at entry {last - 5}: entries were deleted"
        )
        in done.stdout
    )


def test_an_entry_is_dated_by_the_database_not_by_the_apps_clock(
    services: Services,
) -> None:
    world = a_world(services)
    back_then = Services(services.store, clock=lambda: datetime(2020, 1, 1, tzinfo=UTC))
    back_then.vacancies.set_retention_date(world.hr, world.vacancy.id, datetime(2027, 1, 1).date())
    (entry,) = services.audit.audit_log(world.hr, world.vacancy.id, limit=1)
    assert entry.action == "set_retention_date"
    at = entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    assert abs((at - datetime.now(UTC)).total_seconds()) < 60


def test_the_workbook_prints_the_chains_head_and_verify_checks_it(
    services: Services, database_url: str
) -> None:
    world = make_world(services)
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    last, digest = newest(services)
    download = services.workbooks.export_shortlist(world.hr, outcome)
    summary = load_workbook(io.BytesIO(download.content), read_only=True)["Summary"]
    printed = {row[0]: row[1] for row in summary.iter_rows(values_only=True)}
    head = f"{last}:{digest[:16]}"
    assert printed["Audit log at export"] == (
        f"entry {last}, hash {digest[:16]}: check it with python -m storage verify-audit --head {head}"
    )
    assert verify_audit(database_url, "--head", head).returncode == 0
    with with_the_database(database_url) as connection, unguarded(connection):
        connection.execute(LOG.delete().where(LOG.c.id >= last))
    done = verify_audit(database_url, "--head", head)
    assert done.returncode == 1
    assert (
        f"BREAK at the audit log: the head {head} given records entry {head}, but the chain ends at entry {last - 1}"
        in done.stdout
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def owner_url_at_0009(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database as revision 0009 left it, with three entries hashed the plain way (dated by
    the app's clock, one before the entry it follows, as a test clock could)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = new_database(request.getfixturevalue("postgres_base"))
    engine = make_engine(url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
    previous = GENESIS
    with engine.begin() as connection:
        for n, day in enumerate([3, 1, 2], start=1):
            entry = ChainedEntry(
                n, datetime(2026, 2, day, 9, 0, tzinfo=UTC), None, "system", "create_user",
                None, "user", str(n), payload_hash(None, {"username": f"user{n}"}),
            )  # fmt: skip
            previous = entry_hash(previous, entry)
            values = {"old_value": None, "new_value": {"username": f"user{n}"}}
            connection.execute(insert(LOG).values(**entry.__dict__, **values, entry_hash=previous))
    engine.dispose()
    return url


def test_an_upgrade_keeps_the_plain_entries_and_the_keyed_chain_anchors_to_them(
    owner_url_at_0009: str, shared_catalogue: Catalogue
) -> None:
    open_store(owner_url_at_0009, shared_catalogue).engine.dispose()  # migrated by its owner
    url = as_app_role(owner_url_at_0009) if postgresql(owner_url_at_0009) else owner_url_at_0009
    services = Services(open_store(url, shared_catalogue))
    a_world(services)
    with services.store.reading() as session:
        assert services.store.audit_key and REPOSITORY.audit_keyed_from(session=session) == 4
    assert verify_audit(url).returncode == 0
    last, digest = newest(services)  # the checkpoint's head

    with with_the_database(url) as connection, unguarded(connection):  # a plain entry rewritten
        connection.execute(update(LOG).where(LOG.c.id == 2).values(actor="someone else"))
        rehash_from(connection, 2)
    done = verify_audit(url)
    assert done.returncode == 1
    assert "BREAK at entry 4: its hash was not made with the deployment's audit key" in done.stdout

    with with_the_database(url) as connection, unguarded(connection):  # every entry made plain
        connection.execute(
            tables.Deployment.__table__.update()
            .where(tables.Deployment.key == "audit_keyed_from")
            .values(value="1000")
        )
        rehash_from(connection, 1)
    done = verify_audit(url)
    assert done.returncode == 1
    assert f"BREAK at entry {last}: its hash begins " in done.stdout
    assert f"not {digest[:16]} as the checkpoint" in done.stdout
    services.store.engine.dispose()


def test_a_check_while_entries_are_added_finds_no_break(services: Services) -> None:
    world = a_world(services)
    done = threading.Event()

    def keep_writing() -> None:
        day = date(2027, 1, 1)
        while not done.is_set():
            day += timedelta(days=1)
            services.vacancies.set_retention_date(world.hr, world.vacancy.id, day)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        checks = [services.audit.verify(world.admin)[1] for _ in range(20)]
    finally:
        done.set()
        writer.join()
    assert checks == [[]] * 20
