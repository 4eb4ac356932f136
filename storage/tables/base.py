"""One declarative Base for every table of the schema (storage/tables/__init__.py imports each
area's module, so that its metadata holds them all), the Core table of a mapped class, and the
row saying what this database is."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (for the hot paths that use prepared Core statements)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class Deployment(Base):
    """What this database is: kind 'real' or 'demo', set when it is first opened."""

    __tablename__ = "deployment"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
