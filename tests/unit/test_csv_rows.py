"""The CSV reader's rules for quote marks and cells per row (formats/csv_files.py): what a
spreadsheet writes is read, and what would lose, join or split rows is refused at the row and
column where it starts, saying what to do."""

from __future__ import annotations

from dataclasses import replace

import pytest

from formats.interchange import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    OPTIONAL_APPLICATION_COLUMNS,
    read_table,
)
from formats.problems import InterchangeError, Problem
from formats.spreadsheet_files import LIMITS
from formats.spreadsheet_files import read_table as read_with_limits

HEADER = ",".join(APPLICATION_COLUMNS)


def row(app_id: str = "A1", **values: str) -> str:
    cells = dict.fromkeys(APPLICATION_COLUMNS, "")
    cells.update(application_id=app_id, received_date="2026-01-20", first_name="Ann")
    cells.update(last_name="Lee", statement="I did things.")
    cells.update(values)
    return ",".join(cells[c] for c in APPLICATION_COLUMNS)


def read(*lines: str, header: str = HEADER) -> list[list[str]]:
    data = ("\r\n".join([header, *lines]) + "\r\n").encode()
    frame = read_table(
        data,
        "a.csv",
        "applications",
        columns=(*APPLICATION_COLUMNS, *OPTIONAL_APPLICATION_COLUMNS),
        shape=APPLICATION_ROWS,
    )
    return [[str(v) for v in r] for r in frame.itertuples(index=False)]


def refused(*lines: str, header: str = HEADER) -> list[Problem]:
    with pytest.raises(InterchangeError) as error:
        read(*lines, header=header)
    return list(error.value.problems)


def test_a_statement_of_several_paragraphs_with_commas_and_quotes_is_read_whole() -> None:
    statement = '"However, I led it.\r\n\r\nFirstly, rent; secondly, ""arrears"".\nThanks,"'
    rows = read(row("A1", statement=statement), row("A2"))
    assert rows[0][-1] == 'However, I led it.\r\n\r\nFirstly, rent; secondly, "arrears".\nThanks,'
    assert [r[0] for r in rows] == ["A1", "A2"]


def test_a_quote_mark_inside_a_cell_that_is_not_quoted_is_read_as_written() -> None:
    (read_row,) = read(row(statement='I said "yes" to it'))
    assert read_row[-1] == 'I said "yes" to it'


def test_a_row_may_leave_off_optional_columns_at_its_end() -> None:
    rows = read(row("A1") + ",01/02/1990", row("A2"), header=HEADER + ",date_of_birth")
    assert [r[-1] for r in rows] == ["01/02/1990", ""]


def test_blank_cells_past_the_header_are_read_as_nothing() -> None:
    assert read(row("A1") + ",,,")[0][0] == "A1"


def test_an_unclosed_quote_is_refused_where_it_opens_saying_how_much_it_would_take() -> None:
    (problem,) = refused(row("A1"), row("A2", statement='"Opened'), row("A3"), row("A4"))
    assert (problem.row, problem.column) == (3, "statement")
    assert "opens this cell on line 3 of the file and nothing closes it" in problem.message
    assert "the rest of the file (2 more line(s))" in problem.message
    assert "Put the closing quote mark where the cell's text ends" in problem.message


def test_a_quote_that_closes_rows_later_is_refused_where_it_opens() -> None:
    lines = [row(f"A{n}") for n in range(1, 9)]
    lines[1] = row("A2", statement='"Opened')
    lines[6] = row("A7", statement='closed"')
    (problem,) = refused(*lines)
    assert (problem.row, problem.column) == (3, "statement")
    assert "does not close until line 8, so lines that look like rows" in problem.message


def test_a_quote_that_closes_in_the_same_cell_of_the_next_row_is_refused() -> None:
    (problem,) = refused(row('"A1'), row('A2"'), row("A3"))
    assert (problem.row, problem.column) == (2, "application_id")
    assert "does not close until line 3" in problem.message


