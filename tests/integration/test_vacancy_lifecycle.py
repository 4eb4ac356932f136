"""A vacancy from draft to closed: one vacancy per form however often it is sent, edits while
the state allows (audited, never over someone else's), moves with reasons, and a copy of a past
vacancy's criteria and settings."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from scoring.errors import InvalidInput, StaleEdit
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.scheme import Scheme
from tests.integration.helpers import DARLINGTON_ROLE, make_world, score_sample
from use_cases import Services, VacancyEdit, VacancyRequest

KEY = "form-4f1c2a"


def request(**more: object) -> VacancyRequest:
    return VacancyRequest(role_id=DARLINGTON_ROLE, closing_date=date(2026, 3, 1), **more)  # type: ignore[arg-type]


def test_the_same_form_sent_twice_makes_one_vacancy(services: Services) -> None:
    world = make_world(services, import_sample=False)
    before = len(services.vacancies.list_vacancies(world.hr))
    first = services.vacancies.create_vacancy(world.hr, request(request_key=KEY))
    again = services.vacancies.create_vacancy(world.hr, request(request_key=KEY))
    assert again.id == first.id
    assert len(services.vacancies.list_vacancies(world.hr)) == before + 1
    other = services.vacancies.create_vacancy(world.hr, request(request_key="form-other"))
    assert other.id != first.id


def test_a_double_click_racing_itself_makes_one_vacancy(services: Services) -> None:
    world = make_world(services, import_sample=False)
    before = len(services.vacancies.list_vacancies(world.hr))
    made: list[int] = []
    start = threading.Barrier(2)

    def click() -> None:
        start.wait()
        made.append(services.vacancies.create_vacancy(world.hr, request(request_key=KEY)).id)

    clicks = [threading.Thread(target=click) for _ in range(2)]
    for c in clicks:
        c.start()
    for c in clicks:
        c.join()
    assert len(made) == 2 and made[0] == made[1]
    assert len(services.vacancies.list_vacancies(world.hr)) == before + 1


def test_every_picker_label_carries_the_short_reference(services: Services) -> None:
    world = make_world(services, import_sample=False)
    twin = services.vacancies.create_vacancy(world.hr, request(title=world.vacancy.title))
    labels = {v.label for v in services.vacancies.list_vacancies(world.hr)}
    assert len(labels) == 2, "two vacancies with one title still read differently"
    assert twin.label.startswith(f"V{twin.id:03d} · ")


def test_a_draft_opens_then_is_scored_then_finalised_then_closed(services: Services) -> None:
    world = make_world(services, import_sample=False)
    draft = services.vacancies.create_vacancy(world.hr, request(draft=True))
    assert draft.state is VacancyStatus.DRAFT
    opened = services.lifecycle.move(world.hr, draft.id, VacancyStatus.OPEN)
    assert opened.state is VacancyStatus.OPEN
    with pytest.raises(InvalidInput, match="Say why"):
        services.lifecycle.move(world.hr, draft.id, VacancyStatus.CLOSED, reason="")
    closed = services.lifecycle.move(
        world.hr, draft.id, VacancyStatus.CLOSED, reason="Recruitment paused by the director."
    )
    assert (closed.state, closed.closed_reason) == (
        VacancyStatus.CLOSED,
        "Recruitment paused by the director.",
    )
    actions = [e.action for e in services.audit.audit_log(world.hr, draft.id)]
    assert actions.count("move_vacancy") == 2


def test_release_moves_an_open_vacancy_to_scoring(services: Services) -> None:
    world = make_world(services)  # imported and released
    vacancy = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    assert vacancy.state is VacancyStatus.SCORING


def test_edits_follow_the_state_and_never_overwrite_a_newer_change(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    v = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    edited = services.lifecycle.edit(
        world.hr, v.id, VacancyEdit(closing_date=date(2026, 2, 6), slots=5),
        expected_version=v.version,
    )  # fmt: skip
    assert edited.closing_date == date(2026, 2, 6) and edited.rules.scheme.slots == 5
    assert edited.retention_date == date(2026, 8, 6), "the retention date moved with it"
    with pytest.raises(StaleEdit, match="changed by someone else"):
        services.lifecycle.edit(
            world.hr, v.id, VacancyEdit(title="An old window's title"), expected_version=v.version
        )
    (entry,) = [e for e in services.audit.audit_log(world.hr, v.id) if e.action == "edit_vacancy"]
    assert entry.new_value == {"closing_date": "2026-02-06", "slots": 5}
    final = services.lifecycle.move(
        world.hr, v.id, VacancyStatus.CLOSED, reason="The post was deleted in the restructure."
    )
    with pytest.raises(InvalidInput, match="closed cannot have the title changed"):
        services.lifecycle.edit(
            world.hr, v.id, VacancyEdit(title="Too late"), expected_version=final.version
        )


def test_a_past_vacancy_is_copied_with_its_criteria_and_settings(services: Services) -> None:
    world = make_world(services, import_sample=False)
    past = world.vacancy
    weighted = services.vacancies.create_vacancy(
        world.hr, request(scheme=Scheme(slots=7, criterion_weights={"c7": 2.0}))
    )
    copy = services.vacancies.create_vacancy(
        world.hr, request(copy_of=weighted.id, title="Income Officer, autumn round")
    )
    assert copy.rules.scheme.slots == 7 and copy.rules.scheme.criterion_weights == {"c7": 2.0}
    assert [c.id for c in copy.criteria] == [c.id for c in weighted.criteria]
    assert copy.title == "Income Officer, autumn round" and copy.id not in (past.id, weighted.id)
