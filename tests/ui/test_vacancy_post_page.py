"""Issue 28, item 4, on the pages: HR is asked "Is this post advertised externally?" when setting
up a vacancy and may answer it later for a vacancy made before the question; the Shortlist page
says when a scheme does not cover the vacancy."""

from __future__ import annotations

from sqlalchemy import update

from storage import tables
from tests.ui.helpers import actor_of, open_as, services_for
from tests.unit.test_vacancy_cover import EXTERNAL_ONLY
from use_cases.demo import Demo


def test_hr_answers_the_advert_question_when_creating_a_vacancy(
    demo: Demo, isolated_database: str
) -> None:
    at = open_as(demo, "demo-hr", "app_pages/hr_vacancies.py")
    question = at.radio(key="hr_new_post_advertised")
    assert question.label == "Is this post advertised externally?"
    assert question.value is None, "not answered for HR"
    question.set_value("internal")
    at.checkbox(key="hr_new_policy_confirmed").check().run()
    at.button(key="hr_new_create").click().run()
    assert not at.exception
    services = services_for(isolated_database)
    created = services.vacancies.get_vacancy(actor_of(demo, services, "demo-hr"), 2)
    assert created.rules.post.advertised == "internal"


def test_hr_answers_it_for_a_vacancy_made_before_the_question(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    hr = actor_of(demo, services, "demo-hr")
    v = services.vacancies.list_vacancies(hr)[0]
    assert v.rules.post.advertised is None
    at = open_as(demo, "demo-hr", "app_pages/hr_vacancies.py")
    at.radio(key=f"hr_edit_{v.id}_{v.version}_post_advertised").set_value("external")
    next(b for b in at.button if b.label == "Save the changes").click().run()
    assert not at.exception
    assert services.vacancies.get_vacancy(hr, v.id).rules.post.advertised == "external"


def test_the_shortlist_page_says_a_scheme_does_not_cover_the_vacancy(
    demo: Demo, isolated_database: str
) -> None:
    services = services_for(isolated_database)
    v = services.vacancies.list_vacancies(actor_of(demo, services, "demo-hr"))[0]
    with services.store.writing() as session:  # the vacancy's policy covers external adverts only
        session.execute(
            update(tables.Vacancy)
            .where(tables.Vacancy.id == v.id)
            .values(
                policy=EXTERNAL_ONLY.model_dump(mode="json"),
                advertised="internal",
                version=v.version + 1,
            )
        )
    services.store.engine.dispose()
    at = open_as(demo, "demo-hr", "app_pages/hr_shortlist.py")
    assert not at.exception
    said = [i.value for i in at.info]
    assert any(
        s.startswith(
            "Disability Confident: it covers only posts advertised externally; this "
            "post is advertised internally only."
        )
        for s in said
    ), said
