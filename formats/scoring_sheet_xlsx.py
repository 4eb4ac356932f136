"""A returned scoring sheet's rows, read straight from the workbook's XML in one streaming
pass, in time that grows with its size (openpyxl built and parsed every cell as an object, and
filled every gap between rows, so a sheet whose last row LibreOffice writes as row 1,048,576
made a million empty rows). Only the sheet's own columns are kept; an empty row, however far
down, is passed over, and only rows with a value count against the row limit. The file is
held to its limits first (formats/scoring_sheet_parts.py); each cell's length is checked here.

Values as openpyxl gave them: text (shared or inline), whole numbers as int, true/false, and a
formula as its text after "=" (so that it is named as a formula, never read as its result); an
empty text is an empty cell, as calamine reads it (formats/scoring_sheet_calamine.py)."""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError, fromstring, iterparse
from xml.parsers import expat

from formats.limits import Limits
from formats.refusals import column_letters
from formats.scoring_sheet_calamine import NotPlain, plain_rows, whole_if_exact
from formats.scoring_sheet_problems import (
    AGAIN,
    ScoringSheetError,
    SheetProblem,
    refuse,
    too_many_rows,
    unreadable,
)

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CHUNK = 1 << 20
Rows = Iterator[tuple[int, tuple[Any, ...]]]


class XlsxSheets:
    """The workbook's sheet names, and each sheet's rows as they stream."""

    def __init__(self, data: bytes, limits: Limits, width: int) -> None:
        self.data, self.limits, self.width = data, limits, width
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            self.parts = _sheet_parts(self.archive)
            self.strings = _shared_strings(self.archive)
        except (zipfile.BadZipFile, KeyError, ParseError, OSError, EOFError) as exc:
            raise unreadable(exc) from None
        self.names = list(self.parts)

    def rows(self, name: str, last: int | None) -> Rows:
        """The rows of sheet `name` that hold a value, each with its number, up to `last`:
        the whole sheet read by calamine if it is plain (formats/scoring_sheet_calamine.py),
        else streamed from the row after the last one calamine gave."""
        given = 0
        if last is None:
            try:
                for number, values in plain_rows(
                    self.data, self.parts[name], name, self.width, self.limits
                ):
                    given = number
                    yield number, values
                return
            except NotPlain:
                pass
        for number, values in self._streamed(name, last):
            if number > given:
                yield number, values

    def _streamed(self, name: str, last: int | None) -> Rows:
        """The rows of sheet `name` that hold a value, each with its number, up to `last`."""
        reader = _SheetReader(name, self.strings, self.limits, self.width)
        try:
            with self.archive.open(self.parts[name]) as part:
                while chunk := part.read(CHUNK):
                    reader.parser.Parse(chunk, False)
                    yield from _upto(reader.take(), last)
                    if last is not None and reader.number > last:
                        return
                reader.parser.Parse(b"", True)
        except (expat.ExpatError, zipfile.BadZipFile, KeyError, OSError, EOFError) as exc:
            raise unreadable(exc) from None
        yield from _upto(reader.take(), last)


