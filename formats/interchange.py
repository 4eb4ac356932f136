"""Read the interchange formats (README, "Interchange formats"): applications, panel scores and
agreed scores, as CSV (comma, semicolon or tab separated), XLSX or ODS. Every problem names the file, the row (as numbered in a
spreadsheet: the header is row 1) and the column, and says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from formats.date_order import WrittenDate, swapped_date_problems
from formats.interchange_scores import read_agreed_scores, read_panel_scores
from formats.interchange_tables import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    ID_PATTERN,
    OPTIONAL_APPLICATION_COLUMNS,
    RELATIONSHIP,
    SCORE_COLUMNS,
    STATUS,
    choice,
    column_problems,
    parse_date,
    parse_yes_no,
    read_table,
    text,
)
from formats.problems import InterchangeError, Problem
from scoring.applications import (
    Application,
    ArmedForcesStatus,
    Declarations,
    PersonalDetails,
)

DATE_COLUMNS = ("received_date", "date_of_birth", "armed_forces_date")
__all__ = [  # the interchange formats, read from one place (the scores from their own module)
    "APPLICATION_COLUMNS",
    "APPLICATION_ROWS",
    "OPTIONAL_APPLICATION_COLUMNS",
    "SCORE_COLUMNS",
    "ApplicationsFile",
    "parse_date",
    "read_agreed_scores",
    "read_applications",
    "read_panel_scores",
    "read_table",
    "text",
]


@dataclass(frozen=True)
class ApplicationsFile:
    applications: tuple[Application, ...]
    personal: dict[str, PersonalDetails]
    name: str
    rows: dict[str, int] = field(default_factory=dict)  # each application's row in the file


def read_applications(
    source: Path | str | bytes,
    *,
    name: str | None = None,
    criterion_ids: Iterable[str] | None = None,
    scheme_ids: Iterable[str] = (),
    today: date | None = None,
    closing_date: date | None = None,
) -> ApplicationsFile:
    """Every row validated; any problem raises InterchangeError listing them all. `today`, the
    day of the import, places a two-digit year (formats/spreadsheet_dates.py); with the vacancy's
    `closing_date` it tells whether the file's dates are day first (formats/date_order.py)."""
    frame = read_table(
        source,
        name,
        sheet="applications",
        columns=(*APPLICATION_COLUMNS, *OPTIONAL_APPLICATION_COLUMNS, "evidence:", "scheme:"),
        shape=APPLICATION_ROWS,
    )
    today = today or date.today()
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = column_problems(
        frame, name, APPLICATION_COLUMNS, OPTIONAL_APPLICATION_COLUMNS, ("evidence:", "scheme:")
    )
    header_row = int(frame.attrs.get("header_row", 1))
    known_criteria = set(criterion_ids) if criterion_ids is not None else None
    known_schemes = set(scheme_ids)
    for column in frame.columns:
        if column.startswith("evidence:") and known_criteria is not None:
            cid = column.removeprefix("evidence:")
            if cid not in known_criteria:
                problems.append(
                    Problem(
                        name,
                        header_row,
                        column,
                        f"'{cid}' is not a criterion of this vacancy; use one of: {', '.join(sorted(known_criteria))}.",
                    )
                )
        if column.startswith("scheme:") and column.removeprefix("scheme:") not in known_schemes:
            problems.append(
                Problem(
                    name,
                    header_row,
                    column,
                    f"the organisation's policy has no declaration '{column.removeprefix('scheme:')}'.",
                )
            )
    header_problems = bool(problems)  # the rows are still checked, against the columns there
    has_id = "application_id" in frame.columns

    applications: list[Application] = []
    personal: dict[str, PersonalDetails] = {}
    first_row: dict[str, int] = {}
    written: list[WrittenDate] = []  # the dates written as text, read in either order?
    records = frame.astype(object).to_dict("records")  # numpy objects: fast to iterate
    for row, record in zip(frame.index.tolist(), records, strict=True):
        row_problems: list[Problem] = []

        def cell(
            column: str,
            parse: Any,
            row: int = row,
            record: dict[Any, Any] = record,
            row_problems: list[Problem] = row_problems,
        ) -> Any:
            try:
                return parse(record.get(column, ""))
            except ValueError as exc:
                row_problems.append(Problem(name, row, column, str(exc)))
                return None

        app_id = text(record.get("application_id", ""))
        if not has_id:
            pass  # the missing column is reported once, not on every row
        elif not app_id:
            row_problems.append(
                Problem(
                    name, row, "application_id", "is empty; every application needs its reference."
                )
            )
        elif not ID_PATTERN.match(app_id):
            row_problems.append(
                Problem(
                    name,
                    row,
                    "application_id",
                    f"'{app_id[:40]}' is not a usable reference; use letters, digits and . _ / - only (up to 64), starting with a letter or digit.",
                )
            )
        elif app_id in first_row:
            row_problems.append(
                Problem(
                    name,
                    row,
                    "application_id",
                    f"'{app_id}' repeats row {first_row[app_id]}; each application appears once.",
                )
            )
        else:
            first_row[app_id] = row
        written += [
            WrittenDate(row, column, record[column])
            for column in DATE_COLUMNS
            if isinstance(record.get(column), str) and record[column].strip()
        ]
        received = cell("received_date", lambda v: parse_date(v, "received_date", today))
        birth = cell("date_of_birth", lambda v: parse_date(v, "date_of_birth", today))
        status = cell("armed_forces_status", lambda v: choice(v, STATUS, ArmedForcesStatus.NONE))
        relationship = cell("armed_forces_relationship", lambda v: choice(v, RELATIONSHIP, None))
        flags = {
            column: cell(column, parse_yes_no)
            for column in (
                "disability_gis",
                "care_leaver",
                "armed_forces_long_term",
                "armed_forces_gis",
                "armed_forces_reservist",
                "armed_forces_last_long_term_employer",
                "internal_applicant",
                "at_risk_of_redundancy",
                "protected_period",
                "withdrawn",
            )
        }
        forces_date = cell("armed_forces_date", lambda v: parse_date(v, "armed_forces_date", today))
        further = set()
        for column in frame.columns:
            if column.startswith("scheme:") and cell(column, parse_yes_no):
                further.add(column.removeprefix("scheme:"))
        email = text(record.get("email", "")) or None
        try:
            details = PersonalDetails(
                first_name=text(record.get("first_name", "")),
                last_name=text(record.get("last_name", "")),
                email=email,
            )
        except ValidationError:
            row_problems.append(
                Problem(
                    name,
                    row,
                    "email",
                    f"'{email}' is not an e-mail address; correct it or leave it empty.",
                )
            )
        if row_problems or header_problems:
            problems.extend(row_problems)
            continue
        declarations = Declarations(
            disability=bool(flags["disability_gis"]),
            care_leaver=bool(flags["care_leaver"]),
            date_of_birth=birth,
            armed_forces_status=status,
            armed_forces_relationship=relationship,
            armed_forces_date=forces_date,
            armed_forces_long_term=flags["armed_forces_long_term"],
            armed_forces_opt_in=flags["armed_forces_gis"],
            armed_forces_reservist=flags["armed_forces_reservist"],
            armed_forces_last_long_term_employer=flags["armed_forces_last_long_term_employer"],
            internal_applicant=flags["internal_applicant"],
            at_risk_of_redundancy=flags["at_risk_of_redundancy"],
            protected_period=flags["protected_period"],
            further_schemes=frozenset(further),
        )
        evidence = {
            c.removeprefix("evidence:"): text(record[c])
            for c in frame.columns
            if c.startswith("evidence:") and text(record[c])
        }
        applications.append(
            Application(
                application_id=app_id,
                received_date=received,
                declarations=declarations,
                statement=text(record["statement"]),
                evidence=evidence,
                withdrawn=bool(flags["withdrawn"]),
            )
        )
        personal[app_id] = details
    problems += swapped_date_problems(name, written, today=today, closing_date=closing_date)
    if problems:
        raise InterchangeError(sorted(problems, key=lambda p: p.row or 0))
    return ApplicationsFile(tuple(applications), personal, name, first_row)
