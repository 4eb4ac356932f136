"""HR: the shortlist. The engine runs once per request (`run`), over what is stored; its
recommendation is merged with every person's decision (scoring/decisions.py) into the one
ShortlistOutcome that the page, the workbook, the feedback sheets and the charts are all made
from. Overrides need a reason; finalising is signed off by a named person."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from scoring import shortlist as engine
from scoring.applications import PersonalDetails
from scoring.clean_text import clean_text
from scoring.decisions import (
    FinalDecision,
    check_decision_version,
    check_override,
    merge_decisions,
)
from scoring.errors import ScoringLocked, UnknownApplication
from scoring.score_checks import check_scoring_open
from scoring.shortlist import ShortlistResult
from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput, StaleEdit
from storage.models import ShortlistRow, ShortlistView, VacancyPublic
from storage.repository import REPOSITORY, ApplicationRef, Repository
from storage.services.common import Clock, UseCase, system_clock
from storage.store import Store


@dataclass(frozen=True)
class ShortlistOutcome:
    """One engine run over a vacancy with every person's decision merged in."""

    vacancy: VacancyPublic
    result: ShortlistResult
    decisions: tuple[FinalDecision, ...]
    refs: dict[str, ApplicationRef]  # by HR's reference
    people: dict[str, PersonalDetails]  # by HR's reference (HR only)
    view: ShortlistView

    def decision(self, reference: str) -> FinalDecision:
        found = next((d for d in self.decisions if d.application_id == reference), None)
        if found is None:
            raise UnknownApplication(f"There is no application {reference} in this vacancy.")
        return found


def _row(d: FinalDecision, ref: ApplicationRef, person: PersonalDetails | None) -> ShortlistRow:
    return ShortlistRow(
        reference=d.application_id, panel_code=ref.panel_code,
        name=person.full_name if person else None, recommended=d.recommended,
        decision=d.decision, override_reason=d.override_reason, decided_by=d.decided_by,
        version=d.version, total=d.total, rank=d.rank, schemes=d.schemes,
        scheme_outcomes=d.scheme_outcomes, failed_essentials=d.failed_essentials, reason=d.reason,
        recommendation_reason=d.recommendation_reason, provisional=d.provisional,
    )  # fmt: skip


