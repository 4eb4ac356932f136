"""Fixtures for the integration suite: every test runs against a real SQLite file and a real
PostgreSQL server (no mocked database anywhere)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from criteria.loader import Catalogue, load_catalogue
from storage.store import Store, open_store
from tests.factories import with_recorded_scheme
from tests.integration.smtp import inbox as inbox  # the loopback SMTP server fixture
from tests.pg import as_app_role, cluster, new_database, server_binaries
from use_cases import Services

REQUIRE_POSTGRES = os.environ.get("SHORTLISTING_REQUIRE_POSTGRES") == "1"


@pytest.fixture(scope="session")
def postgres_base() -> Iterator[str]:
    if server_binaries() is None:
        if REQUIRE_POSTGRES:
            pytest.fail("PostgreSQL is required for this run but its server is not installed")
        pytest.skip("PostgreSQL server not installed (scripts/test.sh installs it)")
    with cluster() as url:
        yield url


@pytest.fixture(scope="session")
def shared_catalogue() -> Catalogue:
    """The catalogue, with Darlington recording Dartford's schemes: the journeys are built on
    Darlington's sample applications and exercise every scheme decision."""
    return with_recorded_scheme(load_catalogue())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shortlisting.db'}"
    base: str = request.getfixturevalue("postgres_base")
    owner = new_database(base)
    open_store(owner, request.getfixturevalue("shared_catalogue")).engine.dispose()  # migrate
    return as_app_role(owner)


@pytest.fixture
def store(database_url: str, shared_catalogue: Catalogue) -> Iterator[Store]:
    store = open_store(database_url, shared_catalogue)
    yield store
    store.engine.dispose()


@pytest.fixture
def services(store: Store) -> Services:
    return Services(store)
