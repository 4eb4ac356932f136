"""Letters: HR's wording per vacancy, and the record of every letter sent or prepared. A letter
is claimed (recorded) before it goes; the unique key on (vacancy, application, channel) makes a
second claim do nothing, so no letter is sent twice."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scoring.words.letters import LetterKind, LetterTemplate
from storage import tables

EMAIL, DOCUMENT = "email", "document"
SENDING, SENT, PREPARED = "sending", "sent", "prepared"


class StoredTemplate(BaseModel):
    """The wording in force for one kind of letter: HR's (version 1 and up) or the default
    (version 0, never saved)."""

    model_config = ConfigDict(frozen=True)

    template: LetterTemplate
    version: int = 0
    updated_by: str | None = None
    updated_at: datetime | None = None


class SentLetter(BaseModel):
    """One letter's record: e-mailed (status sending, then sent) or prepared as a document."""

    model_config = ConfigDict(frozen=True)

    reference: str
    kind: LetterKind
    channel: str
    recipient: str | None
    template_hash: str
    sent_at: datetime
    sent_by: str
    status: str


def letter_templates(*, session: Session, vacancy_id: int) -> dict[LetterKind, StoredTemplate]:
    """The kinds HR has saved for the vacancy."""
    rows = session.execute(
        select(tables.LetterTemplate, tables.User.display_name)
        .join(tables.User, tables.User.id == tables.LetterTemplate.updated_by)
        .where(tables.LetterTemplate.vacancy_id == vacancy_id)
    ).all()
    found = {}
    for row, who in rows:
        kind = LetterKind(row.kind)
        template = LetterTemplate(kind=kind, subject=row.subject, body=row.body)
        found[kind] = StoredTemplate(
            template=template, version=row.version, updated_by=who, updated_at=row.updated_at
        )
    return found


def save_letter_template(
    *,
    session: Session,
    vacancy_id: int,
    template: LetterTemplate,
    expected_version: int,
    by: int,
    at: datetime,
) -> bool:
    """Store HR's wording if the stored one is still at `expected_version` (0: none saved).
    False if another window saved meanwhile."""
    values = {
        "subject": template.subject,
        "body": template.body,
        "updated_by": by,
        "updated_at": at,
    }
    if expected_version == 0:
        key = (vacancy_id, template.kind.value)
        if session.get(tables.LetterTemplate, key) is not None:
            return False
        session.add(
            tables.LetterTemplate(
                vacancy_id=vacancy_id, kind=template.kind.value, version=1, **values
            )
        )
        session.flush()
        return True
    changed = session.execute(
        update(tables.LetterTemplate)
        .where(
            tables.LetterTemplate.vacancy_id == vacancy_id,
            tables.LetterTemplate.kind == template.kind.value,
            tables.LetterTemplate.version == expected_version,
        )
        .values(version=expected_version + 1, **values)
    ).rowcount  # type: ignore[attr-defined]
    return bool(changed == 1)


def sent_letters(*, session: Session, vacancy_id: int) -> list[SentLetter]:
    """Every letter recorded for the vacancy, oldest first."""
    rows = session.execute(
        select(tables.LetterSent, tables.Application.reference, tables.User.display_name)
        .join(tables.Application, tables.Application.id == tables.LetterSent.application_id)
        .join(tables.User, tables.User.id == tables.LetterSent.sent_by)
        .where(tables.LetterSent.vacancy_id == vacancy_id)
        .order_by(tables.LetterSent.id)
    ).all()
    return [
        SentLetter(
            reference=reference,
            kind=LetterKind(r.kind),
            channel=r.channel,
            recipient=r.recipient,
            template_hash=r.template_hash,
            sent_at=r.sent_at,
            sent_by=who,
            status=r.status,
        )  # fmt: skip
        for r, reference, who in rows
    ]


def claim_letter(
    *,
    session: Session,
    vacancy_id: int,
    application_id: int,
    kind: LetterKind,
    channel: str,
    recipient: str | None,
    template_hash: str,
    status: str,
    by: int,
    at: datetime,
) -> bool:
    """Record a letter before it goes. False if one is recorded already for this application
    and channel (by this officer earlier, or by another at this very moment: on PostgreSQL the
    second insert waits for the first to commit, then does nothing)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(tables.LetterSent)
        .values(
            vacancy_id=vacancy_id,
            application_id=application_id,
            kind=kind.value,
            channel=channel,
            recipient=recipient,
            template_hash=template_hash,
            sent_at=at,
            sent_by=by,
            status=status,
        )  # fmt: skip
        .on_conflict_do_nothing(index_elements=["vacancy_id", "application_id", "channel"])
        .returning(tables.LetterSent.id)
    )
    return session.execute(statement).first() is not None  # no row: recorded already


def confirm_letter(
    *, session: Session, vacancy_id: int, application_id: int, channel: str, at: datetime
) -> None:
    """The server took the e-mail: its record says so."""
    session.execute(
        update(tables.LetterSent)
        .where(
            tables.LetterSent.vacancy_id == vacancy_id,
            tables.LetterSent.application_id == application_id,
            tables.LetterSent.channel == channel,
        )
        .values(status=SENT, sent_at=at)
    )


def release_letter(*, session: Session, vacancy_id: int, application_id: int, channel: str) -> None:
    """The e-mail did not go: its claim is withdrawn, so nothing says it was sent."""
    session.execute(
        delete(tables.LetterSent).where(
            tables.LetterSent.vacancy_id == vacancy_id,
            tables.LetterSent.application_id == application_id,
            tables.LetterSent.channel == channel,
            tables.LetterSent.status == SENDING,
        )
    )
