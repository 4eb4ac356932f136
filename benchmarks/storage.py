"""Storage figures through the service layer, as the app uses it: importing a synthetic
vacancy's applications (CSV and XLSX), and panel members saving scores at once (three
concurrent writers, one thread each, as three browser sessions on one Streamlit server are)."""

from __future__ import annotations

import io
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from fixtures.synthetic import applications_frame, synthetic_vacancy
from scoring.vacancy import Vacancy
from storage.store import open_store
from use_cases import Services, VacancyRequest
from use_cases.access import Actor, Role

ROLE = "darlington-housing-income-management-officer"
ORGANISATION = "darlington"
PASSWORD = "benchmark password 1"
WRITERS = 3


@dataclass(frozen=True)
class ImportFigures:
    applications: int
    csv_seconds: float
    xlsx_seconds: float
    csv_mb: float


@dataclass(frozen=True)
class WriteFigures:
    database: str
    scores: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.scores / self.seconds


def applications_files(applications: int, seed: int = 5) -> tuple[bytes, bytes]:
    """The same synthetic applications as CSV and as an XLSX workbook."""
    catalogue = load_catalogue()
    role = catalogue.role(ROLE)
    vacancy = Vacancy.from_variant(effective_criteria(role, catalogue.organisation_of(role)))
    frame = applications_frame(synthetic_vacancy(vacancy, applications, seed=seed))
    workbook = io.BytesIO()
    frame.to_excel(workbook, sheet_name="applications", index=False)
    return frame.to_csv(index=False).encode(), workbook.getvalue()


@dataclass
class Setup:
    services: Services
    hr: Actor
    members: list[Actor]
    vacancy_id: int


def set_up(url: str, members: int = WRITERS, request: VacancyRequest | None = None) -> Setup:
    """A fresh store with an HR officer and `members` panel members on one vacancy (the
    benchmark role's, or `request`)."""
    services = Services(open_store(url, load_catalogue()))
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = services.accounts.authenticate("admin", PASSWORD)
    services.accounts.create_user(
        admin,
        username="hr",
        display_name="HR",
        role=Role.HR,
        password=PASSWORD,
        organisation_id=ORGANISATION,
    )
    for i in range(members):
        services.accounts.create_user(
            admin,
            username=f"m{i}",
            display_name=f"M{i}",
            role=Role.PANEL,
            password=PASSWORD,
            organisation_id=ORGANISATION,
        )
    hr = services.accounts.authenticate("hr", PASSWORD)
    panel = [services.accounts.authenticate(f"m{i}", PASSWORD) for i in range(members)]
    vacancy = services.vacancies.create_vacancy(hr, request or VacancyRequest(role_id=ROLE))
    services.vacancies.assign_panel(hr, vacancy.id, [m.user_id for m in panel])
    return Setup(services, hr, panel, vacancy.id)


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"


def measure_import(applications: int) -> ImportFigures:
    """Seconds from the uploaded bytes to the rows committed (read, validate, store, audit),
    into a fresh SQLite vacancy each time."""
    csv_bytes, xlsx_bytes = applications_files(applications)
    seconds = []
    for name, data in (("applications.csv", csv_bytes), ("applications.xlsx", xlsx_bytes)):
        with sqlite_url() as url:
            s = set_up(url, members=1)
            start = time.perf_counter()
            s.services.intake.import_applications(s.hr, s.vacancy_id, file_name=name, data=data)
            seconds.append(time.perf_counter() - start)
            s.services.store.engine.dispose()
    return ImportFigures(applications, seconds[0], seconds[1], len(csv_bytes) / 1024 / 1024)


def measure_writes(url: str, database: str, applications: int, scored: int) -> WriteFigures:
    """In a vacancy of `applications`, three panel members each save one score per criterion for
    `scored` applications at the same time; every save is its own committed transaction, as a
    key press in the app is."""
    s = set_up(url)
    csv_bytes, _ = applications_files(applications)
    s.services.intake.import_applications(s.hr, s.vacancy_id, file_name="apps.csv", data=csv_bytes)
    s.services.redaction.release_to_panel(s.hr, s.vacancy_id)
    for member in s.members:
        s.services.declarations.declare_conflicts(member, s.vacancy_id, [])
    codes = [
        a.panel_code for a in s.services.intake.applications(s.hr, s.vacancy_id) if not a.withdrawn
    ]
    codes = codes[:scored]
    criteria = [c.id for c in s.services.vacancies.get_vacancy(s.hr, s.vacancy_id).scored_criteria]
    work = [(code, criterion) for code in codes for criterion in criteria]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(s.members) + 1)

    def write(index: int) -> None:
        member = s.members[index]
        try:
            barrier.wait()
            for i, (code, criterion) in enumerate(work):
                s.services.scores.save_score(
                    member,
                    s.vacancy_id,
                    panel_code=code,
                    criterion_id=criterion,
                    score=(i + index) % 4,
                )
        except BaseException as exc:  # reported after the run
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(s.members))]
    for t in threads:
        t.start()
    barrier.wait()
    start = time.perf_counter()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    s.services.store.engine.dispose()
    if errors:
        raise errors[0]
    return WriteFigures(database, len(work) * len(s.members), seconds)


def measure_sqlite_writes(applications: int, scored: int) -> WriteFigures:
    with sqlite_url() as url:
        return measure_writes(url, "SQLite", applications, scored)


def measure_postgres_writes(applications: int, scored: int) -> WriteFigures | None:
    """On a throw-away PostgreSQL cluster; None when Debian's postgresql is not installed."""
    from tests.pg import cluster, server_binaries

    if server_binaries() is None:
        return None
    with cluster() as base:
        return measure_writes(f"{base}/postgres", "PostgreSQL", applications, scored)
