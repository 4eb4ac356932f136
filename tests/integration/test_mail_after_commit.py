"""E-mail goes only once the write that records it has committed, through the real store and a
real SMTP server on loopback: a write the database gives up on once is run again and each
person still gets one message, audited once; a write that cannot commit sends nothing; and a
message the server does not take is recorded as not sent, to go on a later click."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from storage import tables
from storage.repository import Repository
from storage.store import Store
from tests.fakes import given_up, lost
from tests.integration.helpers import World, make_world
from tests.integration.smtp import Inbox, free_port, mailer
from tests.integration.test_letters import INVITED, REGRET, SCHEME, finalise
from use_cases import Services, VacancyEdit
from use_cases.mail import MailUnavailable

ROSA, SAM = "rosa@example.org", "sam@example.org"
LETTERS = len(INVITED) + len(REGRET) + len(SCHEME)


class Trap(Repository):
    """The repository, with a trap on the `nth` call of one write: `on` names it, the audit
    write by its action. `error`: the call raises it; `commit_error`: the call goes through,
    and its transaction's commit raises it."""

    def __init__(
        self,
        on: str,
        *,
        nth: int = 1,
        error: Exception | None = None,
        commit_error: Exception | None = None,
    ) -> None:
        self.on, self.nth, self.error, self.commit_error = on, nth, error, commit_error
        self.calls = 0

    def _spring(self, session: Session) -> None:
        self.calls += 1
        if self.calls != self.nth:
            return
        if self.error is not None:
            raise self.error
        commit_error = self.commit_error

        def refuse(_session: Session) -> None:
            raise commit_error  # type: ignore[misc]

        event.listen(session, "before_commit", refuse, once=True)

    def record_audit(self, **entry: Any) -> None:  # type: ignore[override]
        if entry["action"] == self.on:
            self._spring(entry["session"])
        Repository.record_audit(**entry)

    def claim_letter(self, **claim: Any) -> bool:  # type: ignore[override]
        if self.on == "claim_letter":
            self._spring(claim["session"])
        return Repository.claim_letter(**claim)


def behind(services: Services, store: Store) -> World:
    """Both panel members behind with their scoring (released three days ago, the deadline
    tomorrow), each with an e-mail address."""
    world = make_world(services)
    for member, address in zip(world.panel, (ROSA, SAM), strict=True):
        services.accounts.set_email(world.admin, user_id=member.user_id, email=address)
    with store.writing() as session:  # the vacancy moves back: the database dates the audit
        row = session.get(tables.Vacancy, world.vacancy.id)
        assert row is not None and row.released_at is not None
        row.released_at -= timedelta(days=3)
    vacancy = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    assert vacancy.released_at is not None
    services.lifecycle.edit(
        world.hr, vacancy.id, VacancyEdit(scoring_deadline=vacancy.released_at.date() + timedelta(days=4)),
        expected_version=vacancy.version,
    )  # fmt: skip
    return world


def recipients(server: Inbox) -> list[str]:
    return sorted(r for received in server.messages for r in received.rcpt_tos)


def actions(services: Services, world: World, action: str) -> list[str]:
    """The records `action` was audited on, oldest first."""
    entries = services.audit.audit_log(world.hr, world.vacancy.id)
    return [e.entity_id or "" for e in reversed(entries) if e.action == action]


def test_a_reminder_goes_once_when_the_database_gives_up_on_its_audit_entry_once(
    store: Store, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    services = Services(store, repo=Trap("send_reminder", error=given_up()))
    world = behind(services, store)
    services.reminders.mailer = mailer(port)

    report = services.reminders.send_reminders(world.hr, world.vacancy.id)

    assert recipients(server) == [ROSA, SAM], "one reminder each, however often it was tried"
    assert report.sent == ("Rpatel", "Sokafor") and report.not_sent == ()
    reminded = actions(services, world, "send_reminder")
    assert sorted(reminded) == sorted(str(m.user_id) for m in world.panel), "audited once each"


def test_no_reminder_goes_when_the_write_recording_it_cannot_commit(
    store: Store, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    services = Services(store, repo=Trap("send_reminder", commit_error=lost()))
    world = behind(services, store)
    services.reminders.mailer = mailer(port)

    with pytest.raises(OperationalError, match="disk I/O error"):
        services.reminders.send_reminders(world.hr, world.vacancy.id)

    assert server.messages == [], "nothing went that is not recorded"
    assert actions(services, world, "send_reminder") == []
    again = services.reminders.send_reminders(world.hr, world.vacancy.id)
    assert again.sent == ("Rpatel", "Sokafor") and recipients(server) == [ROSA, SAM]


def test_a_reminder_the_mail_server_does_not_take_is_recorded_as_not_sent_and_goes_later(
    services: Services, store: Store, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = behind(services, store)
    rosa, sam = (str(m.user_id) for m in world.panel)
    services.reminders.mailer = mailer(free_port())  # nobody listens there
    with pytest.raises(MailUnavailable, match="Nothing was sent"):
        services.reminders.send_reminders(world.hr, world.vacancy.id)

    services.reminders.mailer = mailer(port)
    server.refuse.add(ROSA)
    report = services.reminders.send_reminders(world.hr, world.vacancy.id)
    assert report.sent == ("Sokafor",), "not reported as sent"
    assert report.not_sent == ("Rpatel: the mail server refused the recipient (code 550)",)
    assert recipients(server) == [SAM]
    assert sorted(actions(services, world, "reminder_not_sent")) == sorted([rosa, sam, rosa])

    server.refuse.clear()
    again = services.reminders.send_reminders(world.hr, world.vacancy.id)
    assert again.sent == ("Rpatel",) and again.reminded_today == ("Sokafor",)
    assert recipients(server) == [ROSA, SAM]
    entries = services.audit.audit_log(world.hr, world.vacancy.id)
    assert not any("@" in repr(e.new_value) for e in entries if "reminder" in e.action)


def test_each_letter_goes_once_and_is_recorded_sent_when_its_audit_entry_is_given_up_on_once(
    store: Store, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    services = Services(store, repo=Trap("send_letter", error=given_up()))
    world = finalise(services)
    services.letters.mailer = mailer(port)

    report = services.letters.send_emails(world.hr, world.vacancy.id)

    assert (report.sent, report.failed) == (LETTERS, 0)
    addresses = recipients(server)
    assert len(addresses) == LETTERS == len(set(addresses)), "one letter each"
    sent = actions(services, world, "send_letter")
    assert sorted(sent) == sorted(INVITED + REGRET + SCHEME), "audited once each"
    lines = services.letters.letters(world.hr, world.vacancy.id).lines
    assert sorted(x.emailed.status for x in lines if x.emailed) == ["sent"] * LETTERS


def test_no_letter_goes_when_the_write_recording_the_letters_cannot_commit(
    store: Store, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    services = Services(store, repo=Trap("claim_letter", nth=2, commit_error=lost()))
    world = finalise(services)
    services.letters.mailer = mailer(port)

    with pytest.raises(OperationalError, match="disk I/O error"):
        services.letters.send_emails(world.hr, world.vacancy.id)

    assert server.messages == [], "nothing went that is not recorded"
    assert not any(x.emailed for x in services.letters.letters(world.hr, world.vacancy.id).lines)
    assert actions(services, world, "send_letter") == []
    assert services.letters.send_emails(world.hr, world.vacancy.id).sent == LETTERS
    assert len(set(recipients(server))) == len(server.messages) == LETTERS
