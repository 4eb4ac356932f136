"""Realistic synthetic vacancies for any role: applications, declarations and panel scores.

Seeded and reproducible: pass a seed; nothing here reads the clock or global randomness.
Used by the demo, tests and benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from scoring.applications import (
    Application,
    ArmedForcesStatus,
    Declarations,
    PersonalDetails,
    Relationship,
)
from scoring.vacancy import Vacancy

FIRST = (
    "Amina",
    "Ben",
    "Chloe",
    "Daniel",
    "Ella",
    "Farid",
    "Grace",
    "Harry",
    "Isla",
    "Jack",
    "Kira",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Priya",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Yusuf",
    "Zara",
)
LAST = (
    "Adams",
    "Begum",
    "Carter",
    "Davies",
    "Evans",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Murphy",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Usman",
    "Walsh",
    "Xu",
    "Young",
)
OPENINGS = (
    "In my current role as a housing officer I manage a patch of around {n} homes.",
    "I have worked in customer services for {y} years, most recently for a housing association.",
    "Since leaving school I have volunteered with a local advice charity.",
    "For the last {y} years I have worked in a council income team.",
    "I am returning to work after caring for a family member.",
)
SENTENCES = (
    "I agree affordable payment plans with tenants in arrears and follow them up when they slip.",
    "I keep accurate case notes on our housing management system and review them weekly.",
    "I explain Universal Credit to tenants and help them set up managed payments.",
    "When a tenant was distressed about a notice, I listened, explained the options calmly and arranged a follow-up visit.",
    "I prioritise my caseload each morning so that urgent cases are seen the same day.",
    "I work closely with colleagues in repairs, tenancy and social services to resolve complex cases.",
    "I prepared the paperwork for possession hearings and attended court with my team leader.",
    "I completed income and expenditure forms with clients and referred them for debt advice.",
    "I handle personal data carefully and follow GDPR when sharing information with partners.",
    "I use Excel and Word every day and learned a new case management system within a month.",
    "I met my collection targets in each quarter of the last year.",
    "I trained two new starters and wrote guidance notes that the team still uses.",
)


@dataclass(frozen=True)
class SyntheticVacancy:
    vacancy: Vacancy
    applications: tuple[Application, ...]
    personal: dict[str, PersonalDetails]
    panel_scores: pd.DataFrame  # application_id, criterion_id, panel_member, score (categoricals)
    members: tuple[str, ...]


def _statement(rng: random.Random) -> str:
    opening = rng.choice(OPENINGS).format(n=rng.randint(150, 600), y=rng.randint(1, 15))
    body = rng.sample(SENTENCES, k=rng.randint(1, len(SENTENCES)))
    return " ".join([opening, *body])


def _with_identifiers(statement: str, first: str, last: str, email: str, rng: random.Random) -> str:
    """As real applicants do: some head their statement with their name, some sign it off with
    contact details (for the redaction to find)."""
    if rng.random() < 0.3:
        statement = f"{first} {last} - supporting statement\n{statement}"
    if rng.random() < 0.05:
        statement += f" Please contact me on {email} or 07700 900{rng.randint(0, 999):03d}."
    if rng.random() < 0.1:
        statement += f" Kind regards, {first}"
    return statement


def _declarations(rng: random.Random, closing: date) -> Declarations:
    roll = rng.random()
    forces: dict[str, object] = {}
    if roll < 0.03:
        serving = rng.random() < 0.4
        offset = rng.randint(-200, 200) if serving else -rng.randint(100, 7 * 365)
        forces = {
            "armed_forces_status": ArmedForcesStatus.SERVING if serving else ArmedForcesStatus.LEFT,
            "armed_forces_relationship": Relationship.SPOUSE_OR_CIVIL_PARTNER
            if rng.random() < 0.25
            else Relationship.SELF,
            "armed_forces_date": None if rng.random() < 0.1 else closing + timedelta(days=offset),
            "armed_forces_long_term": rng.random() < 0.85,
            "armed_forces_opt_in": rng.random() < 0.9,
        }
    return Declarations(
        disability=rng.random() < 0.08,
        care_leaver=rng.random() < 0.02,
        date_of_birth=closing - timedelta(days=rng.randint(17 * 365, 64 * 365)),
        **forces,
    )


def synthetic_vacancy(
    vacancy: Vacancy,
    applications: int,
    *,
    seed: int,
    members: tuple[str, ...] = ("panel-1", "panel-2", "panel-3"),
    unscored_share: float = 0.0,
) -> SyntheticVacancy:
    """`applications` applicants with varied statements, a realistic mix of scheme declarations
    and panel scores with realistic disagreement (member bias and noise around each applicant's
    underlying strength). `unscored_share` leaves that share of scores not yet given."""
    rng = random.Random(seed)
    planted = random.Random(seed + 1)  # its own stream: the rest stays as it was for a seed
    closing = vacancy.closing_date or date(2026, 1, 30)
    apps: list[Application] = []
    personal: dict[str, PersonalDetails] = {}
    width = max(5, len(str(applications)))
    for i in range(applications):
        app_id = f"APP-{i + 1:0{width}d}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first}.{last}{i}@example.org".lower()
        personal[app_id] = PersonalDetails(first_name=first, last_name=last, email=email)
        apps.append(
            Application(
                application_id=app_id,
                received_date=closing - timedelta(days=rng.randint(0, 28)),
                declarations=_declarations(rng, closing),
                statement=_with_identifiers(_statement(rng), first, last, email, planted),
                withdrawn=rng.random() < 0.02,
            )
        )
    criteria = [c.id for c in vacancy.scored_criteria]
    top = vacancy.scheme.scale.maximum
    bottom = vacancy.scheme.scale.minimum
    generator = np.random.default_rng(seed)
    strength = generator.normal(0.62, 0.18, size=applications)[:, None, None]
    difficulty = generator.normal(0.0, 0.08, size=len(criteria))[None, :, None]
    bias = generator.normal(0.0, 0.05, size=len(members))[None, None, :]
    noise = generator.normal(0.0, 0.12, size=(applications, len(criteria), len(members)))
    quality = np.clip(strength - difficulty + bias + noise, 0, 1)
    values = np.rint(bottom + quality * (top - bottom)).astype(np.int64)
    a, c, m = np.indices(values.shape)
    frame = pd.DataFrame(
        {
            "application_id": pd.Categorical.from_codes(
                a.ravel(), pd.Index([x.application_id for x in apps])
            ),
            "criterion_id": pd.Categorical.from_codes(c.ravel(), pd.Index(criteria)),
            "panel_member": pd.Categorical.from_codes(m.ravel(), pd.Index(list(members))),
            "score": values.ravel(),
        }
    )
    if unscored_share:
        frame = frame[generator.random(len(frame)) >= unscored_share].reset_index(drop=True)
    return SyntheticVacancy(vacancy, tuple(apps), personal, frame, members)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def applications_frame(data: SyntheticVacancy) -> pd.DataFrame:
    """The applications as HR would import them: the interchange columns (with date of birth
    and withdrawn), one row each; write it with `to_csv(index=False)` or to a workbook."""
    rows = []
    for app in data.applications:
        person, d = data.personal[app.application_id], app.declarations
        rows.append(
            {
                "application_id": app.application_id,
                "received_date": app.received_date.isoformat() if app.received_date else "",
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
                "disability_gis": _yes_no(d.disability),
                "care_leaver": _yes_no(d.care_leaver),
                "armed_forces_status": d.armed_forces_status.value,
                "armed_forces_relationship": d.armed_forces_relationship.value
                if d.armed_forces_relationship
                else "",
                "armed_forces_date": d.armed_forces_date.isoformat() if d.armed_forces_date else "",
                "armed_forces_long_term": _yes_no(d.armed_forces_long_term),
                "armed_forces_gis": _yes_no(d.armed_forces_opt_in),
                "statement": app.statement,
                "date_of_birth": d.date_of_birth.isoformat() if d.date_of_birth else "",
                "withdrawn": _yes_no(app.withdrawn),
            }
        )
    return pd.DataFrame(rows)
