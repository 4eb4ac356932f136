"""Whatever a member does to their scoring sheet's Score and Note cells (a score typed, one
off the scale, a formula, a stored score cleared, a note with or without a score, a row
deleted), the import either refuses naming the cells and stores nothing, or stores exactly
what they typed, each change with one audit entry."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.fakes import FakeRepository
from tests.unit.test_scoring_sheets_service import NOW, ROSA, world
from use_cases.errors import ImportRefused
from use_cases.score_writes import ScoreWrites
from use_cases.scoring_sheets import ScoringSheets

KEEP, CLEAR, FORMULA = "keep", "clear", "=1+1"
STORED = {0: (2, "Seen"), 3: (1, "")}  # rows (from 0) scored in the app before the download


@dataclass(frozen=True)
class Edit:
    score: object  # KEEP, CLEAR, FORMULA or a number
    note: str | None  # None: kept


edits = st.builds(
    Edit,
    st.sampled_from([KEEP, KEEP, CLEAR, FORMULA, 0, 1, 2, 3, 4]),
    st.sampled_from([None, None, "A note", ""]),
)


def _stored(repo: FakeRepository) -> dict[tuple[str, str], tuple[int, str]]:
    codes = {a.id: code for code, a in repo.state.applications.items()}
    return {
        (codes[app], criterion): (s.score, s.note)
        for (app, criterion, user), (_, s) in repo.state.scores.items()
        if user == ROSA.user_id
    }


def _set_up() -> tuple[ScoringSheets, FakeRepository]:
    """The world with STORED scored in the app (the same every time)."""
    sheets, repo = world()
    writes = ScoreWrites(sheets.store, repo=repo, clock=lambda: NOW)
    keys = _download()[1]
    for index, (score, note) in STORED.items():
        code, criterion = keys[index]
        writes.save_score(ROSA, 1, panel_code=code, criterion_id=criterion, score=score, note=note)
    return sheets, repo


@cache
def _download() -> tuple[bytes, list[tuple[str, str]]]:
    """The member's sheet downloaded after STORED were scored, and its rows' keys."""
    sheets, _ = world()
    first = sheets.scoring_sheet(ROSA, 1).content
    keys = [
        (str(r[0]), str(r[1]))
        for r in load_workbook(io.BytesIO(first))["Scores"].iter_rows(
            min_row=2, max_col=2, values_only=True
        )
    ]
    sheets, repo = world()
    writes = ScoreWrites(sheets.store, repo=repo, clock=lambda: NOW)
    for index, (score, note) in STORED.items():
        code, criterion = keys[index]
        writes.save_score(ROSA, 1, panel_code=code, criterion_id=criterion, score=score, note=note)
    return sheets.scoring_sheet(ROSA, 1).content, keys


@settings(max_examples=25, deadline=None)
@given(st.lists(edits, min_size=6, max_size=6), st.none() | st.integers(0, 5))
def test_an_edited_sheet_is_stored_exactly_or_refused_whole(
    changes: list[Edit], deleted: int | None
) -> None:
    sheets, repo = _set_up()
    download, keys = _download()
    book = load_workbook(io.BytesIO(download))
    scores = book["Scores"]
    before = _stored(repo)
    expected, wrong = dict(before), set()
    for index, (edit, key) in enumerate(zip(changes, keys, strict=True)):
        row = index + 2
        if edit.score == CLEAR:
            scores.cell(row, 5).value = None
        elif edit.score != KEEP:
            scores.cell(row, 5).value = edit.score
        if edit.note is not None:
            scores.cell(row, 6).value = edit.note or None
        had = before.get(key)
        score = had[0] if had and edit.score == KEEP else edit.score
        note = (had[1] if had else "") if edit.note is None else edit.note
        if index == deleted:
            wrong.add(key)
        elif score in (FORMULA, 4) or (score in (CLEAR, KEEP) and (had or note)):
            wrong.add(key)
        elif isinstance(score, int):
            expected[key] = (score, note)
    if deleted is not None:
        scores.delete_rows(deleted + 2)
    out = io.BytesIO()
    book.save(out)
    audited = len(repo.state.audit)
    try:
        recorded = sheets.import_scoring_sheet(ROSA, 1, data=out.getvalue(), file_name="s.xlsx")
    except ImportRefused as refused:
        assert wrong, [str(p) for p in refused.problems]
        assert len(refused.problems) == len(wrong)
        assert all((p.column or "").startswith("Scores") for p in refused.problems)
        assert _stored(repo) == before and len(repo.state.audit) == audited
        return
    assert not wrong
    assert _stored(repo) == expected
    changed = {k for k in expected if before.get(k) != expected[k]}
    assert recorded == len(changed)
    offline = [e for e in repo.state.audit[audited:] if e["action"] == "score_offline"]
    assert sorted(e["entity_id"] for e in offline) == sorted(f"{c}/{k}" for c, k in changed)
