"""Reading a returned scoring sheet: every cell checked, each problem named by sheet, cell and
value; nothing returned half-read."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl import load_workbook

from exports.cells import unguard
from exports.scoring_sheet import (
    ABOUT,
    COLUMNS,
    EARLIER_FORMATS,
    FORMAT,
    SCORES,
    ScoringSheetError,
    SheetProblem,
    SheetScore,
    fingerprint,
)
from scoring.scheme import Scale


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
    if about.get("format") in EARLIER_FORMATS:
        raise ScoringSheetError(
            [
                SheetProblem(
                    ABOUT,
                    "B1",
                    about.get("format"),
                    "this sheet was made by an earlier version of the tool; download a fresh scoring sheet and copy your scores into it.",
                )
            ]
        )
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
        code, criterion, _text, _mark, score, note, version, downloaded = (
            list(values) + [None] * 8
        )[:8]
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
        text = unguard(str(note)) if note is not None else ""
        scores.append(
            SheetScore(
                key[0],
                key[1],
                value,
                text,
                _whole_number(version) if version not in (None, "") else None,
                fingerprint(value, text) != downloaded,
                f"E{number}",
            )
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
