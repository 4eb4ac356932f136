"""LibreOffice's habits with a file of applications, understood (issue 29): a workbook whose
yes/no answers are TRUE/FALSE cells, re-saved by LibreOffice with no edit (it writes them as
=TRUE() and =FALSE()), imports with those answers, from a sheet named "Applications" after a
notes sheet, as XLSX and as ODS; a CSV file saved by a LibreOffice set to US English, whose
dates read either way, is refused with both readings, never stored swapped. Two LibreOffice
sessions."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from criteria.loader import load_catalogue
from formats.interchange import parse_date
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, World, make_world
from tests.integration.libreoffice import CSV, ODS, XLSX, csv_options, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services
from use_cases.errors import ImportRefused

SAMPLE = DARLINGTON / "applications.csv"
YES_NO = {"yes": True, "no": False, "": None}
FLAGS = ("disability_gis", "care_leaver", "armed_forces_long_term", "armed_forces_gis")
pytestmark = pytest.mark.usefixtures("calc")  # skip without LibreOffice


def sample_rows() -> list[dict[str, str]]:
    with SAMPLE.open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def as_a_workbook(rows: list[dict[str, str]]) -> bytes:
    """The sample as a workbook another system exports: a notes sheet first, then a sheet
    "Applications" whose answers are TRUE/FALSE cells and whose dates are date cells."""
    book = Workbook()
    book.active.title = "Notes"  # type: ignore[union-attr]
    book.active.append(["Applications for the income management officer post"])  # type: ignore[union-attr]
    sheet = book.create_sheet("Applications")
    header = list(rows[0])
    sheet.append(header)
    for row in rows:
        values: list[Any] = []
        for column in header:
            raw = row[column]
            if column in (*FLAGS, "withdrawn"):
                values.append(YES_NO[raw])
            elif column.endswith("_date") and raw:
                values.append(parse_date(raw))
            else:
                values.append(raw or None)
        sheet.append(values)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbook opened in LibreOffice and saved, with no edit, as XLSX and as ODS."""
    out = tmp_path_factory.mktemp("resaved")
    original = out / "applications-export.xlsx"
    original.write_bytes(as_a_workbook(sample_rows()))
    files = {"xlsx": out / "applications.xlsx", "ods": out / "applications.ods"}
    run_calc(
        original,
        save=[{"path": files["xlsx"], "filter": XLSX}, {"path": files["ods"], "filter": ODS}],
    )
    return files


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    services = Services(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", load_catalogue()))
    yield make_world(services, import_sample=False)
    services.store.engine.dispose()


def test_libreoffice_writes_the_yes_no_cells_of_a_workbook_as_formulas(
    resaved: dict[str, Path],
) -> None:
    """What the issue saw: no edit, yet L3 (armed_forces_gis) now holds a formula."""
    sheet = load_workbook(resaved["xlsx"])["Applications"]
    assert sheet["F2"].value == "=FALSE()"
    assert sheet["L10"].value == "=TRUE()"


@pytest.mark.parametrize("kind", ["xlsx", "ods"])
def test_a_workbook_re_saved_by_libreoffice_imports_with_its_yes_no_answers(
    resaved: dict[str, Path], world: World, kind: str
) -> None:
    path = resaved[kind]
    report = world.services.intake.import_applications(
        world.hr, world.vacancy.id, file_name=path.name, data=path.read_bytes()
    )
    assert report.rows == 17
    stored = {
        r.reference: r for r in world.services.intake.applications(world.hr, world.vacancy.id)
    }
    for row in sample_rows():
        record = stored[row["application_id"]]
        answers = record.declarations
        assert answers.disability is YES_NO[row["disability_gis"]]
        assert answers.care_leaver is YES_NO[row["care_leaver"]]
        assert answers.armed_forces_long_term is YES_NO[row["armed_forces_long_term"]]
        assert answers.armed_forces_opt_in is YES_NO[row["armed_forces_gis"]]
        assert record.withdrawn is (row["withdrawn"] == "yes")
        assert record.received_date == parse_date(row["received_date"])
    assert sum(r.declarations.armed_forces_opt_in is True for r in stored.values()) == 5


EN_US, EN_US_LOCALE = 1033, "en_US.UTF-8"  # LibreOffice's language id; the office's locale
TYPED_IN_THE_US = (  # month first, as a person in a US-English spreadsheet types them
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement,date_of_birth\n"
    "D001,2/1/2026,Amina,Hassan,amina@example.org,no,no,none,,,,,I manage rent accounts.,3/4/1990\n"
    "D002,1/5/2026,Ben,Carter,ben@example.org,no,no,left,self,11/6/2019,yes,yes,I served.,\n"
)


def test_a_csv_saved_by_a_us_english_libreoffice_is_refused_with_both_readings(
    tmp_path: Path, world: World
) -> None:
    """Issue 29, item 3: every day is 12 or less, so each date reads either way; before, 1
    February was stored as 2 January and 5 January as 1 May, after the closing date."""
    typed, saved = tmp_path / "typed.csv", tmp_path / "applications.csv"
    typed.write_text(TYPED_IN_THE_US, encoding="utf-8")
    us = csv_options(",", language=EN_US)
    run_calc(
        typed, filter_name=CSV, filter_options=us, locale=EN_US_LOCALE,
        save=[{"path": saved, "filter": CSV, "filter_options": us}],
    )  # fmt: skip
    lines = saved.read_text("utf-8").splitlines()
    assert lines[1].startswith("D001,02/01/26,") and lines[1].endswith(",03/04/90")
    assert lines[2].startswith("D002,01/05/26,") and ",11/06/19," in lines[2]
    with pytest.raises(ImportRefused) as refused:
        world.services.intake.import_applications(
            world.hr, world.vacancy.id, file_name=saved.name, data=saved.read_bytes()
        )
    found = {(p.file, p.row, p.column): p.message for p in refused.value.problems}
    assert set(found) == {
        ("applications.csv", 2, "received_date"),
        ("applications.csv", 2, "date_of_birth"),
        ("applications.csv", 3, "received_date"),
        ("applications.csv", 3, "armed_forces_date"),
    }
    assert found["applications.csv", 2, "received_date"].startswith(
        "'02/01/26' reads as 2 January 2026 (UK, day first) or 1 February 2026 (US, month first)"
    )
    assert (
        "'01/05/26' read day first is after the closing date, 30 January 2026"
        in (found["applications.csv", 3, "received_date"])
    )
    assert "(2026-02-01 for 1 February 2026)" in found["applications.csv", 3, "armed_forces_date"]
    assert world.services.intake.applications(world.hr, world.vacancy.id) == []
