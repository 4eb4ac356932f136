"""Importing applications against the in-memory repository: every row is checked first and
then all are stored in one batch, or none; the panel's copy of the evidence is redacted; the
same file twice, a reference imported before and a name that starts like a spreadsheet formula
are refused with the row to fix; the import is audited with its file, rows and digest."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from scoring.errors import NotAtThisStage
from tests import factories
from tests.fake_intake import FakeIntake, intake_world
from tests.fakes import fake_store, fake_world, hr, member
from use_cases.errors import ImportRefused, NotAllowed
from use_cases.intake import Intake

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement,withdrawn"
)
AMINA = "A1,2026-01-12,Amina,Hassan,amina@example.org,no,no,none,,,,,I am Amina Hassan; I manage rents.,"  # fmt: skip
BEN = "A2,2026-01-13,Ben,Carter,ben@example.org,no,no,none,,,,,Budgets and arrears.,"


def csv(*rows: str) -> bytes:
    return "\n".join([HEADER, *rows, ""]).encode()


def intake(status: str = "open") -> tuple[Intake, FakeIntake]:
    repo = intake_world(fake_world(factories.vacancy(), status=status))
    return Intake(fake_store(repo), repo=repo, clock=lambda: NOW), repo


def test_every_row_is_stored_in_one_batch_with_the_panels_copy_redacted() -> None:
    service, repo = intake()
    data = csv(AMINA, BEN)

    report = service.import_applications(hr(), 1, file_name="round1.csv", data=data)

    assert (report.batch_id, report.file_name, report.rows) == (1, "round1.csv", 2)
    [(_, amina, details), _] = sorted(repo.state.rows, key=lambda r: r[1]["reference"])
    assert amina["statement"] == "I am Amina Hassan; I manage rents."
    assert "Amina" not in amina["panel_statement"] and "Hassan" not in amina["panel_statement"]
    assert (details["first_name"], details["email"]) == ("Amina", "amina@example.org")
    codes = sorted(a["panel_code"] for _, a, _ in repo.state.rows)
    assert codes == ["P00001", "P00002"]
    [entry] = repo.state.audit
    assert (entry["action"], entry["vacancy_id"], entry["new"]) == (
        "import_applications", 1,
        {"file": "round1.csv", "rows": 2, "sha256": hashlib.sha256(data).hexdigest()},
    )  # fmt: skip


def test_the_next_file_numbers_its_panel_codes_after_the_first() -> None:
    service, repo = intake()
    service.import_applications(hr(), 1, file_name="round1.csv", data=csv(AMINA))
    service.import_applications(hr(), 1, file_name="round2.csv", data=csv(BEN))
    assert {a["reference"]: a["panel_code"] for _, a, _ in repo.state.rows} == {
        "A1": "P00001", "A2": "P00002",
    }  # fmt: skip


def test_the_same_file_twice_is_refused_and_nothing_is_imported_again() -> None:
    service, repo = intake()
    service.import_applications(hr(), 1, file_name="round1.csv", data=csv(AMINA))

    with pytest.raises(ImportRefused, match=r"copy.csv was imported already \(as round1.csv, 1 rows"):  # fmt: skip
        service.import_applications(hr(), 1, file_name="copy.csv", data=csv(AMINA))

    assert len(repo.state.rows) == 1 and len(repo.state.audit) == 1


def test_a_reference_imported_before_is_refused_with_its_row_and_no_row_is_stored() -> None:
    service, repo = intake()
    service.import_applications(hr(), 1, file_name="round1.csv", data=csv(AMINA))

    with pytest.raises(ImportRefused, match="1 problem to fix") as refused:
        service.import_applications(hr(), 1, file_name="round2.csv", data=csv(BEN, AMINA))

    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (3, "application_id")
    assert "'A1' is in this vacancy already" in problem.message
    assert [a["reference"] for _, a, _ in repo.state.rows] == ["A1"]


def test_a_name_starting_like_a_formula_is_refused_not_stored() -> None:
    service, repo = intake()
    evil = BEN.replace("Ben,Carter", "=HYPERLINK(1),Carter")

    with pytest.raises(ImportRefused) as refused:
        service.import_applications(hr(), 1, file_name="round1.csv", data=csv(AMINA, evil))

    [problem] = refused.value.problems
    assert (problem.row, problem.column) == (3, "first_name")
    assert repo.state.rows == [] and repo.state.audit == []


def test_a_file_with_a_missing_column_is_refused_with_the_problem() -> None:
    service, repo = intake()
    with pytest.raises(ImportRefused, match="1 problem to fix") as refused:
        service.import_applications(hr(), 1, file_name="bad.csv", data=b"application_id\nA1\n")
    assert "missing column" in refused.value.problems[0].message
    assert repo.state.rows == []


def test_applications_are_not_imported_once_the_shortlist_is_finalised() -> None:
    service, repo = intake(status="finalised")
    with pytest.raises(NotAtThisStage, match="applications can no longer be imported"):
        service.import_applications(hr(), 1, file_name="late.csv", data=csv(AMINA))
    assert repo.state.rows == []


def test_a_panel_member_cannot_import_or_see_personal_details() -> None:
    service, repo = intake()
    rosa = member()
    repo.state.accounts[rosa.user_id] = rosa
    with pytest.raises(NotAllowed):
        service.import_applications(rosa, 1, file_name="round1.csv", data=csv(AMINA))
    with pytest.raises(NotAllowed):
        service.applications(rosa, 1)


def test_hr_reads_back_the_personal_details_and_the_overview_by_reference() -> None:
    service, _ = intake()
    service.import_applications(hr(), 1, file_name="round1.csv", data=csv(BEN, AMINA))

    records = service.applications(hr(), 1)
    overview = service.overview(hr(), 1)

    assert [(r.reference, r.first_name, r.email) for r in records] == [
        ("A1", "Amina", "amina@example.org"), ("A2", "Ben", "ben@example.org"),
    ]  # fmt: skip
    assert [(o.reference, o.name) for o in overview] == [("A1", "Amina Hassan"), ("A2", "Ben Carter")]  # fmt: skip
