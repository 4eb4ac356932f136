"""The interchange formats' tables (README, "Interchange formats"): the columns each format
has, a table read from a file with its header checked against them, and the cell values every
format shares (text, yes/no, dates, choices). The formats themselves are
formats/interchange.py (applications) and formats/interchange_scores.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from formats import spreadsheet_dates, spreadsheet_files
from formats.csv_shape import RowShape
from formats.problems import InterchangeError, Problem
from scoring.applications import (
    ArmedForcesStatus,
    Relationship,
)

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$")

APPLICATION_COLUMNS = (
    "application_id",
    "received_date",
    "first_name",
    "last_name",
    "email",
    "disability_gis",
    "care_leaver",
    "armed_forces_status",
    "armed_forces_relationship",
    "armed_forces_date",
    "armed_forces_long_term",
    "armed_forces_gis",
    "statement",
)
OPTIONAL_APPLICATION_COLUMNS = (
    "date_of_birth",
    "armed_forces_reservist",
    "armed_forces_last_long_term_employer",
    "internal_applicant",
    "at_risk_of_redundancy",
    "protected_period",
    "withdrawn",
)
SCORE_COLUMNS = ("application_id", "criterion_id", "panel_member", "score")
AGREED_COLUMNS = ("application_id", "criterion_id", "score")


def is_reference(value: str) -> bool:
    return ID_PATTERN.match(value) is not None


# what a row of each format looks like, so that a CSV cell that took in rows is refused
APPLICATION_ROWS = RowShape(APPLICATION_COLUMNS, is_key=is_reference)


def fail_at(
    file: str, message: str, row: int | None = None, column: str | None = None
) -> InterchangeError:
    return InterchangeError([Problem(file, row, column, message)])


# --- Reading a table --------------------------------------------------------------------------


def read_table(
    source: Path | str | bytes,
    name: str | None = None,
    sheet: str | None = None,
    *,
    columns: Iterable[str] = (),
    shape: RowShape = RowShape(),  # noqa: B008  (frozen)
) -> pd.DataFrame:
    """A CSV or XLSX file as a frame of text (Excel dates kept as dates), headers normalised,
    indexed by the row as a spreadsheet numbers it; every limit checked while reading
    (formats/spreadsheet_files.py); `shape`: what a row of the format looks like."""
    if isinstance(source, bytes):
        data, name = source, name or "uploaded file"
    else:
        path = Path(source)
        name = name or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise fail_at(name, f"cannot be read ({exc.strerror}).") from None
    return spreadsheet_files.read_table(data, name, sheet, columns=frozenset(columns), shape=shape)


def column_problems(
    frame: pd.DataFrame,
    name: str,
    required: Iterable[str],
    optional: Iterable[str],
    prefixes: Sequence[str] = (),
) -> list[Problem]:
    """What is wrong with the header: required columns missing, unknown ones present. The rows
    are still checked against the columns that are there, so all is reported at once."""
    header_row = int(frame.attrs.get("header_row", 1))
    note = str(frame.attrs.get("sheet_note", ""))  # another sheet than the one named was read
    required = list(required)
    problems = []
    missing = [c for c in required if c not in frame.columns]
    if missing:
        problems.append(
            Problem(
                name,
                header_row,
                None,
                f"is missing column(s) {', '.join(missing)}; the header row must have: "
                f"{', '.join(required)}." + (f" (It was {note}.)" if note else ""),
            )
        )
    known = set(required) | set(optional)
    unknown = [c for c in frame.columns if c not in known and not c.startswith(tuple(prefixes))]
    if unknown:
        problems.append(
            Problem(
                name,
                header_row,
                None,
                f"has unknown column(s) {', '.join(repr(c) for c in unknown)}; check the "
                "spelling against the README's interchange formats or remove them.",
            )
        )
    return problems


# --- Cell values ------------------------------------------------------------------------------

YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}


def text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def parse_yes_no(value: Any) -> bool | None:
    """True/False, or None for a blank cell; ValueError otherwise."""
    raw = text(value).lower()
    if raw == "":
        return None
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise ValueError(f"'{text(value)}' is not yes or no; write yes or no.")


def parse_date(value: Any, column: str = "", today: date | None = None) -> date | None:
    """ISO (YYYY-MM-DD), UK day-first (DD/MM/YYYY or DD/MM/YY, the century by the column's
    rule: formats/spreadsheet_dates.py) or a date cell; None when blank."""
    if isinstance(value, date):
        return spreadsheet_dates.parse_date(value)
    return spreadsheet_dates.parse_date(text(value), column, today)


def choice(value: Any, choices: dict[str, Any], blank: Any) -> Any:
    raw = text(value).lower().replace(" ", "_").replace("/", "_")
    if raw == "":
        return blank
    if raw in choices:
        return choices[raw]
    allowed = sorted({k for k, v in choices.items() if str(v) == k}) or sorted(choices)
    raise ValueError(f"'{text(value)}' is not one of: {', '.join(allowed)}.")


STATUS = {s.value: s for s in ArmedForcesStatus} | {
    "veteran": ArmedForcesStatus.LEFT,
    "no": ArmedForcesStatus.NONE,
}
RELATIONSHIP = {r.value: r for r in Relationship} | {
    "spouse": Relationship.SPOUSE_OR_CIVIL_PARTNER,
    "civil_partner": Relationship.SPOUSE_OR_CIVIL_PARTNER,
    "spouse_civil_partner": Relationship.SPOUSE_OR_CIVIL_PARTNER,
}
