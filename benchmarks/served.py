"""A served vacancy for the browser benchmarks: N synthetic applications imported, released,
two panel members declared, their scores in the database (the second has submitted), on a
SQLite file the app is then started on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from sqlalchemy import insert

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from fixtures.synthetic import applications_frame, synthetic_vacancy
from scoring.rules.scheme import Scheme
from scoring.vacancy import Vacancy
from storage import tables
from storage.store import open_store
from use_cases import Services, VacancyRequest
from use_cases.access import Role

PASSWORD = "benchmark password 1"
ROLE = "darlington-housing-income-management-officer"
MEMBERS = ("member", "second")


@dataclass(frozen=True)
class Served:
    url: str
    vacancy_id: int
    applications: int


def serve(folder: Path, applications: int, *, scored: bool = True) -> Served:
    """Build the database; `scored` gives both members every score (inserted in bulk: this is
    set-up, not what is measured) and submits the second member's."""
    url = f"sqlite:///{folder / 'bench.db'}"
    services = Services(open_store(url, load_catalogue()))
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    for username, role in (("hr", Role.HR), *((m, Role.PANEL) for m in MEMBERS)):
        services.accounts.create_user(
            admin, username=username, display_name=username.title(), role=role,
            password=PASSWORD, organisation_id="darlington",
        )  # fmt: skip
    hr = services.accounts.authenticate("hr", PASSWORD)
    members = [services.accounts.authenticate(m, PASSWORD) for m in MEMBERS]
    vacancy = services.vacancies.create_vacancy(
        hr, VacancyRequest(role_id=ROLE, scheme=Scheme(slots=20))
    )
    services.vacancies.assign_panel(hr, vacancy.id, [m.user_id for m in members])
    catalogue = services.store.catalogue
    profile = catalogue.role(ROLE)
    data = synthetic_vacancy(
        Vacancy.from_variant(effective_criteria(profile, catalogue.organisation_of(profile))),
        applications, seed=5, members=MEMBERS,
    )  # fmt: skip
    csv = applications_frame(data).to_csv(index=False).encode()
    services.intake.import_applications(hr, vacancy.id, file_name="bench.csv", data=csv)
    services.redaction.release_to_panel(hr, vacancy.id)
    for member in members:
        services.declarations.declare_conflicts(member, vacancy.id, [])
    if scored:
        _insert_scores(
            services, vacancy.id, data.panel_scores, {m.username: m.user_id for m in members}
        )
        services.progress.submit(members[1], vacancy.id)
    services.store.engine.dispose()
    return Served(url, vacancy.id, applications)


def _insert_scores(
    services: Services, vacancy_id: int, frame: pd.DataFrame, user_ids: dict[str, int]
) -> None:
    records = services.intake.applications(
        services.accounts.authenticate("hr", PASSWORD), vacancy_id
    )
    ids = {r.reference: r.id for r in records if not r.withdrawn}
    now = datetime.now(UTC)
    rows = [
        {"application_id": ids[str(a)], "criterion_id": str(c), "user_id": user_ids[str(m)],
         "score": int(s), "note": "", "version": 1, "updated_at": now}
        for a, c, m, s in zip(frame["application_id"], frame["criterion_id"], frame["panel_member"], frame["score"], strict=True)
        if str(a) in ids
    ]  # fmt: skip
    with services.store.writing() as session:
        session.execute(insert(tables.PanelScore), rows)
