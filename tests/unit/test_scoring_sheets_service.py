"""Offline scoring sheets, against the in-memory repository: the sheet holds a row for each
application the member scores and each criterion, and a filled sheet returned is stored
through the one write path, all or nothing."""

from __future__ import annotations

import gc
import io
from datetime import UTC, datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from scoring.errors import AlreadySubmitted
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, hr, member, service, stored_scores
from use_cases import scoring_sheets
from use_cases.collection_paused import collection_paused
from use_cases.score_writes import ScoreWrites
from use_cases.scoring_sheets import ScoringSheets

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA = member(7, "rpatel")
KEY = b"the deployment's key for scoring sheets"


def world(submitted: bool = False) -> tuple[ScoringSheets, FakeRepository]:
    repo = fake_world(
        factories.vacancy(),  # e1, e2, d1
        members=[ROSA],
        applications=[
            application(1),
            application(2, withdrawn=True),
            application(3, held=True),
            application(4),
            application(5),
        ],
        conflicts=[(ROSA.user_id, 4)],
        submitted=submitted,
    )
    writes = service(ScoreWrites, repo, NOW)
    return service(ScoringSheets, repo, NOW, writes=writes, key=KEY), repo


def filled(data: bytes, score: int) -> bytes:
    book = load_workbook(io.BytesIO(data))
    sheet = book["Scores"]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 5).value = score
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rows(data: bytes) -> list[tuple[str, str]]:
    sheet = load_workbook(io.BytesIO(data))["Scores"]
    return [(str(r[0]), str(r[1])) for r in sheet.iter_rows(min_row=2, max_col=2, values_only=True)]


def test_the_sheet_holds_the_applications_the_member_scores_and_comes_back_stored() -> None:
    sheets, repo = world()
    sheet = sheets.scoring_sheet(ROSA, 1)
    assert sorted({code for code, _ in rows(sheet.content)}) == ["P00001", "P00005"]
    assert (
        sheets.import_scoring_sheet(ROSA, 1, data=filled(sheet.content, 2), file_name="s.xlsx") == 6
    )
    assert stored_scores(repo, ROSA.user_id) == {
        (code, c): 2 for code in ("P00001", "P00005") for c in ("e1", "e2", "d1")
    }


def test_hr_returning_a_submitted_members_sheet_is_refused_and_nothing_is_stored() -> None:
    sheets, repo = world(submitted=True)
    sheet = sheets.scoring_sheet(hr(), 1, member_id=ROSA.user_id)
    with pytest.raises(AlreadySubmitted, match="^Rpatel has submitted their scores"):
        sheets.import_scoring_sheet(
            hr(), 1, data=filled(sheet.content, 1), file_name="s.xlsx", member_id=ROSA.user_id
        )
    assert stored_scores(repo, ROSA.user_id) == {}


def test_a_sheet_is_built_and_read_with_the_cycle_collector_paused_then_running_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a big sheet's few hundred thousand objects: a full collection each time walked them all
    sheets, _ = world()
    seen: list[bool] = []
    for name in ("write_scoring_sheet", "read_scoring_sheet"):
        real = getattr(scoring_sheets, name)

        def spy(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return _real(*args, **kwargs)

        monkeypatch.setattr(scoring_sheets, name, spy)
    sheet = sheets.scoring_sheet(ROSA, 1)
    sheets.import_scoring_sheet(ROSA, 1, data=filled(sheet.content, 2), file_name="s.xlsx")
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failure_and_stays_off_if_it_was_off() -> None:
    with pytest.raises(ValueError), collection_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collection_paused():
            pass
        assert not gc.isenabled(), "left as it was found"
    finally:
        gc.enable()
