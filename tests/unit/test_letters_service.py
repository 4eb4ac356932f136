"""Letters after the shortlist, against the in-memory repository: HR's wording saved
compare-and-set and audited; nothing goes before the shortlist is finalised; each applicant
is e-mailed once however often HR sends, each send audited without the address or the words;
a message the server refused is withdrawn so the next send tries it again; documents are
recorded the first time they are prepared."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest

from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind, LetterTemplate
from storage.repository.letters import DOCUMENT, EMAIL, PREPARED, SENT
from tests.fake_letters import FakeLetters, letters_world
from tests.fakes import fake_store, hr, member
from use_cases.errors import InvalidInput, NotAllowed, StaleEdit
from use_cases.letters import NOT_FINALISED, Letters
from use_cases.mail import Mail, Send
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
INVITATION = LetterTemplate(
    kind=LetterKind.INVITATION, subject="Interview for {vacancy}",
    body="Dear {first_name},\n\nPlease come to interview.\n",
)  # fmt: skip


class Kept:
    """A mailer that keeps each message, refusing the recipients in `refuse`."""

    def __init__(self, refuse: set[str] | None = None) -> None:
        self.sent: list[Mail] = []
        self.refuse = refuse or set()

    def problem(self) -> str | None:
        return None

    @contextmanager
    def connection(self) -> Iterator[Send]:
        def send(mail: Mail) -> None:
            if mail.to in self.refuse:
                raise smtplib.SMTPRecipientsRefused({mail.to: (550, b"no such mailbox")})
            self.sent.append(mail)

        yield send


def letters(status: str = "finalised", mailer: Kept | None = None) -> tuple[Letters, FakeLetters, Kept]:  # fmt: skip
    repo, kept = letters_world(status=status), mailer or Kept()
    store, clock = fake_store(repo), (lambda: NOW)
    shortlists = Shortlists(store, repo=repo, clock=clock)
    return Letters(store, shortlists=shortlists, mailer=kept, repo=repo, clock=clock), repo, kept


def test_hrs_wording_is_saved_at_version_1_and_audited_with_both_hashes() -> None:
    service, repo, _ = letters()

    saved = service.save_template(hr(), 1, INVITATION, expected_version=0)

    assert (saved.version, saved.template) == (1, INVITATION)
    entry = repo.state.audit[-1]
    assert (entry["action"], entry["entity_id"]) == ("save_letter_template", "invitation")
    assert entry["old"] == {"template": DEFAULT_TEMPLATES[LetterKind.INVITATION].template_hash}
    assert entry["new"]["template"] == INVITATION.template_hash


def test_wording_saved_from_a_stale_window_is_refused_and_the_newer_wording_stays() -> None:
    service, repo, _ = letters()
    service.save_template(hr(), 1, INVITATION, expected_version=0)
    audited = len(repo.state.audit)
    other = INVITATION.model_copy(update={"subject": "Another subject"})

    with pytest.raises(StaleEdit, match="changed from another window"):
        service.save_template(hr(), 1, other, expected_version=0)

    assert repo.state.templates[LetterKind.INVITATION].template == INVITATION
    assert len(repo.state.audit) == audited


def test_nothing_is_sent_or_prepared_before_the_shortlist_is_finalised() -> None:
    service, repo, kept = letters(status="moderation")
    with pytest.raises(InvalidInput, match=NOT_FINALISED):
        service.send_emails(hr(), 1)
    with pytest.raises(InvalidInput, match=NOT_FINALISED):
        service.documents(hr(), 1)
    assert kept.sent == [] and repo.state.letters == {}


def test_each_applicant_with_a_letter_is_emailed_once_however_often_hr_sends() -> None:
    service, repo, kept = letters()

    first = service.send_emails(hr(), 1)
    again = service.send_emails(hr(), 1)

    assert (first.sent, first.already_sent) == (3, 0), "A1, A2 and A3; A4 withdrew"
    assert (again.sent, again.already_sent) == (0, 3)
    assert sorted(m.to for m in kept.sent) == [f"applicant{n}@example.org" for n in (1, 2, 3)]
    assert {(s.reference, s.channel, s.status) for s in repo.state.letters.values()} == {
        ("A1", EMAIL, SENT), ("A2", EMAIL, SENT), ("A3", EMAIL, SENT),
    }  # fmt: skip
    kinds = {s.reference: s.kind for s in repo.state.letters.values()}
    assert kinds == {"A1": LetterKind.INVITATION, "A2": LetterKind.INVITATION, "A3": LetterKind.REGRET}  # fmt: skip


def test_each_send_is_audited_with_the_reference_and_kind_never_the_address_or_words() -> None:
    service, repo, kept = letters()
    service.send_emails(hr(), 1)

    sends = [e for e in repo.state.audit if e["action"] == "send_letter"]

    assert sorted(e["entity_id"] for e in sends) == ["A1", "A2", "A3"]
    assert all(e["new"]["kind"] in {"invitation", "regret"} for e in sends)
    text = repr(sends)
    assert "@example.org" not in text
    assert all(m.body[:40] not in text for m in kept.sent)


def test_a_message_the_server_refused_is_withdrawn_and_sent_by_the_next_send() -> None:
    mailer = Kept(refuse={"applicant2@example.org"})
    service, repo, _ = letters(mailer=mailer)

    report = service.send_emails(hr(), 1)

    assert (report.sent, report.failed) == (2, 1)
    assert report.problems[0].startswith("A2: the mail server refused the recipient")
    assert (2, EMAIL) not in repo.state.letters
    [failure] = [e for e in repo.state.audit if e["action"] == "letter_not_sent"]
    assert failure["entity_id"] == "A2" and "applicant2" not in repr(failure)

    mailer.refuse.clear()
    retry = service.send_emails(hr(), 1)

    assert (retry.sent, retry.already_sent) == (1, 2)
    assert repo.state.letters[2, EMAIL].status == SENT


def test_documents_are_recorded_the_first_time_and_every_download_is_audited() -> None:
    service, repo, _ = letters()

    download = service.documents(hr(), 1)
    service.documents(hr(), 1)

    assert download.file_name == "letters-vacancy-1.zip" and download.content
    assert {(s.reference, s.channel, s.status) for s in repo.state.letters.values()} == {
        ("A1", DOCUMENT, PREPARED), ("A2", DOCUMENT, PREPARED), ("A3", DOCUMENT, PREPARED),
    }  # fmt: skip
    first, second = [e["new"] for e in repo.state.audit if e["action"] == "prepare_letters"]
    assert (first["letters"], first["first_time"], second["first_time"]) == (3, 3, 0)


def test_a_panel_member_cannot_see_or_send_letters() -> None:
    service, repo, kept = letters()
    rosa = member(7, "rpatel")
    for call in (service.letters, service.send_emails, service.documents):
        with pytest.raises(NotAllowed):
            call(rosa, 1)
    assert kept.sent == [] and repo.state.letters == {}
