"""HR: the letters after a shortlist is finalised. Each applicant's letter (scoring/words/letters.py:
which kind, the wording, the merge) is made from the request's one ShortlistOutcome; HR edits
the wording per vacancy, previews, downloads the documents and sends the e-mails.

No letter is sent twice: the e-mails are recorded ('sending') in one write, under a unique key
per application and channel, and go once that write has committed (common.py's Outbox), so a
second send finds them recorded; each is marked 'sent' once the server has taken it, and a
send that fails withdraws its record, so the next send tries it again. Every send, and every
failure, is in the audit log with the reference, the kind and the template, never the address
or the words."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from exports.letters import letters_zip
from scoring.errors import UnknownApplication
from scoring.words.letters import (
    DEFAULT_TEMPLATES,
    Letter,
    LetterKind,
    LetterTemplate,
    VacancyFacts,
    letter_for,
    letters_for,
)
from storage.repository import REPOSITORY, SentLetter, StoredTemplate
from storage.repository.letters import DOCUMENT, EMAIL, PREPARED, SENDING
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, Outbox, UseCase, system_clock
from use_cases.errors import InvalidInput, StaleEdit
from use_cases.mail import Delivery, Mail, Mailer
from use_cases.models import SendReport, VacancyPublic
from use_cases.ports.letters import LettersRepository
from use_cases.shortlists import ShortlistOutcome, Shortlists
from use_cases.workbooks import Download

NOT_FINALISED = (
    "Letters go out once the shortlist is finalised: finalise it on the Shortlist page first."
)


@dataclass(frozen=True)
class LetterLine:
    """One application on the Letters page: the letter it gets and what has been done."""

    reference: str
    name: str
    decision: str
    kind: LetterKind | None  # None: no letter (withdrawn, or not decided yet)
    email: str | None
    emailed: SentLetter | None
    document: SentLetter | None


@dataclass(frozen=True)
class LettersView:
    vacancy_id: int
    finalised: bool
    templates: dict[LetterKind, StoredTemplate]  # in force: HR's, else the default
    lines: tuple[LetterLine, ...]
    mail_problem: str | None  # why e-mail cannot be sent from this server, if it cannot


@dataclass(frozen=True)
class _Context:
    vacancy: VacancyPublic
    outcome: ShortlistOutcome
    templates: dict[LetterKind, StoredTemplate]
    facts: VacancyFacts


class Letters(UseCase):
    repo: LettersRepository

    def __init__(
        self,
        store: Store,
        *,
        shortlists: Shortlists,
        mailer: Mailer,
        repo: LettersRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        """`mailer`: how e-mail is sent (use_cases/__init__.py: SMTP as the settings say)."""
        super().__init__(store, repo=repo, clock=clock)
        self.shortlists = shortlists
        self.mailer = mailer

    def _mail(self) -> Mailer:
        return self.mailer

    def _context(self, session: Session, actor: Actor, vacancy_id: int) -> _Context:
        vacancy = self.visible_vacancy(session, actor, vacancy_id)
        saved = self.repo.letter_templates(session=session, vacancy_id=vacancy_id)
        templates = {
            k: saved.get(k) or StoredTemplate(template=DEFAULT_TEMPLATES[k]) for k in LetterKind
        }
        organisation = self.repo.organisation_name(
            session=session, organisation_id=vacancy.organisation_id
        )
        facts = VacancyFacts(
            vacancy=vacancy.title, organisation=organisation,
            interview_date=vacancy.interview_date, closing_date=vacancy.closing_date,
        )  # fmt: skip
        return _Context(vacancy, self.shortlists.run(session, vacancy), templates, facts)

    def _letters(self, c: _Context) -> tuple[Letter, ...]:
        wording = {k: s.template for k, s in c.templates.items()}
        return letters_for(c.outcome.decisions, c.outcome.people, wording, c.facts)

    @allowed(Role.HR, action="see letters")
    def letters(self, actor: Actor, vacancy_id: int) -> LettersView:
        """The wording in force, and each application's letter and what has been sent."""
        with self.store.reading() as session:
            c = self._context(session, actor, vacancy_id)
            sent = self.repo.sent_letters(session=session, vacancy_id=vacancy_id)
        emailed = {s.reference: s for s in sent if s.channel == EMAIL}
        documents = {s.reference: s for s in sent if s.channel == DOCUMENT}
        wording = {k: s.template for k, s in c.templates.items()}
        lines = []
        for d in c.outcome.decisions:
            person = c.outcome.people.get(d.application_id)
            letter = letter_for(d, person, wording, c.facts)
            lines.append(
                LetterLine(
                    reference=d.application_id, name=person.full_name if person else "",
                    decision=d.decision.label, kind=letter.kind if letter else None,
                    email=letter.email if letter else None, emailed=emailed.get(d.application_id),
                    document=documents.get(d.application_id),
                )
            )  # fmt: skip
        return LettersView(
            vacancy_id, c.vacancy.finalised, c.templates, tuple(lines), self._mail().problem()
        )

    @allowed(Role.HR, action="edit letter templates")
    def save_template(
        self, actor: Actor, vacancy_id: int, template: LetterTemplate, *, expected_version: int
    ) -> StoredTemplate:
        """HR's wording for one kind of letter. `expected_version`: the version the page showed
        (0: the default); refused if another window saved meanwhile."""

        def write(session: Session) -> StoredTemplate:
            self.visible_vacancy(session, actor, vacancy_id)
            saved = self.repo.letter_templates(session=session, vacancy_id=vacancy_id)
            before = saved.get(template.kind)
            old = before.template if before else DEFAULT_TEMPLATES[template.kind]
            if not self.repo.save_letter_template(
                session=session, vacancy_id=vacancy_id, template=template,
                expected_version=expected_version, by=actor.user_id, at=self.clock(),
            ):  # fmt: skip
                raise StaleEdit(
                    f"Not saved: the '{template.kind.label}' letter was changed from another "
                    "window. Its wording now is shown; make your change again.",
                    current=before,
                )
            self.audit(
                session, actor, "save_letter_template", "letter_template", template.kind.value,
                vacancy_id=vacancy_id, old={"template": old.template_hash},
                new={"template": template.template_hash, "subject": template.subject,
                     "body": template.body},
            )  # fmt: skip
            return self.repo.letter_templates(session=session, vacancy_id=vacancy_id)[template.kind]

        return self.store.write(write)

    @allowed(Role.HR, action="preview letters")
    def preview(
        self, actor: Actor, vacancy_id: int, reference: str, *, draft: LetterTemplate | None = None
    ) -> Letter:
        """One applicant's letter; with `draft`, in that wording for its kind (not saved)."""
        with self.store.reading() as session:
            c = self._context(session, actor, vacancy_id)
        wording = {k: s.template for k, s in c.templates.items()}
        if draft is not None:
            wording[draft.kind] = draft
        decision = c.outcome.decision(reference)
        letter = letter_for(decision, c.outcome.people.get(reference), wording, c.facts)
        if letter is None:
            raise UnknownApplication(f"{reference} gets no letter: {decision.decision.label}.")
        return letter

    @allowed(Role.HR, action="prepare letters")
    def documents(self, actor: Actor, vacancy_id: int) -> Download:
        """Every letter as a DOCX and a PDF, zipped; each applicant's first document is
        recorded, and every download audited."""
        with self.store.reading() as session:
            c = self._context(session, actor, vacancy_id)
        if not c.vacancy.finalised:
            raise InvalidInput(NOT_FINALISED)
        letters = self._letters(c)
        now = self.clock()
        content = letters_zip(letters, organisation=c.facts.organisation, dated=now.date())

        def write(session: Session) -> None:
            first = 0  # letters prepared as documents for the first time
            for letter in letters:
                first += self.repo.claim_letter(
                    session=session, vacancy_id=vacancy_id,
                    application_id=c.outcome.refs[letter.reference].id, kind=letter.kind,
                    channel=DOCUMENT, recipient=None, template_hash=letter.template_hash,
                    status=PREPARED, by=actor.user_id, at=now,
                )  # fmt: skip
            self.audit(
                session, actor, "prepare_letters", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                new={"letters": len(letters), "first_time": first, "shortlist": c.outcome.version,
                     "kinds": dict(Counter(x.kind.value for x in letters)),
                     "templates": {k.value: s.template.template_hash for k, s in c.templates.items()}},
            )  # fmt: skip

        self.store.write(write)
        return Download(f"letters-vacancy-{vacancy_id}.zip", content)

    @allowed(Role.HR, action="send letters")
    def send_emails(self, actor: Actor, vacancy_id: int) -> SendReport:
        """E-mail each applicant who gets a letter, has an address and has not been sent one:
        all recorded in one write, then sent once it has committed, then marked."""
        with self.store.reading() as session:
            c = self._context(session, actor, vacancy_id)
            sent = self.repo.sent_letters(session=session, vacancy_id=vacancy_id)
        if not c.vacancy.finalised:
            raise InvalidInput(NOT_FINALISED)
        done = {s.reference for s in sent if s.channel == EMAIL}
        letters = self._letters(c)
        already = sum(x.reference in done for x in letters)
        without = sum(x.reference not in done and not x.email for x in letters)
        to_send = [x for x in letters if x.reference not in done and x.email]
        if not to_send:
            return SendReport(0, already, without)
        now = self.clock()

        def write(session: Session) -> Outbox:
            outbox = Outbox(session, self._mail())  # refused here if e-mail is not set up
            for letter in to_send:
                assert letter.email is not None
                if self.repo.claim_letter(
                    session=session, vacancy_id=vacancy_id,
                    application_id=c.outcome.refs[letter.reference].id, kind=letter.kind,
                    channel=EMAIL, recipient=letter.email, template_hash=letter.template_hash,
                    status=SENDING, by=actor.user_id, at=now,
                ):  # fmt: skip
                    outbox.add(
                        letter.reference, Mail(letter.email, letter.subject, letter.body, now)
                    )
            return outbox

        outbox = self.store.write(write)
        delivery = outbox.delivery()  # sent now that their records have committed
        self._record(actor, c, to_send, delivery)
        if delivery.error is not None:
            raise delivery.error
        claimed = len(outbox.queued)  # the others: recorded by another officer a moment ago
        return SendReport(
            len(delivery.sent), already + len(to_send) - claimed, without, len(delivery.failed),
            len(delivery.not_tried), tuple(f"{ref}: {what}" for ref, what in delivery.failed),
        )  # fmt: skip

    def _record(self, actor: Actor, c: _Context, letters: list[Letter], delivery: Delivery) -> None:
        """What became of each e-mail: 'sent'; or its record withdrawn, so nothing says it
        was sent and the next send tries it. Audited without the address or the words."""
        by_reference = {x.reference: x for x in letters}

        def write(session: Session) -> None:
            for reference in delivery.sent:
                self.repo.confirm_letter(
                    session=session, vacancy_id=c.vacancy.id,
                    application_id=c.outcome.refs[reference].id, channel=EMAIL, at=self.clock(),
                )  # fmt: skip
                self.audit(
                    session, actor, "send_letter", "application", reference,
                    vacancy_id=c.vacancy.id,
                    new={**_audited(by_reference[reference]), "shortlist": c.outcome.version},
                )  # fmt: skip
            for reference in delivery.unsent:
                self.repo.release_letter(
                    session=session, vacancy_id=c.vacancy.id,
                    application_id=c.outcome.refs[reference].id, channel=EMAIL,
                )  # fmt: skip
            for reference, what in delivery.failed:  # not tried: as if never recorded
                self.audit(
                    session, actor, "letter_not_sent", "application", reference,
                    vacancy_id=c.vacancy.id, new={**_audited(by_reference[reference]), "error": what},
                )  # fmt: skip

        self.store.write(write)


def _audited(letter: Letter) -> dict[str, str]:
    return {"kind": letter.kind.value, "channel": EMAIL, "template": letter.template_hash}
