"""The schema. Personal details and scheme declarations live in `applicant_details`, apart
from the evidence in `applications`; the audit log is append-only (triggers refuse updates
and deletes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from scoring.rules.lifecycle import VacancyStatus


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


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


class PanelAssignment(Base):
    __tablename__ = "panel_assignments"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The names-only conflict check, done once before scoring starts
    conflicts_declared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Conflict(Base):
    __tablename__ = "conflicts"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )


class PanelScore(Base):
    __tablename__ = "panel_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    criterion_id: Mapped[str] = mapped_column(String(80))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        UniqueConstraint("application_id", "criterion_id", "user_id"),
        Index("ix_panel_scores_user", "user_id"),
    )


class AgreedScore(Base):
    __tablename__ = "agreed_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    criterion_id: Mapped[str] = mapped_column(String(80))
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    agreed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (UniqueConstraint("application_id", "criterion_id"),)


class Decision(Base):
    """A person's decision on an application: the recommendation, and any override with its
    reason. Finalising records who signed the shortlist off."""

    __tablename__ = "decisions"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    recommended: Mapped[str] = mapped_column(String(40))
    decision: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    override_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


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


class PadReceipt(Base):
    """A key press from a score pad, applied once: the pad numbers its presses and resends those
    not acknowledged; a press seen before is acknowledged from here, never applied again."""

    __tablename__ = "pad_receipts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    ok: Mapped[bool] = mapped_column(Boolean)
    panel_code: Mapped[str] = mapped_column(String(16))
    criterion_id: Mapped[str] = mapped_column(String(80))
    score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ReviewTime(Base):
    """How long one panel member had one application open (scoring/rules/human_review.py): the
    proof of human review. Goes with the application at purge."""

    __tablename__ = "review_time"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancies.id", ondelete="CASCADE"), index=True
    )
    first_opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    views: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


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


class Deployment(Base):
    """What this database is: kind 'real' or 'demo', set when it is first opened."""

    __tablename__ = "deployment"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (for the hot paths that use prepared Core statements)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


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
