"""Letters for the fake repository (tests/fake_workbooks.py's world): HR's wording per kind,
saved compare-and-set, and each letter's record, claimed once per application and channel as
the table's unique key allows (storage/repository/letters.py), so the Letters use case runs
without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from scoring.words.letters import LetterKind, LetterTemplate
from storage.repository.letters import SENT, SentLetter, StoredTemplate
from tests.fake_vacancies import VacancyState
from tests.fake_workbooks import FakeWorkbooks, workbooks_world
from use_cases.ports.letters import LettersRepository


@dataclass
class LetterState(VacancyState):
    templates: dict[LetterKind, StoredTemplate] = field(default_factory=dict)
    letters: dict[tuple[int, str], SentLetter] = field(default_factory=dict)
    # (application id, channel) -> its record


class FakeLetters(FakeWorkbooks, LettersRepository):
    state: LetterState

    def __init__(self, state: LetterState) -> None:
        super().__init__(state)

    def letter_templates(
        self, *, session: object, vacancy_id: int
    ) -> dict[LetterKind, StoredTemplate]:
        return dict(self.state.templates)

    def save_letter_template(
        self, *, session: object, vacancy_id: int, template: LetterTemplate,
        expected_version: int, by: int, at: datetime,
    ) -> bool:  # fmt: skip
        stored = self.state.templates.get(template.kind)
        if (stored.version if stored else 0) != expected_version:
            return False
        self.state.templates[template.kind] = StoredTemplate(
            template=template, version=expected_version + 1,
            updated_by=self.state.accounts[by].display_name, updated_at=at,
        )  # fmt: skip
        return True

    def sent_letters(self, *, session: object, vacancy_id: int) -> list[SentLetter]:
        return sorted(self.state.letters.values(), key=lambda s: s.sent_at)

    def claim_letter(
        self, *, session: object, vacancy_id: int, application_id: int, kind: LetterKind,
        channel: str, recipient: str | None, template_hash: str, status: str, by: int,
        at: datetime,
    ) -> bool:  # fmt: skip
        key = (application_id, channel)
        if key in self.state.letters:
            return False
        self.state.letters[key] = SentLetter(
            reference=self.state.ref(application_id).reference, kind=kind, channel=channel,
            recipient=recipient, template_hash=template_hash, sent_at=at,
            sent_by=self.state.accounts[by].display_name, status=status,
        )  # fmt: skip
        return True

    def confirm_letter(
        self, *, session: object, vacancy_id: int, application_id: int, channel: str, at: datetime
    ) -> None:
        key = (application_id, channel)
        self.state.letters[key] = self.state.letters[key].model_copy(
            update={"status": SENT, "sent_at": at}
        )

    def release_letter(
        self, *, session: object, vacancy_id: int, application_id: int, channel: str
    ) -> None:
        self.state.letters.pop((application_id, channel), None)


def letters_world(*, status: str = "finalised") -> FakeLetters:
    """tests/fake_workbooks.py's world (A1 and A2 shortlisted, A3 not, A4 withdrawn, each
    applicant with an address), with its letters."""
    return FakeLetters(LetterState(**workbooks_world(status=status).state.__dict__))
