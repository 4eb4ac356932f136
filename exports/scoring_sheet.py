"""Offline scoring sheets: one workbook per panel member and vacancy, with the anonymised
evidence and one row per application x criterion; the score cells only take the scale's
values. Reading one back checks every cell and names sheet, cell and value for each problem."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from criteria.schema import Criterion
from exports.cells import safe_text, unguard
from scoring.scheme import Scale

FORMAT = "shortlisting-scoring-sheet/1"
SCORES, EVIDENCE, ABOUT, HOW = "Scores", "Evidence", "About", "How to score"
COLUMNS = ("Panel code", "Criterion id", "Criterion", "Essential?", "Score", "Note")
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
    existing: Mapping[tuple[str, str], tuple[int, str]] = {},
) -> None:
    """`existing` holds the member's scores so far, (panel code, criterion id) -> (score, note)."""
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
        how.append([line])
    how["A1"].font = Font(bold=True, size=13)

    sheet = book.create_sheet(SCORES)
    for column, width in zip("ABCDEF", (12, 12, 70, 11, 8, 50), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    row = 2
    for app in applications:
        for c in criteria:
            score, note = existing.get((app.panel_code, c.id), (None, ""))
            sheet.append(
                [
                    app.panel_code,
                    c.id,
                    c.text,
                    "Essential" if c.is_essential else "Desirable",
                    score,
                    note or None,
                ]
            )
            for cell in sheet[row]:
                if isinstance(cell.value, str):  # text, never a formula
                    cell.value = safe_text(cell.value)
                    cell.data_type = "s"
            sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
            for column in (5, 6):
                target_cell = sheet.cell(row, column)
                target_cell.protection = UNLOCKED
                target_cell.fill = EDITABLE_FILL
            row += 1
    last = max(row - 1, 2)
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
    sheet.auto_filter.ref = f"A1:F{last}"
    sheet.protection.sheet = True
    sheet.protection.autoFilter = False
    sheet.protection.sort = False

    evidence = book.create_sheet(EVIDENCE)
    evidence.column_dimensions["A"].width = 12
    evidence.column_dimensions["B"].width = 90
    headers = ["Panel code", "Supporting statement", *[f"Answer: {c.id}" for c in criteria]]
    for i in range(3, len(headers) + 1):
        evidence.column_dimensions[get_column_letter(i)].width = 50
    evidence.append(headers)
    for cell in evidence[1]:
        cell.font = HEADER_FONT
    for app in applications:
        evidence.append(
            [app.panel_code, app.statement, *[app.evidence.get(c.id) for c in criteria]]
        )
    for r in evidence.iter_rows(min_row=2):
        for cell in r[1:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.value = safe_text(cell.value)
                cell.data_type = "s"
    evidence.freeze_panes = "B2"
    evidence.protection.sheet = True

    about = book.create_sheet(ABOUT)
    for key, value in (
        ("format", FORMAT),
        ("vacancy_id", vacancy_id),
        ("member", member),
        ("scale", f"{scale.minimum}-{scale.maximum}"),
    ):
        about.append([key, value])
    about.sheet_state = "hidden"
    about.protection.sheet = True
    book.properties.title = f"Scoring sheet: {vacancy_title}"
    book.properties.creator = "Shortlisting tool"
    book.save(target)


def read_scoring_sheet(
    data: bytes,
    *,
    vacancy_id: int,
    member: str,
    expected: Iterable[tuple[str, str]],
    scale: Scale,
) -> list[SheetScore]:
    """Every non-blank score in the sheet. Any problem anywhere raises ScoringSheetError with
    all of them; nothing is returned half-read."""
    if data[:4] != b"PK\x03\x04":
        raise ScoringSheetError(
            [
                SheetProblem(
                    "file",
                    "",
                    None,
                    "is not an Excel workbook (.xlsx); give back the scoring sheet as it was downloaded.",
                )
            ]
        )
    try:
        book = load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ScoringSheetError(
            [
                SheetProblem(
                    "file", "", None, f"cannot be opened as a workbook ({type(exc).__name__})."
                )
            ]
        ) from None
    missing = [name for name in (SCORES, ABOUT) if name not in book.sheetnames]
    if missing:
        raise ScoringSheetError(
            [
                SheetProblem(
                    name,
                    "",
                    None,
                    "the sheet is missing; download a fresh scoring sheet and copy your scores into it.",
                )
                for name in missing
            ]
        )
    about = {str(k): v for k, v, *_ in book[ABOUT].iter_rows(values_only=True) if k}
    problems: list[SheetProblem] = []
    if about.get("format") != FORMAT:
        problems.append(
            SheetProblem(
                ABOUT, "B1", about.get("format"), "this is not a scoring sheet from this tool."
            )
        )
    if str(about.get("vacancy_id")) != str(vacancy_id):
        problems.append(
            SheetProblem(
                ABOUT,
                "B2",
                about.get("vacancy_id"),
                f"this sheet is for another vacancy, not vacancy {vacancy_id}.",
            )
        )
    if about.get("member") != member:
        problems.append(
            SheetProblem(
                ABOUT,
                "B3",
                about.get("member"),
                f"this sheet belongs to another panel member, not {member}.",
            )
        )
    if problems:
        raise ScoringSheetError(problems)

    sheet = book[SCORES]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise ScoringSheetError(
            [
                SheetProblem(
                    SCORES,
                    "A1",
                    None,
                    f"the header row was changed; it must read: {', '.join(COLUMNS)}.",
                )
            ]
        )
    allowed = set(expected)
    seen: dict[tuple[str, str], int] = {}
    scores: list[SheetScore] = []
    for number, values in enumerate(rows, start=2):
        code, criterion, _text, _mark, score, note = (list(values) + [None] * 6)[:6]
        if all(v in (None, "") for v in (code, criterion, score, note)):
            continue  # an empty row
        key = (str(code or "").strip(), str(criterion or "").strip())
        if key not in allowed:
            problems.append(
                SheetProblem(
                    SCORES,
                    f"A{number}",
                    f"{key[0]} / {key[1]}",
                    "is not an application and criterion of this sheet as it was exported (was a reference edited, or a row added?); restore it or delete the row.",
                )
            )
            continue
        if key in seen:
            problems.append(
                SheetProblem(
                    SCORES,
                    f"A{number}",
                    f"{key[0]} / {key[1]}",
                    f"repeats row {seen[key]}; keep one row for each application and criterion.",
                )
            )
            continue
        seen[key] = number
        if score is None or (isinstance(score, str) and not score.strip()):
            continue
        value = _whole_number(score)
        if value is None or not scale.minimum <= value <= scale.maximum:
            problems.append(
                SheetProblem(
                    SCORES,
                    f"E{number}",
                    score,
                    f"is not on the {scale.name} scale; type a whole number from {scale.minimum} to {scale.maximum}.",
                )
            )
            continue
        scores.append(
            SheetScore(key[0], key[1], value, unguard(str(note)) if note is not None else "")
        )
    if problems:
        raise ScoringSheetError(problems)
    return scores


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
