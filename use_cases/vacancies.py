"""HR: vacancies (each with a snapshot of its role taken when it opens), their panels and
retention dates; everyone: the vacancies they may see."""

from __future__ import annotations

from datetime import date

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from criteria.effective import RoleVariant, VariantError, effective_criteria
from criteria.loader import UnknownRole
from criteria.policy import GuaranteedInterviewPolicy
from criteria.schema import Criterion, RoleProfile, Stage
from scoring.rules.guaranteed_interview import add_months
from scoring.rules.lifecycle import Action, check_allowed, initial_status
from scoring.rules.scheme import Scheme
from scoring.rules.scheme_minimum import minimum_off_scale
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput
from use_cases.models import VacancyPublic
from use_cases.ports.vacancies import VacanciesRepository
from use_cases.post_answers import check_answered
from use_cases.vacancy_request import VacancyRequest, edited_criteria


def retention_after(closing: date | None, months: int) -> date | None:
    return add_months(closing, months) if closing else None


class Vacancies(UseCase):
    repo: VacanciesRepository

    def __init__(
        self, store: Store, *, repo: VacanciesRepository = REPOSITORY, clock: Clock = system_clock
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

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
        if organisation.id != actor.organisation_id:
            raise InvalidInput(
                f"{role.title} is a role of {organisation.name}, not of your organisation."
            )
        policy = organisation.guaranteed_interview
        if request.policy_version is not None and request.policy_version != policy.version:
            raise InvalidInput(
                f"{organisation.name}'s interview-scheme policy has changed since you confirmed "
                f"it (now '{policy.version}'); read it again and confirm it."
            )
        check_answered(request.post, policy)
        if not variant.requirements_published and not any(
            c.stage is Stage.APPLICATION for c in request.extra_criteria
        ):
            raise InvalidInput(
                f"{variant.unpublished_note} Add at least one criterion assessed from the "
                "application under 'Add a criterion' before creating the vacancy."
            )
        if request.copy_of is not None:
            criteria, scheme = self._copied(actor, request)
        else:
            weights = dict(request.scheme.criterion_weights)
            criteria = edited_criteria(variant.criteria, request, weights)
            scheme = request.scheme.model_copy(
                update={"criterion_weights": weights}
            ).with_catalogue_weights(criteria)
        if off_scale := minimum_off_scale(policy, scheme.scale):
            raise InvalidInput(off_scale)
        if request.request_key:
            with self.store.reading() as session:
                made = self.repo.vacancy_by_request(
                    session=session, created_by=actor.user_id, request_key=request.request_key
                )
            if made is not None:
                return made  # this form made it already: a second click
        try:
            return self._insert(actor, request, role, variant, criteria, scheme, policy)
        except IntegrityError:  # the same form, sent twice at once: the other one made it
            with self.store.reading() as session:
                made = self.repo.vacancy_by_request(
                    session=session, created_by=actor.user_id, request_key=request.request_key or ""
                )
            if made is None:
                raise
            return made

    def _copied(self, actor: Actor, request: VacancyRequest) -> tuple[list[Criterion], Scheme]:
        """The criteria and scoring settings of a past vacancy of the same role variant."""
        with self.store.reading() as session:
            source = self.visible_vacancy(session, actor, request.copy_of or 0)
        if (source.role_id, source.level, source.grade) != (
            request.role_id,
            request.level,
            request.grade,
        ):
            raise InvalidInput(
                f"{source.reference} is a vacancy for another role, level or grade; choose that "
                "role to copy it."
            )
        return list(source.criteria), source.rules.scheme

    def _insert(
        self,
        actor: Actor,
        request: VacancyRequest,
        role: RoleProfile,
        variant: RoleVariant,
        criteria: list[Criterion],
        scheme: Scheme,
        policy: GuaranteedInterviewPolicy,
    ) -> VacancyPublic:
        organisation = variant.organisation

        def write(session: Session) -> VacancyPublic:
            vacancy = self.repo.insert_vacancy(
                session=session,
                values={
                    "organisation_id": organisation.id, "title": request.title or variant.label,
                    "role_id": role.id, "level": variant.level.id if variant.level else None,
                    "grade": variant.grade.id if variant.grade else None,
                    "role_snapshot": role.model_dump(mode="json"),
                    "criteria": [c.model_dump(mode="json") for c in criteria],
                    "scheme": scheme.model_dump(mode="json"),
                    "policy": policy.model_dump(mode="json"),
                    "status": initial_status(draft=request.draft).value,
                    "closing_date": request.closing_date,
                    "scoring_deadline": request.scoring_deadline,
                    "request_key": request.request_key,
                    "interview_date": request.interview_date,
                    "retention_date": retention_after(request.closing_date, request.retention_months),
                    "chunked_review": request.chunked_review, "created_by": actor.user_id,
                    **request.post.columns(),
                },
            )  # fmt: skip
            self.audit(
                session, actor, "create_vacancy", "vacancy", vacancy.id, vacancy_id=vacancy.id,
                new={
                    "role_id": role.id, "level": vacancy.level, "grade": vacancy.grade,
                    "title": vacancy.title, "scheme": scheme.model_dump(mode="json"),
                    "policy_version": policy.version,
                    "policy_confirmed_by_hr": request.policy_version is not None,
                    "status": vacancy.status, "copy_of": request.copy_of,
                    "post": request.post.model_dump(mode="json"),
                },
            )  # fmt: skip
            return vacancy

        return self.store.write(write)

    @allowed(Role.HR, Role.PANEL, action="see vacancies")
    def list_vacancies(self, actor: Actor) -> list[VacancyPublic]:
        """HR: their organisation's vacancies. Panel: the vacancies they are assigned to."""
        with self.store.reading() as session:
            return self.repo.list_vacancies(
                session=session,
                organisation_id=actor.organisation_id,
                panel_member=actor.user_id if actor.role is Role.PANEL else None,
            )

    @allowed(Role.HR, Role.PANEL, action="see a vacancy")
    def get_vacancy(self, actor: Actor, vacancy_id: int) -> VacancyPublic:
        with self.store.reading() as session:
            return self.visible_vacancy(session, actor, vacancy_id)

    @allowed(Role.HR, action="assign panels")
    def assign_panel(self, actor: Actor, vacancy_id: int, user_ids: list[int]) -> None:
        def write(session: Session) -> None:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_allowed(vacancy.state, Action.ASSIGN_PANEL)
            current = {s.user_id for s in self.repo.panel(session=session, vacancy_id=vacancy_id)}
            for user_id in user_ids:
                account = self.repo.account_by_id(session=session, user_id=user_id)
                if account is None or account.actor.role is not Role.PANEL or not account.active:
                    raise InvalidInput(f"User {user_id} is not an active panel member.")
                if account.actor.organisation_id != vacancy.organisation_id:
                    raise InvalidInput(f"User {user_id} is a panel member of another organisation.")
            for user_id in set(user_ids) - current:
                self.repo.add_member(session=session, vacancy_id=vacancy_id, user_id=user_id)
            for user_id in current - set(user_ids):
                if self.repo.any_scores(session=session, vacancy_id=vacancy_id, user_id=user_id):
                    raise InvalidInput(
                        "A panel member who has started scoring cannot be removed; their scores would be lost."
                    )
                self.repo.remove_member(session=session, vacancy_id=vacancy_id, user_id=user_id)
            self.audit(
                session, actor, "assign_panel", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                old=sorted(current), new=sorted(set(user_ids)),
            )  # fmt: skip

        self.store.write(write)

    @allowed(Role.HR, action="change the retention date")
    def set_retention_date(self, actor: Actor, vacancy_id: int, retention_date: date) -> None:
        def write(session: Session) -> None:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            if vacancy.closing_date and retention_date < vacancy.closing_date:
                raise InvalidInput("The retention date cannot be before the closing date.")
            self.repo.set_retention_date(
                session=session, vacancy_id=vacancy_id, retention_date=retention_date
            )
            self.audit(
                session, actor, "set_retention_date", "vacancy", vacancy_id,
                vacancy_id=vacancy_id, old=str(vacancy.retention_date), new=str(retention_date),
            )  # fmt: skip

        self.store.write(write)
