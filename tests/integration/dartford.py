"""A small Dartford campaign (Dartford's policy: guaranteed interviews, no priority scheme):
four strong applications and Eve, who fails every essential with a total of 11. Imported,
released, declared and scored by two members through the services."""

from __future__ import annotations

from datetime import date

from scoring.rules.scheme import Scheme
from tests.integration.helpers import PASSWORD, World, actor
from use_cases import Services
from use_cases.access import Role
from use_cases.vacancy_request import VacancyRequest

ROLE = "dartford-housing-scheme-officer"
HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement\n"
)
PEOPLE = [("D001", "Ada", "Ash"), ("D002", "Ben", "Birch"), ("D003", "Cat", "Cedar"),
          ("D004", "Dan", "Dale"), ("D005", "Eve", "Elm")]  # fmt: skip
EVE = "D005"


def applications_csv() -> bytes:
    rows = [
        f"{ref},2026-01-20,{first},{last},{first.lower()}@example.org,no,no,none,,,,,"
        f"I am applying for the scheme officer post.\n"
        for ref, first, last in PEOPLE
    ]
    return (HEADER + "".join(rows)).encode()


def dartford_world(services: Services, *, score: bool = True) -> World:
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = actor(services, "admin")
    for username, name, role in (
        ("hr", "Hilary Hughes", Role.HR),
        ("hmanager", "Hana Manager", Role.PANEL),
        ("officer1", "Omar Officer", Role.PANEL),
    ):
        services.accounts.create_user(
            admin, username=username, display_name=name, role=role, password=PASSWORD,
            organisation_id="dartford",
        )  # fmt: skip
    hr = actor(services, "hr")
    panel = [actor(services, "hmanager"), actor(services, "officer1")]
    vacancy = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id=ROLE, closing_date=date(2026, 1, 30), scheme=Scheme(slots=2))
    )
    services.vacancies.assign_panel(hr, vacancy.id, [p.user_id for p in panel])
    services.intake.import_applications(
        hr, vacancy.id, file_name="applications.csv", data=applications_csv()
    )
    world = World(services, admin, hr, panel, vacancy)
    world.codes = {a.reference: a.panel_code for a in services.intake.applications(hr, vacancy.id)}
    services.redaction.release_to_panel(hr, vacancy.id)
    for member in panel:
        services.declarations.declare_conflicts(member, vacancy.id, [])
    if score:
        score_all(world)
    return world


def score_all(world: World) -> None:
    """D001 scores 3 everywhere, D002 3s and one 2, D003 and D004 2s, Eve 1s (11 in all with
    her desirables at 1 too): no disagreement to moderate."""
    services = world.services
    criteria = world.vacancy.rules.scored_criteria
    plan = {"D001": 3, "D002": 3, "D003": 2, "D004": 2, EVE: 1}
    for member in world.panel:
        services.scores.save_scores(
            member, world.vacancy.id,
            [(world.codes[ref], c.id, value if not (ref == "D002" and k == 0) else 2)
             for ref, value in plan.items() for k, c in enumerate(criteria)],
        )  # fmt: skip