class Shortlists(UseCase):
    def __init__(
        self,
        store: Store,
        *,
        repo: Repository = REPOSITORY,
        clock: Clock = system_clock,
        kept: int = 4,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)
        self.kept = kept
        self._outcomes: OrderedDict[tuple[object, ...], ShortlistOutcome] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, session: Session, vacancy: VacancyPublic) -> ShortlistOutcome:
        """The shortlist of what is stored for the vacancy now. Kept in memory for the pages
        that share it, and made again as soon as any write to the vacancy commits (the change
        token is read from the database, so a write through another app server counts too)."""
        token = self.repo.change_token(session=session, vacancy_id=vacancy.id)
        key = (vacancy.id, vacancy.version, vacancy.status, token)
        with self._lock:
            if key in self._outcomes:
                self._outcomes.move_to_end(key)
                return self._outcomes[key]
        outcome = self._compute(session, vacancy)
        with self._lock:
            self._outcomes[key] = outcome
            while len(self._outcomes) > self.kept:
                self._outcomes.popitem(last=False)
        return outcome

    def _compute(self, session: Session, vacancy: VacancyPublic) -> ShortlistOutcome:
        """The engine over what is stored, merged with people's decisions: the only place the
        shell runs the engine."""
        applications, people = self.repo.for_engine(session=session, vacancy_id=vacancy.id)
        seats = self.repo.panel(session=session, vacancy_id=vacancy.id)
        result = engine.shortlist(
            vacancy.rules,
            applications,
            self.repo.panel_score_frame(session=session, vacancy_id=vacancy.id),
            self.repo.agreed_frame(session=session, vacancy_id=vacancy.id),
            members=sorted(s.username for s in seats),
            exclusions=self.repo.conflicts(session=session, vacancy_id=vacancy.id),
            member_names={s.username: s.display_name for s in seats},
        )
        stored = self.repo.persons_decisions(session=session, vacancy_id=vacancy.id)
        decisions = merge_decisions(result, stored, finalised=vacancy.finalised)
        refs = {r.reference: r for r in self.repo.refs(session=session, vacancy_id=vacancy.id)}
        view = ShortlistView(
            vacancy_id=vacancy.id,
            rows=[_row(d, refs[d.application_id], people.get(d.application_id)) for d in decisions],
            issues=list(result.issues),
            is_final=result.is_final,
            finalised=vacancy.finalised,
            cut_off=result.standing.cut_off,
        )
        return ShortlistOutcome(vacancy, result, decisions, refs, people, view)

    @allowed(Role.HR, action="see the shortlist")
    def outcome(self, actor: Actor, vacancy_id: int) -> ShortlistOutcome:
        with self.store.reading() as session:
            return self.run(session, self.visible_vacancy(session, actor, vacancy_id))

    @allowed(Role.HR, action="see the shortlist")
    def shortlist(self, actor: Actor, vacancy_id: int) -> ShortlistView:
        return self.outcome(actor, vacancy_id).view

    @allowed(Role.HR, action="override a recommendation")
    def override(
        self,
        actor: Actor,
        vacancy_id: int,
        *,
        reference: str,
        decision: str,
        reason: str,
        expected_version: int | None = None,
    ) -> None:
        """A person's decision in place of the tool's recommendation; the reason is required
        and lands in the audit log (a positive-action tie-break is recorded here too).
        `expected_version` is the version of the person's decision the HR officer's screen
        showed (None: it showed the recommendation alone)."""
        reason = clean_text(reason).strip()
        chosen = check_override(decision, reason)
        with self.store.writing() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            if vacancy.status in ("finalised", "purged"):
                raise ScoringLocked(f"The shortlist is {vacancy.status}; it can no longer change.")
            outcome = self.run(session, vacancy)
            current = outcome.decision(reference)
            stored = self.repo.persons_decisions(session=session, vacancy_id=vacancy_id)
            check_decision_version(reference, expected_version, stored.get(reference))
            if not self.repo.save_override(
                session=session, application_id=outcome.refs[reference].id,
                expected_version=expected_version, recommended=current.recommended,
                decision=chosen, override_reason=reason, by=actor.user_id, at=self.clock(),
            ):  # fmt: skip
                raise StaleEdit(
                    f"Not saved: the decision for {reference} was recorded from another window at the same moment."
                )
            self.audit(
                session, actor, "override_decision", "application", reference,
                vacancy_id=vacancy_id, old={"decision": current.decision.value},
                new={"decision": chosen.value, "reason": reason},
            )  # fmt: skip

    @allowed(Role.HR, action="finalise shortlists")
    def finalise(self, actor: Actor, vacancy_id: int) -> None:
        """Sign the shortlist off: every score moderated, every tie and open claim decided by a
        person. Each decision's reason is stored as signed off; scoring closes."""
        with self.store.writing() as session:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            if vacancy.status in ("finalised", "purged"):
                raise InvalidInput(f"The shortlist is {vacancy.status} already.")
            check_scoring_open(vacancy.status)
            outcome = self.run(session, vacancy)
            if not outcome.result.is_final:
                raise InvalidInput(
                    "The shortlist cannot be finalised yet: " + " ".join(outcome.result.issues)
                )
            open_ = [d.application_id for d in outcome.decisions if not d.decision.is_settled]
            if open_:
                raise InvalidInput(
                    f"Decide these first (ties, missing information): {', '.join(open_)}."
                )
            now = self.clock()
            self.repo.sign_off(
                session=session,
                signed={
                    outcome.refs[d.application_id].id: (d.recommended, d.decision, d.reason)
                    for d in outcome.decisions
                },
                by=actor.user_id,
                at=now,
            )
            self.repo.set_finalised(
                session=session, vacancy_id=vacancy_id, by=actor.user_id, at=now
            )
            counts: dict[str, int] = {}
            for d in outcome.decisions:
                counts[d.decision.value] = counts.get(d.decision.value, 0) + 1
            self.audit(
                session, actor, "finalise", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                old={"status": vacancy.status}, new={"status": "finalised", "decisions": counts},
            )  # fmt: skip
