"""Hole 4: HR of one council read another council's audit log (351 of 358 entries). Every
service call, made by HR and panel members of a second organisation, reaches nothing of the
first: the access matrix walked again over two organisations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from criteria.loader import load_catalogue
from storage.store import open_store
from tests.integration.helpers import PASSWORD
from tests.integration.test_access import (
    CASES,
    Case,
    build_template,
    case,  # noqa: F401  (the fixture, over this module's template)
)
from use_cases import Services, VacancyRequest
from use_cases.access import REGISTRY, Actor, Role
from use_cases.errors import InvalidInput, NotAllowed, NotFound

CATALOGUE = load_catalogue()
# Calls that list things rather than name one of the first organisation's records: they must
# work and return nothing of the first organisation.
LISTINGS = {
    "Vacancies.list_vacancies",
    "Accounts.panel_members",
    "Retention.purge_expired",
    "PanelReading.score_page",  # the member's own vacancies, whichever one is asked for
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("two-organisations") / "template.db"
    build_template(path)
    services = Services(open_store(f"sqlite:///{path}", CATALOGUE))
    admin = services.accounts.authenticate("admin", PASSWORD)
    for username, role in (("hr-medway", Role.HR), ("panel-medway", Role.PANEL)):
        services.accounts.create_user(
            admin, username=username, display_name=username, role=role, password=PASSWORD,
            organisation_id="medway",
        )  # fmt: skip
    medway_hr = services.accounts.authenticate("hr-medway", PASSWORD)
    services.vacancies.create_vacancy(
        medway_hr,
        VacancyRequest(role_id="medway-data-and-insight-officer", level="A"),
    )
    services.store.engine.dispose()
    return path


@pytest.fixture
def outsiders(case: Case) -> dict[Role, Actor]:  # noqa: F811
    services = case.world.services
    return {
        Role.HR: services.accounts.authenticate("hr-medway", PASSWORD),
        Role.PANEL: services.accounts.authenticate("panel-medway", PASSWORD),
    }


def first_organisations_ids(world: Case) -> set[int]:
    return {world.world.vacancy.id, world.other_vacancy}


def holds_first_organisation(world: Case, method: str, result: Any) -> bool:
    if method == "Vacancies.list_vacancies":
        return bool({v.id for v in result} & first_organisations_ids(world))
    if method == "Accounts.panel_members":
        return any(u.organisation_id != "medway" for u in result)
    if method == "Retention.purge_expired":
        return bool(set(result.vacancies) & first_organisations_ids(world))
    if method == "PanelReading.score_page":
        shown = {v.id for v in result.vacancies} | (
            {result.vacancy.id} if result.vacancy else set()
        )
        return bool(shown & first_organisations_ids(world))
    raise AssertionError(method)


@pytest.mark.parametrize(
    ("method", "role"),
    [(m, r) for m in sorted(CASES) for r in (Role.HR, Role.PANEL) if r in REGISTRY[m]],
)
def test_another_organisations_staff_reach_nothing_of_the_first(
    case: Case,  # noqa: F811
    outsiders: dict[Role, Actor],
    method: str,
    role: Role,
) -> None:
    _, call = CASES[method]
    if method == "PadPresses.apply_presses":  # a pad's presses are answered, one by one
        assert not any(r.ok for r in call(case, outsiders[role]).values())
        return
    if method in LISTINGS:
        assert not holds_first_organisation(case, method, call(case, outsiders[role]))
        return
    with pytest.raises((NotAllowed, NotFound, InvalidInput)):
        call(case, outsiders[role])


def test_hr_cannot_put_another_organisations_member_on_a_panel(
    case: Case,  # noqa: F811
) -> None:
    services = case.world.services
    medway_member = services.accounts.authenticate("panel-medway", PASSWORD)
    with pytest.raises(InvalidInput, match="another organisation"):
        services.vacancies.assign_panel(
            case.world.hr, case.world.vacancy.id,
            [*(p.user_id for p in case.world.panel), medway_member.user_id],
        )  # fmt: skip


def test_hr_and_panel_accounts_must_belong_to_an_organisation(
    case: Case,  # noqa: F811
) -> None:
    services = case.world.services
    for role in (Role.HR, Role.PANEL):
        with pytest.raises(InvalidInput, match="belong to one organisation"):
            services.accounts.create_user(
                case.world.admin, username=f"loose-{role.value}", display_name="Loose",
                role=role, password=PASSWORD,
            )  # fmt: skip


def test_hr_reads_only_their_own_organisations_audit_log(
    case: Case,  # noqa: F811
    outsiders: dict[Role, Actor],
) -> None:
    services = case.world.services
    assert len(services.audit.audit_log(case.world.hr)) > 100
    theirs = services.audit.audit_log(outsiders[Role.HR])
    assert theirs, "their own vacancy's creation is there"
    assert not any(e.vacancy_id in first_organisations_ids(case) for e in theirs)
    assert {e.actor for e in theirs} <= {"hr-medway", "admin", "system"}
    assert not any(e.actor == "admin" and e.vacancy_id is None for e in theirs)
