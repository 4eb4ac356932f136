"""Shared helpers of the services: loading a vacancy the actor may see, and converting
stored rows into the engine's models."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from criteria.schema import Criterion, GuaranteedInterviewPolicy
from scoring.applications import Application, Declarations
from scoring.scheme import Scheme
from scoring.vacancy import Vacancy
from storage import tables
from storage.access import Actor, Role
from storage.errors import InvalidInput, NotAllowed, NotFound
from storage.store import Store

LOCKED_STATUSES = {"finalised", "purged"}


class ServiceBase:
    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def vacancy_row(session: Session, actor: Actor, vacancy_id: int) -> tables.Vacancy:
        """The vacancy, if this actor may see it at all (HR of its organisation; assigned panel)."""
        row = session.get(tables.Vacancy, vacancy_id)
        if row is None:
            raise NotFound(f"There is no vacancy {vacancy_id}.")
        if actor.role is Role.PANEL:
            assigned = session.get(tables.PanelAssignment, (vacancy_id, actor.user_id))
            if assigned is None:
                raise NotAllowed("You are not on the panel for this vacancy.")
        elif actor.organisation_id and row.organisation_id != actor.organisation_id:
            raise NotAllowed("This vacancy belongs to another organisation.")
        return row

    @staticmethod
    def after_own_submission(session: Session, actor: Actor, vacancy_id: int, refusal: str) -> None:
        """A panel member sees colleagues' scores, or figures made from them, only once they
        have submitted their own; HR at any time."""
        if actor.role is Role.PANEL:
            seat = session.get(tables.PanelAssignment, (vacancy_id, actor.user_id))
            if seat is None or seat.submitted_at is None:
                raise NotAllowed(refusal)

    @staticmethod
    def applications_with_details(
        session: Session, vacancy_id: int
    ) -> list[tuple[tables.Application, tables.ApplicantDetails]]:
        """HR's view: each application of the vacancy with its personal details, by reference."""
        rows = session.execute(
            select(tables.Application, tables.ApplicantDetails)
            .join(tables.ApplicantDetails)
            .where(tables.Application.vacancy_id == vacancy_id)
            .order_by(tables.Application.reference)
        ).all()
        return [(a, d) for a, d in rows]

    @staticmethod
    def ready_to_score(session: Session, vacancy: tables.Vacancy, user_id: int) -> None:
        """A member reads evidence only once HR has released it (redacted) and the member has
        made their names-only conflict declaration."""
        if vacancy.released_at is None:
            raise NotAllowed(
                "HR has not released the applications to the panel yet; they check what is redacted first."
            )
        seat = session.get(tables.PanelAssignment, (vacancy.id, user_id))
        if seat is not None and seat.conflicts_declared_at is None:
            raise NotAllowed(
                "Declare any conflicts of interest first: open Score and go through the list of names."
            )

    @staticmethod
    def open_for_scoring(row: tables.Vacancy) -> None:
        if row.status in LOCKED_STATUSES:
            raise InvalidInput(f"The vacancy is {row.status}; scores can no longer change.")

    @staticmethod
    def engine_vacancy(row: tables.Vacancy) -> Vacancy:
        return Vacancy(
            title=row.title,
            criteria=tuple(Criterion.model_validate(c) for c in row.criteria),
            scheme=Scheme.model_validate(row.scheme),
            policy=GuaranteedInterviewPolicy.model_validate(row.policy),
            closing_date=row.closing_date,
        )

    @staticmethod
    def application_by_code(
        session: Session, vacancy_id: int, panel_code: str
    ) -> tables.Application:
        row = session.scalar(
            select(tables.Application).where(
                tables.Application.vacancy_id == vacancy_id,
                tables.Application.panel_code == panel_code,
            )
        )
        if row is None:
            raise NotFound(f"There is no application {panel_code} in this vacancy.")
        return row

    @staticmethod
    def application_by_reference(
        session: Session, vacancy_id: int, reference: str
    ) -> tables.Application:
        row = session.scalar(
            select(tables.Application).where(
                tables.Application.vacancy_id == vacancy_id,
                tables.Application.reference == reference,
            )
        )
        if row is None:
            raise NotFound(f"There is no application {reference} in this vacancy.")
        return row

    @staticmethod
    def engine_application(
        app: tables.Application, details: tables.ApplicantDetails | None
    ) -> Application:
        declarations = (
            Declarations.model_validate(details.declarations) if details else Declarations()
        )
        return Application(
            application_id=app.reference,
            received_date=app.received_date,
            declarations=declarations,
            statement=app.statement,
            evidence=app.evidence,
            withdrawn=app.withdrawn,
        )


def retention_after(closing: date | None, months: int) -> date | None:
    from scoring.guaranteed_interview import add_months

    return add_months(closing, months) if closing else None
