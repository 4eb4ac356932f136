"""A CSV file's quote marks can never make rows disappear into another row's cell (issue 25).

Python's csv module reads an unclosed quote to the end of the file: an applications file whose
row 4 opened a quote and never closed it was imported as three applications, the rest sitting
in the third one's statement, read by the panel under its code. Now a file is refused, naming
the row and column where the quote opens, or its rows are read exactly as written.

The property: CSV files written properly, with awkward cells (quote marks, commas, semicolons,
tabs, line breaks, carriage returns, other scripts), then damaged as hand edits damage them.
Either the file is refused with a problem naming a row, or every row of the file is read, in
order, with no cell holding another row's reference. References are `Q<n>Q`, and no generated
cell holds a Q, so another row's reference inside a cell can only mean a row taken in. A cell
is at most eight pieces, so none holds a line of twelve separators: a paragraph of a statement
that does, and that begins with a word shaped like a reference, would be read as a row taken
in (the reader's known limit, README "Interchange formats")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from criteria.loader import load_catalogue
from formats.csv_shape import RowShape
from formats.interchange import (
    APPLICATION_COLUMNS,
    APPLICATION_ROWS,
    SCORE_COLUMNS,
    read_applications,
    read_panel_scores,
    read_table,
)
from formats.problems import InterchangeError
from storage.store import open_store
from tests.factories import criterion, vacancy
from tests.integration.helpers import World, make_world
from tests.integration.test_import_malformed import snapshot
from tests.pg import new_database
from use_cases import Services
from use_cases.errors import ImportRefused

QUOTE = '"'
PLAIN = st.text(  # no quote mark, separator or line break, and no Q
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters='\x00"Q,;\t\r\n', max_codepoint=0x2FFF
    ),
    max_size=8,
)
AWKWARD = st.lists(
    st.one_of(
        PLAIN,
        st.sampled_from(['"', ",", ";", "\t", "\n", "\r", "\r\n", '""', " ", "é", "£", "ł", "—"]),
    ),
    max_size=8,
).map("".join)


@dataclass(frozen=True)
class Format:
    columns: tuple[str, ...]
    sheet: str

    def shape(self, ids: list[str]) -> RowShape:
        if self.columns == APPLICATION_COLUMNS:
            return APPLICATION_ROWS
        return RowShape(SCORE_COLUMNS, is_key=set(ids).__contains__)


APPLICATIONS = Format(APPLICATION_COLUMNS, "applications")
PANEL_SCORES = Format((*SCORE_COLUMNS, "note"), "panel_scores")


def written(value: str, sep: str) -> str:
    """A cell as a spreadsheet writes it: quoted when it holds a quote mark, the separator or
    a line break, each quote mark inside doubled."""
    if any(ch in value for ch in (QUOTE, sep, "\r", "\n")):
        return QUOTE + value.replace(QUOTE, QUOTE * 2) + QUOTE
    return value


def text_of(rows: list[list[str]], sep: str, end: str) -> str:
    return "".join(sep.join(row) + end for row in rows)


@st.composite
def files(draw: st.DrawFn, form: Format) -> tuple[list[list[str]], str, str]:
    """Rows of values (each led by its unique reference), the separator and the line ending."""
    rows = []
    for n in range(draw(st.integers(2, 8))):  # rows of plain cells, as most are, and others
        cell = draw(st.sampled_from([PLAIN, st.one_of(PLAIN, AWKWARD)]))
        rows.append([f"Q{n}Q", *(draw(cell) for _ in form.columns[1:])])
    return rows, draw(st.sampled_from([",", ";", "\t"])), draw(st.sampled_from(["\r\n", "\n"]))


def read_back(data: str, form: Format, ids: list[str]) -> list[list[str]]:
    frame = read_table(
        data.encode("utf-8"), "a.csv", form.sheet, columns=form.columns, shape=form.shape(ids)
    )
    return [[str(v) for v in row] for row in frame.itertuples(index=False)]


@pytest.mark.parametrize("form", [APPLICATIONS, PANEL_SCORES], ids=["applications", "scores"])
@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_a_properly_written_file_reads_back_exactly(form: Format, data: st.DataObject) -> None:
    rows, sep, end = data.draw(files(form))
    cells = [[written(v, sep) for v in row] for row in [list(form.columns), *rows]]
    ids = [row[0] for row in rows]
    assert read_back(text_of(cells, sep, end), form, ids) == rows


def stray_at_start(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    r, c = at
    cells[r][c] = QUOTE + cells[r][c]


def stray_inside(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    r, c = at
    i = draw(st.integers(0, len(cells[r][c])))
    cells[r][c] = cells[r][c][:i] + QUOTE + cells[r][c][i:]


def closing_dropped(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    r, c = at
    if cells[r][c].endswith(QUOTE):
        cells[r][c] = cells[r][c][:-1]
    else:
        cells[r][c] = QUOTE + cells[r][c]  # an opening quote with no closing one


def opening_dropped(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    r, c = at
    if cells[r][c].startswith(QUOTE):
        cells[r][c] = cells[r][c][1:]
    else:
        cells[r][c] += QUOTE  # a closing quote with no opening one


def closes_later(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    r, c = at
    later = draw(st.integers(r, len(cells) - 1))
    column = draw(st.integers(0, len(cells[later]) - 1))
    cells[r][c] = QUOTE + cells[r][c]
    cells[later][column] += QUOTE


def last_row_unbalanced(cells: list[list[str]], at: tuple[int, int], draw: st.DrawFn) -> None:
    closing_dropped(cells, (len(cells) - 1, at[1]), draw)


MUTATIONS = [
    stray_at_start,
    stray_inside,
    closing_dropped,
    opening_dropped,
    closes_later,
    last_row_unbalanced,
]


@pytest.mark.parametrize("form", [APPLICATIONS, PANEL_SCORES], ids=["applications", "scores"])
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_a_damaged_file_is_refused_at_a_row_or_read_row_for_row(
    form: Format, data: st.DataObject
) -> None:
    rows, sep, end = data.draw(files(form))
    cells = [[written(v, sep) for v in row] for row in [list(form.columns), *rows]]
    for _ in range(data.draw(st.integers(1, 2))):
        mutate = data.draw(st.sampled_from(MUTATIONS))
        at = (data.draw(st.integers(1, len(rows))), data.draw(st.integers(0, len(form.columns) - 1)))  # fmt: skip
        mutate(cells, at, data.draw)
    ids = [row[0] for row in rows]
    try:
        read = read_back(text_of(cells, sep, end), form, ids)
    except InterchangeError as refused:
        assert any(p.row is not None for p in refused.problems), str(refused)
        return
    # a stray quote inside a cell is kept, and quotes opened and closed within one row may join
    # its cells: each row's first cell still begins with its own reference
    plain = [[value.replace(QUOTE, "") for value in row] for row in read]
    assert len(plain) == len(ids)
    assert all(row[0].startswith(ref) for row, ref in zip(plain, ids, strict=True)), plain
    for i, row in enumerate(plain):
        others = [ref for j, ref in enumerate(ids) if j != i]
        assert not any(ref in value for value in row for ref in others), row


# --- The file of issue 25, and its kin, through the import ----------------------------------


def application(n: int, statement: str = "I cut arrears by a third.", prefix: str = "Q") -> str:
    cells = dict.fromkeys(APPLICATION_COLUMNS, "")
    cells.update(
        application_id=f"{prefix}{n:03d}", received_date="2026-01-20", first_name="Ann",
        last_name=f"Surname{n}", email=f"ann{n}@example.org", disability_gis="no",
        care_leaver="no", armed_forces_status="none", statement=statement,
    )  # fmt: skip
    return ",".join(cells[c] for c in APPLICATION_COLUMNS)


def twenty(prefix: str = "Q", **changed: str) -> bytes:
    """Twenty applications, Q001 to Q020 on rows 2 to 21; `changed` rewrites rows by name
    (`row4="..."`)."""
    lines = [",".join(APPLICATION_COLUMNS)] + [application(n, prefix=prefix) for n in range(1, 21)]
    for key, line in changed.items():
        lines[int(key.removeprefix("row")) - 1] = line
    return ("\r\n".join(lines) + "\r\n").encode()


HOSTILE = {
    "an unclosed quote in the third application": (
        twenty(row4=application(3, '"I opened a quote and never closed it.')),
        (4, "statement"),
        "a quote mark opens this cell on line 4 of the file and nothing closes it",
    ),
    "a stray quote that closes three rows later": (
        twenty(
            row4=application(3, '"I opened a quote.'),
            row7=application(6, 'A stray quote closes it"'),
        ),
        (4, "statement"),
        "does not close until line 7, so lines that look like rows of their own",
    ),
    "an unclosed quote that meets a quoted cell": (
        twenty(
            row4=application(3, '"I opened a quote.'),
            row5=application(4, '"Rent, arrears and repairs."'),
        ),
        (4, "statement"),
        "the one taken to close it, on line 5, is followed by more text",
    ),
    "a row with more cells than the header": (
        twenty(row6=application(5, "Rent, arrears")),
        (6, "N"),
        "has 14 cells where the header names 13",
    ),
    "a row broken in two by a line break outside quotes": (
        twenty(row6=application(5, "Rent\r\narrears")),
        (7, "received_date"),
        "the row ends before this column: it has 1 cell(s) where the header names 13",
    ),
}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('swallow') / 'db.sqlite'}"
    else:
        url = new_database(request.getfixturevalue("postgres_base"))
    services = Services(open_store(url, load_catalogue()))
    yield make_world(services, release=False)  # the sample imported: 17 applications
    services.store.engine.dispose()


@pytest.mark.parametrize(("data", "where", "message"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_file_whose_quotes_would_lose_rows_is_refused_and_stores_nothing(
    world: World, data: bytes, where: tuple[int, str], message: str
) -> None:
    before = snapshot(world.services)
    with pytest.raises(ImportRefused) as refused:
        world.services.intake.import_applications(
            world.hr, world.vacancy.id, file_name="twenty.csv", data=data
        )
    first = refused.value.problems[0]
    assert (first.file, first.row, first.column) == ("twenty.csv", *where)
    assert message in first.message
    assert snapshot(world.services) == before


def test_twenty_applications_with_multi_paragraph_statements_are_all_stored(world: World) -> None:
    services = world.services
    statement = '"Rent, arrears; repairs.\r\n\r\nI led a team of five, and ""cut"" arrears.\nM9"'
    rows = {f"row{n + 1}": application(n, statement, prefix="M") for n in range(1, 21, 2)}
    report = services.intake.import_applications(
        world.hr, world.vacancy.id, file_name="twenty.csv", data=twenty("M", **rows)
    )
    assert report.rows == 20
    stored = {
        a.reference: a.statement
        for a in services.intake.applications(world.hr, world.vacancy.id)
        if a.reference.startswith("M")
    }
    assert sorted(stored) == [f"M{n:03d}" for n in range(1, 21)]
    assert (
        stored["M003"]
        == 'Rent, arrears; repairs.\r\n\r\nI led a team of five, and "cut" arrears.\nM9'
    )
    assert stored["M004"] == "I cut arrears by a third."


def test_a_row_after_a_cell_of_several_lines_is_numbered_as_a_spreadsheet_shows_it() -> None:
    data = twenty(
        row2=application(1, '"One.\r\nTwo.\r\nThree."'),
        row4=application(3, "Rent, arrears"),
    )
    with pytest.raises(InterchangeError) as refused:
        read_applications(data, name="twenty.csv")
    (problem,) = refused.value.problems
    assert problem.row == 4, "the spreadsheet's row 4, the file's line 6"


def test_panel_scores_with_an_unclosed_note_are_refused_at_the_note() -> None:
    lines = ["application_id,criterion_id,panel_member,score,note"]
    lines += [f"Q{n:03d},c1,m1,2,fine" for n in range(1, 11)]
    lines[3] = 'Q003,c1,m1,2,"Clear answer'
    data = ("\n".join(lines) + "\n").encode()
    with pytest.raises(InterchangeError) as refused:
        read_panel_scores(
            data, vacancy([criterion("c1")]), [f"Q{n:03d}" for n in range(1, 11)], name="s.csv"
        )
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (4, "note")
    assert "nothing closes it" in problem.message


def test_a_quote_closing_after_a_doubled_quote_mark_in_the_next_reference_is_refused() -> None:
    """Found by the property: the quote opened in Q3Q's reference closes in Q4Q's row after a
    doubled quote mark, leaving one record of four cells (the note may be left off)."""
    lines = ["application_id,criterion_id,panel_member,score,note", "Q0Q,,,,", "Q1Q,,,,"]
    lines += ['"Q3Q,,,,', 'Q4Q"",",,,']
    data = ("\r\n".join(lines) + "\r\n").encode()
    with pytest.raises(InterchangeError) as refused:
        read_table(data, "s.csv", "panel_scores", columns=PANEL_SCORES.columns,
                   shape=PANEL_SCORES.shape(["Q0Q", "Q1Q", "Q3Q", "Q4Q"]))  # fmt: skip
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (4, "application_id")
    assert "does not close until line 5" in problem.message


def test_a_quote_closing_in_the_next_rows_quoted_cell_is_refused() -> None:
    """Found by the property: the quote opened in Q0Q's empty third cell closes at the end of
    Q1Q's third cell, a quoted comma, so the start of Q1Q's row inside it has a cell more."""
    text = ",".join(APPLICATION_COLUMNS) + '\r\nQ0Q,,",,,,,,,,,,\r\nQ1Q,,"",",,,,,,,,,,\r\n'
    with pytest.raises(InterchangeError) as refused:
        read_table(text.encode(), "a.csv", "applications", columns=APPLICATION_COLUMNS,
                   shape=APPLICATION_ROWS)  # fmt: skip
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (2, "first_name")
    assert "does not close until line 3" in problem.message
