"""Conflicts of interest: the names-only declaration each member makes before scoring, and a
conflict noticed later, declared on the application itself."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from sqlalchemy.orm import Session

from scoring.clean_text import clean_text
from scoring.rules.lifecycle import Action, check_allowed
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput, NotAllowed, NotFound
from use_cases.models import NameToDeclare
from use_cases.ports.declarations import DeclarationsRepository

SHOWN_ONCE = "The names-only list is shown once, for the conflict declaration before scoring; you have made yours. If you recognise an applicant while scoring, declare a conflict on that application."


class Declarations(UseCase):
    repo: DeclarationsRepository

    def __init__(
        self,
        store: Store,
        *,
        salt: str,
        repo: DeclarationsRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.salt = salt  # from the deployment's secret: a cleared cache cannot change it

    def _token(self, vacancy_id: int, user_id: int, application_id: int) -> str:
        """A per-member token for one name: it links to nothing the member sees elsewhere."""
        raw = f"{self.salt}:{vacancy_id}:{user_id}:{application_id}".encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    def _undeclared(self, session: Session, actor: Actor, vacancy_id: int) -> None:
        found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
        if found is None or not found[0].assigned:
            raise NotAllowed("You are not on the panel for this vacancy.")
        if found[0].declared:
            raise NotAllowed(SHOWN_ONCE)

    @allowed(Role.PANEL, action="declare conflicts of interest")
    def names_for_declaration(self, actor: Actor, vacancy_id: int) -> list[NameToDeclare]:
        """Before scoring: the applicants' names only, in alphabetical order, with no reference
        or panel code, so the member can say whom they know. Shown only until they declare; a
        member who declared before late applications were released sees the new names only."""
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            self._undeclared(session, actor, vacancy_id)
            before = next(
                (
                    s.conflicts_declared_at
                    for s in self.repo.panel(session=session, vacancy_id=vacancy_id)
                    if s.user_id == actor.user_id
                ),
                None,
            )
            rows = self.repo.names(session=session, vacancy_id=vacancy_id, since=before)
        names = [
            NameToDeclare(token=self._token(vacancy_id, actor.user_id, app_id), name=name)
            for app_id, name in rows
        ]
        return sorted(names, key=lambda n: (n.name.split()[-1:], n.name, n.token))

    @allowed(Role.PANEL, action="declare conflicts of interest")
    def declare_conflicts(
        self, actor: Actor, vacancy_id: int, tokens: Iterable[str], note: str = ""
    ) -> int:
        """Record the member's declaration (none is a declaration too); the applications they
        know are then scored by the other members. Returns how many conflicts were declared."""
        wanted, note = set(tokens), clean_text(note)

        def write(session: Session) -> int:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.DECLARE_CONFLICTS)
            self._undeclared(session, actor, vacancy_id)
            by_token = {
                self._token(vacancy_id, actor.user_id, r.id): r.id
                for r in self.repo.refs(session=session, vacancy_id=vacancy_id)
            }
            if wanted - set(by_token):
                raise InvalidInput(
                    "The list of names has changed since you opened it; open the declaration again."
                )
            known = sorted(by_token[t] for t in wanted)
            for app_id in known:
                self.repo.add_conflict(
                    session=session, vacancy_id=vacancy_id, user_id=actor.user_id,
                    application_id=app_id,
                    note=note or "Declared from the names-only list before scoring.",
                )  # fmt: skip
            self.repo.set_declared(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id, at=self.clock()
            )
            self.audit(
                session, actor, "declare_conflicts", "panel_assignment", actor.user_id,
                vacancy_id=vacancy_id,
                new={"conflicts": self.repo.references_of(session=session, application_ids=known), "note": note},
            )  # fmt: skip
            return len(known)

        return self.store.write(write)

    @allowed(Role.PANEL, action="see whether they have declared their conflicts")
    def has_declared(self, actor: Actor, vacancy_id: int) -> bool:
        with self.store.reading() as session:
            self.visible_vacancy(session, actor, vacancy_id)
            found = self.repo.seat(session=session, vacancy_id=vacancy_id, user_id=actor.user_id)
            return found is not None and found[0].declared

    @allowed(Role.PANEL, action="declare a conflict of interest")
    def declare_conflict(
        self, actor: Actor, vacancy_id: int, *, panel_code: str, note: str = ""
    ) -> None:
        """The member knows the applicant: they are kept from scoring the application, and any
        scores they gave it are withdrawn (the audit log keeps them)."""
        note = clean_text(note)

        def write(session: Session) -> None:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.DECLARE_CONFLICTS)
            app = self.repo.ref_by_code(
                session=session, vacancy_id=vacancy_id, panel_code=panel_code
            )
            if app is None:
                raise NotFound(f"There is no application {panel_code} in this vacancy.")
            if not self.repo.add_conflict(
                session=session, vacancy_id=vacancy_id, user_id=actor.user_id,
                application_id=app.id, note=note,
            ):  # fmt: skip
                return
            removed = self.repo.withdraw_member_scores(
                session=session, application_id=app.id, user_id=actor.user_id
            )
            self.audit(
                session, actor, "declare_conflict", "application", panel_code, vacancy_id=vacancy_id,
                old={"scores_withdrawn": removed} if removed else None, new={"note": note},
            )  # fmt: skip

        self.store.write(write)
