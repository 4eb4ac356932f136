"""A returned scoring sheet refused: each problem named by sheet, cell and value
(ScoringSheetError, raised by formats/scoring_sheet_reader.py and the checks under it), and
the refusals of the whole file that the checks share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from formats.limits import Limits

AGAIN = "Give back the scoring sheet as it was downloaded, or download a fresh one and copy your scores into it."


@dataclass(frozen=True)
class SheetProblem:
    sheet: str
    cell: str
    value: Any
    message: str

    @property
    def place(self) -> str:
        """Where it is: "Scores!E12", or the sheet (or "file") alone."""
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def said(self) -> str:
        """What is wrong, without its place: the value as typed, then the message."""
        return self.message if self.value in (None, "") else f"'{self.value}' {self.message}"

    def __str__(self) -> str:
        shown = "" if self.value in (None, "") else f" '{self.value}'"
        return f"{self.place}{shown}: {self.message}"


class ScoringSheetError(ValueError):
    def __init__(self, problems: Sequence[SheetProblem]) -> None:
        self.problems = tuple(problems)
        text = "\n".join(str(p) for p in self.problems[:20])
        if len(self.problems) > 20:
            text += f"\n... and {len(self.problems) - 20} more"
        super().__init__(text)


def refuse(message: str) -> ScoringSheetError:
    return ScoringSheetError([SheetProblem("file", "", None, message)])


def unreadable(exc: BaseException) -> ScoringSheetError:
    return refuse(f"cannot be opened as a workbook ({type(exc).__name__}).")


def too_many_rows(limits: Limits) -> ScoringSheetError:
    return refuse(
        f"has more than {limits.rows:,} rows on a sheet; a scoring sheet has one row for each "
        f"application and criterion. {AGAIN}"
    )
