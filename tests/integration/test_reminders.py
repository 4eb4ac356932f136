"""Reminders to the panel members behind with their scoring, sent to a real SMTP server on
loopback: only those behind, once a day, audited without the address."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from scoring.rules.deadlines import Pace
from storage.store import Store
from tests.integration.helpers import make_world
from tests.integration.smtp import mailer, subject
from use_cases import Services, VacancyEdit


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def test_the_members_behind_are_reminded_once_a_day(
    services: Services, store: Store, inbox
) -> None:  # type: ignore[no-untyped-def]
    handler, port = inbox
    world = make_world(services)
    rosa, sam = world.panel
    with store.writing() as session:  # their e-mail addresses
        from storage import tables

        session.get(tables.User, rosa.user_id).email = "rosa@example.org"  # type: ignore[union-attr]
        # Released three days ago: the vacancy moves back, not the clock forward, since the
        # database dates the audit entries that say who was reminded today.
        session.get(tables.Vacancy, world.vacancy.id).released_at -= timedelta(days=3)  # type: ignore[union-attr,operator]
    vacancy = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    released = vacancy.released_at.date()  # type: ignore[union-attr]
    services.lifecycle.edit(
        world.hr, vacancy.id, VacancyEdit(scoring_deadline=released + timedelta(days=4)),
        expected_version=vacancy.version,
    )  # fmt: skip
    later = Clock(datetime.now(UTC))
    assert later.at.date() == released + timedelta(days=3)
    timed = Services(store, clock=later)
    timed.reminders.mailer = mailer(port)
    progress = timed.progress.progress(world.hr, vacancy.id)
    assert [p.pace for p in progress] == [Pace.BEHIND, Pace.BEHIND]

    report = timed.reminders.send_reminders(world.hr, vacancy.id)
    assert report.sent == ("Rpatel",) and report.without_email == ("Sokafor",)
    (message,) = handler.messages
    assert message.rcpt_tos == ["rosa@example.org"]
    assert subject(message.message).startswith(f"Scoring reminder: {vacancy.reference}")
    assert "0 of the 336 scores" in message.message.get_content()

    again = timed.reminders.send_reminders(world.hr, vacancy.id)  # a second click, same day
    assert again.sent == () and again.reminded_today == ("Rpatel",)
    assert len(handler.messages) == 1
    entries = [
        e for e in services.audit.audit_log(world.hr, vacancy.id) if e.action == "send_reminder"
    ]
    assert len(entries) == 1 and "rosa@example.org" not in str(entries[0].new_value)

    later.at += timedelta(days=1)  # next day: reminded again, now overdue? not yet (deadline day)
    assert timed.reminders.send_reminders(world.hr, vacancy.id).sent == ("Rpatel",)
    assert date.fromisoformat(str(later.at.date())) == released + timedelta(days=4)
