"""HR assigning a vacancy's panel and its retention date, against the in-memory repository:
only active panel members of the vacancy's own organisation are assigned, a member who has
started scoring is never removed (their scores would be lost), a panel is fixed once the
shortlist is finalised, and each change is audited with what it replaced."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from scoring.errors import NotAtThisStage
from scoring.rules.score_checks import StoredScore
from tests import factories
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import application, fake_world, hr, service
from use_cases.access import Actor, Role
from use_cases.errors import InvalidInput
from use_cases.vacancies import Vacancies

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def panellist(user_id: int, username: str, organisation: str = "darlington") -> Actor:
    return Actor(
        user_id=user_id, username=username, display_name=username.title(), role=Role.PANEL,
        organisation_id=organisation,
    )  # fmt: skip


ROSA, SAM, TOM = panellist(7, "rpatel"), panellist(8, "sokafor"), panellist(9, "tnguyen")
YORK = panellist(10, "yblake", "york")


def world(status: str = "open") -> tuple[Vacancies, FakeVacancies]:
    """Rosa and Sam on the panel; Tom and York's Yara have accounts but no seat."""
    repo = vacancy_world(
        fake_world(
            factories.vacancy(), members=[ROSA, SAM], applications=[application(1)], status=status
        )  # fmt: skip
    )
    repo.state.accounts.update({TOM.user_id: TOM, YORK.user_id: YORK})
    return service(Vacancies, repo, NOW), repo


def panel(repo: FakeVacancies) -> list[int]:
    return sorted(u for u, seat in repo.state.seats.items() if seat.assigned)


def test_hr_changes_the_panel_and_the_audit_keeps_the_old_and_new_members() -> None:
    vacancies, repo = world()
    vacancies.assign_panel(hr(), 1, [ROSA.user_id, TOM.user_id])
    assert panel(repo) == [7, 9]
    [entry] = repo.state.audit
    assert (entry["action"], entry["old"], entry["new"]) == ("assign_panel", [7, 8], [7, 9])


def test_a_panel_member_of_another_organisation_cannot_be_assigned() -> None:
    vacancies, repo = world()
    with pytest.raises(InvalidInput, match="User 10 is a panel member of another organisation"):
        vacancies.assign_panel(hr(), 1, [ROSA.user_id, YORK.user_id])
    assert panel(repo) == [7, 8] and repo.state.audit == []


def test_an_hr_officer_or_an_unknown_user_cannot_sit_on_a_panel() -> None:
    vacancies, repo = world()
    for user_id in (hr().user_id, 99):
        with pytest.raises(InvalidInput, match=f"User {user_id} is not an active panel member"):
            vacancies.assign_panel(hr(), 1, [user_id])
    assert panel(repo) == [7, 8]


def test_a_member_who_has_started_scoring_is_not_removed_and_nothing_changes() -> None:
    vacancies, repo = world()
    repo.state.scores[(1, "e1", SAM.user_id)] = (1, StoredScore(2, "", 1))
    with pytest.raises(InvalidInput, match="started scoring cannot be removed"):
        vacancies.assign_panel(hr(), 1, [ROSA.user_id, TOM.user_id])
    assert panel(repo) == [7, 8] and repo.state.audit == [], "Tom's seat is undone with it"


def test_a_finalised_vacancys_panel_cannot_change() -> None:
    vacancies, repo = world("finalised")
    with pytest.raises(NotAtThisStage, match="its panel can no longer change"):
        vacancies.assign_panel(hr(), 1, [ROSA.user_id])
    assert panel(repo) == [7, 8]


def test_hr_sets_a_retention_date_and_the_audit_keeps_the_old_one() -> None:
    vacancies, repo = world()
    vacancies.set_retention_date(hr(), 1, date(2026, 12, 31))
    assert repo.state.vacancy.retention_date == date(2026, 12, 31)
    assert repo.state.audit[-1]["old"] == "None" and repo.state.audit[-1]["new"] == "2026-12-31"


def test_a_retention_date_before_the_closing_date_is_refused() -> None:
    vacancies, repo = world()
    with pytest.raises(InvalidInput, match="cannot be before the closing date"):
        vacancies.set_retention_date(hr(), 1, date(2026, 1, 29))
    assert repo.state.vacancy.retention_date is None and repo.state.audit == []
