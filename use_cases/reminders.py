"""HR: e-mail reminders to the panel members who are behind with their scoring or overdue
(scoring/rules/deadlines.py), at most one a day per member, each audited (without the address).

The audit entry is the record that a member was reminded: it is written first, and the e-mail
goes once it has committed (common.py's Outbox), so a write the database gives up on and runs
again never reminds twice. A reminder the server did not take is audited as not sent, and may
be sent again that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import NamedTuple

from sqlalchemy.orm import Session

from scoring.rules.deadlines import Pace
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, Outbox, UseCase, system_clock
from use_cases.mail import Delivery, Mail, Mailer
from use_cases.models import MemberProgress
from use_cases.ports.reminders import RemindersRepository
from use_cases.progress import Progress

ACTION, NOT_SENT = "send_reminder", "reminder_not_sent"
NOT_TRIED = "not tried: the mail server could not be reached or stopped taking messages"


@dataclass(frozen=True)
class ReminderReport:
    sent: tuple[str, ...]  # members reminded now
    reminded_today: tuple[str, ...]  # behind, but reminded earlier today
    without_email: tuple[str, ...]  # behind, with no e-mail address on their account
    not_sent: tuple[str, ...] = ()  # the server did not take it: "member: why"


def reminder(member: str, vacancy: str, reference: str, scored: int, expected: int, pace: Pace, deadline: str) -> tuple[str, str]:  # fmt: skip
    subject = f"Scoring reminder: {reference} {vacancy}"
    where = "the deadline has passed" if pace is Pace.OVERDUE else f"the deadline is {deadline}"
    body = (
        f"Dear {member},\n\nThis is a reminder that you have given {scored:,} of the "
        f"{expected:,} scores asked of you for {vacancy} ({reference}), and {where}. Please "
        "sign in to the shortlisting tool to carry on, or tell HR if you cannot finish in time."
        "\n\nWith thanks,\nHR\n"
    )
    return subject, body


class _Written(NamedTuple):
    """What the reminders' write recorded: the e-mail it queued and whom it was for."""

    outbox: Outbox
    due: list[MemberProgress]
    done_today: set[str]
    emails: dict[int, str]


class Reminders(UseCase):
    repo: RemindersRepository

    def __init__(
        self,
        store: Store,
        *,
        progress: Progress,
        mailer: Mailer,
        repo: RemindersRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.progress = progress
        self.mailer = mailer

    @allowed(Role.HR, action="send scoring reminders")
    def send_reminders(self, actor: Actor, vacancy_id: int) -> ReminderReport:
        members = self.progress.progress(actor, vacancy_id)
        now = self.clock()
        start_of_day = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo or UTC)
        behind = [m for m in members if m.pace.needs_reminder and m.submitted_at is None]

        def write(session: Session) -> _Written:
            # the vacancy held: one officer reminds at a time
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            emails = self.repo.emails(session=session, user_ids=[m.user_id for m in behind])
            done_today = self.repo.entity_ids_since(
                session=session, vacancy_id=vacancy_id, action=ACTION, since=start_of_day,
                undone_by=NOT_SENT,
            )  # fmt: skip
            due = [m for m in behind if m.user_id in emails and str(m.user_id) not in done_today]
            outbox = Outbox(session, self.mailer)
            deadline = f"{vacancy.scoring_deadline:%d %B %Y}" if vacancy.scoring_deadline else ""
            for m in due:
                self.audit(
                    session, actor, ACTION, "user", str(m.user_id), vacancy_id=vacancy_id,
                    new={"pace": m.pace.value, "scored": m.scored, "expected": m.expected},
                )  # fmt: skip
                subject, body = reminder(
                    m.member, vacancy.title, vacancy.reference, m.scored, m.expected, m.pace,
                    deadline,
                )  # fmt: skip
                outbox.add(str(m.user_id), Mail(emails[m.user_id], subject, body, now))
            return _Written(outbox, due, done_today, emails)

        outbox, due, done_today, emails = self.store.write(write)
        delivery = outbox.delivery()  # sent now that the entries saying so have committed
        if delivery.unsent:
            self._not_sent(actor, vacancy_id, delivery)
        if delivery.error is not None:
            raise delivery.error
        names = {str(m.user_id): m.member for m in due}
        return ReminderReport(
            sent=tuple(names[key] for key in delivery.sent),
            reminded_today=tuple(m.member for m in behind if str(m.user_id) in done_today),
            without_email=tuple(m.member for m in behind if m.user_id not in emails),
            not_sent=tuple(f"{names[key]}: {what}" for key, what in delivery.failed)
            + tuple(f"{names[key]}: {NOT_TRIED}" for key in delivery.not_tried),
        )

    def _not_sent(self, actor: Actor, vacancy_id: int, delivery: Delivery) -> None:
        """The reminders the server did not take: audited as not sent (without the address),
        so the member counts as not reminded today."""
        why = dict(delivery.failed) | dict.fromkeys(delivery.not_tried, NOT_TRIED)

        def write(session: Session) -> None:
            for key, what in why.items():
                self.audit(
                    session, actor, NOT_SENT, "user", key, vacancy_id=vacancy_id,
                    new={"error": what},
                )  # fmt: skip

        self.store.write(write)
