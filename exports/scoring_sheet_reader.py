"""Reading a returned scoring sheet: every cell checked, each problem named by sheet, cell and
value; nothing returned half-read. Bounded: the file is held to its limits before openpyxl
opens it (exports/scoring_sheet_bounds.py), read in openpyxl's read-only mode, and its rows and
cells checked as they are read, stopping at the first over a limit. A sheet saved by
LibreOffice as .ods is read by exports/scoring_sheet_ods.py, within the same limits, and held
to the same checks: the About sheet's format, vacancy and member, the header row, each row's
application and criterion as exported, the hidden version and fingerprint of each score and
their signature (a row whose hidden columns were edited is refused, as a stale row is)."""

from __future__ import annotations

import hmac
import io
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from openpyxl import load_workbook

from exports import scoring_sheet_bounds
from exports.cells import unguard
from exports.scoring_sheet import (
    ABOUT,
    COLUMNS,
    DRAWN,
    EARLIER_FORMATS,
    FORMAT,
    SCORES,
    ScoringSheetError,
    SheetProblem,
    SheetScore,
    fingerprint,
    signature,
)
from exports.scoring_sheet_bounds import check_bounds, too_many_rows, unreadable
from exports.scoring_sheet_ods import SheetRows, ods_sheets
from formats.ods_files import is_ods
from formats.spreadsheet_files import Limits
from scoring.rules.scheme import Scale

ABOUT_ROWS = 20
WIDTH = len(COLUMNS) + len(DRAWN)


def read_scoring_sheet(
    data: bytes,
    *,
    vacancy_id: int,
    member: str,
    expected: Iterable[tuple[str, str]],
    scale: Scale,
    key: bytes,
    limits: Limits | None = None,
) -> list[SheetScore]:
    """Every non-blank score in the sheet. Any problem anywhere raises ScoringSheetError with
    all of them; nothing is returned half-read. `key` checks each row's signature (the key the
    sheet was written with). `limits` default to SHEET_LIMITS."""
    limits = limits or scoring_sheet_bounds.SHEET_LIMITS
    if len(data) <= limits.file_bytes and data[:4] != b"PK\x03\x04":
        raise ScoringSheetError(
            [
                SheetProblem(
                    "file",
                    "",
                    None,
                    "is not an Excel workbook (.xlsx) or an OpenDocument spreadsheet (.ods); give back the scoring sheet as it was downloaded, or as Excel or LibreOffice saved it.",
                )
            ]
        )
    if is_ods(data):  # saved by LibreOffice in its own format
        names, rows = ods_sheets(data, limits, (SCORES, ABOUT), WIDTH)
        return _read(names, rows, vacancy_id, member, expected, scale, key)
    check_bounds(data, limits)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # a damaged workbook: openpyxl raises many kinds
        raise unreadable(exc) from None
    try:
        return _read(
            book.sheetnames,
            lambda name, last: enumerate(_values(book[name], limits, last), start=1),
            vacancy_id,
            member,
            expected,
            scale,
            key,
        )
    finally:
        book.close()


def _values(sheet: Any, limits: Limits, max_row: int | None = None) -> Iterator[tuple[Any, ...]]:
    """The sheet's rows as openpyxl reads them (the size the sheet states is not trusted),
    each cell's length checked; refused at the first row over the limit."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(max_row=max_row, max_col=WIDTH, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # broken XML inside the sheet
            raise unreadable(exc) from None
        number += 1
        if number > limits.rows + 1:  # the header, then the rows
            raise too_many_rows(limits)
        for column, value in enumerate(values):
            if isinstance(value, str) and len(value) > limits.cell_chars:
                raise ScoringSheetError(
                    [
                        SheetProblem(
                            sheet.title,
                            f"{'ABCDEFGH'[column]}{number}",
                            None,
                            f"is {len(value):,} characters long; the most a cell may hold is {limits.cell_chars:,}.",
                        )
                    ]
                )
        yield values


def _read(
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
    allowed = set(expected)
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
        drawn = _whole_number(version) if version not in (None, "") else None
        made = signature(
            key, vacancy_id=vacancy_id, member=member, panel_code=where[0],
            criterion_id=where[1], version=drawn, downloaded=str(downloaded or ""),
        )  # fmt: skip
        if (drawn is None and version not in (None, "")) or not hmac.compare_digest(
            made, str(signed or "")
        ):
            problems.append(
                SheetProblem(
                    SCORES,
                    f"E{number}",
                    score,
                    f"the hidden columns G{number}:I{number}, which say what this score was when "
                    "the sheet was downloaded, were changed, so the score cannot be checked "
                    "against the one stored now; nothing was stored. Download a fresh scoring "
                    "sheet and copy your scores into it.",
                )
            )
            continue
        text = unguard(str(note)) if note is not None else ""
        scores.append(
            SheetScore(
                where[0],
                where[1],
                value,
                text,
                drawn,
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
