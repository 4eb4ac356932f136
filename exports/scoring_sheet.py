"""Offline scoring sheets: one workbook per panel member and vacancy, with the anonymised
evidence and one row per application x criterion; the score cells only take the scale's
values. Hidden columns keep each score's version as downloaded, so a returned sheet changes
only what the member changed, and never a score changed in the app meanwhile; a signature in
another (a keyed hash the member cannot make) holds those columns to what the tool wrote. The
layout (sheets, columns, signature) is scoring/words/scoring_sheet_layout.py, which the reader
(formats/scoring_sheet_reader.py) shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from criteria.schema import Criterion
from exports.cells import cell, guard_properties, row
from exports.sheet_finish import finish_page, finish_table, in_words, passages
from scoring.clean_text import clean_text
from scoring.rules.scheme import Scale
from scoring.words.scoring_sheet_layout import (
    ABOUT,
    COLUMNS,
    DRAWN,
    EVIDENCE,
    FORMAT,
    HOW,
    SCORES,
    fingerprint,
    signature,
)

UNLOCKED = Protection(locked=False)
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
STATEMENT = "Supporting statement"
EVIDENCE_COLUMNS = ("Panel code", "Evidence for", "Evidence")
EVIDENCE_WIDTHS = (12, 40, 100)


@dataclass(frozen=True)
class SheetApplication:
    panel_code: str
    statement: str
    evidence: Mapping[str, str]


def write_scoring_sheet(
    target: Any,
    *,
    vacancy_id: int,
    vacancy_title: str,
    member: str,
    member_name: str,
    criteria: Sequence[Criterion],
    scale: Scale,
    applications: Sequence[SheetApplication],
    existing: Mapping[tuple[str, str], tuple[int, str, int]] = {},
    made_at: datetime | None = None,
    key: bytes,
) -> None:
    """`existing` holds the member's scores so far:
    (panel code, criterion id) -> (score, note, version). `made_at` (UTC) is shown on UK clocks.
    `key` signs each row's hidden columns (`signature`)."""
    book = Workbook()
    how = book.active
    assert how is not None
    how.title = HOW
    how.column_dimensions["A"].width = 110
    made = [f"Made on {in_words(made_at)} (UK time)."] if made_at else []
    for line in (
        f"Scoring sheet for {member_name} ({member}): {vacancy_title}",
        *made,
        "",
        f"Score each application on the '{SCORES}' sheet: type a whole number in the yellow Score column, and a note if you wish.",
        "Leave a score blank if you have not scored it yet. Do not change the other columns or add rows.",
        f"The evidence for each application is on the '{EVIDENCE}' sheet. Applications are anonymised.",
        "When you have finished, give the file back to be imported: every cell is checked, and nothing is stored unless all of it is right.",
        "",
        "The scale:",
        *[f"  {p.value}: {p.label}" for p in scale.points],
    ):
        how.append(row(how, [cell(how, line, alignment=WRAP)]))
    how["A1"].font = Font(bold=True, size=13)
    finish_page(how)

    sheet = book.create_sheet(SCORES)
    for column, width in zip("ABCDEF", (12, 12, 70, 11, 8, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for column in "GHI":
        sheet.column_dimensions[column].hidden = True
    sheet.append(row(sheet, [cell(sheet, title, font=HEADER_FONT) for title in (*COLUMNS, *DRAWN)]))
    for app in applications:
        for c in criteria:
            score, note, version = existing.get((app.panel_code, c.id), (None, "", None))
            drawn = fingerprint(score, clean_text(note or ""))  # the note as shown
            signed = signature(
                key, vacancy_id=vacancy_id, member=member, panel_code=app.panel_code,
                criterion_id=c.id, version=version, downloaded=drawn,
            )  # fmt: skip
            sheet.append(
                row(
                    sheet,
                    [
                        app.panel_code,
                        c.id,
                        cell(sheet, c.text, alignment=WRAP),
                        "Essential" if c.is_essential else "Desirable",
                        cell(sheet, score, fill=EDITABLE_FILL),
                        cell(sheet, note or None, fill=EDITABLE_FILL, alignment=WRAP),
                        version,
                        drawn,
                        signed,
                    ],
                )
            )
            for editable in (5, 6):
                sheet.cell(sheet.max_row, editable).protection = UNLOCKED
    last = max(sheet.max_row, 2)
    validation = DataValidation(
        type="whole",
        operator="between",
        formula1=str(scale.minimum),
        formula2=str(scale.maximum),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not on the scale",
        error=f"Type a whole number from {scale.minimum} to {scale.maximum}.",
        promptTitle="Score",
        prompt="; ".join(f"{p.value} {p.label}" for p in scale.points),
        showInputMessage=True,
    )
    validation.add(f"E2:E{last}")
    sheet.add_data_validation(validation)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:I{last}"  # the hidden columns sort with their rows
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False
    finish_table(sheet)

    _evidence(book.create_sheet(EVIDENCE), criteria, applications)
    about = book.create_sheet(ABOUT)
    for name, value in (
        ("format", FORMAT),
        ("vacancy_id", vacancy_id),
        ("member", member),
        ("scale", f"{scale.minimum}-{scale.maximum}"),
    ):
        about.append(row(about, [name, value]))
    about.sheet_state = "hidden"
    about.protection.sheet = True
    book.properties.title = f"Scoring sheet: {vacancy_title}"
    book.properties.creator = "Shortlisting tool"
    guard_properties(book)
    book.save(target)


def _evidence(
    sheet: Any, criteria: Sequence[Criterion], applications: Sequence[SheetApplication]
) -> None:
    """One row for each application's supporting statement and each answer it gave, read
    down the page (a long statement over several rows, each as tall as its text): printed,
    the sheet's three columns fit across the page however many criteria there are."""
    for column, width in zip("ABC", EVIDENCE_WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(row(sheet, [cell(sheet, title, font=HEADER_FONT) for title in EVIDENCE_COLUMNS]))
    for app in applications:
        answers = [(f"Answer to {c.id}: {c.text}", app.evidence.get(c.id)) for c in criteria]
        for title, text in [(STATEMENT, app.statement), *answers]:
            if title != STATEMENT and not (text and text.strip()):
                continue  # no answer given: nothing to read or print
            for i, passage in enumerate(passages(text or "", EVIDENCE_WIDTHS[2])):
                shown = f"{title} (continued)" if i else title
                texts = [cell(sheet, value, alignment=WRAP) for value in (shown, passage or None)]
                sheet.append(row(sheet, [app.panel_code, *texts]))
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    finish_table(sheet)
