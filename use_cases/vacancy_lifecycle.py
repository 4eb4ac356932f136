"""HR: a vacancy's details edited while its state allows, and its moves from draft to closed
(scoring/rules/lifecycle.py holds the rules). Each edit and move is audited, and an edit made from a
form drawn before someone else's change is refused."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session

from scoring.clean_text import CleanText, clean_text
from scoring.errors import StaleEdit
from scoring.rules.guaranteed_interview import add_months
from scoring.rules.lifecycle import Transition, VacancyStatus, check_edit, check_move
from storage.repository import REPOSITORY
from storage.store import Store
from use_cases.access import Actor, Role, allowed
from use_cases.common import Clock, UseCase, system_clock
from use_cases.errors import InvalidInput
from use_cases.models import VacancyPublic
from use_cases.ports.vacancy_lifecycle import VacancyLifecycleRepository
from use_cases.post_answers import PostAnswers, answers_of


class VacancyEdit(BaseModel):
    """The details HR changes; a field left out is left as it is. `slots` None: the interview
    places are not limited; `pass_mark` None: there is no pass mark (0 is a pass mark of 0)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: CleanText | None = Field(default=None, min_length=1, max_length=300)
    closing_date: date | None = None
    interview_date: date | None = None
    scoring_deadline: date | None = None
    slots: int | None = Field(default=None, ge=0)
    pass_mark: float | None = Field(default=None, ge=0)
    post: PostAnswers | None = Field(
        default=None, description="HR's answers for the schemes' covers, all four at once."
    )


def _retention_follows(
    old_closing: date | None, new_closing: date | None, kept: date | None
) -> date | None:
    """A retention date made from the closing date moves with it (same number of months)."""
    if old_closing is None or new_closing is None or kept is None:
        return kept
    for months in range(1, 73):
        if add_months(old_closing, months) == kept:
            return add_months(new_closing, months)
    return kept


class VacancyLifecycle(UseCase):
    repo: VacancyLifecycleRepository

    def __init__(
        self,
        store: Store,
        *,
        repo: VacancyLifecycleRepository = REPOSITORY,
        clock: Clock = system_clock,
    ) -> None:
        super().__init__(store, repo=repo, clock=clock)

    @allowed(Role.HR, action="edit vacancies")
    def edit(
        self, actor: Actor, vacancy_id: int, edit: VacancyEdit, *, expected_version: int
    ) -> VacancyPublic:
        changed = set(edit.model_fields_set)

        def write(session: Session) -> VacancyPublic:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            check_edit(vacancy.state, changed)
            if vacancy.version != expected_version:
                raise StaleEdit(
                    f"{vacancy.reference} was changed by someone else since this form was drawn; "
                    "look at it again before changing it."
                )
            values: dict[str, object] = {
                k: getattr(edit, k) for k in changed if k not in ("slots", "pass_mark", "post")
            }
            if "post" in changed:
                values.update((edit.post or PostAnswers()).columns())
            if "title" in changed and not (edit.title or "").strip():
                raise InvalidInput("A vacancy needs a title.")
            if "closing_date" in changed:
                values["retention_date"] = _retention_follows(
                    vacancy.closing_date, edit.closing_date, vacancy.retention_date
                )
            shortlist_fields = changed & {"slots", "pass_mark"}
            if "slots" in changed and edit.slots == 0:
                raise InvalidInput(
                    "A vacancy needs at least 1 interview place; leave the interview places "
                    "empty for no limit."
                )
            if shortlist_fields:  # stored as given: a pass mark of 0 is 0, None is none
                scheme = vacancy.rules.scheme.model_copy(
                    update={k: getattr(edit, k) for k in shortlist_fields}
                )
                checked = type(scheme).model_validate(scheme.model_dump())
                values.update(scheme=checked.model_dump(mode="json"))
            now = {
                "slots": vacancy.rules.scheme.slots, "pass_mark": vacancy.rules.scheme.pass_mark,
                "post": answers_of(vacancy.rules.post),
            }  # fmt: skip
            old = {
                k: _plain(now[k] if k in {*shortlist_fields, "post"} else getattr(vacancy, k, None))
                for k in sorted(changed)
            }
            if not self.repo.update_vacancy(
                session=session, vacancy_id=vacancy_id, expected_version=expected_version,
                values=values,
            ):  # fmt: skip
                raise StaleEdit(  # another window moved or edited it since the check above
                    f"{vacancy.reference} was changed by someone else at the same moment; "
                    "look at it again before changing it."
                )
            self.audit(
                session, actor, "edit_vacancy", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                old=old, new={k: _plain(getattr(edit, k)) for k in sorted(changed)},
            )  # fmt: skip
            return self.visible_vacancy(session, actor, vacancy_id)

        return self.store.write(write)

    @allowed(Role.HR, action="open or close vacancies")
    def move(
        self, actor: Actor, vacancy_id: int, to: VacancyStatus, *, reason: str | None = None
    ) -> VacancyPublic:
        reason = None if reason is None else clean_text(reason)

        def write(session: Session) -> VacancyPublic:
            vacancy = self.visible_vacancy(session, actor, vacancy_id)
            transition = check_move(vacancy.state, to, reason)
            more: dict[str, object] = {}
            if transition is Transition.CLOSE:
                more = {"closed_reason": (reason or "").strip(), "closed_at": self.clock()}
            if not self.repo.move_status(
                session=session, vacancy_id=vacancy_id, transition=transition, **more
            ):
                raise StaleEdit(
                    f"{vacancy.reference} was moved by someone else at the same moment; look at "
                    "it again before moving it."
                )
            self.audit(
                session, actor, "move_vacancy", "vacancy", vacancy_id, vacancy_id=vacancy_id,
                old={"status": vacancy.status},
                new={"status": to.value, **({"reason": more["closed_reason"]} if more else {})},
            )  # fmt: skip
            return self.visible_vacancy(session, actor, vacancy_id)

        return self.store.write(write)


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return value.isoformat() if isinstance(value, date) else value
