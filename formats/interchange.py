"""Read the interchange formats (README, "Interchange formats"): applications, panel scores and
agreed scores, as CSV (comma, semicolon or tab separated), XLSX or ODS. Every problem names the file, the row (as numbered in a
spreadsheet: the header is row 1) and the column, and says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import ValidationError

from formats import spreadsheet_dates, spreadsheet_files
from formats.csv_shape import RowShape
from formats.problems import MAX_PROBLEMS_SHOWN, InterchangeError, Problem
from scoring.applications import (
    Application,
    ArmedForcesStatus,
    Declarations,
    PersonalDetails,
    Relationship,
)
from scoring.clean_text import clean_text
from scoring.vacancy import Vacancy

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


def _fail(
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
            raise _fail(name, f"cannot be read ({exc.strerror}).") from None
    return spreadsheet_files.read_table(data, name, sheet, columns=frozenset(columns), shape=shape)


def _column_problems(
    frame: pd.DataFrame,
    name: str,
    required: Iterable[str],
    optional: Iterable[str],
    prefixes: Sequence[str] = (),
) -> list[Problem]:
    """What is wrong with the header: required columns missing, unknown ones present. The rows
    are still checked against the columns that are there, so all is reported at once."""
    header_row = int(frame.attrs.get("header_row", 1))
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
                f"{', '.join(required)}.",
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


def _choice(value: Any, choices: dict[str, Any], blank: Any) -> Any:
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


# --- Applications ----------------------------------------------------------------------------


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
) -> ApplicationsFile:
    """Every row validated; any problem raises InterchangeError listing them all. `today`, the
    day of the import, places a two-digit year (formats/spreadsheet_dates.py)."""
    frame = read_table(
        source,
        name,
        sheet="applications",
        columns=(*APPLICATION_COLUMNS, *OPTIONAL_APPLICATION_COLUMNS, "evidence:", "scheme:"),
        shape=APPLICATION_ROWS,
    )
    today = today or date.today()
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = _column_problems(
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
        received = cell("received_date", lambda v: parse_date(v, "received_date", today))
        birth = cell("date_of_birth", lambda v: parse_date(v, "date_of_birth", today))
        status = cell("armed_forces_status", lambda v: _choice(v, STATUS, ArmedForcesStatus.NONE))
        relationship = cell("armed_forces_relationship", lambda v: _choice(v, RELATIONSHIP, None))
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
        if status is not ArmedForcesStatus.NONE and relationship is None:
            relationship = Relationship.SELF
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
    if problems:
        raise InterchangeError(problems)
    return ApplicationsFile(tuple(applications), personal, name, first_row)


# --- Scores ------------------------------------------------------------------------------------


def _score_problems(
    frame: pd.DataFrame,
    name: str,
    vacancy: Vacancy,
    application_ids: set[str],
    key: Sequence[str],
) -> tuple[pd.DataFrame, list[Problem]]:
    problems: list[Problem] = []
    rows = pd.Series(frame.index, index=frame.index)  # the rows as a spreadsheet numbers them
    present = set(frame.columns)  # a missing column is reported once, its cells not checked
    for column in (*key, "score"):
        frame[column] = frame[column].map(text) if column in present else ""
    raw_score = frame["score"].map(text)
    if "score" in present:
        frame = frame[raw_score != ""].copy()  # a blank score is a criterion not scored yet
    rows = rows[frame.index]
    raw_score = raw_score[frame.index]
    score = pd.to_numeric(raw_score, errors="coerce")
    scale = vacancy.scheme.scale
    on_scale = score.isin(scale.values) | ("score" not in present)
    for i in frame.index[~on_scale][: MAX_PROBLEMS_SHOWN + 1]:
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "score",
                f"'{raw_score[i]}' is not on the {scale.name} scale; use a whole number from {scale.minimum} to {scale.maximum}.",
            )
        )
    criteria = {c.id for c in vacancy.criteria}
    unknown_c = ~frame["criterion_id"].isin(criteria) & ("criterion_id" in present)
    for i in frame.index[unknown_c][: MAX_PROBLEMS_SHOWN + 1]:
        shown = ", ".join(c.id for c in vacancy.criteria[:12]) + (
            ", ..." if len(criteria) > 12 else ""
        )
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "criterion_id",
                f"'{frame.at[i, 'criterion_id']!s}' is not a criterion of this vacancy ({shown}).",
            )
        )
    unknown_a = ~frame["application_id"].isin(application_ids) & ("application_id" in present)
    for i in frame.index[unknown_a][: MAX_PROBLEMS_SHOWN + 1]:
        problems.append(
            Problem(
                name,
                int(rows[i]),
                "application_id",
                f"'{frame.at[i, 'application_id']!s}' is not an application in the applications file.",
            )
        )
    if "panel_member" in key and "panel_member" in present:
        blank = frame["panel_member"] == ""
        for i in frame.index[blank][: MAX_PROBLEMS_SHOWN + 1]:
            problems.append(
                Problem(name, int(rows[i]), "panel_member", "is empty; say who gave the score.")
            )
    dup = frame.duplicated(subset=list(key), keep=False)
    if dup.any() and present.issuperset(key):
        first: dict[tuple[str, ...], int] = {}
        for i in frame.index[dup]:
            k = tuple(frame.loc[i, list(key)])
            if k in first:
                problems.append(
                    Problem(
                        name,
                        int(rows[i]),
                        None,
                        f"repeats row {first[k]} ({', '.join(k)}); keep one score per {' x '.join(key)}.",
                    )
                )
            else:
                first[k] = int(rows[i])
            if len(problems) > MAX_PROBLEMS_SHOWN:
                break
    frame["score"] = score
    if "note" not in frame.columns:
        frame["note"] = ""
    frame["note"] = frame["note"].map(lambda v: clean_text(text(v)))
    for column in key:
        frame[column] = frame[column].astype("category")
    return frame.reset_index(drop=True), problems


def read_panel_scores(
    source: Path | str | bytes,
    vacancy: Vacancy,
    application_ids: Iterable[str],
    *,
    name: str | None = None,
) -> pd.DataFrame:
    known = set(application_ids)
    rows = RowShape(SCORE_COLUMNS, is_key=known.__contains__)
    frame = read_table(
        source, name, sheet="panel_scores", columns=(*SCORE_COLUMNS, "note"), shape=rows
    )
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = _column_problems(frame, name, SCORE_COLUMNS, ("note",))
    frame, found = _score_problems(
        frame, name, vacancy, known, ("application_id", "criterion_id", "panel_member")
    )
    if problems or found:
        raise InterchangeError([*problems, *found])
    return frame


def read_agreed_scores(
    source: Path | str | bytes,
    vacancy: Vacancy,
    application_ids: Iterable[str],
    *,
    name: str | None = None,
) -> pd.DataFrame:
    known = set(application_ids)
    rows = RowShape(AGREED_COLUMNS, is_key=known.__contains__)
    frame = read_table(
        source, name, sheet="agreed_scores", columns=(*AGREED_COLUMNS, "note"), shape=rows
    )
    name = name or (Path(source).name if not isinstance(source, bytes) else "uploaded file")
    problems = _column_problems(frame, name, AGREED_COLUMNS, ("note",))
    frame, found = _score_problems(frame, name, vacancy, known, ("application_id", "criterion_id"))
    if problems or found:
        raise InterchangeError([*problems, *found])
    return frame
