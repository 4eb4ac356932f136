"""Reading a returned scoring sheet: every cell checked, each problem named by sheet, cell and
value; nothing returned half-read. Bounded: the file is held to its limits before it is read
(formats/scoring_sheet_parts.py, on the scan every workbook reader shares), then streamed
(formats/scoring_sheet_xlsx.py), its rows and cells checked as they are read, stopping at the
first over a limit. A sheet saved by LibreOffice as .ods is read by
formats/scoring_sheet_ods.py, within the same limits. Either way its rows are held to the same
checks (formats/scoring_sheet_rows.py). The sheet's layout is
scoring/words/scoring_sheet_layout.py, shared with its writer (exports/scoring_sheet.py)."""

from __future__ import annotations

from collections.abc import Iterable

from formats import scoring_sheet_parts
from formats.limits import Limits
from formats.ods_files import is_ods
from formats.scoring_sheet_checks import SheetScore
from formats.scoring_sheet_ods import ods_sheets
from formats.scoring_sheet_parts import check_bounds
from formats.scoring_sheet_problems import ScoringSheetError, SheetProblem
from formats.scoring_sheet_rows import scores_of
from formats.scoring_sheet_xlsx import XlsxSheets
from scoring.rules.scheme import Scale
from scoring.words.scoring_sheet_layout import ABOUT, COLUMNS, DRAWN, SCORES

__all__ = ["SheetScore", "read_scoring_sheet"]
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
    limits = limits or scoring_sheet_parts.SHEET_LIMITS
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
        return scores_of(names, rows, vacancy_id, member, expected, scale, key)
    check_bounds(data, limits)
    book = XlsxSheets(data, limits, WIDTH)
    return scores_of(book.names, book.rows, vacancy_id, member, expected, scale, key)
