"""People and their sessions: councils, user accounts (one address, one account, whatever its
case), signed-in browsers and failed sign-ins."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables.base import Base


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)  # guaranteed-interview policy
    behaviours: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(120), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254))  # normal form: storage/emails.py
    role: Mapped[str] = mapped_column(String(20))  # admin | hr | panel
    organisation_id: Mapped[str | None] = mapped_column(ForeignKey("organisations.id"))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Single sign-on: the identity bound to the account, its provider's issuer and subject. A
    # subject is unique in a deployment (one provider signs a deployment in).
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)
    oidc_issuer: Mapped[str | None] = mapped_column(String(500))
    sso_invited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    @property
    def sign_on(self) -> str:
        """none | invited | bound (storage/sign_on_rules.py, SignOnState)."""
        return "bound" if self.oidc_subject else "invited" if self.sso_invited_at else "none"


# One address, one account, whatever its case: the database refuses a second (migration 0011)
Index("uq_users_email_lower", func.lower(User.email), unique=True)


class SignInSession(Base):
    """A signed-in browser: its cookie carries a token, this row only the token's hash.
    Ends at `expires_at`, after `idle` without use, at sign-out, or when the account is closed
    or its role changes (the role it was opened with is kept)."""

    __tablename__ = "sign_in_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # random; the actor carries it
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # set at the trade
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    code_hash: Mapped[str | None] = mapped_column(
        String(64), unique=True
    )  # one-time, for the cookie
    code_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SignInFailure(Base):
    """A failed sign-in, keyed by a keyed hash of the account name or of the client address
    (never the name or address itself), for throttling with back-off."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
