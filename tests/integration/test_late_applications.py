"""Late applications, on SQLite and PostgreSQL: imported after the panel has started, they are
held for HR's redaction review and reach no panel path until released; then every member
declares the new names (only those) before scoring again, and a submission is reopened."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import NotDeclared, NotReleased
from tests.integration.helpers import make_world
from use_cases import Services
from use_cases.errors import NotAllowed

HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement\n"
)
LATE = (
    HEADER + "L001,2026-01-29,Lena,Late,lena@example.org,no,no,none,,,,,"
    "I am Lena Late and I managed 300 rent accounts; see linkedin.com/in/lena-late.\n"
)


def test_a_late_application_is_held_then_declared_then_scored(services: Services) -> None:
    world = make_world(services)
    rosa, sam = world.panel
    vacancy_id = world.vacancy.id
    before = {p.user_id: p.expected for p in services.progress.progress(world.hr, vacancy_id)}
    services.intake.import_applications(
        world.hr, vacancy_id, file_name="late.csv", data=LATE.encode()
    )
    late = next(
        a for a in services.intake.applications(world.hr, vacancy_id) if a.reference == "L001"
    )
    code = late.panel_code

    # Held: no panel path reaches it, and nothing is owed for it yet.
    assert code not in [a.panel_code for a in services.reading.panel_applications(rosa, vacancy_id)]
    with pytest.raises(NotAllowed):
        services.reading.panel_application(rosa, vacancy_id, code)
    assert services.reading.pad_applications(rosa, vacancy_id, [code]) == []
    with pytest.raises(NotReleased, match="late application HR has not released"):
        services.scores.save_score(rosa, vacancy_id, panel_code=code, criterion_id="c1", score=2)
    assert {
        p.user_id: p.expected for p in services.progress.progress(world.hr, vacancy_id)
    } == before
    review = services.redaction.redaction_review(world.hr, vacancy_id, "L001")[0]
    assert "Lena" not in review.panel_statement and "linkedin" not in review.panel_statement

    # HR releases it: every member declares the new names, and only those, before scoring.
    assert services.redaction.release_to_panel(world.hr, vacancy_id) == 1
    assert services.redaction.release_to_panel(world.hr, vacancy_id) == 0  # a second click
    with pytest.raises(NotDeclared):
        services.scores.save_score(
            rosa, vacancy_id, panel_code=world.codes["D001"], criterion_id="c1", score=2
        )
    names = services.declarations.names_for_declaration(rosa, vacancy_id)
    assert [n.name for n in names] == ["Lena Late"]
    services.declarations.declare_conflicts(rosa, vacancy_id, [])
    services.scores.save_score(rosa, vacancy_id, panel_code=code, criterion_id="c1", score=2)
    after = {p.user_id: p.expected for p in services.progress.progress(world.hr, vacancy_id)}
    assert after[rosa.user_id] == before[rosa.user_id] + len(world.vacancy.scored_criteria)

    # Sam knows her: his declaration of the new name hands L001 to the others.
    (lena,) = services.declarations.names_for_declaration(sam, vacancy_id)
    services.declarations.declare_conflicts(sam, vacancy_id, [lena.token], "A neighbour.")
    with pytest.raises(Exception, match="conflict of interest"):
        services.scores.save_score(sam, vacancy_id, panel_code=code, criterion_id="c1", score=2)


def test_a_release_of_late_applications_reopens_a_submission(services: Services) -> None:
    world = make_world(services)
    rosa = world.panel[0]
    vacancy_id = world.vacancy.id
    with services.store.writing() as session:  # as if Rosa had scored everything and submitted
        services.progress.repo.set_submitted(
            session=session, vacancy_id=vacancy_id, user_id=rosa.user_id, at=datetime.now(UTC)
        )
    services.intake.import_applications(
        world.hr, vacancy_id, file_name="late.csv", data=LATE.encode()
    )
    services.redaction.release_to_panel(world.hr, vacancy_id)
    (seat,) = [
        p for p in services.progress.progress(world.hr, vacancy_id) if p.user_id == rosa.user_id
    ]
    assert seat.submitted_at is None
    (entry,) = [
        e for e in services.audit.audit_log(world.hr, vacancy_id)
        if e.action == "release_to_panel" and e.new_value and e.new_value.get("late")
    ]  # fmt: skip
    assert entry.new_value["submissions_reopened"] == ["rpatel"]
