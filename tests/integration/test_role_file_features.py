"""A vacancy made from what a role file says: a Medway apprenticeship level publishes no
requirements, so its vacancy waits for HR's own criteria; a criterion assessed at application
and interview is scored at the sift and still shown at interview."""

from __future__ import annotations

from datetime import date

import pytest

from criteria.schema import Criterion, Stage
from scoring.errors import InvalidInput
from tests.integration.helpers import PASSWORD, actor
from use_cases import Services, VacancyRequest
from use_cases.access import Actor, Role

APPRENTICE = "medway-housing-apprentice"


def medway_hr(services: Services) -> Actor:
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    services.accounts.create_user(
        actor(services, "admin"), username="mhr", display_name="Morgan HR", role=Role.HR,
        password=PASSWORD, organisation_id="medway",
    )  # fmt: skip
    return actor(services, "mhr")


def test_an_apprenticeship_vacancy_waits_for_hrs_own_criteria(services: Services) -> None:
    hr = medway_hr(services)
    role = services.store.catalogue.role(APPRENTICE)
    assert all(not level.requirements_published and not level.criteria for level in role.levels)
    before = len(services.vacancies.list_vacancies(hr))
    with pytest.raises(
        InvalidInput, match="Medway publishes no requirements for Housing Apprentice"
    ):
        services.vacancies.create_vacancy(
            hr,
            VacancyRequest(role_id=APPRENTICE, level="A", closing_date=date(2026, 3, 1)),
        )
    interview_only = Criterion(
        id="hr-1", text="Enthusiasm for housing", category="personal_attributes",
        requirement="essential", stage=Stage.INTERVIEW,
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="at least one criterion assessed from the application"):
        services.vacancies.create_vacancy(
            hr,
            VacancyRequest(role_id=APPRENTICE, level="A", extra_criteria=(interview_only,)),
        )
    assert len(services.vacancies.list_vacancies(hr)) == before, "nothing half-made"
    own = Criterion(
        id="hr-2", text="Interest in a housing career, shown in the application",
        category="personal_attributes", requirement="essential",
    )  # fmt: skip
    made = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(role_id=APPRENTICE, level="A", extra_criteria=(own, interview_only)),
    )
    stored = services.vacancies.get_vacancy(hr, made.id)
    assert [c.id for c in stored.criteria] == ["hr-2", "hr-1"]
