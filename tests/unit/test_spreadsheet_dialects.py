"""What spreadsheet programs write is read: UK dates with two-digit years (the century by each
column's rule), CSV separated by commas, semicolons or tabs in UTF-8 or UTF-16, and ODS files,
with every bound held (formats/spreadsheet_dates.py, csv_dialect.py, ods_files.py)."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from formats import spreadsheet_files
from formats.csv_dialect import separator
from formats.interchange import APPLICATION_COLUMNS, read_applications, read_table
from formats.problems import InterchangeError
from formats.spreadsheet_dates import parse_date
from formats.spreadsheet_files import Limits

TODAY = date(2026, 5, 11)
HEADER = list(APPLICATION_COLUMNS)


def record(app_id: str = "N001", **values: str) -> list[str]:
    cells = dict.fromkeys(APPLICATION_COLUMNS, "")
    cells.update(application_id=app_id, received_date="20/01/26", first_name="Nia")
    cells.update(last_name="Jones", statement="Rent, arrears; and\ttabs")
    cells.update(values)
    return [cells[c] for c in APPLICATION_COLUMNS]


def text_file(rows: list[list[str]], sep: str) -> str:
    quoted = [sep.join(f'"{c}"' if any(ch in c for ch in ",;\t") else c for c in r) for r in rows]
    return "\r\n".join(quoted) + "\r\n"


# --- Two-digit years ---------------------------------------------------------------------------

recent = st.dates(TODAY - timedelta(days=80 * 365 - 30), TODAY + timedelta(days=20 * 365 - 30))
working_age = st.dates(TODAY - timedelta(days=99 * 365), TODAY - timedelta(days=16 * 365))


@given(recent, st.sampled_from(["received_date", "armed_forces_date"]), st.sampled_from("/.-"))
def test_a_recent_or_coming_date_survives_being_shown_with_two_digit_years(
    when: date, column: str, mark: str
) -> None:
    shown = when.strftime(f"%d{mark}%m{mark}%y")
    assert parse_date(shown, column, TODAY) == when


@given(working_age)
def test_a_working_age_date_of_birth_survives_being_shown_with_two_digit_years(born: date) -> None:
    assert parse_date(born.strftime("%d/%m/%y"), "date_of_birth", TODAY) == born


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)))
def test_the_day_always_comes_first(when: date) -> None:
    assert parse_date(when.strftime("%d/%m/%Y")) == when
    assert parse_date(f"{when.day}/{when.month}/{when.year}") == when


@pytest.mark.parametrize(
    ("shown", "column", "expected"),
    [
        ("20/01/26", "received_date", date(2026, 1, 20)),
        ("01/02/26", "received_date", date(2026, 2, 1)),  # 1 February, not 2 January
        ("25/04/30", "armed_forces_date", date(2030, 4, 25)),  # a discharge date ahead
        ("15/03/62", "armed_forces_date", date(1962, 3, 15)),  # a veteran who left long ago
        ("01/02/90", "date_of_birth", date(1990, 2, 1)),
        ("01/02/05", "date_of_birth", date(2005, 2, 1)),  # aged 21
        ("29/02/00", "received_date", date(2000, 2, 29)),
        ("20.01.26", "received_date", date(2026, 1, 20)),  # German-style, as with semicolons
        ("20/01/2026 00:00:00", "received_date", date(2026, 1, 20)),
    ],
)
def test_two_digit_years_take_the_columns_century(shown: str, column: str, expected: date) -> None:
    assert parse_date(shown, column, TODAY) == expected


def test_a_date_of_birth_that_is_no_working_age_either_way_asks_for_the_year_in_full() -> None:
    with pytest.raises(ValueError) as refused:
        parse_date("01/02/20", "date_of_birth", TODAY)
    message = str(refused.value)
    assert "'01/02/20' has a two-digit year" in message
    assert "1920 (aged 106) or 2020 (aged 6)" in message
    assert "write the year in full (01/02/1920 or 01/02/2020)" in message
    assert "DD/MM/YYYY" in message


def test_a_us_ordered_date_is_refused_with_the_locale_setting_to_change() -> None:
    with pytest.raises(ValueError, match="'01/20/26' is not a date") as refused:
        parse_date("01/20/26", "received_date", TODAY)
    assert "Tools > Options > Language Settings > Languages > Locale setting" in str(refused.value)


def test_an_ambiguous_date_of_birth_names_file_row_and_column() -> None:
    header = [*HEADER, "date_of_birth"]
    rows = [header, [*record("N001"), "01/02/20"], [*record("N002"), "01/02/98"]]
    data = text_file(rows, ",").encode()
    with pytest.raises(InterchangeError) as refused:
        read_applications(data, name="apps.csv", today=TODAY)
    (problem,) = refused.value.problems
    assert (problem.file, problem.row, problem.column) == ("apps.csv", 2, "date_of_birth")


# --- Separators and encodings ----------------------------------------------------------------


@given(
    st.lists(st.sampled_from(HEADER), min_size=2, unique=True),
    st.sampled_from([",", ";", "\t"]),
)
def test_the_separator_is_the_one_that_splits_the_header_into_known_columns(
    columns: list[str], sep: str
) -> None:
    assert separator(sep.join(columns), HEADER) == sep


@pytest.mark.parametrize(
    ("sep", "encoding"),
    [
        (",", "utf-8"),
        (";", "utf-8"),
        (";", "utf-8-sig"),
        ("\t", "utf-16"),  # Excel's "Unicode text": UTF-16 LE with its mark, and tabs
        ("\t", "utf-16-be-bom"),
        (";", "cp1252"),
    ],
)
def test_applications_read_in_every_separator_and_encoding(sep: str, encoding: str) -> None:
    content = text_file([HEADER, record("N001"), record("N002", received_date="2026-01-21")], sep)
    data = (
        b"\xfe\xff" + content.encode("utf-16-be")
        if encoding == "utf-16-be-bom"
        else content.encode(encoding)
    )
    parsed = read_applications(data, name="apps.csv", today=TODAY)
    assert [a.received_date for a in parsed.applications] == [date(2026, 1, 20), date(2026, 1, 21)]
    assert parsed.applications[0].statement == "Rent, arrears; and\ttabs"


def test_a_semicolon_file_lacking_a_column_names_the_column() -> None:
    header = [c for c in HEADER if c != "received_date"]
    data = text_file([header, record()[:1] + record()[2:]], ";").encode()
    with pytest.raises(InterchangeError, match=r"is missing column\(s\) received_date"):
        read_applications(data, name="apps.csv")


def test_a_file_split_by_no_known_separator_says_which_setting_to_change() -> None:
    data = text_file([HEADER, record()], "|").encode()
    with pytest.raises(InterchangeError) as refused:
        read_applications(data, name="apps.csv")
    message = str(refused.value)
    assert "not split into columns by commas, semicolons or tabs" in message
    assert "'CSV UTF-8 (Comma delimited) (*.csv)'" in message
    assert "tick 'Edit filter settings'" in message and "'Unicode (UTF-8)'" in message


# --- ODS ---------------------------------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods(tables: str, prolog: str = "") -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def cell(value: object, repeat: int = 1, extra: str = "") -> str:
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"{times}{extra}/>'
    if isinstance(value, date):
        kind = f'office:value-type="date" office:date-value="{value.isoformat()}"'
        return f"<table:table-cell {kind}{times}/>"
    if value is None:
        return f"<table:table-cell{times}/>"
    return f'<table:table-cell office:value-type="string"{times}{extra}><text:p>{value}</text:p></table:table-cell>'


def table(name: str, rows: list[str], repeat_last: int = 1) -> str:
    body = "".join(f"<table:table-row>{r}</table:table-row>" for r in rows[:-1])
    times = f' table:number-rows-repeated="{repeat_last}"' if repeat_last > 1 else ""
    body += f"<table:table-row{times}>{rows[-1]}</table:table-row>"
    return f'<table:table table:name="{name}">{body}</table:table>'


def test_an_ods_file_reads_its_text_numbers_and_dates() -> None:
    rows = [
        "".join(cell(c) for c in ("application_id", "received_date", "score")),
        cell("N001") + cell(date(2026, 1, 20)) + cell(3) + cell(None, 1000),
        cell(None, 1024),  # LibreOffice's empty rows to the sheet's end: counted, not built
    ]
    data = ods(table("Notes", [cell("x")]) + table("applications", rows, 1_048_000))
    frame = read_table(data, "a.ods", "applications")
    assert frame.to_dict("records") == [
        {"application_id": "N001", "received_date": date(2026, 1, 20), "score": 3}
    ]


def test_an_ods_cell_of_several_paragraphs_and_spaces_is_read_whole() -> None:
    text = 'a<text:s text:c="2"/>b</text:p><text:p>c<office:annotation><text:p>no</text:p></office:annotation>'
    frame = read_table(ods(table("applications", [cell("statement"), cell(text)])), "a.ods")
    assert frame["statement"].tolist() == ["a  b\nc"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            table("applications", [cell("a"), cell(1, extra=' table:formula="of:=1+1"')]),
            "has a formula in cell A2",
        ),
        (table("applications", [cell("a"), cell(1, 2**31)]), "beyond column 16,384"),
        (table("applications", [cell("a"), cell("x")], 10**9), "has more than 100 rows"),
        (
            table("applications", [cell("a"), cell('<text:s text:c="1000000000"/>')]),
            "a cell longer than 1,000 characters",
        ),
    ],
)
def test_a_hostile_ods_file_is_refused_within_its_bounds(content: str, message: str) -> None:
    limits = Limits(rows=100, cell_chars=1_000)
    with pytest.raises(InterchangeError, match=message):
        spreadsheet_files.read_table(ods(content), "a.ods", "applications", limits)


def test_an_ods_file_declaring_entities_is_refused() -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>'
    with pytest.raises(InterchangeError, match="declares a document type"):
        read_table(ods(table("applications", [cell("a"), cell("b")]), bomb), "a.ods")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"garbage" * 100, "a.ods: is not an OpenDocument spreadsheet (.ods)"),
        (ods("<table:table"), "a.ods: cannot be opened as an OpenDocument spreadsheet (.ods)"),
    ],
)
def test_a_damaged_ods_file_gets_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(InterchangeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_table(data, "a.ods")
