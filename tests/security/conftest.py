"""The security tests run against real SQLite and PostgreSQL, as the integration suite does;
`clock` is a clock the test moves on."""

from datetime import UTC, datetime

import pytest

from tests.integration.conftest import (  # noqa: F401
    database_url,
    postgres_base,
    services,
    shared_catalogue,
    store,
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()
