"""Building a populated store through the service layer, as the app would."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import repeat
from pathlib import Path

from scoring.rules.decision_choices import decisions_open_to
from scoring.rules.scheme import Scheme
from use_cases import Services, VacancyRequest
from use_cases.access import Actor, Role
from use_cases.models import VacancyPublic

PROJECT = Path(__file__).resolve().parents[2]
DARLINGTON = PROJECT / "data" / "samples" / "darlington-housing-income-management-officer"
DARLINGTON_ROLE = "darlington-housing-income-management-officer"
PASSWORD = "correct horse battery staple"
WITHDRAWN = "D013"  # the sample's withdrawn application


@dataclass
class World:
    services: Services
    admin: Actor
    hr: Actor
    panel: list[Actor]
    vacancy: VacancyPublic
    codes: dict[str, str] = field(default_factory=dict)  # reference -> panel code


def actor(services: Services, username: str) -> Actor:
    return services.accounts.authenticate(username, PASSWORD)


def make_world(
    services: Services,
    *,
    members: int = 2,
    slots: int | None = 4,
    import_sample: bool = True,
    release: bool = True,
) -> World:
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = actor(services, "admin")
    services.accounts.create_user(
        admin,
        username="hr",
        display_name="Hilary HR",
        role=Role.HR,
        password=PASSWORD,
        organisation_id="darlington",
    )
    hr = actor(services, "hr")
    panel = []
    for name in ["rpatel", "sokafor", "tmember"][:members]:
        services.accounts.create_user(
            admin,
            username=name,
            display_name=name.title(),
            role=Role.PANEL,
            password=PASSWORD,
            organisation_id="darlington",
        )
        panel.append(actor(services, name))
    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=DARLINGTON_ROLE, closing_date=date(2026, 1, 30), scheme=Scheme(slots=slots)
        ),
    )
    services.vacancies.assign_panel(hr, vacancy.id, [p.user_id for p in panel])
    world = World(services, admin, hr, panel, vacancy)
    if import_sample:
        services.intake.import_applications(
            hr,
            vacancy.id,
            file_name="applications.csv",
            data=(DARLINGTON / "applications.csv").read_bytes(),
        )
        world.codes = {
            a.reference: a.panel_code for a in services.intake.applications(hr, vacancy.id)
        }
        if release:
            release_and_declare(world)
    return world


def release_and_declare(world: World) -> None:
    """HR releases the (redacted) evidence; each member declares no conflict from the list."""
    world.services.redaction.release_to_panel(world.hr, world.vacancy.id)
    for member in world.panel:
        world.services.declarations.declare_conflicts(member, world.vacancy.id, [])


def sample_scores() -> list[dict[str, str]]:
    with (DARLINGTON / "panel_scores.csv").open(newline="") as handle:
        return list(csv.DictReader(handle))


def score_sample(world: World) -> None:
    """Every score of the Darlington sample, given by the two members through the service."""
    members = {"rpatel": world.panel[0], "sokafor": world.panel[1]}
    for row in sample_scores():
        if row["criterion_id"] == "c21" or row["application_id"] == WITHDRAWN:
            continue  # assessed at interview / withdrawn: not scored at shortlisting
        world.services.scores.save_score(
            members[row["panel_member"]], world.vacancy.id,
            panel_code=world.codes[row["application_id"]], criterion_id=row["criterion_id"], score=int(row["score"]),
        )  # fmt: skip


# The sample's three ties at the cut-off, as the panel decided them at moderation.
TIES_DECIDED = (
    ("D004", "shortlisted_on_merit"),
    ("D005", "not_shortlisted"),
    ("D012", "shortlisted_under_scheme"),
)


def moderate_sample(
    world: World,
    *,
    note: str = "Agreed at moderation.",
    reasons: Iterable[str] = repeat("Decided by the panel at the moderation meeting."),
) -> None:
    """After `score_sample`: the one wide disagreement agreed (D015, c4) and the ties at the
    cut-off decided, each override with the next of `reasons`; the shortlist can be finalised.
    A decision the vacancy's policy cannot give (D012's scheme where no scheme is recorded) is
    not made: there, D012 is simply not shortlisted."""
    services, hr, vacancy_id = world.services, world.hr, world.vacancy.id
    services.moderation.record_agreed_score(
        hr, vacancy_id, panel_code=world.codes["D015"], criterion_id="c4", score=2, note=note
    )
    for (reference, decision), reason in zip(TIES_DECIDED, reasons, strict=False):
        outcome = services.shortlists.outcome(hr, vacancy_id)
        if decision not in {o.value for o in decisions_open_to(outcome.decision(reference))}:
            continue
        services.shortlists.override(
            hr,
            vacancy_id,
            reference=reference,
            decision=decision,
            reason=reason,
            expected_shortlist=outcome.version,
        )


class Outbox:
    """A mailer that keeps what it is given: letters are sent, nothing leaves the test."""

    def __init__(self) -> None:
        self.sent: list[object] = []

    def problem(self) -> str | None:
        return None

    @contextmanager
    def connection(self) -> Iterator[object]:
        yield self.sent.append
