"""The one-click demo: on an empty database, a Darlington vacancy with the sample
applications, an HR officer and two panel members (one has scored and submitted already), so a
newcomer walks the whole journey in a minute. Passwords are random and shown once.

With `applications=N` the vacancy holds N synthetic applications instead (the generator in
`fixtures/synthetic.py`), to see the tool at the size of a mass recruitment."""

from __future__ import annotations

import csv
import random
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from criteria.effective import effective_criteria
from fixtures.synthetic import applications_frame, synthetic_vacancy
from scoring.rules.scheme import Scheme
from scoring.vacancy import Vacancy
from use_cases import Services, VacancyRequest
from use_cases.access import Actor, Role
from use_cases.errors import InvalidInput

SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)
ROLE = "darlington-housing-income-management-officer"
CLOSING = date(2026, 1, 30)
SYNTHETIC_SEED = 2026


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: Role
    name: str
    note: str


@dataclass(frozen=True)
class Demo:
    vacancy_id: int
    accounts: tuple[DemoAccount, ...]


# The demo's people: user name, role, name, and what they have done when the demo starts.
PEOPLE = (
    ("demo-admin", Role.ADMIN, "Dee Admin", "adds users"),
    ("demo-hr", Role.HR, "Hilary Hughes (HR)", "runs the vacancy"),
    ("demo-panel-1", Role.PANEL, "Rosa Patel", "has not scored yet"),
    ("demo-panel-2", Role.PANEL, "Sam Okafor", "has scored and submitted"),
)


def _password() -> str:
    return secrets.token_urlsafe(12)


def _accounts() -> tuple[DemoAccount, ...]:
    """The demo's people, each with a new random password."""
    return tuple(DemoAccount(u, _password(), role, name, note) for u, role, name, note in PEOPLE)


def create_demo(services: Services, applications: int = 0) -> Demo:
    """The demo vacancy: the Darlington sample applications, or `applications` synthetic ones."""
    if not services.store.demo:
        raise InvalidInput(
            "The demo only runs on its own database (bash scripts/demo.sh), never on a real one."
        )
    if not services.accounts.is_new():
        raise InvalidInput("The demo only starts on an empty database; sign in instead.")
    accounts = _accounts()
    admin_account = accounts[0]
    services.accounts.bootstrap_admin(
        username=admin_account.username,
        display_name=admin_account.name,
        password=admin_account.password,
    )
    admin = services.accounts.authenticate(admin_account.username, admin_account.password)
    for account in accounts[1:]:
        services.accounts.create_user(
            admin,
            username=account.username,
            display_name=account.name,
            role=account.role,
            password=account.password,
            organisation_id="darlington",
        )
    hr = services.accounts.authenticate("demo-hr", accounts[1].password)
    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=ROLE,
            title="Housing Income Management Officer (demo)",
            closing_date=CLOSING,
            interview_date=date(2026, 2, 16),
            scheme=Scheme(slots=4),
            retention_months=12,
        ),
    )
    panel = [services.accounts.authenticate(a.username, a.password) for a in accounts[2:]]
    services.vacancies.assign_panel(hr, vacancy.id, [p.user_id for p in panel])
    if applications:
        data, scores = _synthetic(services, applications)
    else:
        data = (SAMPLE / "applications.csv").read_bytes()
        with (SAMPLE / "panel_scores.csv").open(newline="") as handle:
            scores = [
                (r["application_id"], r["criterion_id"], int(r["score"]))
                for r in csv.DictReader(handle)
                if r["panel_member"] == "sokafor"
            ]
    services.intake.import_applications(hr, vacancy.id, file_name="applications.csv", data=data)
    services.redaction.release_to_panel(hr, vacancy.id)
    services.declarations.declare_conflicts(
        panel[1], vacancy.id, []
    )  # the member who has scored already
    codes = {
        a.reference: a.panel_code
        for a in services.intake.applications(hr, vacancy.id)
        if not a.withdrawn
    }
    scored = {c.id for c in vacancy.scored_criteria}
    given = [
        (codes[ref], crit, score) for ref, crit, score in scores if crit in scored and ref in codes
    ]
    if applications:
        services.scores.save_scores(panel[1], vacancy.id, given)
    else:
        _read_and_score(services, panel[1], vacancy.id, given)
    services.progress.submit(panel[1], vacancy.id)
    return Demo(vacancy.id, accounts)


def sign_ins_again(services: Services) -> Demo:
    """The demo's one-click sign-ins once more, with new passwords, for when the page that
    showed them was refreshed or closed (the first ones are kept nowhere)."""
    if not services.store.demo:
        raise InvalidInput("Only the demo's own database has the demo's sign-ins.")
    accounts = _accounts()
    for account in accounts:
        services.accounts.reissue_demo_password(account.username, account.password)
    hr = next(a for a in accounts if a.role is Role.HR)
    vacancies = services.vacancies.list_vacancies(
        services.accounts.authenticate(hr.username, hr.password)
    )
    return Demo(min((v.id for v in vacancies), default=0), accounts)


class _ReadingClock:
    """The demo member's afternoon: a few minutes reading each application, then scoring it."""

    def __init__(self) -> None:
        self.at = datetime.now(UTC)
        self.pace = random.Random(7)

    def __call__(self) -> datetime:
        return self.at

    def wait(self, low: int, high: int) -> None:
        self.at += timedelta(seconds=self.pace.randint(low, high))


def _read_and_score(
    services: Services, member: Actor, vacancy_id: int, given: list[tuple[str, str, int]]
) -> None:
    """Each application opened, read and scored in turn, so the proof of human review shows
    the demo member's reading (simulated times)."""
    clock = _ReadingClock()
    reader = Services(services.store, clock=clock)
    for code in sorted({c for c, _, _ in given}):
        reader.reading.panel_application(member, vacancy_id, code)
        clock.wait(180, 480)
        reader.scores.save_scores(member, vacancy_id, [g for g in given if g[0] == code])
        clock.wait(5, 30)


def _synthetic(services: Services, applications: int) -> tuple[bytes, list[tuple[str, str, int]]]:
    """Synthetic applications as an import file, and the second panel member's scores."""
    catalogue = services.store.catalogue
    role = catalogue.role(ROLE)
    variant = effective_criteria(role, catalogue.organisation_of(role))
    data = synthetic_vacancy(
        Vacancy.from_variant(variant, closing_date=CLOSING),
        applications,
        seed=SYNTHETIC_SEED,
        members=("panel-1", "panel-2"),
    )
    mine = data.panel_scores[data.panel_scores["panel_member"] == "panel-2"]
    scores = [
        (str(a), str(c), int(s))
        for a, c, s in zip(mine["application_id"], mine["criterion_id"], mine["score"], strict=True)
    ]
    return applications_frame(data).to_csv(index=False).encode(), scores
