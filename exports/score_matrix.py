"""The score matrix (agreed scores, one row per application, under a row of requirements and a
row of weights, with the total as a formula) and the Criteria sheet that says what each of its
columns is."""

from __future__ import annotations

import rustpy_xlsxwriter as xlsx
from openpyxl.utils import get_column_letter

from exports.cells import safe
from exports.model import ShortlistExport
from exports.workbook_tables import Sheets, guarded, row_heights
from exports.xlsx_package import Result
from scoring.rules.shortlist import Outcome

ESSENTIAL = xlsx.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#C00000")
MATRIX_TOP = 3  # header, requirement and weight rows above the first application
NO_TOTAL = "No total because"


def matrix_sheet(sheets: Sheets, data: ShortlistExport) -> dict[str, Result]:
    """The agreed scores, one row per application, under a row of requirements and a row of
    weights; the total is a formula with the tool's own figure cached, and a truly empty cell
    (with the reason beside it) exactly where the tool has no total: a formula that shows ""
    holds text, which Excel and LibreOffice sort above every number, so a withdrawn or
    incomplete application would head the matrix sorted by Total; an empty cell sorts last
    in both, ascending and descending."""
    criteria = data.criteria
    headers = [f"{c.number}" if c.number else c.id for c in criteria]
    width = len(criteria)
    first, last = get_column_letter(2), get_column_letter(width + 1)
    why, total = get_column_letter(width + 2), get_column_letter(width + 3)
    lines = {x.reference: x for x in data.lines}
    records = [
        {"Reference": "Requirement", **{h: "Essential" if c.is_essential else "Desirable" for h, c in zip(headers, criteria, strict=True)}, NO_TOTAL: None},
        {"Reference": "Weight", **dict(zip(headers, data.weights, strict=True)), NO_TOTAL: None},
    ]  # fmt: skip
    results: dict[str, Result] = {f"{total}2": None, f"{total}3": None}
    for i, (reference, values) in enumerate(
        zip(data.matrix_references, data.agreed.tolist(), strict=True)
    ):
        scores = [None if v != v else v for v in values]  # NaN -> empty cell
        line = lines.get(reference)
        tool_total = line.total if line is not None else None
        reason = None
        if tool_total is None:
            missing = sum(v is None for v in scores)
            reason = (
                "withdrawn"
                if line is not None and line.decision is Outcome.WITHDRAWN
                else f"scoring incomplete: {missing} of {width} criteria have no agreed score"
                if missing
                else "no total recorded"
            )
        # the scores are numbers or None: only the reference and the reason are text to guard
        records.append(
            {
                "Reference": safe(reference),
                **dict(zip(headers, scores, strict=True)),
                NO_TOTAL: safe(reason),
            }
        )
        results[f"{total}{i + MATRIX_TOP + 1}"] = tool_total  # None: the formula cell removed
    weights = f"${first}$3:${last}$3"
    sheets.table(
        "Score matrix", records, [14, *([7] * width), 22, 9], header_rows=MATRIX_TOP,
        freeze_columns=1,
        formula_columns={"Total": f'=IF(${why}{{row}}="",SUMPRODUCT({weights},{first}{{row}}:{last}{{row}}),"")'},
        conditional_formats={
            h: {"type": "text", "criteria": "begins_with", "value": "Essential", "format": ESSENTIAL}
            for h in headers
        },
    )  # fmt: skip
    return results


def criteria_sheet(sheets: Sheets, data: ShortlistExport) -> None:
    records = [
        guarded(
            {"Column": f"{c.number}" if c.number else c.id, "Criterion id": c.id,
             "Requirement": "Essential" if c.is_essential else "Desirable",
             "Assessed at": c.stage_words, "Criterion": c.text}
        )
        for c in data.criteria
    ]  # fmt: skip
    sheets.table(
        "Criteria", records, (10, 12, 14, 12, 90), wrap=("Criterion",),
        heights=row_heights([((c.text, 90),) for c in data.criteria]),
    )  # fmt: skip
