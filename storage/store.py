"""The store: engine, sessions and the catalogue the services work with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from criteria.loader import Catalogue
from storage import tables
from storage.db import make_engine, session_factories
from storage.migrate import upgrade


class Store:
    def __init__(self, engine: Engine, catalogue: Catalogue) -> None:
        self.engine = engine
        self.catalogue = catalogue
        self._read, self._write = session_factories(engine)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: everything in it is stored, or nothing is."""
        with self._write() as session, session.begin():
            yield session

    def sync_organisations(self) -> None:
        """Keep the organisations table in step with the catalogue (policy, behaviours)."""
        with self.writing() as session:
            for org in self.catalogue.organisations.values():
                row = session.get(tables.Organisation, org.id) or tables.Organisation(id=org.id)
                row.name = org.name
                row.policy = org.guaranteed_interview.model_dump(mode="json")
                row.behaviours = org.behaviours.model_dump(mode="json") if org.behaviours else None
                session.add(row)


def open_store(url: str, catalogue: Catalogue) -> Store:
    """Create or migrate the database at `url` and return a store over it."""
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine, catalogue)
    store.sync_organisations()
    return store
