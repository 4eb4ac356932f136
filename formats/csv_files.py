"""Reading an uploaded CSV file as rows of text: decoded as it is read (never the whole text at
once), in the first encoding that reads the whole file (UTF-8 with or without its byte-order
mark, UTF-16 with its mark, as Excel's "Unicode text" is, else Windows' cp1252), split at the
separator its header row shows (formats/csv_dialect.py); every cell checked as it is read.

No row is lost to a quote mark. The file is read strictly, so a quote that never closes or is
followed by more text where its cell should end is refused; a row is refused when it has more
cells than the header (unless the extra ones are blank), when it stops before a required
column (optional columns may be left off its end, as Excel does when they are blank), when a
quote mark stands inside a cell that does not start with one (the sign of a lost opening
quote), or when a cell running over several lines holds lines that look like rows of the file
(a quote that opened too early and closed later: formats/csv_shape.py). Each problem names the
row as a spreadsheet numbers it (a record a row, blank lines included, the header row 1) and
the column, and says what to do; rows are numbered so even after a cell of several lines."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Sequence
from typing import cast

from formats import csv_problems as say
from formats.csv_dialect import SAVE_AS_CSV, separator, unsplit_header
from formats.csv_problems import NUL
from formats.csv_shape import QUOTE, RowShape, cells, line_of, rows_inside
from formats.limits import Limits, Table
from formats.problems import InterchangeError, Problem
from formats.refusals import column_letters, fail, too_many_rows


def check_row(
    name: str, values: Sequence[object], number: int, header: Sequence[object], limits: Limits
) -> None:
    """Every cell of row `number`, each named by its header (or its column's position)."""
    for i, value in enumerate(values):
        column = str(header[i]) if i < len(header) else f"column {i + 1}"
        check_cell(name, value, number, column, limits)


def check_cell(name: str, value: object, number: int, column: str, limits: Limits) -> None:
    if isinstance(value, str):
        if "\x00" in value:
            raise fail(name, NUL, number, column)
        if len(value) > limits.cell_chars:
            raise fail(
                name,
                f"is {len(value):,} characters long; the most a cell may hold is {limits.cell_chars:,}.",
                number,
                column,
            )


ENCODINGS = ("utf-8-sig", "utf-16", "cp1252")  # tried in turn; utf-16 only with its BOM
HEADER_CHARS = 1_000_000  # of the header row, enough to see its separator


def csv_rows(
    data: bytes,
    name: str,
    limits: Limits,
    columns: Collection[str],
    shape: RowShape = RowShape(),  # noqa: B008  (frozen)
) -> Table:
    """Decoded as it is read (never the whole text at once), in the first encoding that reads
    the whole file, split at the separator its header row shows."""
    head = data[:4096]
    bom16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in head and not bom16:
        if head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4:
            raise fail(
                name,
                "looks like UTF-16 text without a byte-order mark; save it as CSV UTF-8. "
                + SAVE_AS_CSV,
            )
        raise fail(name, "is not a text file; upload the CSV, XLSX or ODS file itself.")
    for encoding in ENCODINGS:
        if encoding == "utf-16" and not bom16:
            continue
        try:
            line = _header_line(_text(data, encoding))
            if problem := unsplit_header(line, columns):
                raise fail(name, problem)
            reading = _Reading(name, limits, separator(line, columns), shape)
            return reading.records(_text(data, encoding))
        except UnicodeError:
            continue
    raise fail(
        name, "is not in a text encoding the tool reads; save it as CSV UTF-8. " + SAVE_AS_CSV
    )


def _text(data: bytes, encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding, newline="")


def _header_line(text: io.TextIOWrapper, lines: int = 1_000) -> str:
    """The first line that is not blank (the header row), at most HEADER_CHARS of it."""
    for _ in range(lines):
        line = text.readline(HEADER_CHARS)
        if line.strip() or not line:
            return line
    return ""


class _TooLong(Exception):
    """A record longer than its cells can be."""


class _Lines:
    """The file's lines as the csv module takes them, holding those of the record being read
    (at most `most` characters: its cells could hold no more) to place a problem in it."""

    def __init__(self, text: io.TextIOWrapper, most: int) -> None:
        self.text, self.most = text, most
        self.held: list[str] = []
        self.size = 0
        self.nul = self.quoted = self.odd = False  # a NUL or a quote mark in its lines

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.text.readline(self.most + 1)
        if not line:
            raise StopIteration
        self.size += len(line)
        if self.size > self.most:
            raise _TooLong
        if "\x00" in line:
            self.nul = self.odd = True
        if QUOTE in line:
            self.quoted = self.odd = True
        self.held.append(line)
        return line

    def take(self) -> list[str]:
        """The lines of the record just read, and a fresh start for the next."""
        held, self.held, self.size = self.held, [], 0
        self.nul = self.quoted = self.odd = False
        return held


class _Reading:
    """One pass over a file's records, with what its problems need to be placed."""

    def __init__(self, name: str, limits: Limits, delimiter: str, shape: RowShape) -> None:
        self.name, self.limits, self.delimiter, self.shape = name, limits, delimiter, shape
        self.header: list[str] = []
        self.reach = 0  # the cells every row must have: up to its last required column
        self.past = ""
        self.problems: list[Problem] = []

    def records(self, text: io.TextIOWrapper) -> Table:
        csv.field_size_limit(self.limits.cell_chars)  # a longer cell stops the read
        lines = _Lines(text, HEADER_CHARS)
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        header: list[str] | None = None
        rows: list[tuple[int, list[str]]] = []
        number, line = 0, 1  # the row a spreadsheet shows; the file's line it starts on
        try:
            for record in reader:  # blank lines before the header, then the header
                number, line = number + 1, line + len(lines.take())
                if any(f.strip() for f in record):
                    header = record
                    self._take_header(record, number)
                    break
            if header is None:
                raise fail(self.name, "is empty: it needs a header row and one row per record.")
            header_row, width = number, len(header)
            lines.most = max(HEADER_CHARS, 2 * self.limits.cell_chars * width)
            for record in reader:
                number += 1
                if len(rows) >= self.limits.rows:
                    raise too_many_rows(self.name, self.limits)
                if len(lines.held) == 1 and len(record) == width and not lines.odd:
                    lines.take()  # the common row: one line, no quote mark or NUL, every cell
                    line += 1
                else:
                    nul, quoted, held = lines.nul, lines.quoted, lines.take()
                    start, line = line, line + len(held)
                    if nul:
                        self._nul(record, number)
                    self._check(record, number, start, held if quoted or len(held) > 1 else None)
                rows.append((number, record))
        except csv.Error as exc:
            raise self._broken(str(exc), lines.take(), number + 1, line) from None
        except _TooLong:
            raise self._refused(say.record_too_long(lines.most), number + 1) from None
        for field in header:
            check_cell(self.name, field, header_row, "header", self.limits)
        if self.problems:
            raise InterchangeError(self.problems)
        return list(header), cast("list[tuple[int, list[object]]]", rows), header_row

    # --- The checks on each record -------------------------------------------------------------

    def _take_header(self, record: list[str], number: int) -> None:
        self.header = [c.strip().lower() for c in record]
        for i, value in enumerate(record):
            if "\n" in value or "\r" in value:
                message = say.line_break_in_header(column_letters(i + 1))
                raise fail(self.name, message, number, "header")
        present = [self.header.index(c) for c in self.shape.required if c in self.header]
        self.reach = max(present) + 1 if present else 0
        self.past = column_letters(len(record) + 1)  # the first column the header does not name

    def _nul(self, record: list[str], number: int) -> None:
        for i, value in enumerate(record):
            if "\x00" in value:
                self.problems.append(Problem(self.name, number, self._column(i), NUL))

    def _check(self, record: list[str], number: int, start: int, held: list[str] | None) -> None:
        width = len(self.header)
        if len(record) > width and any(record[width:]):
            message = say.too_many_cells(len(record), width, self.past, self.delimiter)
            self.problems.append(Problem(self.name, number, self.past, message))
        elif 0 < len(record) < self.reach and any(record):
            message = say.too_few_cells(len(record), width)
            self.problems.append(Problem(self.name, number, self._column(len(record)), message))
        if held is None:
            return
        text = "".join(held)
        if QUOTE in "".join(record):
            for i, span in enumerate(cells(text, self.delimiter)):
                written = text[span.start : span.end]
                if not span.quoted and (
                    written.endswith(QUOTE) or written.lstrip().startswith(QUOTE)
                ):
                    message = say.stray_quote(written)
                    self.problems.append(Problem(self.name, number, self._column(i), message))
        if len(held) > 1:
            lacks = width - len(record)  # negative for blank cells past the header
            for i, value in enumerate(record):
                if "\n" in value or "\r" in value:
                    found = rows_inside(
                        value, self.delimiter, self.header, self.reach, self.shape, i, i + lacks
                    )
                    if found:
                        span = cells(text, self.delimiter)[i]
                        last = start + line_of(text, span.end)
                        opens = start + line_of(text, span.start)
                        message = say.rows_taken_in(opens, last, closed=True)
                        raise self._refused(message, number, self._column(i))

    # --- What to say ---------------------------------------------------------------------------

    def _column(self, i: int) -> str:
        return self.header[i] if i < len(self.header) and self.header[i] else column_letters(i + 1)

    def _refused(self, message: str, row: int, column: str | None = None) -> InterchangeError:
        return InterchangeError([*self.problems, Problem(self.name, row, column, message)])

    def _broken(self, why: str, held: list[str], number: int, start: int) -> InterchangeError:
        """What the csv module could not read, placed at the cell where it starts."""
        text = "".join(held)
        spans = cells(text, self.delimiter)
        i = len(spans) - 1
        too_long = "field larger than field limit" in why
        if too_long:
            long = [k for k, s in enumerate(spans) if s.length > self.limits.cell_chars]
            i = long[0] if long else i
        span = spans[i] if spans else None
        if span is None or not span.quoted or (span.closed and not span.runs_on):
            if too_long:
                return self._refused(say.too_long(self.limits.cell_chars), number, self._column(i))
            message = f"is not a well-formed CSV file at line {start:,} ({why}). {SAVE_AS_CSV}"
            return self._refused(message, number)
        opens = start + line_of(text, span.start)
        closes = start + line_of(text, min(span.end, len(text.rstrip("\r\n"))))
        if span.runs_on:
            message = say.closed_early(opens, closes)
        elif not too_long:
            message = say.never_closed(opens, closes)
        elif rows_inside(
            text[span.start + 1 :].replace('""', '"'),
            self.delimiter,
            self.header,
            self.reach,
            self.shape,
            i,
        ):
            message = say.rows_taken_in(opens, closes, closed=False)
        else:
            message = say.still_open(opens, closes, self.limits.cell_chars)
        return self._refused(message, number, self._column(i))
