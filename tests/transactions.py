"""Counting the transactions a piece of work opens on a real engine: a read is a transaction
begun as Store.reading() begins it, a write one begun as Store.writing() does (storage/db.py's
BEGIN IMMEDIATE execution option, set on every write session whatever the database)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event

from storage.db import WRITE


@dataclass
class Counted:
    reads: int = 0
    writes: int = 0
    kinds: list[str] = field(default_factory=list)  # in the order begun

    @property
    def total(self) -> int:
        return self.reads + self.writes


@contextmanager
def transactions(engine: Engine) -> Iterator[Counted]:
    """Every transaction begun on `engine` (by any session or thread) while the block runs."""
    counted = Counted()

    def begun(connection: Any) -> None:
        options = connection.get_execution_options()
        write = all(options.get(k) == v for k, v in WRITE.items())
        counted.kinds.append("write" if write else "read")
        if write:
            counted.writes += 1
        else:
            counted.reads += 1

    event.listen(engine, "begin", begun)
    try:
        yield counted
    finally:
        event.remove(engine, "begin", begun)
