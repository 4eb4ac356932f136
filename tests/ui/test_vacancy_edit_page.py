"""The Vacancies page's edit form stores the interview places and the pass mark as typed: a pass
mark of 0 is 0 (an empty box is "none"); 0 interview places are refused with a message
(issue 26: editing either to 0 stored "none")."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.ui.helpers import actor_of, open_as, services_for
from use_cases import Services
from use_cases.demo import Demo
from use_cases.models import VacancyPublic


def save(at: AppTest) -> None:
    next(b for b in at.button if b.label == "Save the changes").click().run()
    assert not at.exception, at.exception


def demo_vacancy(demo: Demo, services: Services) -> VacancyPublic:
    hr = actor_of(demo, services, "demo-hr")
    return services.vacancies.list_vacancies(hr)[0]


def test_hr_sets_the_pass_mark_to_0_and_0_is_stored(demo: Demo, isolated_database: str) -> None:
    services = services_for(isolated_database)
    v = demo_vacancy(demo, services)
    at = open_as(demo, "demo-hr", "app_pages/hr_vacancies.py")
    at.number_input(key=f"hr_edit_{v.id}_{v.version}_pass").set_value(0.0)
    save(at)
    assert demo_vacancy(demo, services).rules.scheme.pass_mark == 0
    assert demo_vacancy(demo, services).rules.scheme.pass_mark is not None


def test_hr_typing_0_interview_places_is_told_at_least_1_and_nothing_is_stored(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    v = demo_vacancy(demo, services)
    at = open_as(demo, "demo-hr", "app_pages/hr_vacancies.py")
    assert at.number_input(key=f"hr_edit_{v.id}_{v.version}_slots").label.startswith(
        "Interview places (empty = not limited)"
    )
    at.number_input(key=f"hr_edit_{v.id}_{v.version}_slots").set_value(0)
    save(at)
    assert any("at least 1 interview place" in e.value for e in at.error)
    assert demo_vacancy(demo, services).rules.scheme.slots == v.rules.scheme.slots == 4
