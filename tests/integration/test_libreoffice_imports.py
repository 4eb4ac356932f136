"""LibreOffice as a real client of the imports: the project's sample applications opened in
LibreOffice set to English (UK) and saved as people save them (CSV "as shown", semicolons,
"Unicode text", ODS) import with the same data; a scoring sheet filled in LibreOffice and
saved as XLSX or ODS imports with exactly the scores typed. Three LibreOffice sessions."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from criteria.loader import load_catalogue
from formats.interchange import read_applications
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, World, make_world
from tests.integration.libreoffice import CSV, EN_GB_LOCALE, ODS, XLSX, csv_options, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services

SAMPLE = DARLINGTON / "applications.csv"
SAVED = {  # how each file is saved from LibreOffice
    "csv as shown": ("applications.csv", CSV, csv_options(",")),
    "semicolons": ("applications-semicolons.csv", CSV, csv_options(";")),
    "unicode text": ("applications.txt", CSV, csv_options("\t", charset=65535)),
    "ods": ("applications.ods", ODS, None),
}
pytestmark = pytest.mark.usefixtures("calc")  # skip without LibreOffice


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample, opened as CSV in an English (UK) LibreOffice and saved four ways at once."""
    out = tmp_path_factory.mktemp("libreoffice")
    files = {how: out / file for how, (file, _, _) in SAVED.items()}
    run_calc(
        SAMPLE,
        filter_name=CSV,
        filter_options=csv_options(","),
        locale=EN_GB_LOCALE,
        save=[
            {"path": files[how], "filter": kind, "filter_options": options}
            for how, (_, kind, options) in SAVED.items()
        ],
    )
    return files


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    services = Services(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", load_catalogue()))
    yield make_world(services, import_sample=False)
    services.store.engine.dispose()


def as_stored(world: World) -> dict[str, tuple[Any, ...]]:
    return {
        r.reference: (
            r.received_date, r.declarations, r.statement, r.first_name, r.last_name,
            r.email, r.withdrawn,
        )
        for r in world.services.intake.applications(world.hr, world.vacancy.id)
    }  # fmt: skip


def as_in_the_sample() -> dict[str, tuple[Any, ...]]:
    sample = read_applications(SAMPLE)
    return {
        a.application_id: (
            a.received_date, a.declarations, a.statement, sample.personal[a.application_id].first_name,
            sample.personal[a.application_id].last_name, sample.personal[a.application_id].email,
            a.withdrawn,
        )
        for a in sample.applications
    }  # fmt: skip


def test_the_csv_as_an_english_uk_libreoffice_shows_it_has_two_digit_years(
    saved: dict[str, Path],
) -> None:
    """What the issue saw: 20/01/2026 in the sample is written back as 20/01/26."""
    lines = saved["csv as shown"].read_text("utf-8").splitlines()
    assert lines[4].startswith("D004,20/01/26,")
    assert saved["semicolons"].read_text("utf-8").splitlines()[4].startswith("D004;20/01/26;")
    assert saved["unicode text"].read_bytes()[:2] == b"\xff\xfe"  # UTF-16 LE with its mark


@pytest.mark.parametrize("how", list(SAVED))
def test_the_sample_saved_from_libreoffice_imports_with_the_same_data(
    saved: dict[str, Path], world: World, how: str
) -> None:
    path = saved[how]
    report = world.services.intake.import_applications(
        world.hr, world.vacancy.id, file_name=path.name, data=path.read_bytes()
    )
    assert report.rows == 17
    assert as_stored(world) == as_in_the_sample()


SET = {  # Scores!E and F as the member types them: row -> (score, note)
    2: (3, "Clear evidence"),
    3: (0, ""),
    7: (2, ""),
    12: (1, "Only partly"),
}


@pytest.mark.parametrize(("member", "kind", "suffix"), [(0, XLSX, "xlsx"), (1, ODS, "ods")])
def test_a_scoring_sheet_filled_in_libreoffice_imports_with_exactly_the_scores_set(
    tmp_path: Path, member: int, kind: str, suffix: str
) -> None:
    services = Services(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", load_catalogue()))
    world = make_world(services)
    panel = world.panel[member]
    sheet = services.sheets.scoring_sheet(panel, world.vacancy.id)
    downloaded = tmp_path / "sheet.xlsx"
    downloaded.write_bytes(sheet.content)
    keys = [
        (r[0], r[1])
        for r in load_workbook(io.BytesIO(sheet.content))["Scores"].iter_rows(
            min_row=2, values_only=True
        )
    ]
    cells: dict[str, object] = {}
    for row, (score, note) in SET.items():
        cells[f"E{row}"] = score
        if note:
            cells[f"F{row}"] = note
    returned = tmp_path / f"filled.{suffix}"
    run_calc(
        downloaded, steps=[{"set": {"Scores": cells}}], save=[{"path": returned, "filter": kind}]
    )
    changed = services.sheets.import_scoring_sheet(
        panel, world.vacancy.id, data=returned.read_bytes(), file_name=returned.name
    )
    assert changed == len(SET)
    mine = {
        (s.panel_code, s.criterion_id): (s.score, s.note)
        for s in services.reading.my_scores(panel, world.vacancy.id)
    }
    assert mine == {keys[row - 2]: value for row, value in SET.items()}
    services.store.engine.dispose()
