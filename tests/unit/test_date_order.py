"""A date is never read in the other order in silence (issue 29, item 3): a file of text dates
is read day first only when it shows day first and nothing in it hints at month first;
otherwise each date whose readings differ is refused with both readings. Date cells are
trusted as they are."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import Workbook

from formats.date_order import readings
from formats.interchange import APPLICATION_COLUMNS, read_applications
from formats.problems import InterchangeError

TODAY = date(2026, 5, 11)
CLOSING = date(2026, 1, 30)
HEADER = [*APPLICATION_COLUMNS, "date_of_birth"]
DATES = ("received_date", "armed_forces_date", "date_of_birth")


def applications(rows: list[dict[str, str]]) -> bytes:
    """A CSV file of applications, one per row, the dates as given (as text)."""
    lines = [",".join(HEADER)]
    for number, dates in enumerate(rows, start=1):
        cells = dict.fromkeys(HEADER, "")
        cells.update(application_id=f"N{number:03d}", first_name="Nia", last_name="Jones")
        cells.update(statement="I have worked in an income team.", armed_forces_status="none")
        if dates.get("armed_forces_date"):
            cells.update(armed_forces_status="left")
        cells.update(dates)
        lines.append(",".join(cells[c] for c in HEADER))
    return ("\r\n".join(lines) + "\r\n").encode()


def stored_dates(data: bytes, closing: date | None = CLOSING) -> list[dict[str, date | None]]:
    read = read_applications(data, name="apps.csv", today=TODAY, closing_date=closing)
    return [
        {
            "received_date": a.received_date,
            "armed_forces_date": a.declarations.armed_forces_date,
            "date_of_birth": a.declarations.date_of_birth,
        }
        for a in read.applications
    ]


def refused(data: bytes, closing: date | None = CLOSING) -> InterchangeError:
    with pytest.raises(InterchangeError) as error:
        read_applications(data, name="apps.csv", today=TODAY, closing_date=closing)
    return error.value


# --- The file ----------------------------------------------------------------------


def test_a_us_file_whose_days_are_all_twelve_or_less_is_refused_with_both_readings() -> None:
    """1 February written 02/01/26, 5 January written 01/05/26 (read day first: 1 May, after the
    closing date), a discharge date and a date of birth: none stored swapped."""
    data = applications(
        [
            {"received_date": "02/01/26", "date_of_birth": "03/04/90"},
            {"received_date": "01/05/26", "armed_forces_date": "06/11/19"},
        ]
    )
    problems = refused(data).problems
    where = {(p.file, p.row, p.column) for p in problems}
    assert where == {
        ("apps.csv", 2, "received_date"),
        ("apps.csv", 2, "date_of_birth"),
        ("apps.csv", 3, "received_date"),
        ("apps.csv", 3, "armed_forces_date"),
    }
    message = next(p.message for p in problems if p.row == 3 and p.column == "received_date")
    assert message.startswith(
        "'01/05/26' reads as 1 May 2026 (UK, day first) or 5 January 2026 (US, month first)"
    )
    assert "read day first is after the closing date, 30 January 2026" in message
    assert "Type the dates as year-month-day (2026-02-01 for 1 February 2026)" in message
    assert "make them date cells" in message


def test_a_file_with_no_day_above_twelve_and_no_other_clue_is_refused_too() -> None:
    data = applications([{"received_date": "02/01/26"}, {"received_date": "05/01/26"}])
    problems = refused(data, closing=date(2026, 3, 31)).problems
    assert [p.row for p in problems] == [2, 3]
    assert "nothing in the file shows which comes first" in problems[0].message


def test_a_date_read_day_first_after_today_hints_month_first() -> None:
    data = applications([{"received_date": "01/06/26"}, {"received_date": "20/01/26"}])
    (problem,) = refused(data, closing=None).problems  # today is 11 May 2026
    assert "1 June 2026 (UK, day first) or 6 January 2026 (US, month first)" in problem.message
    assert "the file's dates disagree" in problem.message
    assert "row 3, received_date: '20/01/26' can only be day first" in problem.message


def test_a_date_that_can_only_be_month_first_puts_every_other_date_in_doubt() -> None:
    data = applications([{"received_date": "01/20/26"}, {"received_date": "01/02/26"}])
    problems = refused(data).problems
    assert [(p.row, p.message[:40]) for p in problems] == [
        (2, "'01/20/26' is not a date: there is no mo"),
        (3, "'01/02/26' reads as 1 February 2026 (UK,"),
    ]
    assert "(row 2, received_date: '01/20/26' can only be month first)" in problems[1].message


def test_text_dates_in_a_workbook_are_held_to_the_same_rule() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "applications"  # type: ignore[union-attr]
    sheet.append(HEADER)  # type: ignore[union-attr]
    row = dict.fromkeys(HEADER, "")
    row.update(application_id="N1", received_date="02/01/26", statement="x")
    row.update(first_name="Nia", last_name="Jones", armed_forces_status="none")
    sheet.append([row[c] for c in HEADER])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InterchangeError, match="'02/01/26' reads as 2 January 2026"):
        read_applications(out.getvalue(), name="apps.xlsx", today=TODAY, closing_date=CLOSING)


def test_a_uk_file_that_shows_day_first_reads_as_written() -> None:
    data = applications(
        [
            {"received_date": "20/01/26", "date_of_birth": "03/04/90"},
            {"received_date": "02/01/26", "armed_forces_date": "06/11/19"},
        ]
    )
    assert stored_dates(data) == [
        {"received_date": date(2026, 1, 20), "armed_forces_date": None,
         "date_of_birth": date(1990, 4, 3)},
        {"received_date": date(2026, 1, 2), "armed_forces_date": date(2019, 11, 6),
         "date_of_birth": None},
    ]  # fmt: skip


@pytest.mark.parametrize("written", ["2026-02-01", "01.02.2026", "1 February 2026", "01/01/26"])
def test_a_date_with_one_reading_is_never_asked_about(written: str) -> None:
    data = applications([{"received_date": written}])
    assert stored_dates(data, closing=date(2026, 3, 31))[0]["received_date"] in (
        date(2026, 2, 1),
        date(2026, 1, 1),
    )


def test_date_cells_in_a_workbook_are_trusted_as_they_are() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "applications"  # type: ignore[union-attr]
    sheet.append(HEADER)  # type: ignore[union-attr]
    for number, when in enumerate([date(2026, 1, 2), date(2026, 1, 5)], start=1):
        row = dict.fromkeys(HEADER, "")
        row.update(application_id=f"N{number}", received_date=when, statement="x")  # type: ignore[arg-type]
        row.update(first_name="Nia", last_name="Jones", armed_forces_status="none")
        sheet.append([row[c] for c in HEADER])  # type: ignore[union-attr]
    out = io.BytesIO()
    book.save(out)
    read = read_applications(out.getvalue(), name="apps.xlsx", today=TODAY, closing_date=CLOSING)
    assert [a.received_date for a in read.applications] == [date(2026, 1, 2), date(2026, 1, 5)]


# --- The invariant ---------------------------------------------------------------------------

received = st.dates(TODAY - timedelta(days=400), TODAY)
discharged = st.dates(TODAY - timedelta(days=20 * 365), TODAY + timedelta(days=3 * 365))
born = st.dates(TODAY - timedelta(days=80 * 365), TODAY - timedelta(days=17 * 365))
US_FORMS = ("%m/%d/%y", "%m/%d/%Y", "{month}/{day}/{year}")  # 02/01/26, as LibreOffice writes


def written(when: date, form: str) -> str:
    if form.startswith("{"):
        return form.format(month=when.month, day=when.day, year=when.year)
    return when.strftime(form)


meant_rows = st.lists(
    st.fixed_dictionaries(
        {"received_date": received},
        optional={"armed_forces_date": discharged, "date_of_birth": born},
    ),
    min_size=1,
    max_size=6,
)


@given(rows=meant_rows, form=st.sampled_from(US_FORMS), closing=st.none() | received)
def test_a_us_file_is_refused_naming_a_row_or_read_exactly_never_swapped(
    rows: list[dict[str, date]], form: str, closing: date | None
) -> None:
    text = [{c: written(when, form) for c, when in row.items()} for row in rows]
    assume(
        any(
            (r := readings(t, c, TODAY)) is not None and r.day_first not in (None, r.month_first)
            for row in text
            for c, t in row.items()
        )
    )  # at least one date whose readings differ
    data = applications(text)
    try:
        stored = stored_dates(data, closing)
    except InterchangeError as error:
        assert all(p.row is not None and p.row >= 2 for p in error.problems)
        return
    assert stored == [{c: row.get(c) for c in DATES} for row in rows]


@given(rows=meant_rows, form=st.sampled_from(("%d/%m/%y", "%d/%m/%Y")))
def test_a_uk_file_that_shows_day_first_is_read_exactly(
    rows: list[dict[str, date]], form: str
) -> None:
    assume(any(when.day > 12 for row in rows for when in row.values()))
    text = [{c: when.strftime(form) for c, when in row.items()} for row in rows]
    assert stored_dates(applications(text), closing=TODAY) == [
        {c: row.get(c) for c in DATES} for row in rows
    ]
