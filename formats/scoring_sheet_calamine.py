"""A returned scoring sheet's rows read by calamine (in Rust, as the applications are read),
when the sheet is plain: six times quicker than the streaming reader's million calls into
Python for 2,000 applications. The values are the streaming reader's (formats/
scoring_sheet_xlsx.py): a whole number as int, an empty cell as None.

Plain is decided first, on the sheet's bytes, whole rows at a time: cells only in the sheet's
own columns, each with its reference; rows numbered, none past the row limit (calamine builds
every row and column up to the furthest cell); no document type, formula, error, date or
formula-text cell, and no prefixed names. Anything else, and a cell calamine reads as a date
(a number shown as one) or far longer than a cell may be, is left to the streaming reader,
which names each such cell as it always has (`NotPlain`)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from formats.limits import Limits
from formats.refusals import column_letters

# each a quick scan of the bytes; a pattern only where its literal run is found
UNPLAIN_RUNS = (
    b"<!DOCTYPE",
    b't="e"', b't="d"', b't="str"',  # an error, a date, a formula's text
    b"t='", b"t =", b"t= ",  # a type written otherwise than Excel and LibreOffice do
)  # fmt: skip
UNPLAIN = (
    (b"<f", re.compile(rb"<f[\s/>]")),  # a formula (not <formula1>, a validation's)
    (b":", re.compile(rb"<[\w.-]+:(?:row|c)[\s/>]")),  # a prefixed row or cell
)
ROW_START = re.compile(rb"<row[\s/>]")
NUMBERED_ROW = re.compile(rb'<row r="(\d+)"')
CELL_START = re.compile(rb"<c[\s/>]")
CHUNK = 1 << 20
Rows = Iterator[tuple[int, tuple[Any, ...]]]


class NotPlain(Exception):
    """The sheet is not plain: the streaming reader reads it (from the row after the last
    one given, if any were)."""


def plain_rows(data: bytes, part: str, name: str, width: int, limits: Limits) -> Rows:
    """Sheet `name`'s rows that hold a value, each with its number, read by calamine, as
    they come. NotPlain, before the first row or at the first cell that is not plain, when
    the sheet (its part `part`) is not. `data` is within its limits already."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        if not _plain(stream, width, limits):
            raise NotPlain
    try:
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name)
    except CalamineError:
        raise NotPlain from None  # the streaming reader says what is wrong with it
    # calamine gives every row from the first, and the columns from the first holding a value
    first_column = sheet.start[1] if sheet.start else 0
    for index, cells in enumerate(sheet.iter_rows()):
        values = [None] * first_column + [_value(v, limits) for v in cells[: width - first_column]]
        if any(v not in (None, "") for v in values):
            yield index + 1, (*values, *[None] * (width - len(values)))


def _value(value: Any, limits: Limits) -> Any:
    if isinstance(value, str):
        if len(value) > limits.cell_chars:
            raise NotPlain  # named by the streaming reader, with its cell
        return value or None
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return whole_if_exact(value)
    raise NotPlain  # a date, a time or a duration: a number shown as one


def whole_if_exact(number: float) -> int | float:
    """A number as both readers give it: a whole number an int, where a float holds it
    exactly (below 2**53); any other as it is."""
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _plain(stream: Any, width: int, limits: Limits) -> bool:
    """The part, whole rows at a time: nothing the streaming reader must name."""
    own = re.compile(rb'<c r="[A-' + column_letters(width).encode() + rb"]\d")
    carried = b""
    while chunk := stream.read(CHUNK):
        region = carried + chunk
        cut = region.rfind(b"</row>")
        if cut < 0:
            carried = region
            continue
        cut += len(b"</row>")
        region, carried = region[:cut], region[cut:]
        if not _plain_region(region, own, limits):
            return False
    return _plain_region(carried, own, limits)


def _plain_region(region: bytes, own: re.Pattern[bytes], limits: Limits) -> bool:
    if any(run in region for run in UNPLAIN_RUNS):
        return False
    if any(run in region and pattern.search(region) for run, pattern in UNPLAIN):
        return False
    numbered = NUMBERED_ROW.findall(region)
    if len(numbered) != len(ROW_START.findall(region)):
        return False  # a row without its number, placed after the row before
    if numbered and max(map(int, numbered)) > limits.rows + 1:
        return False
    return len(own.findall(region)) == len(CELL_START.findall(region))
