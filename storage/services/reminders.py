"""HR: e-mail reminders to the panel members who are behind with their scoring or overdue
(scoring/deadlines.py), at most one a day per member, each audited (without the address)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from scoring.deadlines import Pace
from settings import get_settings
from storage.access import Actor, Role, allowed
from storage.mail import Mail, Mailer, SmtpMailer
from storage.repository import REPOSITORY, Repository
from storage.services.common import Clock, UseCase, system_clock
from storage.services.progress import Progress
from storage.store import Store

ACTION = "send_reminder"


@dataclass(frozen=True)
class ReminderReport:
    sent: tuple[str, ...]  # members reminded now
    reminded_today: tuple[str, ...]  # behind, but reminded earlier today
    without_email: tuple[str, ...]  # behind, with no e-mail address on their account


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


class Reminders(UseCase):
    def __init__(
        self,
        store: Store,
        *,
        progress: Progress,
        mailer: Mailer | None = None,
        repo: Repository = REPOSITORY,
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
        with self.store.reading() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            behind = [m for m in members if m.pace.needs_reminder and m.submitted_at is None]
            emails = self.repo.emails(session=session, user_ids=[m.user_id for m in behind])
            done_today = self.repo.entity_ids_since(
                session=session, vacancy_id=vacancy_id, action=ACTION, since=start_of_day
            )
        deadline = f"{vacancy.scoring_deadline:%d %B %Y}" if vacancy.scoring_deadline else ""
        due = [m for m in behind if m.user_id in emails and str(m.user_id) not in done_today]
        sent: list[str] = []
        if due:
            mailer = self.mailer or SmtpMailer.from_settings(get_settings())
            with mailer.connection() as send:
                for m in due:
                    subject, body = reminder(
                        m.member, vacancy.title, vacancy.reference, m.scored, m.expected,
                        m.pace, deadline,
                    )  # fmt: skip
                    send(Mail(to=emails[m.user_id], subject=subject, body=body, at=now))
                    with self.store.writing() as session:
                        self.audit(
                            session, actor, ACTION, "user", str(m.user_id), vacancy_id=vacancy_id,
                            new={"pace": m.pace.value, "scored": m.scored, "expected": m.expected},
                        )  # fmt: skip
                    sent.append(m.member)
        return ReminderReport(
            sent=tuple(sent),
            reminded_today=tuple(m.member for m in behind if str(m.user_id) in done_today),
            without_email=tuple(m.member for m in behind if m.user_id not in emails),
        )
