"""Offline scoring sheets: one workbook per panel member and vacancy, with the anonymised
evidence and one row per application x criterion; the score cells only take the scale's
values. Hidden columns keep each score's version as downloaded, so a returned sheet changes
only what the member changed, and never a score changed in the app meanwhile."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from criteria.schema import Criterion
from exports.cells import guard_properties, row
from scoring.scheme import Scale

FORMAT = "shortlisting-scoring-sheet/2"
EARLIER_FORMATS = ("shortlisting-scoring-sheet/1",)
SCORES, EVIDENCE, ABOUT, HOW = "Scores", "Evidence", "About", "How to score"
COLUMNS = ("Panel code", "Criterion id", "Criterion", "Essential?", "Score", "Note")
# Hidden, locked: the version of each score when the sheet was made and a fingerprint of the
# score and note as downloaded, so that re-importing changes only what the member changed and
# refuses a change to a score that moved on since (edited in the app meanwhile).
DRAWN = ("Version", "Downloaded")
UNLOCKED = Protection(locked=False)
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True)


@dataclass(frozen=True)
class SheetApplication:
    panel_code: str
    statement: str
    evidence: Mapping[str, str]


@dataclass(frozen=True)
class SheetScore:
    panel_code: str
    criterion_id: str
    score: int
    note: str
    drawn_version: int | None  # the score's version when the sheet was made (None: no score)
    changed: bool  # the member changed the score or note in the sheet
    cell: str  # where the score is, e.g. "E17"


def fingerprint(score: int | None, note: str) -> str:
    """What a score and note were when the sheet was made, in a short fixed form."""
    return hashlib.sha256(f"{score}|{note}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    cell: str
    value: Any
    message: str

    def __str__(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        shown = "" if self.value in (None, "") else f" '{self.value}'"
        return f"{where}{shown}: {self.message}"


class ScoringSheetError(ValueError):
    def __init__(self, problems: Sequence[SheetProblem]) -> None:
        self.problems = tuple(problems)
        text = "\n".join(str(p) for p in self.problems[:20])
        if len(self.problems) > 20:
            text += f"\n... and {len(self.problems) - 20} more"
        super().__init__(text)


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
) -> None:
    """`existing` holds the member's scores so far:
    (panel code, criterion id) -> (score, note, version)."""
    book = Workbook()
    how = book.active
    assert how is not None
    how.title = HOW
    how.column_dimensions["A"].width = 110
    for line in (
        f"Scoring sheet for {member_name} ({member}): {vacancy_title}",
        "",
        f"Score each application on the '{SCORES}' sheet: type a whole number in the yellow Score column, and a note if you wish.",
        "Leave a score blank if you have not scored it yet. Do not change the other columns or add rows.",
        f"The evidence for each application is on the '{EVIDENCE}' sheet. Applications are anonymised.",
        "When you have finished, give the file back to be imported: every cell is checked, and nothing is stored unless all of it is right.",
        "",
        "The scale:",
        *[f"  {p.value}: {p.label}" for p in scale.points],
    ):
        how.append(row(how, [line]))
    how["A1"].font = Font(bold=True, size=13)

    sheet = book.create_sheet(SCORES)
    for column, width in zip("ABCDEF", (12, 12, 70, 11, 8, 50), strict=True):
        sheet.column_dimensions[column].width = width
    for column in "GH":
        sheet.column_dimensions[column].hidden = True
    sheet.append(row(sheet, [*COLUMNS, *DRAWN]))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    number = 2
    for app in applications:
        for c in criteria:
            score, note, version = existing.get((app.panel_code, c.id), (None, "", None))
            sheet.append(
                row(
                    sheet,
                    [
                        app.panel_code,
                        c.id,
                        c.text,
                        "Essential" if c.is_essential else "Desirable",
                        score,
                        note or None,
                        version,
                        fingerprint(score, note or ""),
                    ],
                )
            )
            sheet.cell(number, 3).alignment = Alignment(wrap_text=True, vertical="top")
            for editable in (5, 6):
                target_cell = sheet.cell(number, editable)
                target_cell.protection = UNLOCKED
                target_cell.fill = EDITABLE_FILL
            number += 1
    last = max(number - 1, 2)
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
    sheet.auto_filter.ref = f"A1:H{last}"  # the hidden columns sort with their rows
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False

    evidence = book.create_sheet(EVIDENCE)
    evidence.column_dimensions["A"].width = 12
    evidence.column_dimensions["B"].width = 90
    headers = ["Panel code", "Supporting statement", *[f"Answer: {c.id}" for c in criteria]]
    for i in range(3, len(headers) + 1):
        evidence.column_dimensions[get_column_letter(i)].width = 50
    evidence.append(row(evidence, headers))
    for cell in evidence[1]:
        cell.font = HEADER_FONT
    for app in applications:
        evidence.append(
            row(
                evidence,
                [app.panel_code, app.statement, *[app.evidence.get(c.id) for c in criteria]],
            )
        )
    for r in evidence.iter_rows(min_row=2):
        for cell in r[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    evidence.freeze_panes = "B2"
    evidence.protection.sheet = True

    about = book.create_sheet(ABOUT)
    for key, value in (
        ("format", FORMAT),
        ("vacancy_id", vacancy_id),
        ("member", member),
        ("scale", f"{scale.minimum}-{scale.maximum}"),
    ):
        about.append(row(about, [key, value]))
    about.sheet_state = "hidden"
    about.protection.sheet = True
    book.properties.title = f"Scoring sheet: {vacancy_title}"
    book.properties.creator = "Shortlisting tool"
    guard_properties(book)
    book.save(target)