def test_more_text_after_a_closing_quote_is_refused_at_its_cell() -> None:
    (problem,) = refused(row(first_name='"Ann" Marie'))
    assert (problem.row, problem.column) == (2, "first_name")
    assert "a quote mark ends this cell's quoted text before the cell ends" in problem.message


def test_a_cell_that_ends_with_a_quote_mark_it_never_opened_is_refused() -> None:
    problems = refused(row(statement='Rent and arrears."'))
    assert [(p.row, p.column) for p in problems] == [(2, "statement")]
    assert "ends with a quote mark but does not start with one" in problems[0].message


def test_a_space_before_an_opening_quote_mark_is_named() -> None:
    problems = refused(row(statement=' "Rent, arrears"'))
    assert (2, "statement") in [(p.row, p.column) for p in problems]
    assert any("remove the space" in p.message for p in problems)


def test_a_row_with_more_cells_than_the_header_names_the_first_column_past_it() -> None:
    (problem,) = refused(row(statement="Rent, arrears"))
    assert (problem.row, problem.column) == (2, "N")
    assert "has 14 cells where the header names 13" in problem.message
    assert "A cell holding a comma splits in two unless it is between quote marks" in (
        problem.message
    )


def test_a_row_that_stops_before_a_required_column_names_the_column() -> None:
    (problem,) = refused(",".join(row().split(",")[:4]))
    assert (problem.row, problem.column) == (2, "email")
    assert "the row ends before this column: it has 4 cell(s)" in problem.message


def test_every_row_with_the_wrong_number_of_cells_is_listed_at_once() -> None:
    problems = refused(
        row("A1", statement="a, b"), row("A2"), "A3,2026-01-20", row("A4", statement="c, d")
    )
    assert [p.row for p in problems] == [2, 4, 5]


def test_a_line_break_in_the_header_is_refused() -> None:
    (problem,) = refused(row(), header='"application_id\r\nreceived_date",' + HEADER)
    assert (problem.row, problem.column) == (1, "header")
    assert "has a line break in the header's column A" in problem.message


def test_a_long_csv_cell_names_its_row_and_column() -> None:
    data = (HEADER + "\n" + row("A1") + "\n" + row("A2", first_name="x" * 1_001) + "\n").encode()
    with pytest.raises(InterchangeError) as error:
        read_with_limits(data, "a.csv", "applications", replace(LIMITS, cell_chars=1_000))
    (problem,) = error.value.problems
    assert (problem.row, problem.column) == (3, "first_name")
    assert "is more than 1,000 characters long" in problem.message


def test_a_quote_still_open_past_the_longest_cell_names_where_it_opens() -> None:
    lines = [HEADER, row("A1", statement='"Opened')] + [row(f"A{n}") for n in range(2, 200)]
    data = ("\n".join(lines) + "\n").encode()
    with pytest.raises(InterchangeError) as error:
        read_with_limits(
            data, "a.csv", "applications", replace(LIMITS, cell_chars=1_000), shape=APPLICATION_ROWS
        )
    (problem,) = error.value.problems
    assert (problem.row, problem.column) == (2, "statement")
    assert "opens this cell on line 2 of the file and has not closed by line" in problem.message
    assert "lines that look like rows of their own" in problem.message


def test_a_quote_opening_before_the_reference_column_and_closing_a_row_later_is_refused() -> None:
    header = ",".join(["statement", *APPLICATION_COLUMNS[:-1]])
    first, second = row("A1").split(","), row("A2").split(",")
    lines = [
        ",".join(['"' + first[-1], *first[:-1]]),  # a quote opens A1's statement
        ",".join([second[-1] + '"', *second[:-1]]),  # and a stray one closes A2's
        ",".join(row("A3").split(",")[-1:] + row("A3").split(",")[:-1]),
    ]
    (problem,) = refused(*lines, header=header)
    assert (problem.row, problem.column) == (2, "statement")
    assert "does not close until line 3" in problem.message
