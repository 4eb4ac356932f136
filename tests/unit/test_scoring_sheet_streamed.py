"""The scoring sheet written row by row (exports/streamed_sheet.py): whatever the texts, it reads
back as written, each row as tall as its wrapped text, the sheet's stated size its own; its
rows can be sorted on the protected sheet and read back the same; printed, every label is
level with the top of its text and the Score and Note cells are boxes to write in."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from exports.scoring_sheet import SheetApplication
from exports.sheet_finish import wrapped_height
from formats.scoring_sheet_reader import read_scoring_sheet
from scoring.clean_text import clean_text
from scoring.words.cell_guard import unguard
from tests.factories import criterion
from tests.unit.test_scoring_sheet import APPS, CRITERIA, EXPECTED, KEY, SCALE, export, fill

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)


def scored_in_order(book: Workbook, order: list[int]) -> None:
    """Score every row (row n: n % 4) and put the Scores rows in `order`, as a sort does."""
    sheet = book["Scores"]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    for n, values in enumerate(rows):
        values[4] = n % 4
    for at, n in enumerate(order, start=2):
        for column, value in enumerate(rows[n], start=1):
            sheet.cell(at, column).value = value


@settings(max_examples=25)
@given(
    texts=st.lists(TEXT.filter(str.strip), min_size=2, max_size=2),
    statement=TEXT,
    note=TEXT,
    order=st.permutations(range(len(EXPECTED))),
)
def test_any_texts_read_back_as_written_and_sorted_rows_read_back_the_same(
    texts: list[str], statement: str, note: str, order: list[int]
) -> None:
    criteria = [criterion(f"c{n}", text=text) for n, text in enumerate(texts, start=1)]
    apps = [SheetApplication(a.panel_code, statement, {}) for a in APPS]
    expected = [(a.panel_code, c.id) for a in apps for c in criteria]
    data = export({("P00002", "c1"): (1, note, 3)}, criteria=criteria, applications=apps)
    book = load_workbook(io.BytesIO(data))
    scores = book["Scores"]
    assert scores.calculate_dimension() == f"A1:I{1 + len(expected)}"
    for r in scores.iter_rows(min_row=2):
        assert unguard(r[2].value) == clean_text(criteria[(r[0].row - 2) % 2].text)
        wanted = wrapped_height([(r[2].value, 70), (r[5].value, 50)])
        assert scores.row_dimensions[r[0].row].height == wanted
    assert unguard(scores["F2"].value or "") == clean_text(note)

    def read(data: bytes) -> set[tuple[str, str, int]]:
        got = read_scoring_sheet(
            data, vacancy_id=7, member="rpatel", expected=expected, scale=SCALE, key=KEY
        )
        return {(s.panel_code, s.criterion_id, s.score) for s in got}

    as_downloaded = read(fill(data, lambda b: scored_in_order(b, sorted(order))))
    assert as_downloaded == read(fill(data, lambda b: scored_in_order(b, order)))


def test_every_label_is_level_with_the_top_of_the_text_beside_it() -> None:
    book = load_workbook(io.BytesIO(export()))
    scores, evidence = book["Scores"], book["Evidence"]
    for r in scores.iter_rows(min_row=2, max_col=6):
        assert [c.alignment.vertical for c in r] == ["top"] * 6, r[0].row
    for r in evidence.iter_rows(min_row=2):
        assert [c.alignment.vertical for c in r] == ["top"] * 3, r[0].row


def test_the_score_and_note_cells_print_as_boxes_to_write_in() -> None:
    scores = load_workbook(io.BytesIO(export()))["Scores"]
    for r in scores.iter_rows(min_row=2, min_col=5, max_col=6):
        for c in r:
            sides = (c.border.left, c.border.right, c.border.top, c.border.bottom)
            assert all(side.style == "thin" for side in sides), c.coordinate


def test_a_sheet_of_no_applications_still_states_its_size() -> None:
    book = load_workbook(io.BytesIO(export(applications=[])))
    assert book["Scores"].max_row == 1 and book["Scores"].calculate_dimension() == "A1:I1"
    assert (
        read_scoring_sheet(
            export(applications=[]),
            vacancy_id=7,
            member="rpatel",
            expected=[],
            scale=SCALE,
            key=KEY,
        )
        == []
    )
    assert len(CRITERIA) == 2


def test_the_how_to_score_sheet_says_how_to_sort_without_removing_the_protection() -> None:
    how = load_workbook(io.BytesIO(export()))["How to score"]
    text = " ".join(str(c.value) for c in how["A"])
    assert "Sort Ascending or Sort Descending on the toolbar" in text
    assert "no need to remove the protection" in text
