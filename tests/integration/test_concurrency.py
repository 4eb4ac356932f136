"""Several people at once: every score stored once, none lost; and a process killed mid-way
loses nothing it had acknowledged. On SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from scoring.rules.scheme import Scheme
from storage import tables
from tests.integration.helpers import PASSWORD, actor
from use_cases import Services, VacancyRequest
from use_cases.access import Role
from use_cases.errors import StaleEdit

PROJECT = Path(__file__).resolve().parents[2]
MEDWAY_ROLE = "medway-data-and-insight-officer"  # level C: 34 criteria, 30 used here
HEADER = "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,armed_forces_gis,statement\n"


def setup_vacancy(
    services: Services, applications: int, members: int
) -> tuple[int, list[str], list[str]]:
    services.accounts.bootstrap_admin(username="admin", display_name="Admin", password=PASSWORD)
    admin = actor(services, "admin")
    services.accounts.create_user(
        admin,
        username="hr",
        display_name="HR",
        role=Role.HR,
        password=PASSWORD,
        organisation_id="medway",
    )
    hr = actor(services, "hr")
    names = [f"member{i}" for i in range(members)]
    for name in names:
        services.accounts.create_user(
            admin,
            username=name,
            display_name=name,
            role=Role.PANEL,
            password=PASSWORD,
            organisation_id="medway",
        )
    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=MEDWAY_ROLE, level="C", closing_date=date(2026, 1, 30), scheme=Scheme()
        ),
    )
    services.vacancies.assign_panel(hr, vacancy.id, [actor(services, n).user_id for n in names])
    rows = "".join(
        f"A{i:04d},2026-01-20,F{i},L{i},,no,no,none,,,,,Statement {i}\n"
        for i in range(applications)
    )
    services.intake.import_applications(
        hr, vacancy.id, file_name="apps.csv", data=(HEADER + rows).encode()
    )
    services.redaction.release_to_panel(hr, vacancy.id)
    for name in names:
        services.declarations.declare_conflicts(actor(services, name), vacancy.id, [])
    codes = sorted(a.panel_code for a in services.intake.applications(hr, vacancy.id))
    return vacancy.id, codes, names


def test_three_members_writing_3000_scores_each_at_once_lose_nothing(services: Services) -> None:
    vacancy_id, codes, names = setup_vacancy(services, applications=100, members=3)
    criteria = [
        c.id
        for c in services.vacancies.get_vacancy(actor(services, "hr"), vacancy_id).scored_criteria
    ][:30]
    work = [(code, criterion) for code in codes for criterion in criteria]
    assert len(work) == 3000
    members = [actor(services, n) for n in names]
    errors: list[BaseException] = []
    start = threading.Barrier(len(members))

    def write(member_index: int) -> None:
        member = members[member_index]
        try:
            start.wait()
            for i, (code, criterion) in enumerate(work):
                services.scores.save_score(
                    member,
                    vacancy_id,
                    panel_code=code,
                    criterion_id=criterion,
                    score=(i + member_index) % 4,
                )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(len(members))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with services.store.reading() as session:
        total = session.scalar(select(func.count()).select_from(tables.PanelScore))
        distinct = session.scalar(
            select(func.count()).select_from(
                select(
                    tables.PanelScore.application_id,
                    tables.PanelScore.criterion_id,
                    tables.PanelScore.user_id,
                )
                .distinct()
                .subquery()
            )
        )
    assert total == distinct == 9000
    for index, member in enumerate(members):
        mine = {
            (s.panel_code, s.criterion_id): s.score
            for s in services.reading.my_scores(member, vacancy_id)
        }
        assert mine == {key: (i + index) % 4 for i, key in enumerate(work)}


def test_two_windows_saving_over_the_same_version_one_is_refused(services: Services) -> None:
    vacancy_id, codes, names = setup_vacancy(services, applications=2, members=1)
    member = actor(services, names[0])
    first = services.scores.save_score(
        member, vacancy_id, panel_code=codes[0], criterion_id="a-qual-1", score=1
    )
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def edit(value: int) -> None:
        barrier.wait()
        try:
            services.scores.save_score(
                member,
                vacancy_id,
                panel_code=codes[0],
                criterion_id="a-qual-1",
                score=value,
                expected_version=first.version,
            )
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")

    threads = [threading.Thread(target=edit, args=(v,)) for v in (2, 3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    (score,) = services.reading.my_scores(member, vacancy_id)
    assert score.version == 2


WRITER = """
import sys
from criteria.loader import load_catalogue
from use_cases import Services
from storage.store import open_store
url, vacancy_id, username, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
codes, criteria = sys.argv[5].split(","), sys.argv[6].split(",")
services = Services(open_store(url, load_catalogue()))
member = services.accounts.authenticate(username, password)
for code in codes:
    for criterion in criteria:
        services.scores.save_score(member, vacancy_id, panel_code=code, criterion_id=criterion, score=2)
        print(f"{code}/{criterion}", flush=True)  # acknowledged: the transaction has committed
"""


def test_a_writer_killed_with_sigkill_loses_no_acknowledged_score(
    services: Services, database_url: str
) -> None:
    vacancy_id, codes, names = setup_vacancy(services, applications=200, members=1)
    criteria = [
        c.id
        for c in services.vacancies.get_vacancy(actor(services, "hr"), vacancy_id).scored_criteria
    ][:10]
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, database_url, str(vacancy_id), names[0], PASSWORD, ",".join(codes), ",".join(criteria)],
        cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )  # fmt: skip
    acknowledged: list[str] = []
    assert process.stdout is not None
    deadline = time.monotonic() + 120
    while len(acknowledged) < 300 and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert len(acknowledged) >= 300, process.stderr.read() if process.stderr else ""
    stored = {
        f"{s.panel_code}/{s.criterion_id}"
        for s in services.reading.my_scores(actor(services, names[0]), vacancy_id)
    }
    assert set(acknowledged) <= stored
    assert len(stored) < len(codes) * len(criteria), "the writer was killed before finishing"


@pytest.mark.parametrize("rounds", [1])
def test_scores_and_the_audit_log_stay_in_step(services: Services, rounds: int) -> None:
    vacancy_id, codes, names = setup_vacancy(services, applications=3, members=1)
    member = actor(services, names[0])
    saved = services.scores.save_score(
        member, vacancy_id, panel_code=codes[0], criterion_id="a-qual-1", score=1
    )
    services.scores.save_score(
        member,
        vacancy_id,
        panel_code=codes[0],
        criterion_id="a-qual-1",
        score=3,
        expected_version=saved.version,
    )
    entries = [
        e
        for e in services.audit.audit_log(actor(services, "hr"), vacancy_id)
        if e.action == "score"
    ]
    assert [(e.old_value, e.new_value) for e in reversed(entries)] == [
        (None, {"score": 1, "note": ""}),
        ({"score": 1, "note": ""}, {"score": 3, "note": ""}),
    ]
    assert entries[0].actor == names[0]
