"""The checks and the scores of a returned scoring sheet, on its rows as read from either
format (formats/scoring_sheet_reader.py): the About sheet's format, vacancy and member, the
header row, each row's application and criterion as exported, the hidden version and
fingerprint of each score and their signature (a row whose hidden columns were edited is
refused, as a stale row is). Every problem is gathered; nothing is returned half-read."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import Any

from formats.scoring_sheet_checks import SheetScore, checked_row, not_in_sheet
from formats.scoring_sheet_problems import ScoringSheetError, SheetProblem
from scoring.rules.scheme import Scale
from scoring.words.cell_guard import unguard
from scoring.words.scoring_sheet_layout import (
    ABOUT,
    COLUMNS,
    EARLIER_FORMATS,
    FORMAT,
    SCORES,
)

ABOUT_ROWS = 20
# a sheet's rows, each with its number as the sheet shows it: (sheet name, last row or None)
SheetRows = Callable[[str, int | None], Iterable[tuple[int, tuple[Any, ...]]]]


def scores_of(
    names: Collection[str],
    rows_of: SheetRows,
    vacancy_id: int,
    member: str,
    expected: Iterable[tuple[str, str]],
    scale: Scale,
    key: bytes,
) -> list[SheetScore]:
    """The checks and the scores, on a sheet's rows as read from either format: `rows_of(name,
    last row or None)` gives each row with its number (the header is row 1)."""
    missing = [name for name in (SCORES, ABOUT) if name not in names]
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
    about = {
        unguard(str(k)): unguard(v) if isinstance(v, str) else v
        for _, (k, v, *_) in rows_of(ABOUT, ABOUT_ROWS)
        if k
    }
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

    rows = iter(rows_of(SCORES, None))
    first, header = next(rows, (0, ()))
    if first != 1 or tuple(header[: len(COLUMNS)]) != COLUMNS:
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
    allowed_order = list(expected)
    allowed = set(allowed_order)
    seen: dict[tuple[str, str], int] = {}
    scores: list[SheetScore] = []
    for number, values in rows:
        code, criterion, _text, _mark, score, note, version, downloaded, signed = (
            list(values) + [None] * 9
        )[:9]
        if all(v in (None, "") for v in (code, criterion, score, note)):
            continue  # an empty row
        where = (unguard(str(code or "").strip()), unguard(str(criterion or "").strip()))
        if where not in allowed:
            problems.append(
                SheetProblem(
                    SCORES,
                    f"A{number}",
                    f"{where[0]} / {where[1]}",
                    "is not an application and criterion of this sheet as it was exported (was a reference edited, or a row added?); restore it or delete the row.",
                )
            )
            continue
        if where in seen:
            problems.append(
                SheetProblem(
                    SCORES,
                    f"A{number}",
                    f"{where[0]} / {where[1]}",
                    f"repeats row {seen[where]}; keep one row for each application and criterion.",
                )
            )
            continue
        seen[where] = number
        found = checked_row(
            number, where, score, note, (version, downloaded, signed),
            vacancy_id=vacancy_id, member=member, scale=scale, key=key,
        )  # fmt: skip
        if isinstance(found, SheetProblem):
            problems.append(found)
        elif found is not None:
            scores.append(found)
    problems += not_in_sheet(allowed_order, seen)
    if problems:
        raise ScoringSheetError(problems)
    return scores