def _upto(rows: list[tuple[int, tuple[Any, ...]]], last: int | None) -> Rows:
    for number, values in rows:
        if last is not None and number > last:
            return
        yield number, values


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and its part, from workbook.xml and its relationships (both held to
    their size by the bounds check before)."""
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter(PACKAGE_RELS)
    }
    parts = {}
    for sheet in fromstring(archive.read("xl/workbook.xml")).iter(f"{{{MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{OFFICE_RELS}}}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    """The shared strings, each as its runs of text joined (phonetic runs left out)."""
    name = next((n for n in archive.namelist() if n.lower() == "xl/sharedstrings.xml"), None)
    if name is None:
        return []
    strings: list[str] = []
    pieces: list[str] = []
    phonetic = 0
    with archive.open(name) as part:
        for event, element in iterparse(part, events=("start", "end")):
            tag = element.tag
            if tag == f"{{{MAIN}}}rPh":
                phonetic += 1 if event == "start" else -1
            elif event == "end" and tag == f"{{{MAIN}}}t" and not phonetic:
                pieces.append(element.text or "")
            elif event == "end" and tag == f"{{{MAIN}}}si":
                strings.append("".join(pieces))
                pieces = []
                element.clear()
    return strings


def _column(ref: str) -> int:
    if len(ref) > 1 and ref[1].isdigit():  # A1 to Z9...: the sheet's own columns
        return ord(ref[0].upper()) - 64
    number = 0
    for letter in ref:
        if not letter.isalpha():
            break
        number = number * 26 + ord(letter.upper()) - 64
    return number


ROW, CELL, TEXT, FORMULA = "row", "c", "text", "f"  # what each element is to the reader


class _SheetReader:
    """expat's handlers, called for every element of the sheet (a million for a sheet of
    2,000 applications): each does as little as it can, the element's kind learnt once."""

    def __init__(self, name: str, strings: list[str], limits: Limits, width: int) -> None:
        self.name, self.strings, self.limits, self.width = name, strings, limits, width
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        # entities declared in a document type could expand one cell into millions of bytes
        self.parser.StartDoctypeDeclHandler = self._refuse_doctype
        self.parser.EntityDeclHandler = self._refuse_doctype
        self.ready: list[tuple[int, tuple[Any, ...]]] = []
        self.number = 0  # the row being read, or the last one
        self.kept = 0  # rows with a value
        self.values: list[Any] | None = None
        self.column = 0
        self.kind = ""
        self.formula: list[str] | None = None
        self.text: list[str] | None = None  # the text of <v>, <f> or an inline <t>
        self.cell: list[str] = []  # the cell's value as written
        self.kinds: dict[str, str] = {}

    def _refuse_doctype(self, *_: object) -> None:
        raise refuse(f"declares a document type, which no spreadsheet does. {AGAIN}")

    def take(self) -> list[tuple[int, tuple[Any, ...]]]:
        ready, self.ready = self.ready, []
        return ready

    def _kind(self, tag: str) -> str:
        """What an element is to the reader, by its name without its namespace."""
        local = tag.rsplit(" ", 1)[-1]
        kind = {"row": ROW, "c": CELL, "v": TEXT, "t": TEXT, "f": FORMULA}.get(local, "")
        self.kinds[tag] = kind
        return kind

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        kind = self.kinds.get(tag)
        if kind is None:
            kind = self._kind(tag)
        if kind is CELL:
            if self.values is not None:
                ref = attrs.get("r")
                self.column = _column(ref) if ref else self.column + 1
                self.kind, self.formula, self.cell = attrs.get("t", "n"), None, []
        elif kind is TEXT or kind is FORMULA:
            if self.values is not None:
                self.text = []
        elif kind is ROW:
            given = attrs.get("r", "")
            self.number = int(given) if given.isdigit() else self.number + 1
            self.values, self.column = [None] * self.width, 0

    def _text(self, piece: str) -> None:
        if self.text is not None:  # a run far longer than a cell was refused by the bounds
            self.text.append(piece)

    def _end(self, tag: str) -> None:
        kind = self.kinds.get(tag)
        if self.values is None or not kind:
            return
        if kind is TEXT:
            if self.text is not None:
                self.cell.append("".join(self.text))
                self.text = None
        elif kind is CELL:
            if 0 < self.column <= self.width:
                value = self._value()
                self.values[self.column - 1] = None if value == "" else value
        elif kind is FORMULA:
            self.formula, self.text = self.text or [], None
        else:  # the row
            values, self.values = self.values, None
            if any(v not in (None, "") for v in values):
                self.kept += 1
                if self.kept > self.limits.rows + 1:  # the header, then the rows
                    raise too_many_rows(self.limits)
                self.ready.append((self.number, tuple(values)))

    def _value(self) -> Any:
        if self.formula is not None:
            return "=" + "".join(self.formula)
        raw = "".join(self.cell)
        if self.kind == "s":
            index = int(raw) if raw.strip().isdigit() else -1
            value: Any = self.strings[index] if 0 <= index < len(self.strings) else None
        elif self.kind in ("str", "inlineStr", "e", "d"):
            value = raw
        elif self.kind == "b":
            value = raw.strip() in ("1", "true")
        elif raw.strip() == "":
            value = None
        else:
            value = _number(raw)
        if isinstance(value, str) and len(value) > self.limits.cell_chars:
            raise ScoringSheetError(
                [
                    SheetProblem(
                        self.name,
                        f"{column_letters(self.column)}{self.number}",
                        None,
                        f"is {len(value):,} characters long; the most a cell may hold is {self.limits.cell_chars:,}.",
                    )
                ]
            )
        return value


def _number(raw: str) -> Any:
    try:
        number = float(raw)
    except ValueError:
        return raw
    return whole_if_exact(number)
