"""Letters: HR's wording of each kind of letter for a vacancy, and each letter sent or prepared."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.tables.base import Base


class LetterTemplate(Base):
    """HR's wording of one kind of letter for a vacancy (scoring/words/letters.py has the defaults,
    used for any kind not saved here)."""

    __tablename__ = "letter_templates"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class LetterSent(Base):
    """A letter sent (an e-mail) or prepared (a document), at most once per application and
    channel: the unique key is what stops a second send, even by two HR officers at once. An
    e-mail is recorded as 'sending' before it goes and 'sent' once the server took it. The
    recipient is personal data: the row goes with the application at purge."""

    __tablename__ = "letters_sent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))  # scoring.words.letters.LetterKind
    channel: Mapped[str] = mapped_column(String(20))  # email | document
    recipient: Mapped[str | None] = mapped_column(String(254))  # the e-mail address
    template_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(20))  # sending | sent | prepared

    __table_args__ = (UniqueConstraint("vacancy_id", "application_id", "channel"),)
