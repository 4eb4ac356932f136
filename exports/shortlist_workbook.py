"""The shortlist workbook HR sends on: Summary, Shortlist, Not shortlisted, Score matrix,
Criteria, Panel scores, Guaranteed interviews, Human review, Audit. Name-blind unless HR chose
to add names.

Written with rustpy-xlsxwriter (Rust's rust_xlsxwriter), chosen by measurement: it writes the
panel scores about eight times as fast as XlsxWriter and fourteen times as fast as openpyxl
(README, "Excel"), so a 10,000-application vacancy keeps its panel scores inside the
workbook. Each sheet is one table. The only formulas are the score matrix's totals, written on
purpose and, by exports/xlsx_package.py, with the tool's own figure as their cached result (or
removed, leaving an empty cell that sorts last, where the tool has no total)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from exports.cells import safe, safe_frame
from exports.local_time import uk_local
from exports.model import DecisionLine, ShortlistExport
from exports.score_matrix import criteria_sheet, matrix_sheet
from exports.sheet_finish import wrapped_height
from exports.workbook_summary import summary_sheet
from exports.workbook_tables import Sheets, guarded, or_header, row_heights
from exports.xlsx_package import Properties, finish_package
from scoring.rules.human_review import review_table

SHEET_ROWS = 1_048_576  # a worksheet's row limit, in Excel and LibreOffice
PANEL_SCORES_ROW_LIMIT = SHEET_ROWS - 1  # the header takes one row


@dataclass(frozen=True)
class WrittenWorkbook:
    panel_scores_in_workbook: bool
    panel_scores_rows: int


SHORTLIST_COLUMNS = ["Rank", "Reference", "Decision", "Schemes", "Total", "Reason"]
REGRET_COLUMNS = ["Reference", "Decision", "Total", "Reason (fit for feedback)"]
SCHEME_COLUMNS = [
    "Reference",
    "Scheme",
    "Status",
    "Applied",
    "Why",
    "Decision",
    "Route (or what is missing)",
]
REVIEW_COLUMNS = ["Reference", "Panel member", "Opened", "Minutes", "Views", "Scored", "Noted"]
AUDIT_COLUMNS = ["When (UK time)", "Who", "What", "Record", "Record id", "Old value", "New value"]


def write_shortlist_workbook(
    data: ShortlistExport, target: Path | IO[bytes], *, panel_scores_csv: Path | None = None
) -> WrittenWorkbook:
    """Write the workbook to `target`. Panel scores beyond a worksheet's row limit go, in the
    interchange format, to `panel_scores_csv` (required then) instead."""
    n_panel = len(data.panel_scores)
    in_workbook = n_panel <= PANEL_SCORES_ROW_LIMIT
    if not in_workbook and panel_scores_csv is None:
        raise ValueError("a companion CSV path is needed for a vacancy this large")
    raw = io.BytesIO()
    sheets = Sheets(raw)
    summary_sheet(sheets, data, in_workbook, panel_scores_csv)
    _decisions(sheets, data)
    totals = matrix_sheet(sheets, data)
    criteria_sheet(sheets, data)
    if in_workbook:
        _panel_scores(sheets, data)
    else:
        assert panel_scores_csv is not None
        # every text field guarded and every field quoted: a line break inside a note stays
        # inside its record, and no field can start a formula
        safe_frame(data.panel_scores).to_csv(
            panel_scores_csv, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL
        )
    _schemes(sheets, data)
    if data.review is not None:
        _human_review(sheets, data)
    _audit(sheets, data)
    sheets.save()
    finished = finish_package(
        raw.getvalue(), properties=_properties(data), results={"Score matrix": totals}
    )
    if isinstance(target, Path):
        target.write_bytes(finished)
    else:
        target.write(finished)
    return WrittenWorkbook(in_workbook, n_panel)


def _properties(data: ShortlistExport) -> Properties:
    return Properties(
        title=safe(f"Shortlist: {data.title}"),
        subject=safe(f"{data.organisation} shortlist ({data.status})"),
        creator="Shortlisting tool",
        last_modified_by=safe(data.exported_by),
        keywords="shortlist; includes personal data"
        if data.include_personal
        else "shortlist; name-blind",
        description=(
            "Names and contact details included at HR's choice."
            if data.include_personal
            else "Name-blind: no names or contact details."
        ),
        created=data.exported_at.replace(tzinfo=None),
    )


def _person(line: DecisionLine, data: ShortlistExport) -> dict[str, Any]:
    if not data.include_personal:
        return {}
    return {"Name": line.name or "", "E-mail": line.email or ""}


def _decisions(sheets: Sheets, data: ShortlistExport) -> None:
    personal = [24, 30] if data.include_personal else []
    invite = [x for x in data.lines if x.invited]
    regret = [x for x in data.lines if not x.invited]
    records = [
        guarded(
            {"Rank": x.rank, "Reference": x.reference, **_person(x, data),
             "Decision": x.decision.label, "Schemes": ", ".join(x.schemes), "Total": x.total,
             "Reason": x.reason}
        )
        for x in invite
    ]  # fmt: skip
    names = ["Name", "E-mail"] if personal else []
    sheets.table(
        "Shortlist", or_header(records, SHORTLIST_COLUMNS, names), [7, 14, *personal, 30, 22, 8, 90], wrap=("Reason",),
        heights=row_heights([((x.reason, 90),) for x in invite]),
    )  # fmt: skip
    records = [
        guarded(
            {"Reference": x.reference, **_person(x, data), "Decision": x.decision.label,
             "Total": x.total, "Reason (fit for feedback)": x.reason}
        )
        for x in regret
    ]  # fmt: skip
    sheets.table(
        "Not shortlisted", or_header(records, REGRET_COLUMNS, names), [14, *personal, 26, 8, 100],
        wrap=("Reason (fit for feedback)",), heights=row_heights([((x.reason, 100),) for x in regret]),
    )  # fmt: skip


PANEL_COLUMNS = {
    "application_id": "Reference",
    "criterion_id": "Criterion id",
    "panel_member": "Panel member",
    "score": "Score",
    "note": "Note",
}


def _panel_scores(sheets: Sheets, data: ShortlistExport) -> None:
    """Up to a worksheet's row limit, straight from the frame: the writer's fast path."""
    frame = data.panel_scores[list(PANEL_COLUMNS)]
    notes = frame["note"].astype(object)
    noted = notes.notna() & (notes != "")
    table = safe_frame(
        frame.assign(
            application_id=_as_text(frame["application_id"]),
            criterion_id=_as_text(frame["criterion_id"]),
            panel_member=_as_text(frame["panel_member"]),
            score=frame["score"].astype("int64"),
            note=notes.where(noted, None),
        )
    ).rename(columns=PANEL_COLUMNS)
    positions = noted.to_numpy().nonzero()[0]
    heights = {
        int(p) + 1: h
        for p, text in zip(positions, notes[noted].astype(str).tolist(), strict=True)
        if (h := wrapped_height([(text, 80)])) is not None
    }
    sheets.table("Panel scores", table, (14, 14, 18, 8, 80), wrap=("Note",), heights=heights)


def _as_text(column: pd.Series) -> pd.Series:
    """A column as text, each distinct value converted once: a million panel scores hold a
    few thousand references, and a category's labels are taken by its codes."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        labels = np.array([*map(str, column.cat.categories), None], dtype=object)
        return pd.Series(labels[column.cat.codes.to_numpy()], index=column.index, dtype=object)
    return column.astype(str)


