"""An applicant's feedback sheet: an Excel workbook and a printable page, from
`scoring.words.feedback.FeedbackSheet`."""

from __future__ import annotations

import html
import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import guard_properties, row
from exports.sheet_finish import finish_table, in_words, on_uk_clocks, widen_for_labels
from scoring.words.feedback import FeedbackSheet

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
PROVISIONAL = "Provisional: the shortlist has not been finalised."
TABLE = ("No.", "Criterion", "Requirement", "Assessed at", "Score", "Score means", "Outcome")
WIDTHS = (6, 50, 13, 13, 8, 24, 55)  # the first widens to the header's labels


def _header(sheet: FeedbackSheet) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("Organisation", sheet.organisation),
        ("Vacancy", sheet.vacancy),
        ("Role", sheet.role),
        ("Application reference", sheet.reference),
    ]
    if sheet.name is not None:
        rows.append(("Name", sheet.name))
    rows += [
        ("Decision", sheet.decision),
        ("Reason", sheet.reason),
        ("Total score", sheet.total),
        *([("Who assessed it", sheet.reviewed)] if sheet.reviewed else []),
        (
            "How essentials are judged",
            f"An essential criterion assessed from the application is met at a score of {sheet.threshold} or above.",
        ),
    ]
    if not sheet.finalised:
        rows.append(("Status", PROVISIONAL))
    rows += [("Prepared by", sheet.prepared_by), ("Prepared on", sheet.prepared_on)]
    return rows


def feedback_workbook(sheet: FeedbackSheet) -> bytes:
    book = Workbook()
    ws = book.active
    assert isinstance(ws, Worksheet)
    ws.title = "Feedback"
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions["ABCDEFG"[i]].width = width
    header = _header(sheet)
    widen_for_labels(ws, "A", [key for key, _ in header], bold=True)
    for key, value in header:
        value, shown_as = on_uk_clocks(value) if isinstance(value, date) else (value, None)
        ws.append(row(ws, [key, value]))
        ws.cell(ws.max_row, 1).font = BOLD
        ws.cell(ws.max_row, 2).alignment = WRAP
        if shown_as:
            ws.cell(ws.max_row, 2).number_format = shown_as
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=7)
    ws.append([])
    ws.append(row(ws, TABLE))
    top = ws.max_row
    for c in ws[top]:
        c.font = BOLD
    for o in sheet.criteria:
        ws.append(
            row(
                ws,
                [o.number or "", o.text, o.requirement, o.stage, o.score, o.score_label, o.outcome],
            )
        )
        for c in ws[ws.max_row]:
            c.alignment = WRAP
    ws.freeze_panes = f"A{top + 1}"
    ws.auto_filter.ref = f"A{top}:G{ws.max_row}"
    finish_table(ws, header_row=top)

    scale = book.create_sheet("Scale")
    scale.append(row(scale, ["Score", "Meaning"]))
    for c in scale[1]:
        c.font = BOLD
    for value, label in sheet.scale:
        scale.append(row(scale, [value, label]))
    scale.column_dimensions["B"].width = 40
    finish_table(scale)

    book.properties.title = f"Feedback: {sheet.reference}"
    book.properties.creator = "Shortlisting"
    guard_properties(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def feedback_page(sheet: FeedbackSheet) -> str:
    """A self-contained page to print or save as PDF from the browser."""
    e = html.escape

    def show(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return in_words(value)
        return e(f"{value:g}" if isinstance(value, float) else str(value))

    head = "".join(f"<tr><th>{e(k)}</th><td>{show(v)}</td></tr>" for k, v in _header(sheet))
    rows = "".join(
        f"<tr><td>{e(o.number or '')}</td><td>{e(o.text)}</td><td>{e(o.requirement)}</td>"
        f"<td>{e(o.stage)}</td><td>{'' if o.score is None else o.score}</td>"
        f"<td>{e(o.score_label)}</td><td>{e(o.outcome)}</td></tr>"
        for o in sheet.criteria
    )
    scale = "".join(f"<li>{value}: {e(label)}</li>" for value, label in sheet.scale)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Feedback: {e(sheet.reference)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:64rem}}
table{{border-collapse:collapse;width:100%;margin-bottom:1rem}}
td,th{{border:1px solid #999;padding:.3rem;vertical-align:top;font-size:.9rem;text-align:left}}
@page{{size:A4 landscape;margin:12mm}}@media print{{body{{margin:0}}}}</style></head>
<body><h1>Feedback on your application</h1><table>{head}</table>
<h2>Each criterion</h2><table><tr>{"".join(f"<th>{h}</th>" for h in TABLE)}</tr>{rows}</table>
<h2>The scale</h2><ul>{scale}</ul></body></html>
"""
