"""Issue 29, item 7: the offline scoring sheet on paper and sorted, in LibreOffice Calc. Printed
(to PDF), each label on the Evidence sheet sits level with the first line of the text beside
it, not at the foot of its row beside the next applicant's text; the Score and Note cells are
boxes to write in; and the toolbar's sort works on the protected Scores sheet, the sorted
sheet, saved by LibreOffice, importing with every score on its own application. One Calc
session does it all."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
from openpyxl import load_workbook

from criteria.loader import Catalogue
from formats.scoring_sheet_reader import read_scoring_sheet
from scoring.rules.scheme import SCALES
from tests.integration.libreoffice import XLSX, run_calc
from tests.integration.libreoffice import calc as calc  # the fixture: LibreOffice is here
from tests.integration.test_libreoffice_print import PDF, scoring_sheet, vacancy

pytestmark = pytest.mark.usefixtures("calc")

CODE = re.compile(r"^P\d{5}$")
LABEL = re.compile(r"^(Supporting statement|Answer to )")


def fragments(page: pypdf.PageObject) -> list[tuple[str, float]]:
    """Each piece of text on the page with the height it is printed at."""
    found: list[tuple[str, float]] = []

    def seen(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((text.strip(), round(tm[5] * cm[3] + cm[5], 1)))

    page.extract_text(visitor_text=seen)
    return found


def test_the_scoring_sheet_prints_labels_beside_their_text_boxes_to_score_in_and_sorts(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    path, _ = scoring_sheet(catalogue, tmp_path)
    criteria = [c.id for c in vacancy(catalogue).criteria]
    typed = {3: 3, 4: 0, 5: 1, 6: 3}  # row: score, on P00001's criteria 2 to 5
    pdf, resaved = tmp_path / "sheet.pdf", tmp_path / "sorted.xlsx"
    answer = run_calc(
        path,
        steps=[
            {"set": {"Scores": {f"E{r}": score for r, score in typed.items()}}},
            {"borders": {"Scores": ["E2", "F2", "E40", "F40"]}},
            {"toolbar_sort": {"sheet": "Scores", "cell": "E2", "descending": True}},
        ],
        save=[{"path": resaved, "filter": XLSX}, {"path": pdf, "filter": PDF}],
    )
    for cell in ("E2", "F2", "E40", "F40"):
        sides = answer[f"Scores!{cell} borders"]
        assert all(width > 0 for width in sides.values()), (cell, sides)

    # printed: each application's code level with the label and the first line beside it
    evidence = [
        page
        for page in pypdf.PdfReader(pdf).pages
        if " ".join(page.extract_text().split()).startswith("Panel code Evidence for Evidence")
    ]
    assert evidence
    misplaced = []
    for page in evidence:
        pieces = fragments(page)
        labels = {height for text, height in pieces if LABEL.match(text)}
        codes = [(text, height) for text, height in pieces if CODE.match(text)]
        misplaced += [(t, h) for t, h in codes if not any(abs(h - y) <= 2 for y in labels)]
    assert misplaced == [], f"codes printed away from their labels: {misplaced[:5]}"

    # sorted with the toolbar on the protected sheet, saved by LibreOffice: imported the same
    sorted_sheet = load_workbook(resaved)["Scores"]
    assert sorted_sheet.protection.sheet
    assert [sorted_sheet[f"E{r}"].value for r in range(2, 7)] == [3, 3, 2, 1, 0]
    scores = read_scoring_sheet(
        resaved.read_bytes(),
        vacancy_id=1,
        member="rpatel",
        expected=[(f"P{a:05d}", c) for a in range(1, 7) for c in criteria],
        scale=SCALES["0-3"],
        key=b"print test",
    )
    assert {(s.panel_code, s.criterion_id, s.score) for s in scores} == {
        ("P00001", criteria[0], 2),  # scored before the download
        *(("P00001", criteria[r - 2], score) for r, score in typed.items()),
    }
