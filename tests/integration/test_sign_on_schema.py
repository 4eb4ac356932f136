"""The database's side of single sign-on (migration 0011), on SQLite and PostgreSQL: one
account per e-mail address whatever its case, and the upgrade of a database that already has
users (addresses put in their normal form; old bindings, made by e-mail alone, turned into
invitations; accounts sharing an address stop the upgrade, loudly, changing nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import IntegrityError

from storage import tables
from storage.db import make_engine
from storage.migrate import alembic_config, current, head, upgrade
from storage.store import Store
from tests.pg import new_database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Engine:
    """A database with nothing in it yet (on PostgreSQL, as its owner, who migrates)."""
    if request.param == "sqlite":
        return make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    return make_engine(new_database(request.getfixturevalue("postgres_base")))


def migrate_to(engine: Engine, revision: str) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def add_old_users(engine: Engine, *rows: tuple[str, str | None, str | None, bool]) -> None:
    """Users as a database before 0011 holds them: (username, e-mail, subject, open)."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (username, display_name, email, role, oidc_subject, active) "
                "VALUES (:username, :username, :email, 'hr', :subject, :active)"
            ),
            [{"username": u, "email": e, "subject": s, "active": a} for u, e, s, a in rows],
        )


def test_the_database_refuses_a_second_account_with_an_address_differing_in_case(
    store: Store,
) -> None:
    with store.writing() as session:
        session.execute(
            insert(tables.User).values(
                username="one", display_name="One", role="hr", email="same@council.example"
            )
        )
    with pytest.raises(IntegrityError):
        with store.writing() as session:
            session.execute(
                insert(tables.User).values(
                    username="two", display_name="Two", role="hr", email="SAME@council.example"
                )
            )
    with store.writing() as session:  # no address at all: as many as you like
        for name in ("three", "four"):
            session.execute(insert(tables.User).values(username=name, display_name=name, role="hr"))


@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection", "ignore:autogenerate skipping metadata-specified"
)
def test_the_migrated_users_table_matches_the_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.Base.metadata)
        if store.engine.dialect.name == "sqlite":  # SQLite's expression indexes are not compared
            found = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'uq_users_email_lower'")
            ).scalar()
            assert found is not None and "UNIQUE INDEX" in found and "lower(email)" in found
    assert [d for d in differences if "users" in repr(d)] == []


def test_upgrading_normalises_addresses_and_turns_old_bindings_into_invitations(
    empty_engine: Engine,
) -> None:
    migrate_to(empty_engine, "0010")
    add_old_users(
        empty_engine,
        ("bound", " Bound@Council.example ", "old-subject", True),
        ("closed", "closed@council.example", "closed-subject", False),
        ("plain", "PLAIN@council.example", None, True),
        ("blank", "  ", None, True),
        ("none", None, None, True),
    )
    upgrade(empty_engine)
    assert current(empty_engine) == head()
    with empty_engine.connect() as connection:
        found = {
            row.username: row
            for row in connection.execute(
                select(
                    tables.User.username, tables.User.email, tables.User.oidc_subject,
                    tables.User.oidc_issuer, tables.User.sso_invited_at,
                )
            )
        }  # fmt: skip
    assert {name: row.email for name, row in found.items()} == {
        "bound": "bound@council.example",
        "closed": "closed@council.example",
        "plain": "plain@council.example",
        "blank": None,
        "none": None,
    }
    assert all(row.oidc_subject is None and row.oidc_issuer is None for row in found.values())
    invited = {name for name, row in found.items() if row.sso_invited_at is not None}
    assert invited == {"bound"}, "an open account that signed on before is invited again"
    empty_engine.dispose()


def test_upgrading_stops_and_changes_nothing_when_two_accounts_share_an_address(
    empty_engine: Engine,
) -> None:
    migrate_to(empty_engine, "0010")
    add_old_users(
        empty_engine,
        ("first", "same@council.example", "a-subject", True),
        ("second", "SAME@council.example", None, True),
    )
    with pytest.raises(RuntimeError) as stopped:
        upgrade(empty_engine)
    message = str(stopped.value)
    assert "share an e-mail address" in message and "users 1 and 2" in message
    assert "council.example" not in message, "the accounts are named by number only"
    assert current(empty_engine) == "0010"
    with empty_engine.connect() as connection:
        emails = connection.execute(text("SELECT email, oidc_subject FROM users ORDER BY id"))
        assert emails.all() == [
            ("same@council.example", "a-subject"),
            ("SAME@council.example", None),
        ]

    with empty_engine.begin() as connection:  # the fix the message gives
        connection.execute(text("UPDATE users SET email = NULL WHERE id = 2"))
    upgrade(empty_engine)
    assert current(empty_engine) == head()
    empty_engine.dispose()
