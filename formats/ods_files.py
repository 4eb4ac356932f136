"""Reading an OpenDocument spreadsheet (.ods, what LibreOffice saves) as rows of values, with
the limits of formats/limits.py held while reading, never after.

One streaming pass over content.xml (the only part read), decompressed in chunks against the
cap and parsed by expat as it arrives: no tree is built, and no document type or entity is
allowed. Only the sheets asked for (named in any case) and the first are kept. A cell or row repeated by
`number-columns-repeated` / `number-rows-repeated` is built once per repeat only while it
holds a value, and only up to the limits (rows, columns, the cells in all); an empty repeat is
counted, not built. Each cell's text is held to the cell limit as it grows. A formula cell is
refused, named by sheet and cell, as in a workbook, but for =TRUE() and =FALSE(), read as the
yes/no they are. Values: text, numbers (whole ones as int),
dates (date, or datetime with a time), true/false."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from xml.parsers import expat

from formats.limits import CELL_AREA, MAX_PARTS, MB, Limits
from formats.refusals import column_letters, fail
from formats.sheet_names import is_named
from formats.xlsx_formulas import is_yes_no_constant
from formats.zip_parts import declared, too_many_parts

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
MAX_COLUMNS = 16_384  # the most columns LibreOffice or Excel allows
CHUNK = MB
AGAIN = "Save it again from LibreOffice as .ods or .xlsx, or as CSV (File > Save As)."
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
CELLS = (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")
Rows = list[tuple[int, list[object]]]  # each row with its number as the sheet shows it


def is_ods(data: bytes) -> bool:
    """An OpenDocument spreadsheet: a zip whose first part is `mimetype`, stored, saying so."""
    return data[:4] == b"PK\x03\x04" and data[30:38] == b"mimetype" and MIMETYPE in data[38:100]


@dataclass
class OdsBook:
    """The sheets' names in order, and the rows of those kept."""

    names: list[str] = field(default_factory=list)
    rows: dict[str, Rows] = field(default_factory=dict)


def read_ods(
    data: bytes,
    name: str,
    wanted: Collection[str],
    limits: Limits,
    width: int = MAX_COLUMNS,
    *,
    formulas: bool = False,
) -> OdsBook:
    """The sheets named in `wanted`, and the first sheet, each cut to `width` columns.
    `formulas`: a formula cell is read as its formula ("=1+1"), for the caller to name,
    rather than refused here."""
    if too_many_parts(data):
        raise fail(name, f"has more than {MAX_PARTS:,} parts; a spreadsheet has tens. {AGAIN}")
    reader = _Reader(name, set(wanted), limits, width)
    reader.formulas = formulas
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            if declared(infos.values()) > limits.unpacked_bytes:
                raise _bomb(name, limits)
            if "content.xml" not in infos:
                raise _damaged(name, "it has no content.xml")
            if _encrypted(archive, infos.get("META-INF/manifest.xml")):
                raise fail(name, f"is protected by a password; save it without one. {AGAIN}")
            unpacked = 0
            with archive.open(infos["content.xml"]) as part:
                while chunk := part.read(CHUNK):
                    unpacked += len(chunk)
                    if unpacked > limits.unpacked_bytes:
                        raise _bomb(name, limits)
                    reader.parser.Parse(chunk, False)
                reader.parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _damaged(name, f"its content is not well-formed XML: {exc}") from None
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError) as exc:
        raise _damaged(name, type(exc).__name__) from None
    except zlib.error:
        raise _damaged(name, "it is damaged") from None
    return reader.book


def _encrypted(archive: zipfile.ZipFile, manifest: zipfile.ZipInfo | None) -> bool:
    if manifest is None:
        return False
    with archive.open(manifest) as part:
        return b"encryption-data" in part.read(4 * MB)


def _bomb(name: str, limits: Limits) -> Exception:
    return fail(name, f"unpacks to more than {limits.unpacked_bytes // MB} MB. {AGAIN}")


def _damaged(name: str, why: str) -> Exception:
    return fail(name, f"cannot be opened as an OpenDocument spreadsheet (.ods): {why}. {AGAIN}")


