"""What every use case is built from: the store (transactions), the repository (the only way
to the database), a clock, the checks on which vacancy an actor may reach, and the outbox
that holds a write's e-mail until it has committed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from scoring.rules.score_checks import check_may_read_evidence
from scoring.rules.who_scores import applications_a_member_scores
from storage.repository import REPOSITORY, ApplicationRef
from storage.repository.sessions import OpenSession
from storage.session_rules import TOUCH_EVERY, account_refusal, why_ended
from storage.store import Store, after_commit
from use_cases.access import Actor, Role
from use_cases.errors import NotAllowed, NotFound
from use_cases.mail import Delivery, Mail, Mailer, MailNotSetUp, Outgoing, deliver
from use_cases.models import VacancyPublic
from use_cases.ports.common import UseCaseRepository

Clock = Callable[[], datetime]
SYSTEM_USER_ID = 0  # the command line's actor (storage/__main__.py); no web session has it


def system_clock() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """The e-mail one write records, handed to the mailer once that write has committed
    (storage/store.py's after_commit), over one connection; never if it rolls back. A write
    the database gave up on is run again (Store.write) with a new, empty outbox, so only the
    attempt that commits sends, once. Made inside the write, read after it:

        def write(session: Session) -> Outbox:
            outbox = Outbox(session, mailer)
            ...record each message, then outbox.add(key, mail)
            return outbox

        outbox = self.store.write(write)
        delivery = outbox.delivery()  # each message's fate, for the service to record
    """

    def __init__(self, session: Session, mailer: Mailer) -> None:
        self.mailer = mailer
        self.queued: list[Outgoing] = []
        self._delivery: Delivery | None = None
        after_commit(session, self._deliver)

    def add(self, key: str, mail: Mail) -> None:
        """Queue `mail`; refused (and the write with it) if e-mail is not set up here."""
        if not self.queued:
            problem = self.mailer.problem()
            if problem:
                raise MailNotSetUp(problem)
        self.queued.append(Outgoing(key, mail))

    def _deliver(self) -> None:
        self._delivery = deliver(self.mailer, self.queued)

    def delivery(self) -> Delivery:
        """What became of each message; asked before the write has committed, an error."""
        if self._delivery is None:
            raise RuntimeError("The outbox is delivered once its write has committed.")
        return self._delivery


class UseCase:
    """A use case over the store, its unit of work: each write is one transaction,
    `self.store.write(work)`, retried alone if the database gives up on it. `repo` and `clock`
    are passed in, so unit tests give fakes."""

    def __init__(
        self, store: Store, *, repo: UseCaseRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        self.store = store
        self.repo = repo
        self.clock = clock

    def check_actor(self, actor: Actor) -> None:
        """Refuse an actor whose session has ended or whose account was closed or changed
        since they signed in: once per request (Sessions.request), or before a service call
        made outside one (use_cases/access.py)."""
        if actor.user_id == SYSTEM_USER_ID:
            return
        reason = self.session_refusal(actor)
        if reason is not None:
            raise NotAllowed(reason)

    def session_refusal(self, actor: Actor) -> str | None:
        """None while the actor may go on; else why not, in their words."""
        now = self.clock()
        with self.store.reading() as session:
            if actor.session_id is None:
                state = self.repo.user_state(session=session, user_id=actor.user_id)
                return account_refusal(state, actor)
            found = self.repo.open_session(session=session, session_id=actor.session_id)
        reason = why_ended(found, now, self.store.session_rules, held=actor)
        if reason is None and found is not None:
            self.touch(found, now)
        return reason

    def touch(self, found: OpenSession, now: datetime) -> None:
        """Note a session's use (at most once a minute), for the idle time-out."""
        session_id = found.actor.session_id
        if now - found.last_seen_at >= TOUCH_EVERY and session_id:
            self.store.write(
                lambda session: self.repo.touch_session(
                    session=session, session_id=session_id, at=now
                )
            )

    def audit(
        self,
        session: Session,
        actor: Actor | None,
        action: str,
        entity: str,
        entity_id: str | int | None = None,
        *,
        vacancy_id: int | None = None,
        old: Any = None,
        new: Any = None,
    ) -> None:
        """Add an entry to the audit log. The database dates it, not `self.clock`, which a
        caller may set (storage/repository/audit.py)."""
        self.repo.record_audit(
            session=session, key=self.store.audit_key, actor=actor, action=action,
            entity=entity, entity_id=entity_id, vacancy_id=vacancy_id, old=old, new=new,
        )  # fmt: skip

    def visible_vacancy(
        self, session: Session, actor: Actor, vacancy_id: int, *, lock: bool = False
    ) -> VacancyPublic:
        """The vacancy, if this actor may see it at all: HR of its organisation, or a member of
        its panel. `lock`: hold it until commit (a change to the whole vacancy)."""
        if lock:
            self.repo.lock_vacancy(session=session, vacancy_id=vacancy_id)
        vacancy = self.repo.load_vacancy(session=session, vacancy_id=vacancy_id)
        if vacancy is None:
            raise NotFound(f"There is no vacancy {vacancy_id}.")
        if actor.role is Role.PANEL:
            if not self.on_panel(session, actor, vacancy_id):
                raise NotAllowed("You are not on the panel for this vacancy.")
        elif actor.role is Role.HR and vacancy.organisation_id != actor.organisation_id:
            raise NotAllowed("This vacancy belongs to another organisation.")
        return vacancy

    def on_panel(self, session: Session, actor: Actor, vacancy_id: int) -> bool:
        found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
        return found is not None and found[0].assigned

    def after_own_submission(
        self, session: Session, actor: Actor, vacancy_id: int, refusal: str
    ) -> None:
        """A panel member sees colleagues' scores, or anything made from them (agreed scores,
        calibration, moderation), only once they have submitted their own; HR at any time."""
        if actor.role is Role.PANEL:
            found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
            if found is None or not found[0].submitted:
                raise NotAllowed(refusal)

    def scored_by(
        self, session: Session, vacancy_id: int, user_id: int, refs: Iterable[ApplicationRef]
    ) -> set[str]:
        """The panel codes, among `refs`, of the applications the member scores: the core's
        rule (scoring/rules/who_scores.py) over their declared conflicts."""
        refs = list(refs)
        conflicted = self.repo.conflicted_ids(
            session=session, vacancy_id=vacancy_id, user_id=user_id
        )
        codes = {r.panel_code for r in refs if r.id in conflicted}
        return {r.panel_code for r in applications_a_member_scores(refs, conflicted=codes)}

    def ready_to_read(self, session: Session, vacancy_id: int, user_id: int) -> None:
        """A member reads evidence once HR has released it and they have declared conflicts."""
        found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=user_id)
        if found is None:
            raise NotFound(f"There is no vacancy {vacancy_id}.")
        seat = found[0]
        check_may_read_evidence(released=seat.released, declared=seat.declared or not seat.assigned)
