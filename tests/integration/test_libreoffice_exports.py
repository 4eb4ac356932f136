"""The shortlist workbook in LibreOffice Calc, as the issue's reviewer used it: opened,
every formula recalculated, sorted by Total both ways, and re-saved. Every total LibreOffice
computes is the tool's, and truly empty exactly where the tool has none, so applications
without a total sort last either way; the re-saved file still reads the same."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from criteria.loader import Catalogue
from exports.model import ShortlistExport
from exports.score_matrix import MATRIX_TOP
from exports.shortlist_workbook import write_shortlist_workbook
from tests.integration.libreoffice import XLSX, run_calc
from tests.integration.libreoffice import calc as calc  # the fixture
from tests.workbook_data import INCOMPLETE, WITHDRAWN, export_with_gaps

pytestmark = pytest.mark.usefixtures("calc")


@dataclass(frozen=True)
class InCalc:
    data: ShortlistExport
    answer: dict[str, Any]  # what LibreOffice read, and each sort's order of references
    resaved: Path  # saved by LibreOffice after the last sort (by Total, largest first)
    total_column: str
    rows: range


@pytest.fixture(scope="module")
def in_calc(calc: None, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory) -> InCalc:
    """One LibreOffice session: recalculate and read every total, sort the matrix by Total
    smallest first, then largest first, and save as XLSX."""
    folder = tmp_path_factory.mktemp("shortlist-in-calc")
    data = export_with_gaps(catalogue)
    original = folder / "shortlist.xlsx"
    write_shortlist_workbook(data, original)
    width = len(data.criteria) + 3
    total_column = get_column_letter(width)
    rows = range(MATRIX_TOP + 1, MATRIX_TOP + 1 + len(data.matrix_references))
    table = f"A{rows[0]}:{total_column}{rows[-1]}"
    resaved = folder / "resaved.xlsx"
    by_total = {"sheet": "Score matrix", "range": table, "column": width - 1}
    answer = run_calc(
        original,
        steps=[
            {"recalculate": True},
            {"read": {"Score matrix": [f"{total_column}{r}" for r in rows]}},
            {"sort": by_total},
            {"sort": {**by_total, "descending": True}},
        ],
        save=[{"path": resaved, "filter": XLSX}],
    )
    return InCalc(data, answer, resaved, total_column, rows)


def test_libreoffice_recalculates_every_total_to_the_tools_figure(in_calc: InCalc) -> None:
    data, answer = in_calc.data, in_calc.answer
    tool = {line.reference: line.total for line in data.lines}
    assert tool[INCOMPLETE] is None and tool[WITHDRAWN] is None
    for reference, r in zip(data.matrix_references, in_calc.rows, strict=True):
        cell = answer[f"Score matrix!{in_calc.total_column}{r}"]
        if tool[reference] is None:
            assert cell["type"] == "EMPTY", (reference, cell)  # not "", nor 0, nor a part-sum
        else:
            assert cell["type"] == "FORMULA" and cell["error"] == 0, (reference, cell)
            assert cell["value"] == pytest.approx(tool[reference], abs=1e-9), reference

    frame = pd.read_excel(
        in_calc.resaved, sheet_name="Score matrix", skiprows=[1, 2], engine="calamine"
    )
    again = dict(zip(frame["Reference"].astype(str), frame["Total"], strict=True))
    assert {k: (None if v != v else v) for k, v in again.items()} == pytest.approx(tool)


def test_sorted_by_total_either_way_the_applications_without_one_come_last(
    in_calc: InCalc,
) -> None:
    """Issue 29, item 6: a blank total that is text ("") sorts above every number, so
    LibreOffice (and Excel), sorting largest first, put the withdrawn and the incomplete
    applications at the top of the matrix."""
    tool = {line.reference: line.total for line in in_calc.data.lines}
    without = {INCOMPLETE, WITHDRAWN}
    ascending, descending = in_calc.answer["sorted"]
    totals = sorted((t, ref) for ref, t in tool.items() if t is not None)
    assert set(ascending[-2:]) == set(descending[-2:]) == without, (ascending, descending)
    assert [tool[ref] for ref in ascending[:-2]] == [t for t, _ in totals]
    assert [tool[ref] for ref in descending[:-2]] == [t for t, _ in reversed(totals)]
    # the file LibreOffice saved holds that order, its blank totals still empty cells
    sheet = load_workbook(in_calc.resaved)["Score matrix"]
    saved = [(sheet[f"A{r}"].value, sheet[f"{in_calc.total_column}{r}"]) for r in in_calc.rows]
    assert [ref for ref, _ in saved] == descending
    assert [ref for ref, cell in saved if cell.value is None] == descending[-2:]
