"""HR: the shortlist worked out by the engine from the stored scores, overrides (each with a
reason) and finalising, which a named person signs off."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from scoring.shortlist import Outcome, ShortlistResult, shortlist
from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput
from storage.models import ShortlistRow, ShortlistView
from storage.services.base import ServiceBase

OVERRIDES = {
    Outcome.SHORTLISTED_ON_MERIT.value,
    Outcome.SHORTLISTED_UNDER_SCHEME.value,
    Outcome.NOT_SHORTLISTED.value,
    Outcome.WITHDRAWN.value,
}
UNSETTLED = {Outcome.TIED_AT_CUT_OFF, Outcome.NEEDS_INFORMATION, Outcome.SCORING_INCOMPLETE}
MIN_REASON = 10


def _shown_reason(recommended: str, kept: tables.Decision | None, finalised: bool) -> str:
    """A finalised decision keeps the reason signed off; before that, an override reads as the
    current recommendation followed by the person's reason."""
    if kept is None:
        return recommended
    if finalised or not kept.override_reason:
        return kept.reason
    return f"{recommended} Overridden: {kept.override_reason}"


class ShortlistService(ServiceBase):
    def compute(
        self, session, vacancy: tables.Vacancy
    ) -> tuple[ShortlistResult, dict[str, tables.Application], dict[str, tables.ApplicantDetails]]:  # type: ignore[no-untyped-def]
        """Run the engine over what is stored for the vacancy."""
        pairs = session.execute(
            select(tables.Application, tables.ApplicantDetails)
            .outerjoin(tables.ApplicantDetails)
            .where(tables.Application.vacancy_id == vacancy.id)
        ).all()
        apps = {a.reference: a for a, _ in pairs}
        details = {a.reference: d for a, d in pairs}
        by_id = {a.id: a.reference for a in apps.values()}
        members = dict(
            session.execute(
                select(tables.User.id, tables.User.username)
                .join(tables.PanelAssignment)
                .where(tables.PanelAssignment.vacancy_id == vacancy.id)
            ).all()
        )
        scores = session.execute(
            select(
                tables.PanelScore.application_id,
                tables.PanelScore.criterion_id,
                tables.PanelScore.user_id,
                tables.PanelScore.score,
            )
            .join(tables.Application)
            .where(tables.Application.vacancy_id == vacancy.id)
        ).all()
        panel = pd.DataFrame(
            [(by_id[a], c, members.get(u, str(u)), s) for a, c, u, s in scores],
            columns=["application_id", "criterion_id", "panel_member", "score"],
        )
        agreed_rows = session.execute(
            select(
                tables.AgreedScore.application_id,
                tables.AgreedScore.criterion_id,
                tables.AgreedScore.score,
            )
            .join(tables.Application)
            .where(tables.Application.vacancy_id == vacancy.id)
        ).all()
        agreed = pd.DataFrame(
            [(by_id[a], c, s) for a, c, s in agreed_rows],
            columns=["application_id", "criterion_id", "score"],
        )
        conflicts = session.execute(
            select(tables.Conflict.user_id, tables.Conflict.application_id).where(
                tables.Conflict.vacancy_id == vacancy.id
            )
        ).all()
        exclusions = {(members.get(u, str(u)), by_id[a]) for u, a in conflicts}
        result = shortlist(
            self.engine_vacancy(vacancy),
            [self.engine_application(apps[r], details[r]) for r in apps],
            panel,
            agreed,
            members=sorted(members.values()),
            exclusions=exclusions,
        )
        return result, apps, details

    @allowed(Role.HR, action="see the shortlist")
    def shortlist(self, actor: Actor, vacancy_id: int) -> ShortlistView:
        with self.store.reading() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            return self.shortlist_view(session, vacancy, *self.compute(session, vacancy))

    @staticmethod
    def shortlist_view(
        session: Session,
        vacancy: tables.Vacancy,
        result: ShortlistResult,
        apps: dict[str, tables.Application],
        details: dict[str, tables.ApplicantDetails],
    ) -> ShortlistView:
        """The engine's result with HR's stored decisions over it (for callers that have run
        `compute` already and need the result too)."""
        stored = {
            d.application_id: d
            for d in session.scalars(
                select(tables.Decision)
                .join(tables.Application)
                .where(tables.Application.vacancy_id == vacancy.id)
            )
        }
        rows = []
        for d in result.decisions:
            app = apps[d.application_id]
            person = details[d.application_id]
            kept = stored.get(app.id)
            rows.append(
                ShortlistRow(
                    reference=d.application_id,
                    panel_code=app.panel_code,
                    name=f"{person.first_name} {person.last_name}".strip() if person else None,
                    recommended=d.decision.value,
                    decision=kept.decision if kept else d.decision.value,
                    override_reason=kept.override_reason if kept else None,
                    total=d.total,
                    rank=d.rank,
                    schemes=[o.scheme_name for o in d.scheme_outcomes if o.applies],
                    scheme_outcomes=[
                        {**asdict(o), "status": o.status.value} for o in d.scheme_outcomes
                    ],
                    failed_essentials=list(d.failed_essentials),
                    reason=_shown_reason(d.reason, kept, vacancy.status == "finalised"),
                    provisional=d.provisional,
                )
            )
        return ShortlistView(
            vacancy_id=vacancy.id, rows=rows, issues=list(result.issues), is_final=result.is_final,
            finalised=vacancy.status == "finalised", cut_off=result.standing.cut_off,
        )  # fmt: skip

    @allowed(Role.HR, action="override a recommendation")
    def override(
        self, actor: Actor, vacancy_id: int, *, reference: str, decision: str, reason: str
    ) -> None:
        """A person's decision in place of the tool's recommendation; the reason is required
        and lands in the audit log (a positive-action tie-break is recorded here too)."""
        if decision not in OVERRIDES:
            raise InvalidInput(
                f"'{decision}' is not a decision; choose one of: {', '.join(sorted(OVERRIDES))}."
            )
        if len(reason.strip()) < MIN_REASON:
            raise InvalidInput(
                "Every override needs a reason (at least a sentence) for the record."
            )
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            if vacancy.status in ("finalised", "purged"):
                raise InvalidInput(f"The shortlist is {vacancy.status}; it can no longer change.")
            app = self.application_by_reference(session, vacancy_id, reference)
            result, _, _ = self.compute(session, vacancy)
            recommended = result.by_id()[reference]
            existing = session.get(tables.Decision, app.id)
            old = (
                {"decision": existing.decision, "override_reason": existing.override_reason}
                if existing
                else {"decision": recommended.decision.value}
            )
            row = existing or tables.Decision(application_id=app.id)
            row.recommended = recommended.decision.value
            row.decision = decision
            row.reason = f"{recommended.reason} Overridden: {reason.strip()}"
            row.override_reason = reason.strip()
            row.decided_by = actor.user_id
            row.decided_at = datetime.now(UTC)
            session.add(row)
            audit.record(
                session,
                actor,
                "override_decision",
                "application",
                reference,
                vacancy_id=vacancy_id,
                old=old,
                new={"decision": decision, "reason": reason.strip()},
            )

    @allowed(Role.HR, action="finalise shortlists")
    def finalise(self, actor: Actor, vacancy_id: int) -> None:
        """Sign the shortlist off: every score moderated, every tie and open claim decided by a
        person. Decisions are stored with their reasons; scoring closes."""
        with self.store.writing() as session:
            vacancy = self.vacancy_row(session, actor, vacancy_id)
            if vacancy.status in ("finalised", "purged"):
                raise InvalidInput(f"The shortlist is {vacancy.status} already.")
            result, apps, _ = self.compute(session, vacancy)
            if not result.is_final:
                raise InvalidInput(
                    "The shortlist cannot be finalised yet: " + " ".join(result.issues)
                )
            stored = {
                d.application_id: d
                for d in session.scalars(
                    select(tables.Decision)
                    .join(tables.Application)
                    .where(tables.Application.vacancy_id == vacancy_id)
                )
            }
            open_ = [
                d.application_id
                for d in result.decisions
                if d.decision in UNSETTLED and apps[d.application_id].id not in stored
            ]
            if open_:
                raise InvalidInput(
                    f"Decide these first (ties, missing information): {', '.join(open_)}."
                )
            now = datetime.now(UTC)
            counts: dict[str, int] = {}
            for d in result.decisions:
                app = apps[d.application_id]
                row = stored.get(app.id)
                if row is None:
                    row = tables.Decision(
                        application_id=app.id,
                        recommended=d.decision.value,
                        decision=d.decision.value,
                        reason=d.reason,
                        decided_by=actor.user_id,
                        decided_at=now,
                    )
                    session.add(row)
                counts[row.decision] = counts.get(row.decision, 0) + 1
            vacancy.status = "finalised"
            vacancy.finalised_by = actor.user_id
            vacancy.finalised_at = now
            audit.record(
                session,
                actor,
                "finalise",
                "vacancy",
                vacancy_id,
                vacancy_id=vacancy_id,
                old={"status": "open"},
                new={"status": "finalised", "decisions": counts},
            )
