"""The shortlist workbook in LibreOffice Calc, as the issue's reviewer used it: opened,
every formula recalculated, and re-saved. Every total LibreOffice computes is the tool's, and
blank exactly where the tool has none; the re-saved file still reads the same."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl.utils import get_column_letter

from criteria.loader import Catalogue
from exports.shortlist_workbook import write_shortlist_workbook
from tests.integration.libreoffice import calc as calc  # the fixture
from tests.integration.libreoffice import recalculated_copy
from tests.workbook_data import INCOMPLETE, WITHDRAWN, export_with_gaps

pytestmark = pytest.mark.usefixtures("calc")


def test_libreoffice_recalculates_every_total_to_the_tools_figure(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    data = export_with_gaps(catalogue)
    original = tmp_path / "shortlist.xlsx"
    write_shortlist_workbook(data, original)
    total_column = get_column_letter(len(data.criteria) + 3)
    rows = range(4, 4 + len(data.matrix_references))
    resaved = tmp_path / "resaved.xlsx"
    answer = recalculated_copy(
        original, resaved, reads={"Score matrix": [f"{total_column}{r}" for r in rows]}
    )

    tool = {line.reference: line.total for line in data.lines}
    assert tool[INCOMPLETE] is None and tool[WITHDRAWN] is None
    for reference, r in zip(data.matrix_references, rows, strict=True):
        cell = answer[f"Score matrix!{total_column}{r}"]
        assert cell["type"] == "FORMULA" and cell["error"] == 0, (reference, cell)
        if tool[reference] is None:
            assert cell["text"] == "", (reference, cell)  # blank, not 0 nor a partial sum
        else:
            assert cell["value"] == pytest.approx(tool[reference], abs=1e-9), reference

    # Sorted by total, as HR would: the applications without one come last, not among them.
    frame = pd.read_excel(resaved, sheet_name="Score matrix", skiprows=[1, 2], engine="calamine")
    frame["Total"] = pd.to_numeric(frame["Total"], errors="coerce")
    ranked = frame.sort_values("Total", ascending=False, na_position="last")["Reference"].tolist()
    assert set(ranked[-2:]) == {INCOMPLETE, WITHDRAWN}
    again = dict(zip(frame["Reference"].astype(str), frame["Total"], strict=True))
    assert {k: (None if v != v else v) for k, v in again.items()} == pytest.approx(tool)
