"""A scoring sheet edited in LibreOffice as members edit it, saved as XLSX and ODS in one Calc
session: a row deleted below the scores (LibreOffice then writes an empty row 1,048,576) is
ignored and the scores typed are stored, each with one audit entry; a note without a score, a
stored score cleared, a formula, a score off the scale and a deleted row are each refused,
named once by the sheet's own name and cell, and nothing is stored. An applications
workbook with a row deleted below it imports as it was."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from criteria.loader import load_catalogue
from formats.interchange import read_applications
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, make_world
from tests.integration.libreoffice import ODS, XLSX, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services
from use_cases.errors import ImportRefused

pytestmark = pytest.mark.usefixtures("calc")  # skip without LibreOffice

STORED = {3: 1, 4: 2}  # rows scored in the app before the sheet was downloaded
TYPED = {"E2": 2, "F2": "Clear evidence", "E3": 0}  # what the member changes, all allowed
WRONG = {"F6": "Strong answer", "E8": 4}  # a note without a score; off the scale


def test_a_sheet_edited_in_libreoffice_stores_what_is_right_and_names_each_wrong_cell(
    tmp_path: Path,
) -> None:
    services = Services(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", load_catalogue()))
    world = make_world(services)
    member, vacancy = world.panel[0], world.vacancy.id
    rows = {}
    for number, row in enumerate(_rows(services, world), start=2):
        rows[number] = (row[0], row[1])
    for number, score in STORED.items():
        code, criterion = rows[number]
        services.scores.save_score(
            member, vacancy, panel_code=code, criterion_id=criterion, score=score
        )
    downloaded = tmp_path / "sheet.xlsx"
    downloaded.write_bytes(services.sheets.scoring_sheet(member, vacancy).content)
    last = max(rows) + 1
    files = {name: tmp_path / name for name in ("ok.xlsx", "ok.ods", "bad.xlsx", "bad.ods")}
    run_calc(
        downloaded,
        steps=[
            {"set": {"Scores": TYPED}},
            {"delete_rows": {"Scores": [last + 50]}},  # an empty row below the scores
            {"save_as": {"path": str(files["ok.xlsx"]), "filter": XLSX}},
            {"save_as": {"path": str(files["ok.ods"]), "filter": ODS}},
            {"set": {"Scores": WRONG}},
            {"clear": {"Scores": ["E4"]}},  # a stored score cleared
            {"formula": {"Scores": {"E5": "=1+1"}}},
            {"delete_rows": {"Scores": [7]}},
        ],
        save=[
            {"path": files["bad.xlsx"], "filter": XLSX},
            {"path": files["bad.ods"], "filter": ODS},
        ],
    )
    before = _mine(services, member, vacancy)
    for name in ("bad.xlsx", "bad.ods"):
        with pytest.raises(ImportRefused) as refused:
            services.sheets.import_scoring_sheet(
                member, vacancy, data=files[name].read_bytes(), file_name=name
            )
        said = {p.column: p.message for p in refused.value.problems}
        # row 7 deleted: rows 8 and below moved up one
        assert said == {
            "Scores!F6": "'Strong answer' is a note without a score; a note is kept with its "
            "score. Type a score in E6 (a whole number from 0 to 3), or delete the note.",
            "Scores!E4": f"is blank, but you had scored {rows[4][0]} / {rows[4][1]} when the "
            "sheet was downloaded; a score cannot be removed in the sheet. Type it again, or a "
            "new score (a whole number from 0 to 3).",
            "Scores!E5": "'=1+1' is a formula; the sheet takes the score itself. Type the score "
            "as a number (a whole number from 0 to 3).",
            "Scores!E7": "'4' is not on the 0-3 evidence scale; type a whole number from 0 to 3.",
            "Scores": f"'{rows[7][0]} / {rows[7][1]}' is not in this sheet: its row was deleted "
            "(or the application reached the panel after the sheet was downloaded), so nothing "
            "was checked or stored for it. Undo the deletion and save the sheet again, or "
            "download a new sheet and copy your scores into it.",
        }, name
        assert _mine(services, member, vacancy) == before, "nothing stored"

    assert services.sheets.import_scoring_sheet(
        member, vacancy, data=files["ok.xlsx"].read_bytes(), file_name="ok.xlsx"
    ) == len(["E2", "E3"])
    assert _mine(services, member, vacancy) == {
        rows[2]: (2, "Clear evidence"),
        rows[3]: (0, ""),
        rows[4]: (2, ""),
    }
    offline = [
        e for e in services.audit.audit_log(world.hr, vacancy) if e.action == "score_offline"
    ]
    assert sorted(e.entity_id for e in offline) == sorted(f"{c}/{k}" for c, k in (rows[2], rows[3]))
    assert services.audit.verify(world.admin)[1] == [], "the audit chain holds"
    # the same edits saved as ODS: the scores are stored already, so nothing changes
    assert (
        services.sheets.import_scoring_sheet(
            member, vacancy, data=files["ok.ods"].read_bytes(), file_name="ok.ods"
        )
        == 0
    )
    services.store.engine.dispose()


def test_an_applications_workbook_with_a_row_deleted_below_it_in_libreoffice_imports(
    tmp_path: Path,
) -> None:
    """LibreOffice writes an empty row 1,048,576 after the deletion: passed over, not refused
    as more than 50,000 rows."""
    frame = pd.read_csv(DARLINGTON / "applications.csv", dtype=str, keep_default_na=False)
    made, saved = tmp_path / "applications.xlsx", tmp_path / "resaved.xlsx"
    frame.to_excel(made, sheet_name="applications", index=False)
    run_calc(
        made,
        steps=[{"delete_rows": {"applications": [len(frame) + 20]}}],
        save=[{"path": saved, "filter": XLSX}],
    )
    read = read_applications(saved.read_bytes(), name="resaved.xlsx")
    original = read_applications(made.read_bytes(), name="applications.xlsx")
    assert read.applications == original.applications and len(read.applications) == len(frame)


def _rows(services: Services, world: object) -> list[tuple[object, ...]]:
    member, vacancy = world.panel[0], world.vacancy.id  # type: ignore[attr-defined]
    sheet = services.sheets.scoring_sheet(member, vacancy).content
    scores = load_workbook(io.BytesIO(sheet))["Scores"]
    return [r for r in scores.iter_rows(min_row=2, values_only=True)]


def _mine(services: Services, member: object, vacancy: int) -> dict[tuple[str, str], object]:
    return {
        (s.panel_code, s.criterion_id): (s.score, s.note)
        for s in services.reading.my_scores(member, vacancy)  # type: ignore[arg-type]
    }
