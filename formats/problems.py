"""Problems with input, each naming the file, row and column (light: no pandas, so the
storage layer can raise them without loading the file readers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_PROBLEMS_SHOWN = 20


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}"


class InterchangeError(ValueError):
    """Bad input: one or more problems, each naming file, row and column."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = [str(p) for p in self.problems[:MAX_PROBLEMS_SHOWN]]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            more = len(self.problems) - MAX_PROBLEMS_SHOWN
            shown.append(
                f"... and {more} more problem{'s' if more > 1 else ''} "
                f"({len(self.problems)} in all): fix these and import again to see the rest"
            )
        super().__init__("\n".join(shown))
