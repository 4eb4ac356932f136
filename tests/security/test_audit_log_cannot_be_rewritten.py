"""Hole 11: the app's own PostgreSQL user could TRUNCATE the audit log or disable its trigger;
on SQLite the trigger could be dropped unnoticed; after purge the log still held personal data
(redaction terms, a conflict note naming a neighbour, score notes, a file name with a name in
it), and the name-blind workbook's Audit sheet carried the redaction terms."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from criteria.loader import load_catalogue
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.scheme import Scheme
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, DARLINGTON_ROLE, World, make_world
from use_cases import Services, VacancyRequest

PROJECT = Path(__file__).resolve().parents[2]
NAME = "Smithfield"  # in a redaction term, a conflict note, a score note and a file name


def a_vacancy_with_names_in_its_log(services: Services) -> World:
    world = make_world(services, release=False)
    hr, vacancy = world.hr, world.vacancy.id
    services.redaction.adjust_redaction(hr, vacancy, "D001", extra=[f"{NAME} Road"])
    services.redaction.release_to_panel(hr, vacancy)
    services.declarations.declare_conflicts(
        world.panel[0], vacancy, [], note=f"My neighbour is called {NAME}"
    )
    services.declarations.declare_conflicts(world.panel[1], vacancy, [])
    services.scores.save_score(
        world.panel[1], vacancy, panel_code=world.codes["D002"], criterion_id="c3", score=2,
        note=f"Reminds me of {NAME}'s answer",
    )  # fmt: skip
    late = (DARLINGTON / "applications.csv").read_text().splitlines()
    services.intake.import_applications(
        hr, vacancy, file_name=f"late-from-{NAME}.csv",
        data=("\n".join([late[0], late[1].replace("D001", "L001", 1)]) + "\n").encode(),
    )  # fmt: skip
    return world


def raw_log(services: Services) -> str:
    with services.store.reading() as session:
        rows = session.execute(text("SELECT * FROM audit_log")).all()
    return "\n".join(str(tuple(r)) for r in rows)


def test_purge_leaves_bare_events_and_no_personal_data(services: Services) -> None:
    world = a_vacancy_with_names_in_its_log(services)
    assert NAME in raw_log(services)
    services.vacancies.set_retention_date(world.hr, world.vacancy.id, date(2026, 3, 1))
    services.lifecycle.move(
        world.hr, world.vacancy.id, VacancyStatus.CLOSED, reason="The campaign is over now."
    )
    services.retention.purge_expired(world.hr, today=date(2026, 3, 2))
    assert NAME not in raw_log(services)
    actions = [e.action for e in services.audit.audit_log(world.hr, world.vacancy.id)]
    assert {"adjust_redaction", "declare_conflicts", "score", "purge"} <= set(actions)
    checked, breaks = services.audit.verify(world.admin)
    assert checked > 10 and breaks == []


def test_the_name_blind_workbook_shows_no_redaction_terms_or_notes(services: Services) -> None:
    world = a_vacancy_with_names_in_its_log(services)
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    download = services.workbooks.export_shortlist(world.hr, outcome)
    sheet = load_workbook(io.BytesIO(download.content), read_only=True)["Audit"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert any("adjust redaction" in c for c in cells)
    assert not any(f"{NAME} Road" in c or "neighbour" in c for c in cells)


def test_the_chain_shows_an_entry_edited_behind_the_apps_back_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'log.db'}"
    services = Services(open_store(url, load_catalogue()))
    make_world(services)

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "storage", "--database-url", url, "verify-audit"],
            capture_output=True, text=True, cwd=PROJECT,
        )  # fmt: skip

    assert verify().returncode == 0
    with services.store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql("UPDATE audit_log SET actor = 'someone else' WHERE id = 3")
    done = verify()
    assert done.returncode == 1
    assert "BREAK at entry 3" in done.stdout
    assert "audit_log_no_update is missing" in done.stdout
    with services.store.engine.begin() as connection:
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
        connection.exec_driver_sql("DELETE FROM audit_log WHERE id = 5")
    assert "BREAK at entry 6" in verify().stdout


@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DELETE FROM audit_log",
        "UPDATE audit_log SET actor = 'someone else'",
        "UPDATE audit_log SET entry_hash = NULL",
        "ALTER TABLE audit_log OWNER TO CURRENT_USER",
        "DROP TABLE audit_log",
    ],
)
def test_the_apps_postgresql_role_cannot_rewrite_the_log(
    services: Services, database_url: str, statement: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL roles")
    make_world(services, import_sample=False)
    before = len(raw_log(services).splitlines())
    with pytest.raises(DBAPIError, match="permission denied|must be owner|append-only"):
        with services.store.writing() as session:
            session.execute(text(statement))
    assert len(raw_log(services).splitlines()) == before


def test_a_fresh_vacancy_keeps_the_chain_whole_under_every_write(services: Services) -> None:
    world = make_world(services)
    services.vacancies.create_vacancy(
        world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, scheme=Scheme(slots=2))
    )
    checked, breaks = services.audit.verify(world.admin)
    assert checked >= 8 and breaks == []
