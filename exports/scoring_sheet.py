"""Offline scoring sheets: one workbook per panel member and vacancy, with the anonymised
evidence and one row per application x criterion; the score cells only take the scale's
values. Hidden columns keep each score's version as downloaded, so a returned sheet changes
only what the member changed, and never a score changed in the app meanwhile; a signature in
another (a keyed hash the member cannot make) holds those columns to what the tool wrote. The
layout (sheets, columns, signature) is scoring/words/scoring_sheet_layout.py, which the reader
(formats/scoring_sheet_reader.py) shares.

Written row by row (exports/streamed_sheet.py): 10,000 applications x 20 criteria in seconds.
The Scores sheet is protected, its header row locked; its rows are not, so that the toolbar's
sort works on it in Excel and LibreOffice (either refuses to sort a range holding a locked
cell). Each row carries its own panel code, criterion and signed hidden columns, so a sorted
sheet reads back as well as the one downloaded, and an edited code or hidden value is refused
on import as before. Printed, the Score and Note cells are boxes to write in, and every label
sits at the top of its row beside the top of its wrapped text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from openpyxl.worksheet.datavalidation import DataValidation

from criteria.schema import Criterion
from exports.scoring_sheet_pages import (
    BOX,
    EDITABLE_FILL,
    TOP,
    UNLOCKED,
    WRAP,
    about_sheet,
    evidence_sheet,
    how_sheet,
)
from exports.streamed_sheet import StreamedBook
from scoring.clean_text import clean_text
from scoring.rules.scheme import Scale
from scoring.words.scoring_sheet_layout import COLUMNS, DRAWN, SCORES, fingerprint, signature

SCORES_WIDTHS = (12, 12, 70, 11, 8, 50, 8.43, 8.43, 8.43)


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
    book = StreamedBook()
    how_sheet(book, vacancy_title, member, member_name, scale, made_at)
    scores = book.sheet(
        SCORES, widths=SCORES_WIDTHS, rows=1 + len(applications) * len(criteria),
        header=(*COLUMNS, *DRAWN), hidden="GHI", freeze="C2", wrap=(2, 5),
    )  # fmt: skip
    sheet = scores.sheet
    label = scores.style(alignment=TOP, border=BOX, protection=UNLOCKED)
    text = scores.style(alignment=WRAP, border=BOX, protection=UNLOCKED)
    score = scores.style(alignment=TOP, border=BOX, protection=UNLOCKED, fill=EDITABLE_FILL)
    note = scores.style(alignment=WRAP, border=BOX, protection=UNLOCKED, fill=EDITABLE_FILL)
    drawn = scores.style(protection=UNLOCKED)
    styles = (label, label, text, label, score, note, drawn, drawn, drawn)
    for app in applications:
        for c in criteria:
            given, given_note, version = existing.get((app.panel_code, c.id), (None, "", None))
            shown = fingerprint(given, clean_text(given_note or ""))  # the note as shown
            signed = signature(
                key, vacancy_id=vacancy_id, member=member, panel_code=app.panel_code,
                criterion_id=c.id, version=version, downloaded=shown,
            )  # fmt: skip
            kind = "Essential" if c.is_essential else "Desirable"
            values = (app.panel_code, c.id, c.text, kind, given, given_note or None, version)
            scores.append((*values, shown, signed), styles)
    last = max(scores.written, 2)
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
    sheet.data_validations.append(validation)
    sheet.auto_filter.ref = f"A1:I{last}"  # the hidden columns sort with their rows
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False

    evidence_sheet(book, criteria, applications)
    about_sheet(book, vacancy_id, member, scale)
    book.save(target, title=f"Scoring sheet: {vacancy_title}")
