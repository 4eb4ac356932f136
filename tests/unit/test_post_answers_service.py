"""Issue 28, item 4: HR's answers about the post ("Is this post advertised externally?", its
salary range, its role family) are recorded with the vacancy when it is set up and when it is
edited, audited, and asked for when the organisation's policy reads them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from criteria.loader import Catalogue
from scoring.errors import NotAtThisStage
from scoring.rules.lifecycle import VacancyStatus
from scoring.vacancy import PostFacts
from tests import factories
from tests.fake_vacancies import vacancy_world
from tests.fakes import FakeStore, application, as_store, fake_world, hr, service
from tests.unit.test_vacancy_cover import EXTERNAL_ONLY, with_covers
from use_cases.errors import InvalidInput
from use_cases.post_answers import PostAnswers
from use_cases.vacancies import Vacancies
from use_cases.vacancy_lifecycle import VacancyEdit, VacancyLifecycle
from use_cases.vacancy_request import VacancyRequest

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROLE = "darlington-housing-income-management-officer"


def vacancies(catalogue: Catalogue) -> Vacancies:
    repo = vacancy_world(fake_world(factories.vacancy()))
    return Vacancies(as_store(FakeStore(repo, catalogue)), repo=repo, clock=lambda: NOW)


def test_hrs_answer_is_recorded_with_a_new_vacancy(catalogue: Catalogue) -> None:
    post = PostAnswers(advertised="internal", salary_from=31182, salary_to=33958)
    made = vacancies(catalogue).create_vacancy(hr(), VacancyRequest(role_id=ROLE, post=post))
    assert made.rules.post == PostFacts(
        advertised="internal", salary_from=31182, salary_to=33958
    )  # the grade is read from the role snapshot by the repository (integration test)


def test_the_answer_goes_to_the_vacancys_columns_and_the_audit_log(catalogue: Catalogue) -> None:
    service_ = vacancies(catalogue)
    post = PostAnswers(advertised="external", role_family=" Business Support ")
    service_.create_vacancy(hr(), VacancyRequest(role_id=ROLE, post=post))
    repo = service_.repo
    [values] = repo.state.inserted  # type: ignore[attr-defined]
    assert (values["advertised"], values["role_family"]) == ("external", "Business Support")
    assert (values["salary_from"], values["salary_to"]) == (None, None)
    assert repo.state.audit[-1]["new"]["post"]["advertised"] == "external"  # type: ignore[attr-defined]


def test_a_policy_that_covers_only_external_adverts_asks_the_question(
    catalogue: Catalogue,
) -> None:
    covered = factories.with_recorded_scheme(catalogue, policy=EXTERNAL_ONLY)
    with pytest.raises(InvalidInput, match="say whether this post is advertised externally"):
        vacancies(covered).create_vacancy(hr(), VacancyRequest(role_id=ROLE))
    made = vacancies(covered).create_vacancy(
        hr(), VacancyRequest(role_id=ROLE, post=PostAnswers(advertised="external"))
    )
    assert made.rules.post.advertised == "external"


def test_a_policy_reading_the_salary_and_role_family_asks_for_both(catalogue: Catalogue) -> None:
    policy = with_covers({"salary_up_to": 45000, "role_families": ["Housing"]})
    covered = factories.with_recorded_scheme(catalogue, policy=policy)
    with pytest.raises(InvalidInput, match="salary range and this post's role family"):
        vacancies(covered).create_vacancy(hr(), VacancyRequest(role_id=ROLE))


def test_a_salary_range_written_the_wrong_way_round_is_refused() -> None:
    with pytest.raises(ValidationError, match="give the lower figure first"):
        PostAnswers(salary_from=40000, salary_to=30000)


def lifecycle(status: VacancyStatus) -> tuple[VacancyLifecycle, object]:
    repo = vacancy_world(fake_world(factories.vacancy(), applications=[application(1)]))
    repo.state.vacancy = repo.state.vacancy.model_copy(update={"status": status.value})
    return service(VacancyLifecycle, repo, NOW), repo


def test_hr_answers_for_a_vacancy_made_before_the_question_while_it_is_scored() -> None:
    service_, repo = lifecycle(VacancyStatus.SCORING)
    edit = VacancyEdit(post=PostAnswers(advertised="internal"))
    edited = service_.edit(hr(), 1, edit, expected_version=1)
    assert edited.rules.post.advertised == "internal"
    [entry] = repo.state.audit  # type: ignore[attr-defined]
    assert entry["old"]["post"]["advertised"] is None
    assert entry["new"]["post"]["advertised"] == "internal"


def test_a_finalised_vacancy_keeps_what_it_recorded() -> None:
    service_, _ = lifecycle(VacancyStatus.FINALISED)
    with pytest.raises(NotAtThisStage, match="what it records for the interview schemes"):
        service_.edit(
            hr(), 1, VacancyEdit(post=PostAnswers(advertised="internal")), expected_version=1
        )


def test_the_answer_is_kept_with_the_closing_date_it_was_given_with() -> None:
    """An edit of another field leaves the answer as it is."""
    service_, repo = lifecycle(VacancyStatus.OPEN)
    service_.edit(hr(), 1, VacancyEdit(post=PostAnswers(advertised="external")), expected_version=1)
    service_.edit(hr(), 1, VacancyEdit(closing_date=date(2026, 3, 1)), expected_version=2)
    assert repo.state.vacancy.rules.post.advertised == "external"  # type: ignore[attr-defined]
