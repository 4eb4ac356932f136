"""HR: what is redacted from the evidence before the panel reads it (reviewed, adjusted per
application), and the release of the redacted evidence to the panel."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from scoring.clean_text import clean_text
from scoring.rules.lifecycle import Action, Transition, applies, check_allowed
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput, StaleEdit
from use_cases.models import RedactionReview
from use_cases.ports.redaction import RedactionRepository
from use_cases.redacting import redacted_evidence


def _terms(values: Iterable[str]) -> list[str]:
    """HR's terms, made safe, trimmed, blanks and repeats dropped (case-insensitively), order
    kept."""
    seen: dict[str, str] = {}
    for value in values:
        term = " ".join(clean_text(str(value)).split())
        if term and term.lower() not in seen:
            seen[term.lower()] = term
    return list(seen.values())


class Redaction(UseCase):
    repo: RedactionRepository

    def __init__(
        self, store: Store, *, repo: RedactionRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="review what is redacted before the panel reads it")
    def redaction_review(
        self, actor: Actor, vacancy_id: int, reference: str | None = None
    ) -> list[RedactionReview]:
        """Every application (or the one with `reference`) with what was redacted from its
        evidence, HR's own extra and kept terms, and the text the panel will read."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            return self.repo.redaction_reviews(
                session=session, vacancy_id=vacancy_id, reference=reference
            )

    @allowed(Role.HR, action="adjust what is redacted")
    def adjust_redaction(
        self,
        actor: Actor,
        vacancy_id: int,
        reference: str,
        *,
        extra: Iterable[str] = (),
        keep: Iterable[str] = (),
    ) -> RedactionReview:
        """Redact further terms (`extra`) or let terms stand that are not identifying (`keep`)
        for one application; the panel's text is worked out again. Audited."""
        terms = {"extra": _terms(extra), "keep": _terms(keep)}

        def write(session: Session) -> RedactionReview:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.REDACT)
            source = self.repo.redaction_source(
                session=session, vacancy_id=vacancy_id, reference=reference
            )
            if source is None:
                raise InvalidInput(f"{reference} has no personal details left to redact against.")
            statement, answers, found = redacted_evidence(
                source.statement, source.evidence, first_name=source.first_name,
                last_name=source.last_name, email=source.email,
                date_of_birth=source.declarations.date_of_birth, terms=terms,
            )  # fmt: skip
            review = self.repo.set_redaction(
                session=session, application_id=source.id, panel_statement=statement,
                panel_evidence=answers, redactions=found, terms=terms,
            )  # fmt: skip
            self.audit(
                session, actor, "adjust_redaction", "application", reference,
                vacancy_id=vacancy_id, old=source.terms, new=terms,
            )  # fmt: skip
            return review

        return self.store.write(write)

    @allowed(Role.HR, action="release applications to the panel")
    def release_to_panel(self, actor: Actor, vacancy_id: int) -> int:
        """From now on the panel reads the redacted evidence of every application imported so
        far; late ones, imported after, are held until HR releases them too, and then every
        member declares the new names before scoring again (and scores them, a submission
        being reopened). Audited. Returns how many applications were released."""

        def write(session: Session) -> int:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            check_allowed(vacancy.state, Action.RELEASE)
            held = self.repo.held_count(session=session, vacancy_id=vacancy_id)
            if vacancy.released_at is not None and not held:
                return 0  # released already, nothing new: a second click
            applications, redacted = self.repo.redaction_counts(
                session=session, vacancy_id=vacancy_id
            )
            if not applications:
                raise InvalidInput("Import the applications before releasing them to the panel.")
            late = vacancy.released_at is not None
            released = self.repo.set_released(
                session=session, vacancy_id=vacancy_id, at=self.clock()
            )
            if applies(Transition.RELEASE, vacancy.state) and not self.repo.move_status(
                session=session, vacancy_id=vacancy_id, transition=Transition.RELEASE
            ):
                raise StaleEdit(
                    f"{vacancy.reference} was moved by someone else at the same moment; look at "
                    "it again before releasing the applications."
                )
            reopened = (
                self.repo.reopen_submissions(session=session, vacancy_id=vacancy_id) if late else []
            )
            self.audit(
                session, actor, "release_to_panel", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                new={
                    "applications_with_redactions": redacted, "released": released,
                    "late": late, "submissions_reopened": reopened,
                },
            )  # fmt: skip
            return released

        return self.store.write(write)
