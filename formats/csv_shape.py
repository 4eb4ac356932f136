"""Where a CSV record's quotes open and close, and whether a cell has taken in rows of its own.

Python's csv module, asked to read an unclosed quote, reads to the end of the file, and a quote
that closes many lines later takes in every line between. So the reader (formats/csv_files.py)
reads strictly and, for a record that needs it, looks at its text again here:

- `cells` splits a record's text as the csv module does (a cell that starts with a quote mark
  runs to the quote mark that ends it; a quote mark inside is written twice), noting where each
  cell starts and whether its quote closes;
- `looks_like_row` says whether a line inside a cell could be a row of the file: split at the
  separator (inside a quote that took in rows, every quote mark is one of a doubled pair, so
  none opens a cell), it has the cells a row has (reaching every required column, any beyond
  the header blank) and its key cell (the application's reference) holds a key. A paragraph
  rarely splits into exactly the thirteen cells of an application, and its first words are
  not a reference;
- `rows_inside` counts such lines in a cell that runs over several lines, and its last line
  when that is the start of a row cut where the quote closed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

QUOTE = '"'
LINE_BREAK = re.compile(r"\r\n|\r|\n")
TOKEN = re.compile(r"\S{1,64}")  # a key when the format says nothing more: one short word
_QUOTED = re.compile(r'"([^"]*(?:""[^"]*)*)("?)')  # a quoted cell, closed or not


def is_token(value: str) -> bool:
    return TOKEN.fullmatch(value) is not None


@dataclass(frozen=True)
class RowShape:
    """What a row of a format looks like. `required`: the columns every row reaches (a row may
    leave off only optional columns at its end); `key`: the column that names the row, and
    `is_key` what a value in it looks like."""

    required: tuple[str, ...] = ()
    key: str = "application_id"
    is_key: Callable[[str], bool] = field(default=is_token, compare=False)


@dataclass(frozen=True)
class Span:
    """A cell as written in the record's text: from `start` to `end` (its quote marks
    included), whether it starts with a quote mark, whether that quote closes, and whether the
    closing quote is followed by more text where the cell should end."""

    start: int
    end: int
    quoted: bool
    closed: bool = True
    runs_on: bool = False

    @property
    def length(self) -> int:
        """The characters of the cell's value (quote marks around it and doubling left out)."""
        return self.end - self.start if not self.quoted else self.end - self.start - 2


def cells(text: str, delimiter: str) -> list[Span]:
    """The cells of the record written as `text` (one record, possibly cut short), as the csv
    module reads them strictly; stops at a quote that does not close or runs on."""
    plain = re.compile(f"[^{re.escape(delimiter)}\r\n]*")
    spans: list[Span] = []
    at, end = 0, len(text)
    while True:
        if text.startswith(QUOTE, at):
            found = _QUOTED.match(text, at)
            assert found is not None  # the pattern matches any text that starts with a quote
            closed = found.group(2) == QUOTE
            after = found.end()
            runs_on = closed and after < end and text[after] not in (delimiter, "\r", "\n")
            spans.append(Span(at, after, True, closed, runs_on))
            if not closed or runs_on:
                return spans
            at = after
        else:
            found = plain.match(text, at)
            assert found is not None  # the pattern matches the empty string
            spans.append(Span(at, found.end(), False))
            at = found.end()
        if at >= end or text[at] in "\r\n":
            return spans
        at += 1  # past the delimiter


def line_of(text: str, offset: int) -> int:
    """The line (from 0) of the record's text that `offset` falls on."""
    return len(LINE_BREAK.findall(text, 0, offset))


def looks_like_row(
    line: str, delimiter: str, header: Sequence[str], reach: int, shape: RowShape
) -> bool:
    """Whether `line`, read on its own, could be a row of the file: it reaches `reach` cells,
    any past the header's are blank, and its key cell holds a key."""
    least = max(reach, 2)
    if line.count(delimiter) < least - 1:  # most lines of a paragraph stop here
        return False
    values = line.split(delimiter)
    return (
        len(values) >= least
        and not any(values[len(header) :])
        and _holds_key(values, header, shape)
    )


def _holds_key(values: Sequence[str], header: Sequence[str], shape: RowShape) -> bool:
    key = header.index(shape.key) if shape.key in header else 0
    return key < len(values) and shape.is_key(values[key].replace(QUOTE, "").strip())


def rows_inside(
    value: str,
    delimiter: str,
    header: Sequence[str],
    reach: int,
    shape: RowShape,
    opened_at: int = 0,
    closed_at: int | None = None,
) -> int:
    """How many lines of a cell's `value` (cell `opened_at` of its record) look like rows of
    the file, or parts of rows the quote took in.

    Every line after the first may be a row. For a cell whose quote closed, `closed_at` is its
    index plus the cells its record lacks of the header's: a quote that opens cell k of one row
    and closes in cell k of a later row leaves a record of the right length, the later row's
    first k cells (and what its cell k held) on the cell's last line, which then splits into
    more than `closed_at` cells, its key cell holding a key. And when the key column comes
    after the cell, the opening row's own key is on the cell's first line, in its place."""
    first, *lines = LINE_BREAK.split(value)
    found = sum(looks_like_row(line, delimiter, header, reach, shape) for line in lines[:-1])
    if not lines:
        return 0
    if looks_like_row(lines[-1], delimiter, header, reach, shape):
        found += 1
    elif closed_at is not None:
        values = lines[-1].split(delimiter)
        found += len(values) > closed_at and _holds_key(values, header, shape)
    key = header.index(shape.key) if shape.key in header else 0
    if key > opened_at:
        values = first.split(delimiter)
        if len(values) >= max(reach - opened_at, key - opened_at + 1):
            found += shape.is_key(values[key - opened_at].replace(QUOTE, "").strip())
    return found