def _schemes(sheets: Sheets, data: ShortlistExport) -> None:
    personal = [24] if data.include_personal else []
    records = [
        guarded(
            {"Reference": x.reference, **({"Name": x.name or ""} if personal else {}),
             "Scheme": x.scheme, "Status": x.status.replace("_", " "),
             "Applied": "Yes" if x.applied else "No", "Why": x.reason,
             "Decision": x.decision.label, "Route (or what is missing)": x.route}
        )
        for x in data.scheme_lines
    ]  # fmt: skip
    sheets.table(
        "Guaranteed interviews", or_header(records, SCHEME_COLUMNS, ["Name"] if personal else []),
        [14, *personal, 24, 18, 9, 70, 26, 50], wrap=("Why",),
        heights=row_heights([((x.reason, 70),) for x in data.scheme_lines]),
    )  # fmt: skip


def _human_review(sheets: Sheets, data: ShortlistExport) -> None:
    """Who opened each application, for how long, and what they scored and noted (the
    vacancy's figures are on the Summary)."""
    review = data.review
    assert review is not None
    records = [
        guarded(
            {"Reference": row.reference, "Panel member": row.member,
             "Opened": "Yes" if row.opened else "No", "Minutes": row.minutes,
             "Views": row.views, "Scored": row.scored, "Noted": row.noted}
        )
        for row in review_table(review.applications)
    ]  # fmt: skip
    sheets.table("Human review", or_header(records, REVIEW_COLUMNS), (16, 26, 10, 10, 8, 10, 8))


def _audit(sheets: Sheets, data: ShortlistExport) -> None:
    records, texts = [], []
    for e in data.audit:
        old = "" if e.old is None else json.dumps(e.old, default=str)
        new = "" if e.new is None else json.dumps(e.new, default=str)
        texts.append(((old, 45), (new, 45)))
        records.append(
            guarded(
                {"When (UK time)": uk_local(e.at), "Who": e.actor,
                 "What": e.action.replace("_", " "), "Record": e.entity,
                 "Record id": e.entity_id or "", "Old value": old, "New value": new}
            )
        )  # fmt: skip
    if data.audit_score_events:
        records.append(
            {"When (UK time)": None, "Who": None,
             "What": f"{data.audit_score_events:,} individual score saves are in the audit log and not listed here."}
        )  # fmt: skip
    sheets.table(
        "Audit", or_header(records, AUDIT_COLUMNS), (17, 18, 20, 16, 18, 45, 45),
        wrap=("Old value", "New value"), heights=row_heights(texts),
    )  # fmt: skip
