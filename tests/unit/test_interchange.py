"""Reading the interchange formats: every problem names the file, row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from formats.interchange import (
    APPLICATION_COLUMNS,
    parse_date,
    read_agreed_scores,
    read_applications,
    read_panel_scores,
)
from formats.problems import InterchangeError
from scoring.applications import ArmedForcesStatus, Relationship
from tests.factories import criterion, vacancy

HEADER = ",".join(APPLICATION_COLUMNS)
V = vacancy([criterion("c1"), criterion("c2"), criterion("c3", stage="interview")])


def app_row(app_id: str = "A1", **values: str) -> str:
    row = dict.fromkeys(APPLICATION_COLUMNS, "")
    row.update(application_id=app_id, first_name="Ann", last_name="Lee", statement="I did things.")
    row.update(values)
    return ",".join(row[c] for c in APPLICATION_COLUMNS)


def write(tmp_path: Path, name: str, *lines: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problems(exc: pytest.ExceptionInfo[InterchangeError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_a_good_applications_file_reads_declarations_and_personal_details_apart(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "apps.csv",
        HEADER + ",evidence:c1",
        app_row("A1", received_date="2026-01-20", email="ann@example.org", disability_gis="Yes")
        + ",My rent work",
        app_row(
            "A2",
            received_date="21/01/2026",
            armed_forces_status="Left",
            armed_forces_relationship="spouse_or_civil_partner",
            armed_forces_date="01/02/2022",
            armed_forces_long_term="yes",
            armed_forces_gis="y",
        )
        + ",",
    )
    file = read_applications(path, criterion_ids=["c1", "c2"])
    a1, a2 = file.applications
    assert a1.received_date == date(2026, 1, 20) and a1.declarations.disability
    assert a1.evidence == {"c1": "My rent work"}
    assert a2.received_date == date(2026, 1, 21)
    assert a2.declarations.armed_forces_status is ArmedForcesStatus.LEFT
    assert a2.declarations.armed_forces_relationship is Relationship.SPOUSE_OR_CIVIL_PARTNER
    assert a2.declarations.armed_forces_date == date(2022, 2, 1)
    assert file.personal["A1"].email == "ann@example.org"
    assert not hasattr(a1, "first_name"), "names are held apart from the application"


def test_an_xlsx_with_excel_date_cells_reads(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "applications"
    sheet.append(list(APPLICATION_COLUMNS))
    row = dict.fromkeys(APPLICATION_COLUMNS, None)
    row.update(
        application_id="X1",
        received_date=date(2026, 1, 5),
        first_name="Bo",
        last_name="Ng",
        statement="text",
        care_leaver="yes",
    )
    sheet.append([row[c] for c in APPLICATION_COLUMNS])
    book.save(tmp_path / "apps.xlsx")
    (app,) = read_applications(tmp_path / "apps.xlsx").applications
    assert app.received_date == date(2026, 1, 5) and app.declarations.care_leaver


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"received_date": "31/02/2026"},
            "apps.csv, row 2, column received_date: '31/02/2026' is not a date: 31 February 2026 does not exist; check the day and month.",
        ),
        (
            {"disability_gis": "maybe"},
            "apps.csv, row 2, column disability_gis: 'maybe' is not yes or no; write yes or no.",
        ),
        (
            {"armed_forces_status": "retired"},
            "apps.csv, row 2, column armed_forces_status: 'retired' is not one of: left, none, reservist, serving.",
        ),
        (
            {"email": "not-an-address"},
            "apps.csv, row 2, column email: 'not-an-address' is not an e-mail address; correct it or leave it empty.",
        ),
        (
            {"application_id": "=cmd|' /C calc'!A0"},
            "apps.csv, row 2, column application_id: '=cmd|' /C calc'!A0' is not a usable reference",
        ),
    ],
)
def test_a_bad_cell_names_file_row_and_column(
    tmp_path: Path, values: dict[str, str], expected: str
) -> None:
    path = write(tmp_path, "apps.csv", HEADER, app_row(**values))
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert problems(exc)[0].startswith(expected)


def test_a_repeated_application_id_names_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", HEADER, app_row("A1"), app_row("A2"), app_row("A1"))
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert problems(exc) == [
        "apps.csv, row 4, column application_id: 'A1' repeats row 2; each application appears once."
    ]


def test_a_missing_column_lists_what_is_needed(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", "application_id,statement", "A1,hello")
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert "apps.csv, row 1: is missing column(s) received_date, first_name" in problems(exc)[0]


def test_a_missing_column_does_not_hide_the_rows_other_problems(tmp_path: Path) -> None:
    columns = [c for c in APPLICATION_COLUMNS if c != "received_date"] + ["disabilty"]

    def line(app_id: str, **values: str) -> str:
        cells = dict.fromkeys(columns, "") | {"application_id": app_id, "disabilty": "yes"}
        return ",".join((cells | values)[c] for c in columns)

    path = write(
        tmp_path,
        "apps.csv",
        ",".join(columns),
        line("A1"),
        line("A1", care_leaver="perhaps"),
        line("A3", email="not an address"),
    )
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert [(p.row, p.column) for p in exc.value.problems] == [
        (1, None),
        (1, None),
        (3, "application_id"),
        (3, "care_leaver"),
        (4, "email"),
    ]
    assert "is missing column(s) received_date" in exc.value.problems[0].message
    assert "has unknown column(s) 'disabilty'" in exc.value.problems[1].message


def test_a_rows_e_mail_is_checked_with_its_other_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", HEADER, app_row(care_leaver="x", email="nowhere"))
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert [p.column for p in exc.value.problems] == ["care_leaver", "email"]


def test_a_problem_with_the_columns_names_the_header_row(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", "", "", "application_id,statement", "A1,hello")
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert exc.value.problems[0].row == 3


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", HEADER + ",disabilty", app_row() + ",yes")
    with pytest.raises(InterchangeError, match="unknown column\\(s\\) 'disabilty'"):
        read_applications(path)


def test_evidence_for_an_unknown_criterion_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "apps.csv", HEADER + ",evidence:c9", app_row() + ",text")
    with pytest.raises(
        InterchangeError, match="row 1, column evidence:c9: 'c9' is not a criterion of this vacancy"
    ):
        read_applications(path, criterion_ids=["c1"])


def test_every_bad_row_is_reported_not_just_the_first(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "apps.csv",
        HEADER,
        app_row("A1", care_leaver="x"),
        app_row("A2"),
        app_row("A3", received_date="soon"),
    )
    with pytest.raises(InterchangeError) as exc:
        read_applications(path)
    assert [p.row for p in exc.value.problems] == [2, 4]


SCORES_HEADER = "application_id,criterion_id,panel_member,score,note"


def test_good_scores_read_with_blank_scores_left_out(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "scores.csv",
        SCORES_HEADER,
        "A1,c1,m1,2,ok",
        "A1,c2,m1,,",
        "A1,c3,m1,0,interview stage",
    )
    frame = read_panel_scores(path, V, ["A1"])
    assert frame["score"].tolist() == [2, 0]
    assert frame["criterion_id"].astype(str).tolist() == ["c1", "c3"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "A1,c1,m1,4,",
            "scores.csv, row 2, column score: '4' is not on the 0-3 evidence scale; use a whole number from 0 to 3.",
        ),
        (
            "A1,c1,m1,2.5,",
            "scores.csv, row 2, column score: '2.5' is not on the 0-3 evidence scale",
        ),
        (
            "A1,c1,m1,two,",
            "scores.csv, row 2, column score: 'two' is not on the 0-3 evidence scale",
        ),
        (
            "A1,c9,m1,2,",
            "scores.csv, row 2, column criterion_id: 'c9' is not a criterion of this vacancy (c1, c2, c3).",
        ),
        (
            "B7,c1,m1,2,",
            "scores.csv, row 2, column application_id: 'B7' is not an application in the applications file.",
        ),
        ("A1,c1,,2,", "scores.csv, row 2, column panel_member: is empty; say who gave the score."),
    ],
)
def test_a_bad_score_row_names_file_row_and_column(
    tmp_path: Path, line: str, expected: str
) -> None:
    path = write(tmp_path, "scores.csv", SCORES_HEADER, line)
    with pytest.raises(InterchangeError) as exc:
        read_panel_scores(path, V, ["A1"])
    assert problems(exc)[0].startswith(expected)


def test_a_score_file_missing_a_column_still_has_its_scores_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "scores.csv", "application_id,criterion_id,score", "A1,c1,9", "B7,c1,2")
    with pytest.raises(InterchangeError) as exc:
        read_panel_scores(path, V, ["A1"])
    assert [(p.row, p.column) for p in exc.value.problems] == [
        (1, None),
        (2, "score"),
        (3, "application_id"),
    ]
    assert "is missing column(s) panel_member" in exc.value.problems[0].message


def test_a_duplicate_score_names_both_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "scores.csv", SCORES_HEADER, "A1,c1,m1,2,", "A1,c2,m1,2,", "A1,c1,m1,3,")
    with pytest.raises(InterchangeError) as exc:
        read_panel_scores(path, V, ["A1"])
    assert problems(exc) == [
        "scores.csv, row 4: repeats row 2 (A1, c1, m1); keep one score per application_id x criterion_id x panel_member."
    ]


def test_agreed_scores_are_one_per_application_and_criterion(tmp_path: Path) -> None:
    path = write(
        tmp_path, "agreed.csv", "application_id,criterion_id,score,note", "A1,c1,2,x", "A1,c1,1,y"
    )
    with pytest.raises(InterchangeError, match="row 3: repeats row 2 \\(A1, c1\\)"):
        read_agreed_scores(path, V, ["A1"])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv: is empty"),
        ("header.csv", SCORES_HEADER.encode() + b"\n", "header.csv: has a header but no rows."),
        (
            "fake.xlsx",
            b"application_id,score\nA1,2\n",
            "fake.xlsx: is not an Excel workbook (.xlsx)",
        ),
        ("binary.csv", b"\x00\x01\x02\x03garbage", "binary.csv: is not a text file"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old.xls: is an old Excel 97-2003 file"),
    ],
)
def test_unreadable_files_get_a_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InterchangeError) as exc:
        read_panel_scores(tmp_path / name, V, ["A1"])
    assert problems(exc)[0].startswith(message)


def test_a_windows_1252_csv_reads_its_pound_signs(tmp_path: Path) -> None:
    content = (HEADER + "\n" + app_row(statement="I managed £2m of arrears.") + "\n").encode(
        "cp1252"
    )
    (tmp_path / "apps.csv").write_bytes(content)
    (app,) = read_applications(tmp_path / "apps.csv").applications
    assert app.statement == "I managed £2m of arrears."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-01-05", date(2026, 1, 5)),
        ("05/01/2026", date(2026, 1, 5)),
        ("5.1.2026", date(2026, 1, 5)),
        ("29/02/2028", date(2028, 2, 29)),
        ("", None),
    ],
)
def test_dates_are_iso_or_uk_day_first(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_29_february_in_a_common_year_is_refused() -> None:
    with pytest.raises(ValueError, match="'29/02/2026' is not a date"):
        parse_date("29/02/2026")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("31/02/2027", "31 February 2027 does not exist; check the day and month."),
        ("31.04.2027", "31 April 2027 does not exist; check the day and month."),
        ("2027-02-31", "31 February 2027 does not exist; check the day and month."),
        ("31/02/27", "31 February 2027 does not exist; check the day and month."),
        ("29/02/2027", "29 February 2027 does not exist (2027 is not a leap year); check the day."),
        ("13/13/2027", "there is no month 13; check the day and month."),
        ("2027-13-01", "there is no month 13; check the day and month."),
        ("32/01/2027", "there is no day 32; check the day and month."),
    ],
)
def test_a_date_written_rightly_that_does_not_exist_says_why_not_how_to_write_it(
    text: str, why: str
) -> None:
    with pytest.raises(ValueError) as refused:
        parse_date(text, "received_date", date(2026, 5, 11))
    assert str(refused.value) == f"'{text}' is not a date: {why}"
    assert "write it as" not in str(refused.value)
