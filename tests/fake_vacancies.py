"""The vacancy half of the fake repository, for HR's use cases over a vacancy's life: moving
and editing it (compare-and-set, as storage/repository/vacancies.py does), its panel and
retention date, purging campaigns past their retention date, and redacting and releasing the
evidence. `VacancyState` adds what
they read to tests/fakes.py's FakeState, so a write that raises still leaves it all as it was;
`vacancy_world` builds one from `fake_world`."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from criteria.legacy_policy import stored_policy
from criteria.schema import Criterion
from scoring.applications import Declarations
from scoring.rules.decisions import PersonsDecision
from scoring.rules.lifecycle import TRANSITIONS, Transition
from scoring.rules.scheme import Scheme
from scoring.rules.score_checks import Seat
from scoring.vacancy import PostFacts, Vacancy
from storage.repository.redactions import RedactionSource
from tests.fake_repository import FakeRepository
from tests.fakes import FakeState
from use_cases.models import RedactionReview, VacancyPublic
from use_cases.ports.redaction import RedactionRepository
from use_cases.ports.retention import RetentionRepository
from use_cases.ports.vacancies import VacanciesRepository
from use_cases.ports.vacancy_lifecycle import VacancyLifecycleRepository

PUBLIC = (
    "organisation_id", "title", "role_id", "level", "grade", "status", "closing_date",
    "interview_date", "retention_date", "chunked_review", "scoring_deadline",
)  # fmt: skip
# what a new vacancy's record shows of the values it was inserted with
FACTS = frozenset({"advertised", "salary_from", "salary_to", "role_family"})  # in rules.post


def _facts(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if k in FACTS}


@dataclass
class VacancyState(FakeState):
    others: dict[int, VacancyPublic] = field(default_factory=dict)  # vacancies beside `vacancy`
    purged: list[int] = field(default_factory=list)  # vacancy ids, in the order purged
    forgotten: list[int] = field(default_factory=list)  # vacancies whose audit values went
    redactions: dict[int, RedactionReview] = field(default_factory=dict)  # by application id
    terms: dict[int, dict[str, Any]] = field(default_factory=dict)  # HR's, by application id
    reopened: list[str] = field(default_factory=list)  # members whose submission reopened
    decisions: dict[int, PersonsDecision] = field(default_factory=dict)  # by application id
    review_time: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # (application id, user id) -> (seconds read, views)
    monitoring: dict[int, dict[str, str]] = field(default_factory=dict)  # by application id
    requests: dict[tuple[int, str], int] = field(default_factory=dict)
    # (created by, the form's request key) -> the vacancy it made
    inserted: list[dict[str, Any]] = field(default_factory=list)  # the values of each insert


class FakeVacancies(
    FakeRepository,
    RedactionRepository,
    RetentionRepository,
    VacanciesRepository,
    VacancyLifecycleRepository,
):
    """`race` set: the next compare-and-set finds the vacancy moved or edited by another window
    (as if it lost the race between the read and the write) and changes nothing."""

    state: VacancyState

    def __init__(self, state: VacancyState) -> None:
        super().__init__(state)
        self.race = False

    def _all(self) -> dict[int, VacancyPublic]:
        return {self.state.vacancy.id: self.state.vacancy, **self.state.others}

    def _put(self, vacancy: VacancyPublic) -> None:
        if vacancy.id == self.state.vacancy.id:
            self.state.vacancy = vacancy
        else:
            self.state.others[vacancy.id] = vacancy

    def _lost_race(self) -> bool:
        lost, self.race = self.race, False
        return lost

    # vacancies -------------------------------------------------------------------------------
    def load_vacancy(self, *, session: object, vacancy_id: int) -> VacancyPublic | None:
        return self._all().get(vacancy_id)

    def move_status(
        self, *, session: object, vacancy_id: int, transition: Transition, **more: Any
    ) -> bool:
        vacancy, move = self._all()[vacancy_id], TRANSITIONS[transition]
        if self._lost_race() or vacancy.state not in move.sources:
            return False
        kept = {k: v for k, v in more.items() if k in VacancyPublic.model_fields}
        self._put(
            vacancy.model_copy(
                update={"status": move.target.value, "version": vacancy.version + 1, **kept}
            )
        )
        return True

    def update_vacancy(
        self, *, session: object, vacancy_id: int, expected_version: int, values: dict[str, Any]
    ) -> bool:
        vacancy = self._all()[vacancy_id]
        if self._lost_race() or vacancy.version != expected_version:
            return False
        update = {k: v for k, v in values.items() if k != "scheme" and k not in FACTS}
        if "scheme" in values:
            scheme = type(vacancy.rules.scheme).model_validate(values["scheme"])
            update["rules"] = vacancy.rules.model_copy(update={"scheme": scheme})
        if FACTS & set(values):
            rules = update.get("rules", vacancy.rules)
            facts = rules.post.model_copy(update=_facts(values))
            update["rules"] = rules.model_copy(update={"post": facts})
        self._put(vacancy.model_copy(update={**update, "version": expected_version + 1}))
        return True

    def insert_vacancy(self, *, session: object, values: dict[str, Any]) -> VacancyPublic:
        """Refused, as the database's unique index refuses it, for a request key used before."""
        request = (values["created_by"], values["request_key"])
        if values["request_key"] and request in self.state.requests:
            raise IntegrityError("INSERT", {}, Exception("unique constraint"))
        vacancy_id = max(self._all()) + 1
        rules = Vacancy(
            title=values["title"],
            criteria=tuple(Criterion.model_validate(c) for c in values["criteria"]),
            scheme=Scheme.model_validate(values["scheme"]),
            policy=stored_policy(values["policy"]), closing_date=values["closing_date"],
            post=PostFacts(**_facts(values)),
        )  # fmt: skip
        vacancy = VacancyPublic(
            id=vacancy_id, role_title=values["role_snapshot"]["title"], rules=rules,
            released_at=None, **{k: values[k] for k in PUBLIC},
        )  # fmt: skip
        self._put(vacancy)
        self.state.inserted.append(values)
        if values["request_key"]:
            self.state.requests[request] = vacancy_id
        return vacancy

    def vacancy_by_request(
        self, *, session: object, created_by: int, request_key: str
    ) -> VacancyPublic | None:
        found = self.state.requests.get((created_by, request_key))
        return None if found is None else self._all()[found]

    def list_vacancies(
        self, *, session: object, organisation_id: str | None, panel_member: int | None
    ) -> list[VacancyPublic]:
        if panel_member is not None:
            seat = self.state.seats.get(panel_member)
            return [self.state.vacancy] if seat and seat.assigned else []
        found = [v for v in self._all().values() if v.organisation_id == organisation_id]
        return sorted(found, key=lambda v: -v.id)

    def set_retention_date(self, *, session: object, vacancy_id: int, retention_date: date) -> None:
        self._put(self._all()[vacancy_id].model_copy(update={"retention_date": retention_date}))

    # the panel -------------------------------------------------------------------------------
    def add_member(self, *, session: object, vacancy_id: int, user_id: int) -> None:
        status = self.state.vacancy.status
        self.state.seats[user_id] = Seat(status, True, True, False, False)

    def remove_member(self, *, session: object, vacancy_id: int, user_id: int) -> None:
        del self.state.seats[user_id]

    def any_scores(self, *, session: object, vacancy_id: int, user_id: int) -> bool:
        return any(u == user_id for _, _, u in self.state.scores)

    # retention -------------------------------------------------------------------------------
    def purge_candidates(
        self, *, session: object, today: date, organisation_id: str | None
    ) -> list[tuple[int, str, date]]:
        return [
            (v.id, v.status, v.retention_date)
            for v in self._all().values()
            if v.retention_date is not None
            and v.retention_date <= today
            and (organisation_id is None or v.organisation_id == organisation_id)
        ]

    def anonymised_summary(self, *, session: object, vacancy_id: int) -> dict[str, Any]:
        mine = list(self.state.applications.values()) if vacancy_id == self.state.vacancy.id else []
        return {"applications": len(mine), "withdrawn": sum(a.withdrawn for a in mine)}

    def purge_vacancy(self, *, session: object, vacancy_id: int) -> None:
        self.state.purged.append(vacancy_id)
        if vacancy_id == self.state.vacancy.id:
            self.state.applications.clear()
            self.state.names.clear()
            self.state.scores.clear()

    def forget_audit_values(self, *, session: object, vacancy_id: int) -> int:
        self.state.forgotten.append(vacancy_id)
        return sum(e.get("vacancy_id") == vacancy_id for e in self.state.audit)

    # redaction and release -------------------------------------------------------------------
    def redaction_source(
        self, *, session: object, vacancy_id: int, reference: str
    ) -> RedactionSource | None:
        found = next((a for a in self.state.applications.values() if a.reference == reference), None)  # fmt: skip
        if found is None or found.id not in self.state.names:
            return None
        first, last = self.state.names[found.id].split(" ", 1)
        return RedactionSource(
            id=found.id, reference=reference, first_name=first, last_name=last,
            statement=f"I am {first} {last} of Hartlepool; write to {first.lower()}@example.org.",
            evidence={"e1": f"{first} led the team."}, email=f"{first.lower()}@example.org",
            declarations=Declarations(), terms=self.state.terms.get(found.id, {}),
        )  # fmt: skip

    def set_redaction(
        self, *, session: object, application_id: int, panel_statement: str,
        panel_evidence: dict[str, str], redactions: list[dict[str, str]], terms: dict[str, Any],
    ) -> RedactionReview:  # fmt: skip
        ref = self.state.ref(application_id)
        self.state.terms[application_id] = terms
        review = RedactionReview(
            reference=ref.reference, panel_code=ref.panel_code, name=self.state.names[ref.id],
            redactions=redactions, extra=terms["extra"], keep=terms["keep"],
            panel_statement=panel_statement, panel_evidence=panel_evidence,
        )  # fmt: skip
        self.state.redactions[application_id] = review
        return review

    def redaction_reviews(
        self, *, session: object, vacancy_id: int, reference: str | None = None
    ) -> list[RedactionReview]:
        found = self.state.redactions.values()
        return [r for r in found if reference in (None, r.reference)]

    def held_count(self, *, session: object, vacancy_id: int) -> int:
        return sum(a.id not in self.state.released_at for a in self.state.applications.values())

    def redaction_counts(self, *, session: object, vacancy_id: int) -> tuple[int, int]:
        reviews = self.state.redactions
        redacted = sum(bool(reviews[a.id].redactions) for a in self.state.applications.values() if a.id in reviews)  # fmt: skip
        return len(self.state.applications), redacted

    def set_released(self, *, session: object, vacancy_id: int, at: datetime) -> int:
        held = [a.id for a in self.state.applications.values() if a.id not in self.state.released_at]  # fmt: skip
        for application_id in held:
            self.state.released_at[application_id] = at
        self._put(self.state.vacancy.model_copy(update={"released_at": at}))
        return len(held)

    def reopen_submissions(self, *, session: object, vacancy_id: int) -> list[str]:
        names = [self.state.accounts[u].username for u, s in self.state.seats.items() if s.submitted]  # fmt: skip
        self.state.reopened += names
        return names


def vacancy_world(repo: FakeRepository, *others: VacancyPublic) -> FakeVacancies:
    """`repo`'s world (tests/fakes.py's `fake_world`) with the vacancy functions, and `others`
    vacancies beside its own."""
    plain = {f.name: getattr(repo.state, f.name) for f in fields(FakeState)}
    return FakeVacancies(VacancyState(**plain, others={v.id: v for v in others}))