class _Reader:
    def __init__(self, name: str, wanted: set[str], limits: Limits, width: int) -> None:
        self.name, self.wanted, self.limits, self.width = name, wanted, limits, width
        self.book = OdsBook()
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.buffer_text = True
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end
        self.parser.CharacterDataHandler = self._text
        self.parser.StartDoctypeDeclHandler = self._refuse_doctype
        self.parser.EntityDeclHandler = self._refuse_doctype
        self.sheet: str | None = None  # the sheet being kept
        self.rows: Rows = []
        self.number = 0  # the last row number passed
        self.row: list[object] | None = None
        self.row_repeats = 1
        self.empty = 0  # empty cells waiting for a value after them
        self.cell: tuple[object, int] | None = None  # a cell's value and its repeats
        self.text: list[str] | None = None  # a text cell's text, as it grows
        self.paragraphs = 0
        self.inside = 0  # within a paragraph of a cell's text (not within a comment)
        self.note = 0  # within a comment on a cell: not the cell's text
        self.size = 0
        self.cells = 0  # kept in all
        self.formulas = False  # a formula read as its text, not refused

    def _refuse_doctype(self, *_: object) -> None:
        raise fail(self.name, f"declares a document type, which no spreadsheet does. {AGAIN}")

    def _start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == f"{TABLE}table":
            sheet = attrs.get(f"{TABLE}name", "")
            kept = not self.book.names or any(is_named(sheet, w) for w in self.wanted)
            self.book.names.append(sheet)
            self.sheet, self.rows, self.number = (sheet if kept else None), [], 0
        elif self.sheet is None:
            return
        elif tag == f"{TABLE}table-row":
            self.row, self.empty = [], 0
            self.row_repeats = _count(attrs.get(f"{TABLE}number-rows-repeated"))
        elif tag in CELLS and self.row is not None:
            formula = attrs.get(f"{TABLE}formula")
            if formula is not None and self.formulas:
                repeats = _count(attrs.get(f"{TABLE}number-columns-repeated"))
                self.cell = ("=" + formula.removeprefix("of:").lstrip("="), repeats)
                return
            if formula is not None and not _yes_no_constant(attrs):
                where = f"{column_letters(len(self.row) + self.empty + 1)}{self.number + 1}"
                raise fail(
                    self.name,
                    f"sheet '{self.sheet}' has a formula in cell {where}; the tool reads values, not formulas. Copy the sheet and paste it as values only (LibreOffice: Edit > Paste Special > Paste Only Values), then save.",
                    self.number + 1,
                    column_letters(len(self.row) + self.empty + 1),
                )
            repeats = _count(attrs.get(f"{TABLE}number-columns-repeated"))
            kind = attrs.get(f"{OFFICE}value-type")
            self.cell = (_value(kind, attrs), repeats)
            if kind == "string" and f"{OFFICE}string-value" not in attrs:
                self.text, self.paragraphs, self.size = [], 0, 0
        elif tag == f"{OFFICE}annotation":
            self.note += 1
        elif self.text is not None and not self.note:
            if tag == f"{TEXT}p":
                self.paragraphs += 1
                self.inside += 1
                if self.paragraphs > 1:
                    self._text("\n")
            elif tag == f"{TEXT}s":
                self._text(" " * min(_count(attrs.get(f"{TEXT}c")), self.limits.cell_chars + 1))
            elif tag == f"{TEXT}tab":
                self._text("\t")
            elif tag == f"{TEXT}line-break":
                self._text("\n")

    def _text(self, piece: str) -> None:
        if self.text is None or not self.inside or self.note:
            return
        self.size += len(piece)
        if self.size > self.limits.cell_chars:
            raise fail(
                self.name,
                f"sheet '{self.sheet}' has a cell longer than {self.limits.cell_chars:,} characters; the most a cell may hold is {self.limits.cell_chars:,}.",
                self.number + 1,
            )
        self.text.append(piece)

    def _end(self, tag: str) -> None:
        if self.sheet is None:
            return
        if tag == f"{OFFICE}annotation":
            self.note -= 1
        elif tag == f"{TEXT}p" and self.inside and not self.note:
            self.inside -= 1
        elif tag in CELLS and self.cell is not None and self.row is not None:
            value, repeats = self.cell
            if self.text is not None:
                value, self.text = "".join(self.text), None
            self.cell = None
            if value in (None, ""):
                self.empty += repeats
                return
            self._place(value, repeats)
        elif tag == f"{TABLE}table-row" and self.row is not None:
            row, self.row = self.row, None
            if not row:
                self.number += self.row_repeats
                return
            for _ in range(self.row_repeats):
                self.number += 1
                if len(self.rows) > self.limits.rows:  # the header, then the rows
                    raise fail(
                        self.name,
                        f"has more than {self.limits.rows:,} rows; the most the tool imports at once is {self.limits.rows:,}. Split it into smaller files.",
                    )
                self._count_cells(len(row))
                self.rows.append((self.number, list(row)))
        elif tag == f"{TABLE}table":
            self.book.rows[self.sheet] = self.rows
            self.sheet, self.rows = None, []

    def _place(self, value: object, repeats: int) -> None:
        """The empty cells before `value`, then `value` `repeats` times, up to the width."""
        assert self.row is not None
        if len(self.row) + self.empty + repeats > MAX_COLUMNS:
            raise fail(
                self.name,
                f"sheet '{self.sheet}' has a value beyond column {MAX_COLUMNS:,}, more than a spreadsheet holds. {AGAIN}",
                self.number + 1,
            )
        room = max(self.width - len(self.row), 0)  # columns beyond the width: not kept
        before = min(self.empty, room)
        self.row.extend([None] * before + [value] * min(repeats, room - before))
        self.empty = 0

    def _count_cells(self, cells: int) -> None:
        self.cells += cells
        if self.cells > CELL_AREA:
            raise fail(
                self.name,
                f"holds more than {CELL_AREA:,} cells of values; a file of applications is far smaller. {AGAIN}",
            )


def _yes_no_constant(attrs: dict[str, str]) -> bool:
    """=TRUE() or =FALSE() with its value saved: a yes/no cell LibreOffice made a formula of
    (formats/xlsx_formulas.py), read as its value."""
    value = _value(attrs.get(f"{OFFICE}value-type"), attrs)
    return isinstance(value, bool) and is_yes_no_constant(attrs[f"{TABLE}formula"], value)


def _count(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) <= 2**31 else 1


def _value(kind: str | None, attrs: dict[str, str]) -> object:
    if kind in ("float", "percentage", "currency"):
        try:
            number = float(attrs.get(f"{OFFICE}value", ""))
        except ValueError:
            return None
        return int(number) if number.is_integer() else number
    if kind == "date":
        raw = attrs.get(f"{OFFICE}date-value", "")
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            return raw
        return moment.date() if "T" not in raw or moment.time() == datetime.min.time() else moment
    if kind == "boolean":
        return attrs.get(f"{OFFICE}boolean-value", "").lower() == "true"
    if kind == "string" and f"{OFFICE}string-value" in attrs:
        return attrs[f"{OFFICE}string-value"]
    if kind == "time":
        return attrs.get(f"{OFFICE}time-value")
    return None
