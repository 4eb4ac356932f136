"""The audit log: append-only (triggers refuse updates and deletes), each entry chained to the
one before (storage/audit_chain.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Index,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables.base import Base


class AuditEntry(Base):
    """Append-only: who, when, what, old value, new value."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor_id: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(80))
    vacancy_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(80))
    entity_id: Mapped[str | None] = mapped_column(String(120))
    old_value: Mapped[Any | None] = mapped_column(JSON)
    new_value: Mapped[Any | None] = mapped_column(JSON)
    payload_hash: Mapped[str | None] = mapped_column(String(64))  # storage/audit_chain.py
    entry_hash: Mapped[str | None] = mapped_column(String(64))

    # The newest entry of a vacancy is its change token (use_cases/outcome_cache.py)
    __table_args__ = (Index("ix_audit_log_vacancy_entry", "vacancy_id", "id"),)
