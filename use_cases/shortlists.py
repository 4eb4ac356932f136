"""HR: the shortlist. The engine runs once per request (`run`), over what is stored; its
recommendation is merged with every person's decision (scoring/rules/decisions.py) into the one
ShortlistOutcome that the page, the workbook, the feedback sheets and the charts are all made
from. Overrides need a reason; finalising is signed off by a named person."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy.orm import Session

from scoring.applications import PersonalDetails
from scoring.clean_text import clean_text
from scoring.errors import UnknownApplication
from scoring.rules import shortlist as engine
from scoring.rules.decision_choices import check_override, decisions_open_to
from scoring.rules.decisions import FinalDecision, check_decision_version, merge_decisions
from scoring.rules.lifecycle import Action, Transition, VacancyStatus, check_allowed
from scoring.rules.shortlist import ShortlistResult
from scoring.rules.sign_off import (
    Tally,
    check_ready_to_finalise,
    check_shortlist_version,
    shortlist_version,
    tally,
)
from storage.repository import REPOSITORY, ApplicationRef
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import StaleEdit
from use_cases.models import ShortlistRow, ShortlistView, VacancyPublic
from use_cases.ports.shortlists import ShortlistsRepository


@dataclass(frozen=True)
class ShortlistOutcome:
    """One engine run over a vacancy with every person's decision merged in."""

    vacancy: VacancyPublic
    result: ShortlistResult
    decisions: tuple[FinalDecision, ...]
    refs: dict[str, ApplicationRef]  # by HR's reference
    people: dict[str, PersonalDetails]  # by HR's reference (HR only)
    view: ShortlistView
    version: (
        str  # the shortlist's version (scoring/rules/sign_off.py): what a sign-off carries back
    )
    tally: Tally

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
        choices=decisions_open_to(d), rank_text="" if d.rank is None else str(d.rank),
    )  # fmt: skip


class Shortlists(UseCase):
    repo: ShortlistsRepository

    def __init__(
        self,
        store: Store,
        *,
        repo: ShortlistsRepository = REPOSITORY,
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
        version = shortlist_version(vacancy.version, token)
        outcome = self._compute(session, vacancy, version)
        with self._lock:
            self._outcomes[key] = outcome
            while len(self._outcomes) > self.kept:
                self._outcomes.popitem(last=False)
        return outcome

    def _compute(self, session: Session, vacancy: VacancyPublic, version: str) -> ShortlistOutcome:
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
        counted = tally(decisions)
        view = ShortlistView(
            vacancy_id=vacancy.id,
            rows=[_row(d, refs[d.application_id], people.get(d.application_id)) for d in decisions],
            issues=list(result.issues),
            is_final=result.is_final,
            finalised=vacancy.finalised,
            cut_off=result.standing.cut_off,
            version=version,
            tally=counted,
        )
        return ShortlistOutcome(vacancy, result, decisions, refs, people, view, version, counted)

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
        expected_shortlist: str,
        expected_version: int | None = None,
    ) -> None:
        """A person's decision in place of the tool's recommendation, one the vacancy's policy
        and the application allow (scoring/rules/decision_choices.py); the reason is required and
        lands in the audit log. `expected_shortlist` is the shortlist version the HR officer's
        screen showed, `expected_version` the version of the person's decision on it (None: it
        showed the recommendation alone): a decision made from an old screen is refused."""
        reason = clean_text(reason).strip()

        def write(session: Session) -> None:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            check_allowed(vacancy.state, Action.OVERRIDE)
            outcome = self.run(session, vacancy)
            current = outcome.decision(reference)
            chosen = check_override(decision, reason, current)
            check_shortlist_version(expected_shortlist, outcome.version)
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
                new={"decision": chosen.value, "reason": reason, "shortlist": outcome.version},
            )  # fmt: skip

        self.store.write(write)

    @allowed(Role.HR, action="finalise shortlists")
    def finalise(self, actor: Actor, vacancy_id: int, *, expected_shortlist: str) -> None:
        """Sign the shortlist off: every score moderated, every tie and open claim decided by a
        person (scoring/rules/sign_off.py), and the shortlist the one the HR officer's screen showed
        (`expected_shortlist`). Each decision's reason is stored as signed off; scoring
        closes."""

        def write(session: Session) -> None:
            vacancy = self.visible_vacancy(session, actor, vacancy_id, lock=True)
            check_allowed(vacancy.state, Action.FINALISE)
            outcome = self.run(session, vacancy)
            check_shortlist_version(expected_shortlist, outcome.version)
            check_ready_to_finalise(outcome.result.issues, outcome.decisions)
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
            if not self.repo.move_status(
                session=session, vacancy_id=vacancy_id, transition=Transition.FINALISE,
                finalised_by=actor.user_id, finalised_at=now,
            ):  # fmt: skip
                raise StaleEdit(
                    f"Not finalised: {vacancy.reference} was moved from another window at the "
                    "same moment; look at it again."
                )
            counts: dict[str, int] = {}
            for d in outcome.decisions:
                counts[d.decision.value] = counts.get(d.decision.value, 0) + 1
            self.audit(
                session, actor, "finalise", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                old={"status": vacancy.status},
                new={
                    "status": VacancyStatus.FINALISED.value, "decisions": counts,
                    "shortlist": outcome.version,
                },
            )  # fmt: skip

        self.store.write(write)
