"""HR: vacancies (with a snapshot of the role taken when they open), panels, progress, audit."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from criteria.effective import VariantError, effective_criteria
from criteria.loader import UnknownRole
from criteria.schema import Criterion, Stage
from scoring.scheme import Scheme
from storage import audit, tables
from storage.access import Actor, Role, allowed
from storage.errors import InvalidInput
from storage.models import AuditRecord, MemberProgress, VacancyPublic
from storage.services.base import ServiceBase, retention_after


class CriterionEdit(BaseModel):
    """HR's change to one criterion of the role for this vacancy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    criterion_id: str
    weight: float | None = Field(default=None, ge=0, le=100)
    stage: Stage | None = None


class VacancyRequest(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    role_id: str
    level: str | None = None
    grade: str | None = None
    title: str | None = None
    closing_date: date | None = None
    interview_date: date | None = None
    scheme: Scheme = Scheme()
    edits: tuple[CriterionEdit, ...] = ()
    extra_criteria: tuple[Criterion, ...] = ()
    retention_months: int = Field(default=6, ge=1, le=72)
    chunked_review: bool = False


def vacancy_public(row: tables.Vacancy, applications: int = 0) -> VacancyPublic:
    return VacancyPublic.model_validate(
        {
            **{c: getattr(row, c) for c in VacancyPublic.model_fields if c != "applications"},
            "applications": applications,
        }
    )


class VacancyService(ServiceBase):
    @allowed(Role.HR, action="create vacancies")
    def create_vacancy(self, actor: Actor, request: VacancyRequest) -> VacancyPublic:
        catalogue = self.store.catalogue
        try:
            role = catalogue.role(request.role_id)
            organisation = catalogue.organisation_of(role)
            variant = effective_criteria(
                role, organisation, level=request.level, grade=request.grade
            )
        except (UnknownRole, VariantError) as exc:
            raise InvalidInput(str(exc)) from None
        if actor.organisation_id and organisation.id != actor.organisation_id:
            raise InvalidInput(
                f"{role.title} is a role of {organisation.name}, not of your organisation."
            )
        criteria = list(variant.criteria)
        ids = {c.id for c in criteria}
        weights = dict(request.scheme.criterion_weights)
        for edit in request.edits:
            if edit.criterion_id not in ids:
                raise InvalidInput(f"The role has no criterion '{edit.criterion_id}' to change.")
            if edit.weight is not None:
                weights[edit.criterion_id] = edit.weight
            if edit.stage is not None:
                criteria = [
                    c.model_copy(update={"stage": edit.stage}) if c.id == edit.criterion_id else c
                    for c in criteria
                ]
        for extra in request.extra_criteria:
            if extra.id in ids:
                raise InvalidInput(f"The criterion id '{extra.id}' is taken; choose another.")
            ids.add(extra.id)
            criteria.append(extra)
        scheme = request.scheme.model_copy(update={"criterion_weights": weights})
        with self.store.writing() as session:
            row = tables.Vacancy(
                organisation_id=organisation.id,
                title=request.title or variant.label,
                role_id=role.id,
                level=variant.level.id if variant.level else None,
                grade=variant.grade.id if variant.grade else None,
                role_snapshot=role.model_dump(mode="json"),
                criteria=[c.model_dump(mode="json") for c in criteria],
                scheme=scheme.model_dump(mode="json"),
                policy=organisation.guaranteed_interview.model_dump(mode="json"),
                status="open",
                closing_date=request.closing_date,
                interview_date=request.interview_date,
                retention_date=retention_after(request.closing_date, request.retention_months),
                chunked_review=request.chunked_review,
                created_by=actor.user_id,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                actor,
                "create_vacancy",
                "vacancy",
                row.id,
                vacancy_id=row.id,
                new={
                    "role_id": role.id,
                    "level": row.level,
                    "grade": row.grade,
                    "title": row.title,
                    "scheme": row.scheme,
                },
            )
            return vacancy_public(row)

    @allowed(Role.HR, Role.PANEL, action="see vacancies")
    def list_vacancies(self, actor: Actor) -> list[VacancyPublic]:
        """HR: their organisation's vacancies. Panel: the vacancies they are assigned to."""
        with self.store.reading() as session:
            query = select(tables.Vacancy).order_by(tables.Vacancy.id.desc())
            if actor.role is Role.PANEL:
                query = query.join(tables.PanelAssignment).where(
                    tables.PanelAssignment.user_id == actor.user_id
                )
            elif actor.organisation_id:
                query = query.where(tables.Vacancy.organisation_id == actor.organisation_id)
            counts = dict(
                session.execute(
                    select(tables.Application.vacancy_id, func.count()).group_by(
                        tables.Application.vacancy_id
                    )
                ).all()
            )
            return [vacancy_public(v, counts.get(v.id, 0)) for v in session.scalars(query)]

    @allowed(Role.HR, Role.PANEL, action="see a vacancy")
    def get_vacancy(self, actor: Actor, vacancy_id: int) -> VacancyPublic:
        with self.store.reading() as session:
            row = self.vacancy_row(session, actor, vacancy_id)
            count = session.scalar(
                select(func.count())
                .select_from(tables.Application)
                .where(tables.Application.vacancy_id == vacancy_id)
            )
            return vacancy_public(row, count or 0)

    @allowed(Role.HR, action="assign panels")
    def assign_panel(self, actor: Actor, vacancy_id: int, user_ids: list[int]) -> None:
        with self.store.writing() as session:
            row = self.vacancy_row(session, actor, vacancy_id)
            self.open_for_scoring(row)
            current = {
                a.user_id
                for a in session.scalars(
                    select(tables.PanelAssignment).where(
                        tables.PanelAssignment.vacancy_id == vacancy_id
                    )
                )
            }
            for user_id in user_ids:
                user = session.get(tables.User, user_id)
                if user is None or user.role != Role.PANEL.value or not user.active:
                    raise InvalidInput(f"User {user_id} is not an active panel member.")
            for user_id in set(user_ids) - current:
                session.add(tables.PanelAssignment(vacancy_id=vacancy_id, user_id=user_id))
            for user_id in current - set(user_ids):
                scored = session.scalar(
                    select(func.count())
                    .select_from(tables.PanelScore)
                    .join(tables.Application)
                    .where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.PanelScore.user_id == user_id,
                    )
                )
                if scored:
                    raise InvalidInput(
                        "A panel member who has started scoring cannot be removed; their scores would be lost."
                    )
                session.delete(session.get(tables.PanelAssignment, (vacancy_id, user_id)))
            audit.record(
                session,
                actor,
                "assign_panel",
                "vacancy",
                vacancy_id,
                vacancy_id=vacancy_id,
                old=sorted(current),
                new=sorted(set(user_ids)),
            )

    @allowed(Role.HR, action="see scoring progress")
    def progress(self, actor: Actor, vacancy_id: int) -> list[MemberProgress]:
        with self.store.reading() as session:
            row = self.vacancy_row(session, actor, vacancy_id)
            scored_criteria = [c["id"] for c in row.criteria if c["stage"] == "application"]
            apps = (
                session.scalar(
                    select(func.count())
                    .select_from(tables.Application)
                    .where(
                        tables.Application.vacancy_id == vacancy_id,
                        tables.Application.withdrawn.is_(False),
                    )
                )
                or 0
            )
            result = []
            assignments = session.execute(
                select(tables.PanelAssignment, tables.User)
                .join(tables.User)
                .where(tables.PanelAssignment.vacancy_id == vacancy_id)
                .order_by(tables.User.display_name)
            ).all()
            for assignment, user in assignments:
                conflicts = (
                    session.scalar(
                        select(func.count())
                        .select_from(tables.Conflict)
                        .where(
                            tables.Conflict.vacancy_id == vacancy_id,
                            tables.Conflict.user_id == user.id,
                        )
                    )
                    or 0
                )
                scored = (
                    session.scalar(
                        select(func.count())
                        .select_from(tables.PanelScore)
                        .join(tables.Application)
                        .where(
                            tables.Application.vacancy_id == vacancy_id,
                            tables.PanelScore.user_id == user.id,
                            tables.PanelScore.criterion_id.in_(scored_criteria),
                            tables.Application.withdrawn.is_(False),
                        )
                    )
                    or 0
                )
                result.append(
                    MemberProgress(
                        user_id=user.id,
                        member=user.display_name,
                        scored=scored,
                        expected=(apps - conflicts) * len(scored_criteria),
                        submitted_at=assignment.submitted_at,
                        conflicts_declared_at=assignment.conflicts_declared_at,
                        conflicts=conflicts,
                    )
                )
            return result

    @allowed(Role.HR, action="read the audit log")
    def audit_log(
        self, actor: Actor, vacancy_id: int | None = None, limit: int = 1000
    ) -> list[AuditRecord]:
        with self.store.reading() as session:
            query = select(tables.AuditEntry).order_by(tables.AuditEntry.id.desc()).limit(limit)
            if vacancy_id is not None:
                self.vacancy_row(session, actor, vacancy_id)
                query = query.where(tables.AuditEntry.vacancy_id == vacancy_id)
            return [AuditRecord.model_validate(e) for e in session.scalars(query)]

    @allowed(Role.HR, action="change the retention date")
    def set_retention_date(self, actor: Actor, vacancy_id: int, retention_date: date) -> None:
        with self.store.writing() as session:
            row = self.vacancy_row(session, actor, vacancy_id)
            if row.closing_date and retention_date < row.closing_date:
                raise InvalidInput("The retention date cannot be before the closing date.")
            old = row.retention_date
            row.retention_date = retention_date
            audit.record(
                session,
                actor,
                "set_retention_date",
                "vacancy",
                vacancy_id,
                vacancy_id=vacancy_id,
                old=str(old),
                new=str(retention_date),
            )
