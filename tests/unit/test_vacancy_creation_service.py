"""HR creating a vacancy against the in-memory repository: made from their own organisation's
role, with HR's edits and additions to its criteria, a retention date after the closing date,
and an audit entry naming the role, the scheme and the policy; refused for another
organisation's role or a policy changed since HR confirmed it, and made once for a form sent
twice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from criteria.loader import Catalogue
from criteria.policy_minimum import EachEssentialAtLeast
from criteria.schema import Stage
from scoring.rules.scheme import SCALES, Scheme
from storage.records import Actor, Role
from tests import factories
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import FakeStore, as_store, fake_world, hr, member
from use_cases.errors import InvalidInput, NotAllowed
from use_cases.vacancies import Vacancies
from use_cases.vacancy_request import CriterionEdit, VacancyRequest

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROLE = "darlington-housing-income-management-officer"
ROSA = member(7, "rpatel")


def vacancies(catalogue: Catalogue) -> tuple[Vacancies, FakeVacancies]:
    """Darlington's HR (`hr()`), with vacancy 1 of another role already made."""
    repo = vacancy_world(fake_world(factories.vacancy(), members=[ROSA]))
    store = as_store(FakeStore(repo, catalogue))
    return Vacancies(store, repo=repo, clock=lambda: NOW), repo


def test_hr_creates_a_vacancy_of_their_role_kept_six_months_after_it_closes(
    catalogue: Catalogue,
) -> None:
    service, repo = vacancies(catalogue)

    made = service.create_vacancy(hr(), VacancyRequest(role_id=ROLE, closing_date=date(2026, 3, 2)))

    assert (made.id, made.status, made.retention_date) == (2, "open", date(2026, 9, 2))
    assert made.title == "Housing Income Management Officer"
    assert [c.id for c in made.rules.criteria][:2] == ["c1", "c2"]
    [values] = repo.state.inserted
    assert (values["organisation_id"], values["created_by"]) == ("darlington", hr().user_id)
    [entry] = repo.state.audit
    assert (entry["action"], entry["vacancy_id"]) == ("create_vacancy", 2)
    assert entry["new"]["role_id"] == ROLE
    assert entry["new"]["policy_confirmed_by_hr"] is False
    assert entry["new"]["scheme"] == made.rules.scheme.model_dump(mode="json")


def test_a_draft_is_saved_not_yet_open(catalogue: Catalogue) -> None:
    service, _ = vacancies(catalogue)
    made = service.create_vacancy(hr(), VacancyRequest(role_id=ROLE, draft=True))
    assert made.status == "draft"
    assert made.retention_date is None, "no closing date, no retention date yet"


def test_hrs_weight_and_stage_edits_and_added_criterion_are_stored(catalogue: Catalogue) -> None:
    service, _ = vacancies(catalogue)
    extra = factories.criterion("x1", text="Knows the\x0bpatch\x00")
    request = VacancyRequest(
        role_id=ROLE, scheme=Scheme(slots=4), extra_criteria=(extra,),
        edits=(
            CriterionEdit(criterion_id="c2", weight=40),
            CriterionEdit(criterion_id="c3", stage=Stage.INTERVIEW),
        ),
    )  # fmt: skip

    made = service.create_vacancy(hr(), request)

    assert made.rules.scheme.criterion_weights["c2"] == 40
    assert made.rules.scheme.slots == 4
    [c3] = [c for c in made.rules.criteria if c.id == "c3"]
    assert c3.stage is Stage.INTERVIEW
    added = made.rules.criteria[-1]
    assert (added.id, added.text) == ("x1", "Knows the\npatch"), "HR's words made safe"


@pytest.mark.parametrize(
    ("request_", "refusal"),
    [
        (VacancyRequest(role_id="dartford-housing-scheme-officer"), "not of your organisation"),
        (VacancyRequest(role_id="no-such-role"), "no-such-role"),
        (VacancyRequest(role_id=ROLE, policy_version="an old one"), "policy has changed"),
        (
            VacancyRequest(role_id=ROLE, edits=(CriterionEdit(criterion_id="zz", weight=1),)),
            "The role has no criterion 'zz'",
        ),
    ],
)
def test_a_vacancy_breaking_a_rule_is_not_made(
    catalogue: Catalogue, request_: VacancyRequest, refusal: str
) -> None:
    service, repo = vacancies(catalogue)
    with pytest.raises(InvalidInput, match=refusal):
        service.create_vacancy(hr(), request_)
    assert repo.state.inserted == [] and repo.state.audit == []


def test_the_same_form_sent_twice_makes_one_vacancy(catalogue: Catalogue) -> None:
    service, repo = vacancies(catalogue)
    request = VacancyRequest(role_id=ROLE, request_key="form-1")

    first = service.create_vacancy(hr(), request)
    second = service.create_vacancy(hr(), request)

    assert first == second
    assert len(repo.state.inserted) == 1 and len(repo.state.audit) == 1


def test_a_copy_keeps_the_past_vacancys_criteria_only_for_the_same_role(
    catalogue: Catalogue,
) -> None:
    service, repo = vacancies(catalogue)
    past = service.create_vacancy(
        hr(), VacancyRequest(role_id=ROLE, edits=(CriterionEdit(criterion_id="c1", weight=30),))
    )

    copy = service.create_vacancy(hr(), VacancyRequest(role_id=ROLE, copy_of=past.id))

    assert copy.rules.criteria == past.rules.criteria
    assert copy.rules.scheme == past.rules.scheme
    assert repo.state.audit[-1]["new"]["copy_of"] == past.id
    with pytest.raises(InvalidInput, match="another role"):
        service.create_vacancy(hr(), VacancyRequest(role_id=ROLE, copy_of=1))  # another role's


def test_only_hr_creates_vacancies(catalogue: Catalogue) -> None:
    service, repo = vacancies(catalogue)
    admin = Actor(user_id=2, username="ada", display_name="Ada", role=Role.ADMIN)
    repo.state.accounts[admin.user_id] = admin
    for actor in (ROSA, admin):
        with pytest.raises(NotAllowed):
            service.create_vacancy(actor, VacancyRequest(role_id=ROLE))
    assert repo.state.inserted == []


def test_a_scale_without_the_score_a_scheme_asks_on_each_essential_is_refused(
    catalogue: Catalogue,
) -> None:
    """Issue 28, item 3: no applicant could pass a minimum the vacancy's scale cannot give."""
    policy = factories.DARTFORD_POLICY.model_copy(
        update={
            "schemes": tuple(
                s.model_copy(update={"minimum": EachEssentialAtLeast(each_essential_at_least=3)})
                for s in factories.DARTFORD_POLICY.schemes
            )
        }
    )
    service, _ = vacancies(factories.with_recorded_scheme(catalogue, policy=policy))
    with pytest.raises(
        InvalidInput, match="not on the 0-2 .NHS style. scale .0-2.: choose a scale"
    ):
        service.create_vacancy(
            hr(), VacancyRequest(role_id=ROLE, scheme=Scheme(scale=SCALES["0-2"]))
        )
    made = service.create_vacancy(hr(), VacancyRequest(role_id=ROLE))  # 0-3 has a 3
    assert made.rules.policy.schemes[0].minimum == EachEssentialAtLeast(each_essential_at_least=3)
