"""LibreOffice's habits with a file of applications, understood (issue 29): a workbook whose
yes/no answers are TRUE/FALSE cells, re-saved by LibreOffice with no edit (it writes them as
=TRUE() and =FALSE()), imports with those answers, from a sheet named "Applications" after a
notes sheet, as XLSX and as ODS. One LibreOffice session."""

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
from tests.integration.libreoffice import ODS, XLSX, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services

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
