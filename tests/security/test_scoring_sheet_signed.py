"""Issue 25, finding 5: the offline scoring sheet's hidden version column was trusted, so a
member who edited it in an old sheet (to the version stored now) could overwrite a score
changed in the app since the sheet was downloaded. The hidden columns are now signed with a
key derived from the deployment's secret; a row whose version, fingerprint or signature was
edited is refused as a stale row is, naming the sheet and cell, and nothing is stored."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from criteria.loader import Catalogue
from storage.store import open_store
from tests.integration.helpers import World, make_world
from tests.integration.libreoffice import ODS, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services
from use_cases.errors import ImportRefused

CRITERION = "c1"


@pytest.fixture
def world(database_url: str, shared_catalogue: Catalogue) -> World:
    return make_world(Services(open_store(database_url, shared_catalogue)))


def old_sheet(world: World) -> tuple[bytes, int]:
    """A sheet downloaded when the member's score for D001 / c1 was 2 (version 1), and the row
    it is on; the member has since changed that score to 3 in the app (version 2)."""
    member, vacancy_id = world.panel[0], world.vacancy.id
    code = world.codes["D001"]
    scores = world.services.scores
    scores.save_score(member, vacancy_id, panel_code=code, criterion_id=CRITERION, score=2)
    sheet = world.services.sheets.scoring_sheet(member, vacancy_id).content
    scores.save_score(
        member, vacancy_id, panel_code=code, criterion_id=CRITERION, score=3, expected_version=1
    )
    rows = load_workbook(io.BytesIO(sheet))["Scores"].iter_rows(min_row=2, values_only=True)
    row = next(n for n, r in enumerate(rows, start=2) if r[:2] == (code, CRITERION))
    return sheet, row


def edited(sheet: bytes, cells: dict[str, object]) -> bytes:
    """The sheet with some cells changed in openpyxl, as a member with Excel might."""
    book = load_workbook(io.BytesIO(sheet))
    for where, value in cells.items():
        book["Scores"][where].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def stored(world: World) -> tuple[int, int]:
    """The member's score for D001 / c1 as stored now, and its version, read back."""
    code = world.codes["D001"]
    (score,) = [
        s
        for s in world.services.reading.my_scores(world.panel[0], world.vacancy.id)
        if (s.panel_code, s.criterion_id) == (code, CRITERION)
    ]
    return score.score, score.version


def refused(world: World, data: bytes, file_name: str = "old-sheet.xlsx") -> list[str]:
    with pytest.raises(ImportRefused, match="Nothing was stored") as caught:
        world.services.sheets.import_scoring_sheet(
            world.panel[0], world.vacancy.id, data=data, file_name=file_name
        )
    return [f"{p.column}: {p.message}" for p in caught.value.problems]


def test_an_old_sheet_is_refused_as_stale_for_the_row_changed_since(world: World) -> None:
    sheet, row = old_sheet(world)
    problems = refused(world, edited(sheet, {f"E{row}": 1}))
    assert len(problems) == 1 and problems[0].startswith(f"Scores!E{row}: ")
    assert "changed in another window" in problems[0]
    assert stored(world) == (3, 2)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda row: {f"G{row}": 2},  # the version stored now: the old sheet passed off as new
        lambda row: {f"G{row}": 2, f"H{row}": "0" * 16},
        lambda row: {f"G{row}": 2, f"I{row}": "0" * 32},
        lambda row: {f"G{row}": "two"},
    ],
    ids=["version", "version-and-fingerprint", "version-and-signature", "not-a-number"],
)
def test_an_old_sheet_with_its_hidden_version_edited_is_refused_and_overwrites_nothing(
    world: World, tamper: Callable[[int], dict[str, object]]
) -> None:
    sheet, row = old_sheet(world)
    problems = refused(world, edited(sheet, {f"E{row}": 1, **tamper(row)}))
    assert len(problems) == 1 and problems[0].startswith(f"Scores!E{row}: ")
    assert f"hidden columns G{row}:I{row}" in problems[0]
    assert "Download a fresh scoring sheet and copy your scores into it" in problems[0]
    assert stored(world) == (3, 2), "the score changed in the app since is kept"


def test_a_signature_from_another_vacancy_member_or_row_does_not_fit(world: World) -> None:
    sheet, row = old_sheet(world)
    book = load_workbook(io.BytesIO(sheet))["Scores"]
    other = row + 1  # the same application's next criterion: its own version and signature
    copied = {f"{c}{row}": book[f"{c}{other}"].value for c in "GHI"}
    problems = refused(world, edited(sheet, {f"E{row}": 1, **copied}))
    assert len(problems) == 1 and f"hidden columns G{row}:I{row}" in problems[0]
    assert stored(world) == (3, 2)


def test_a_fresh_sheet_still_imports_the_change_made_in_it(world: World) -> None:
    old_sheet(world)
    fresh = world.services.sheets.scoring_sheet(world.panel[0], world.vacancy.id).content
    rows = load_workbook(io.BytesIO(fresh))["Scores"].iter_rows(min_row=2, values_only=True)
    code = world.codes["D001"]
    row = next(n for n, r in enumerate(rows, start=2) if r[:2] == (code, CRITERION))
    changed = world.services.sheets.import_scoring_sheet(
        world.panel[0], world.vacancy.id, data=edited(fresh, {f"E{row}": 1}), file_name="new.xlsx"
    )
    assert changed == 1 and stored(world) == (1, 3)


@pytest.mark.usefixtures("calc")
def test_an_old_sheet_edited_in_libreoffice_and_saved_as_ods_is_refused_too(
    tmp_path: Path, shared_catalogue: Catalogue
) -> None:
    services = Services(open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", shared_catalogue))
    world = make_world(services)
    sheet, row = old_sheet(world)
    downloaded = tmp_path / "old-sheet.xlsx"
    downloaded.write_bytes(sheet)
    returned = tmp_path / "old-sheet.ods"
    run_calc(
        downloaded,
        steps=[{"set": {"Scores": {f"E{row}": 1, f"G{row}": 2}}}],
        save=[{"path": returned, "filter": ODS}],
    )
    problems = refused(world, returned.read_bytes(), file_name=returned.name)
    assert len(problems) == 1 and f"hidden columns G{row}:I{row}" in problems[0]
    assert stored(world) == (3, 2)
    services.store.engine.dispose()
