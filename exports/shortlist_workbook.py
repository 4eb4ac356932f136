"""The shortlist workbook (basic form): decisions with reasons, and agreed scores."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from exports.cells import safe
from scoring.shortlist import ShortlistResult

BOLD = Font(bold=True)


def write_shortlist_workbook(result: ShortlistResult, path: Path) -> None:
    book = Workbook()
    decisions = book.active
    assert decisions is not None
    decisions.title = "Decisions"
    decisions.append(
        ["Rank", "Reference", "Decision", "Schemes", "Total", "Failed essentials", "Reason"]
    )
    for d in result.decisions:
        decisions.append(
            [
                d.rank,
                safe(d.application_id),
                d.decision.value.replace("_", " "),
                ", ".join(d.schemes),
                d.total,
                ", ".join(d.failed_essentials),
                safe(d.reason),
            ]
        )
    for cell in decisions[1]:
        cell.font = BOLD
    for row in decisions.iter_rows(min_row=2, min_col=7, max_col=7):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDEFG", (6, 14, 24, 18, 8, 18, 90), strict=True):
        decisions.column_dimensions[column].width = width
    decisions.freeze_panes = "A2"

    scores = book.create_sheet("Agreed scores")
    criteria = result.vacancy.scored_criteria
    scores.append(["Reference", *[c.id for c in criteria], "Total"])
    moderation = result.moderation
    totals = dict(zip(moderation.cube.application_ids, result.standing.totals, strict=True))
    for i, app_id in enumerate(moderation.cube.application_ids):
        values = [None if np.isnan(v) else float(v) for v in moderation.agreed[i]]
        total = totals[app_id]
        scores.append([safe(app_id), *values, None if np.isnan(total) else float(total)])
    for cell in scores[1]:
        cell.font = BOLD
    scores.freeze_panes = "B2"
    book.save(path)
