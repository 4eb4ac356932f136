"""Letters to applicants: the repository functions use_cases/letters.py calls, with their signatures
from storage/repository/."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from scoring.words.letters import LetterKind, LetterTemplate
from storage.repository.letters import SentLetter, StoredTemplate
from use_cases.ports.common import UseCaseRepository


class LettersRepository(UseCaseRepository, Protocol):
    """Letter templates, and each letter claimed, confirmed or released around its sending."""

    def claim_letter(
        self,
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
    ) -> bool: ...

    def confirm_letter(
        self, *, session: Session, vacancy_id: int, application_id: int, channel: str, at: datetime
    ) -> None: ...

    def letter_templates(
        self, *, session: Session, vacancy_id: int
    ) -> dict[LetterKind, StoredTemplate]: ...

    def organisation_name(self, *, session: Session, organisation_id: str) -> str: ...

    def release_letter(
        self, *, session: Session, vacancy_id: int, application_id: int, channel: str
    ) -> None: ...

    def save_letter_template(
        self,
        *,
        session: Session,
        vacancy_id: int,
        template: LetterTemplate,
        expected_version: int,
        by: int,
        at: datetime,
    ) -> bool: ...

    def sent_letters(self, *, session: Session, vacancy_id: int) -> list[SentLetter]: ...
