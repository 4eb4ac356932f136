"""A candidate's take-away: the self-check summary (XLSX and a printable page) and a
supporting-statement outline ordered by the person specification."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from criteria.schema import CATEGORY_LABELS
from exports.cells import cell, guard_properties, row
from exports.sheet_finish import finish_page, finish_table, in_words, on_uk_clocks, widen_for_labels
from scoring.applicant.other_roles import RoleFit
from scoring.applicant.self_check import SelfCheck

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")


def _mark(result: object) -> str:
    c = result.criterion  # type: ignore[attr-defined]
    return (
        "Behaviour"
        if c.category.value == "behaviour"
        else ("Essential" if c.is_essential else "Desirable")
    )


def summary_workbook(
    check: SelfCheck, fits: Sequence[RoleFit], guidance: Sequence[str], checked: date
) -> bytes:
    """`checked` is the day of the check, or its moment (UTC), shown on UK clocks."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Summary"
    v = check.variant
    checked_on, shown_as = on_uk_clocks(checked)
    rows = [
        ("Role", v.label),
        ("Organisation", v.organisation.name),
        ("Checked on", checked_on),
        ("Essential criteria shown", f"{check.essentials_shown} of {len(check.essentials)}"),
        (
            "Meets the minimum criteria (your own view)",
            "Yes" if check.meets_essentials else "Not yet",
        ),
        ("Overall fit", f"{check.fit:.0%}"),
    ]
    if check.level:
        rows.append(("Level you match", check.level.matched or "not level A yet"))
    for key, value in rows:
        sheet.append(row(sheet, [key, value]))
        sheet.cell(sheet.max_row, 1).font = BOLD
    sheet["B3"].number_format = shown_as
    sheet.append([])
    for line in guidance:
        sheet.append(row(sheet, ["Guaranteed interview", line]))
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 2).alignment = WRAP
    widen_for_labels(sheet, "A", [key for key, _ in rows], bold=True)
    sheet.column_dimensions["B"].width = 90
    finish_page(sheet)

    detail = book.create_sheet("Criteria")
    detail.append(
        row(
            detail,
            ["Group", "Criterion", "Type", "Assessed at", "Your rating", "Your example", "Advice"],
        )
    )
    for c in detail[1]:
        c.font = BOLD
    for r in check.results:
        detail.append(
            row(
                detail,
                [
                    CATEGORY_LABELS[r.criterion.category],
                    r.criterion.text,
                    _mark(r),
                    r.criterion.stage_words,
                    r.answer.rating.label,
                    r.answer.example or "",
                    r.advice,
                ],
            )
        )
    for cells in detail.iter_rows(min_row=2):
        for c in cells:
            c.alignment = WRAP
    for column, width in zip("ABCDEFG", (18, 45, 11, 12, 12, 50, 50), strict=True):
        detail.column_dimensions[column].width = width
    detail.freeze_panes = "A2"
    finish_table(detail)

    others = book.create_sheet("Other roles")
    others.append(row(others, ["Role", "Organisation", "Fit", "Why"]))
    for c in others[1]:
        c.font = BOLD
    for f in fits:
        others.append(
            row(
                others,
                [
                    cell(others, f.variant.label, alignment=WRAP),
                    f.variant.organisation.name,
                    round(f.fit, 2),
                    cell(others, f.reasoning, alignment=WRAP),
                ],
            )
        )
    others.column_dimensions["A"].width = 50
    others.column_dimensions["D"].width = 80
    widen_for_labels(others, "B", [f.variant.organisation.name for f in fits], bold=False)
    others.freeze_panes = "A2"
    finish_table(others)
    out = io.BytesIO()
    book.properties.title = f"Self-check: {v.label}"
    book.properties.creator = "Shortlisting tool (candidate self-check)"
    guard_properties(book)
    book.save(out)
    return out.getvalue()


def statement_outline(check: SelfCheck) -> str:
    """Headings in the order of the person specification, with the candidate's examples."""
    v = check.variant
    lines = [f"Supporting statement outline: {v.label} ({v.organisation.name})", ""]
    lines.append(
        "Give an example for each criterion: the Situation, your Task, the Action you took and the Result."
    )
    for category, criteria in v.by_category():
        lines += ["", CATEGORY_LABELS[category].upper()]
        for c in criteria:
            r = next(x for x in check.results if x.criterion.id == c.id)
            mark = (
                "Essential"
                if c.is_essential
                else ("Behaviour" if c.category.value == "behaviour" else "Desirable")
            )
            lines.append(f"\n{c.text} ({mark})")
            lines.append(
                r.answer.example.strip()
                if r.answer.example.strip()
                else "[Your example: situation, task, action, result]"
            )
    return "\n".join(lines) + "\n"


def printable_page(
    check: SelfCheck, fits: Sequence[RoleFit], guidance: Sequence[str], checked: date
) -> str:
    """A self-contained page to print or save as PDF from the browser."""
    e = html.escape
    v = check.variant
    rows = "".join(
        f"<tr><td>{e(r.criterion.text)}</td><td>{_mark(r)}</td><td>{e(r.answer.rating.label)}</td><td>{e(r.answer.example)}</td><td>{e(r.advice)}</td></tr>"
        for r in check.results
    )
    others = "".join(
        f"<li><b>{e(f.variant.label)}</b> ({e(f.variant.organisation.short_name)}), fit {f.fit:.0%}: {e(f.reasoning)}</li>"
        for f in fits
    )
    schemes = (
        "".join(f"<li>{e(g)}</li>" for g in guidance) or "<li>No scheme questions answered.</li>"
    )
    level = (
        f"<p>Level you match: <b>{e(check.level.matched or 'not level A yet')}</b>.</p>"
        if check.level
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Self-check: {e(v.label)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}}table{{border-collapse:collapse;width:100%}}
td,th{{border:1px solid #999;padding:.3rem;vertical-align:top;font-size:.9rem}}@media print{{body{{margin:0}}}}</style></head>
<body><h1>Self-check: {e(v.label)}</h1><p>{e(v.organisation.name)}, checked on {in_words(checked)}.</p>
<p>Essential criteria shown: <b>{check.essentials_shown} of {len(check.essentials)}</b>. Overall fit: <b>{check.fit:.0%}</b>.</p>{level}
<h2>Guaranteed interview</h2><ul>{schemes}</ul>
<h2>Criteria</h2><table><tr><th>Criterion</th><th>Type</th><th>Your rating</th><th>Your example</th><th>Advice</th></tr>{rows}</table>
<h2>Roles that fit you</h2><ol>{others}</ol></body></html>
"""
