"""Vacancies and their applications. Personal details and scheme declarations live in
`applicant_details`, apart from the evidence in `applications`; equality-monitoring answers
apart again."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from scoring.rules.lifecycle import VacancyStatus
from storage.tables.base import Base


class Vacancy(Base):
    __tablename__ = "vacancies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(300))
    role_id: Mapped[str] = mapped_column(String(120))
    level: Mapped[str | None] = mapped_column(String(4))
    grade: Mapped[str | None] = mapped_column(String(80))
    role_snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)  # the role as it was at opening
    criteria: Mapped[list[Any]] = mapped_column(JSON)  # effective criteria, HR's edits applied
    scheme: Mapped[dict[str, Any]] = mapped_column(JSON)
    policy: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default=VacancyStatus.OPEN.value)
    closing_date: Mapped[date | None] = mapped_column(Date)
    interview_date: Mapped[date | None] = mapped_column(Date)
    retention_date: Mapped[date | None] = mapped_column(Date)
    chunked_review: Mapped[bool] = mapped_column(Boolean, default=False)
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # to the panel
    created_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finalised_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    purged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    summary: Mapped[dict[str, Any] | None] = mapped_column(
        JSON
    )  # anonymised counts kept after purge
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    scoring_deadline: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The create form's key: the same form sent twice (a double click) makes one vacancy.
    request_key: Mapped[str | None] = mapped_column(String(64))
    # What the schemes' `covers` read (scoring/vacancy.py PostFacts); None: not recorded.
    advertised: Mapped[str | None] = mapped_column(String(20))  # "external" or "internal"
    salary_from: Mapped[int | None] = mapped_column(Integer)  # pounds a year
    salary_to: Mapped[int | None] = mapped_column(Integer)
    role_family: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (
        UniqueConstraint("created_by", "request_key", name="uq_vacancies_created_by_request_key"),
    )


class ImportBatch(Base):
    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    imported_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )

    __table_args__ = (UniqueConstraint("vacancy_id", "sha256"),)


class Application(Base):
    """The evidence a panel sees: no name, no contact details, no scheme declarations."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id", ondelete="CASCADE"))
    reference: Mapped[str] = mapped_column(String(64))  # HR's application_id
    panel_code: Mapped[str] = mapped_column(String(16))  # what the panel sees
    received_date: Mapped[date | None] = mapped_column(Date)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    statement: Mapped[str] = mapped_column(Text, default="")  # as received (HR only)
    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # as received (HR only)
    # What the panel reads: the statement and answers with the applicant's identifiers redacted
    panel_statement: Mapped[str] = mapped_column(Text, default="")
    panel_evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    redactions: Mapped[list[Any]] = mapped_column(JSON, default=list)  # what was removed, for HR
    redaction_terms: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # HR's extra/keep
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id"))
    # When HR released it to the panel; none yet: held (a late application awaiting review)
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("vacancy_id", "reference"),
        UniqueConstraint("vacancy_id", "panel_code"),
    )


class ApplicantDetails(Base):
    """Personal details and scheme declarations, held apart; never shown to the panel."""

    __tablename__ = "applicant_details"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    first_name: Mapped[str] = mapped_column(String(200), default="")
    last_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    declarations: Mapped[dict[str, Any]] = mapped_column(JSON)


class MonitoringAnswers(Base):
    """Equality-monitoring answers, imported apart from the application; HR only, never the
    panel, purged with the personal details."""

    __tablename__ = "monitoring_answers"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
