"""An uploaded workbook's zip parts, checked before python_calamine opens it: one streaming
pass over each part, in chunks, never holding a part whole (limits: spreadsheet_files.Limits).

- The parts: at most MAX_PARTS, no two of one name; their declared sizes in all, then their
  bytes as they decompress (a declared size can lie), against the cap.
- The workbook's index (workbook.xml and its relationships, parsed whole so held to
  INDEX_BYTES) names the chosen sheet's part, found as calamine finds it.
- The shared strings: how many, and how long each one is; the styles: their size.
- The chosen sheet: its rows (`<row>` elements) against the row limit as they stream; how far
  its cells reach, since calamine builds every row and column up to the furthest cell (one
  cell at XFD1048576 would cost gigabytes); the shared text its cells take, since calamine
  copies a shared string into every cell that uses it; formula cells, named by sheet, row and
  column by re-reading the part (streaming) once one is found.
- In both, a run of text far longer than a cell may hold, so calamine never builds a giant
  cell; exact cell lengths are checked again on the values read.

The scan is of bytes, with regular expressions: a tag or cell cut by a chunk's end is carried
into the next chunk."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError, iterparse

from formats.problems import InterchangeError, Problem

if TYPE_CHECKING:
    from formats.spreadsheet_files import Limits

MB = 1024 * 1024
MAX_PARTS = 10_000  # a workbook has tens of parts; zipfile holds an entry for each
INDEX_BYTES = 4 * MB  # workbook.xml and its relationships are parsed whole
CELL_AREA = 2_500_000  # the rows × columns calamine may build, 32 bytes each: 50,000 × 50
SHEET_TAGS = 4 * CELL_AREA  # tags in the chosen sheet: <c><v>1</v></c> has four
TAGS_PER_CELL = 8  # an inline-text cell has six; more only for rich text
OTHER_TAGS = 1_000_000  # merged cells, links, formats and the like, besides cells and rows
BYTES_PER_CHAR = 10  # the most one character takes in XML (&#1114111;)
CELL_XML = 4  # a cell's XML may be this many times the longest text a cell may hold
REPEATS = 4  # shared text taken beyond its own size: up to this part of the cap (short
# answers repeat; calamine copies a shared string into each cell, so a long one repeated
# thousands of times is a bomb)
SHARED_STRINGS = "xl/sharedstrings.xml"  # where calamine reads them, in any case
STYLES = "xl/styles.xml"  # parsed whole by calamine as it opens the workbook
STYLES_BYTES = 32 * MB  # a workbook with Excel's most cell formats has a few megabytes
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")  # (exports/scoring_sheet_bounds.py)
AGAIN = "Save it again from Excel as .xlsx, or as CSV UTF-8."

_NS = rb"[A-Za-z_][\w.-]*:"  # a namespace prefix: calamine ignores it, so must the scan
_P = rb"(?:" + _NS + rb")?"
# Patterns that begin with a literal run fast; those that allow a prefix run only when the
# region holds a prefixed name.
ROW = re.compile(rb"<" + _P + rb"row[\s/>]")
ROOT = re.compile(rb"<[A-Za-z_]")
DATA_START = re.compile(rb"<" + _P + rb"sheetData(?:\s[^>]*?)?(/?)>")
DATA_END = re.compile(rb"</" + _P + rb"sheetData\s*>")
ROW_REF = re.compile(rb"<row\s[^>]*?\br\s*=\s*[\"'](\d*)")
PREFIXED_ROW_REF = re.compile(rb"<" + _NS + rb"row\s[^>]*?\br\s*=\s*[\"'](\d*)")
REF = re.compile(rb"([A-Za-z]+)(\d*)")
CELL_EDGE = re.compile(rb"<(/?)" + _P + rb"c(?=[\s/>])[^>]*>")
FORMULA = re.compile(rb"<" + _P + rb"f[\s/>]")
SHARED = re.compile(rb't="s"><v>(\d+)</v></c>')  # a shared string's cell, as Excel writes it
_IN_CELL = rb"(?:(?!</?" + _P + rb"c[\s/>]).)*"  # anything up to the cell's end
ANY_SHARED = re.compile(  # any other: from its type to its last value, the string's index
    rb"t\s*=\s*[\"']s[\"'][^>]*>" + _IN_CELL + rb"<" + _P + rb"v(?:\s[^>]*)?>\s*(\d+)", re.S
)
ODD_TYPE = re.compile(rb"t(?:\s+=|=\s|=')")  # a type written otherwise than t="s"
STRING = re.compile(rb"<" + _P + rb"si[\s/>]")
TEXT = re.compile(rb"<" + _P + rb"t[\s/>]")
DAMAGE = (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error)


def fail(
    file: str, message: str, row: int | None = None, column: str | None = None
) -> InterchangeError:
    return InterchangeError([Problem(file, row, column, message)])


def too_many_rows(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"has more than {limits.rows:,} rows; the most the tool imports at once is {limits.rows:,}. Split it into smaller files.",
    )


def bomb(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"unpacks to more than {limits.unpacked_bytes // MB} MB; a workbook of applications is far smaller. Save the sheet again as .xlsx or CSV without other content.",
    )


def damaged(name: str, why: str) -> InterchangeError:
    return fail(name, f"cannot be opened as an Excel workbook ({why}).")


def check_workbook(data: bytes, name: str, sheet: str | None, limits: Limits) -> str:
    """Refuse `data` (InterchangeError) unless every limit holds; the chosen sheet's name."""
    if data.count(b"PK\x01\x02") > MAX_PARTS:  # before zipfile lists them all
        raise fail(name, f"has more than {MAX_PARTS:,} parts; a workbook has tens. {AGAIN}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _check(archive, name, sheet, limits)
    except InterchangeError:
        raise
    except zipfile.BadZipFile:
        raise damaged(name, "it is damaged") from None
    except (*DAMAGE, ParseError, ValueError) as exc:
        raise damaged(name, type(exc).__name__) from None


def _key(path: str) -> str:
    """A part's name as calamine matches it: in any case."""
    return path.replace("\\", "/").lower()


def _check(archive: zipfile.ZipFile, name: str, sheet: str | None, limits: Limits) -> str:
    infos = archive.infolist()
    keys = [_key(info.filename) for info in infos]
    if len(set(keys)) < len(keys):
        raise fail(name, f"holds two parts of the same name. {AGAIN}")
    if sum(info.file_size for info in infos) > limits.unpacked_bytes:
        raise bomb(name, limits)  # declared: a quick refusal; the bytes are counted below too
    parts = dict(zip(keys, infos, strict=True))
    chosen, target = _chosen_sheet(archive, parts, name, sheet)
    unpacked = Unpacked(name, limits)
    strings = Strings()
    # the shared strings first: the sheet's cells are measured by them
    for key in sorted(keys, key=lambda k: k != SHARED_STRINGS):
        if key == SHARED_STRINGS:
            for region in _regions(unpacked.read(archive, parts[key]), _strings_cut, unpacked):
                strings.take(region, name)
        elif key == target:
            count = SheetCount(name, chosen, limits, strings)
            for region in _regions(unpacked.read(archive, parts[key]), _sheet_cut, unpacked):
                count.take(region)
            if count.formula and (cells := _formula_cells(archive, parts[key])):
                raise _formula(name, chosen, cells)
        else:
            size = 0
            for chunk in unpacked.read(archive, parts[key]):
                size += len(chunk)
                if key == STYLES and size > STYLES_BYTES:
                    raise fail(
                        name,
                        f"has cell formats (styles) of more than {STYLES_BYTES // MB} MB; a workbook's are far smaller. {AGAIN}",
                    )
    return chosen


# --- The index: which part is the chosen sheet ------------------------------------------------


def _small_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    with archive.open(info) as part:
        text = part.read(INDEX_BYTES + 1)
    if len(text) > INDEX_BYTES or b"<!DOCTYPE" in text:
        raise fail(
            name, f"is not a workbook the tool reads: its {info.filename} is unusual. {AGAIN}"
        )
    return text


def _chosen_sheet(
    archive: zipfile.ZipFile, parts: dict[str, zipfile.ZipInfo], name: str, sheet: str | None
) -> tuple[str, str]:
    """The chosen sheet's name and its part, from workbook.xml and its relationships (as
    calamine reads them: a target is under xl/)."""
    book, rels = parts.get("xl/workbook.xml"), parts.get("xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        raise damaged(name, "it has no list of sheets")
    targets: dict[str, str] = {}
    for _, element in iterparse(io.BytesIO(_small_part(archive, rels, name))):
        if element.tag.rsplit("}", 1)[-1] == "Relationship":
            target = element.get("Target") or ""
            if target.startswith("/xl/"):
                target = target[1:]
            targets[element.get("Id") or ""] = (
                target if target.startswith("xl/") else f"xl/{target}"
            )
    sheets: dict[str, str] = {}
    for _, element in iterparse(io.BytesIO(_small_part(archive, book, name))):
        if element.tag.rsplit("}", 1)[-1] == "sheet":
            rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), "")
            sheets.setdefault(element.get("name") or "", targets.get(rid, ""))
    if not sheets:
        raise damaged(name, "it has no sheets")
    if sheet is not None and sheet not in sheets and len(sheets) > 1:
        raise fail(
            name,
            f"has no sheet '{sheet}' (sheets: {', '.join(sheets)}); rename the sheet to '{sheet}'.",
        )
    chosen = sheet if sheet in sheets else next(iter(sheets))
    if _key(sheets[chosen]) not in parts:
        raise damaged(name, f"its sheet '{chosen}' is missing")
    return chosen, _key(sheets[chosen])


# --- Reading a part in chunks -----------------------------------------------------------------


@dataclass
class Unpacked:
    """The bytes decompressed so far, in all parts, against the cap."""

    name: str
    limits: Limits
    total: int = 0

    @property
    def longest(self) -> int:
        return BYTES_PER_CHAR * self.limits.cell_chars  # a run of text this long is too long

    def read(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
        size = min(MB, self.longest)  # so a run longer than `longest` spans a chunk's end
        with archive.open(info) as part:
            while chunk := part.read(size):
                self.total += len(chunk)
                if self.total > self.limits.unpacked_bytes:
                    raise bomb(self.name, self.limits)
                yield chunk

    def too_long(self) -> InterchangeError:
        return fail(
            self.name,
            f"has a cell far longer than the {self.limits.cell_chars:,} characters a cell may hold; shorten it or split it over several cells.",
        )


def _regions(
    chunks: Iterable[bytes], cut: Callable[[bytes], int], unpacked: Unpacked
) -> Iterator[bytes]:
    """The part again, in pieces that end where `cut` says (the rest is carried into the next
    chunk), refusing a run of text far longer than a cell may hold."""
    carry, run = b"", 0  # the text run the last chunk ended in, from its last '<'
    for chunk in chunks:
        first = chunk.find(b"<")
        if first < 0:
            run += len(chunk)
            ended = run
        else:
            ended, run = run + first, len(chunk) - 1 - chunk.rfind(b"<")
        if ended > unpacked.longest:
            raise unpacked.too_long()
        buffer = carry + chunk
        at = cut(buffer)
        if at > 0:
            yield buffer[:at]
        carry = buffer[at:]
        if len(carry) > CELL_XML * unpacked.longest:  # one cell's XML, or one string's
            raise unpacked.too_long()
    if carry:
        yield carry


def _last(pattern: re.Pattern[bytes], buffer: bytes) -> re.Match[bytes] | None:
    """The last match in `buffer`, looked for near its end first."""
    span = 4096
    while True:
        start = max(0, len(buffer) - span)
        found = deque(pattern.finditer(buffer, start), maxlen=1)
        if found or start == 0:
            return found[0] if found else None
        span *= 16


def _sheet_cut(buffer: bytes) -> int:
    """Before a cell left open at the end, else before the last tag (which may be cut)."""
    edge = _last(CELL_EDGE, buffer) if b"<c" in buffer or b":c" in buffer else None
    if edge is not None and not edge.group(1) and not edge.group(0).endswith(b"/>"):
        return edge.start()
    at = buffer.rfind(b"<")
    return len(buffer) if at < 0 else at


def _strings_cut(buffer: bytes) -> int:
    """Before the last shared string, which may be cut."""
    found = _last(STRING, buffer)
    return 0 if found is None else found.start()


# --- The shared strings and the chosen sheet --------------------------------------------------


@dataclass
class Strings:
    """Each shared string's length in bytes of XML (no less than the text calamine makes of
    it). `exact` while each <si> surely holds text: calamine skips one that holds none, and
    a string's index then names a later one."""

    lengths: array[int] = field(default_factory=lambda: array("Q"))
    size: int = 0  # the bytes of the part
    exact: bool = True
    _most: array[int] | None = None

    def take(self, region: bytes, name: str) -> None:
        self.size += len(region)
        if b":si" in region or b":t" in region:  # prefixed names
            pieces = STRING.split(region)[1:]  # what comes before the first is no string
            texts: Iterable[object] = map(TEXT.search, pieces)
        else:
            pieces = region.split(b"<si")[1:]
            texts = map(bytes.__contains__, pieces, repeat(b"<t"))
        self.lengths.extend(map(len, pieces))
        if self.exact and (b"rPh" in region or not all(texts)):
            self.exact = False
        if len(self.lengths) > CELL_AREA:
            raise fail(name, f"holds more than {CELL_AREA:,} pieces of text. {AGAIN}")

    def taken(self, indexes: Iterable[int]) -> int:
        """The bytes calamine copies for cells of these indexes, or more."""
        table = self.lengths
        if not self.exact:  # index i names string i or a later one: the longest from i on
            if self._most is None:
                self._most = array("Q", accumulate(reversed(table), max))
                self._most.reverse()
            table = self._most
        n = len(table)
        return sum(table[i] for i in indexes if i < n)


def _number(digits: bytes) -> int:
    return int(digits) if 0 < len(digits) <= 9 else (0 if not digits else 10**9)


def _column(letters: bytes) -> int:
    if len(letters) > 4:
        return 10**9
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _letters_above(column: int) -> bytes:
    """A pattern for the column letters (in any case) that come after `column`'s."""
    text = column_letters(column)
    above = [rb"[A-Za-z]{%d,}" % (len(text) + 1)]
    for i, letter in enumerate(text):
        if letter < "Z":
            same = b"".join(b"[%s%s]" % (c.encode(), c.lower().encode()) for c in text[:i])
            after = chr(ord(letter) + 1)
            span = b"[%s-Z%s-z]" % (after.encode(), after.lower().encode())
            above.append(same + span + rb"[A-Za-z]{%d}" % (len(text) - i - 1))
    return b"|".join(above)


def _digits_above(number: int) -> bytes:
    """A pattern for the row numbers above `number`."""
    text = str(number)
    above = [rb"\d{%d,}" % (len(text) + 1)]
    for i, digit in enumerate(text):
        if digit < "9":
            above.append(
                b"%s[%d-9]\\d{%d}" % (text[:i].encode(), int(digit) + 1, len(text) - i - 1)
            )
    return b"|".join(above)


def _beyond(column: int, row: int) -> re.Pattern[bytes]:
    """Cell references past `column` or below `row`: few, in a sheet whose cells are where
    its rows say, so found fast."""
    return re.compile(
        rb"r\s*=\s*[\"']((?:"
        + _letters_above(column)
        + rb")\d*|[A-Za-z]+(?:"
        + _digits_above(row)
        + rb"))[\"']"
    )


def _loose(piece: bytes, prefixed: bool) -> int:
    """Cells without an r first (placed after the cell before), or more (<cols>, <color>)."""
    count = piece.count(b"<c") - piece.count(b'<c r="')
    if prefixed:
        count += piece.count(b":c") - piece.count(b':c r="')
    return count


@dataclass
class SheetCount:
    """What the chosen sheet's part holds, counted region by region: how far calamine would
    build it (rows × columns) and what it would copy into it."""

    name: str
    sheet: str
    limits: Limits
    strings: Strings
    rooted: bool = False  # past the root element's start
    stage: str = "before"  # <sheetData>: before, within, after
    tags: int = 0
    cells: int = 0  # <c> elements, or more (<color>)
    rows: int = 0  # <row> elements
    loose_rows: int = 0  # of them, rows without an r (numbered on from the row before)
    last_row: int = 0  # the furthest row a row's r names
    cell_row: int = 0  # the furthest row a cell's r names, beyond `last_row`
    column: int = 0  # the furthest column a cell's r names
    loose: bool = False  # cells without an r (placed after the cell before)
    loose_open: int = 0  # such cells in the row still open
    loose_width: int = 0  # the most such cells in one row
    formula: bool = False
    shared: int = 0  # bytes of shared strings its cells take
    beyond: re.Pattern[bytes] = field(default_factory=lambda: _beyond(0, 0))

    def take(self, region: bytes) -> None:
        self._elements(region)
        if self.stage == "before":  # calamine reads cells only within <sheetData>
            start = DATA_START.search(region) if b"sheetData" in region else None
            if start is None:
                return
            self.stage = "after" if start.group(1) else "within"
            region = region[start.end() :]
        if self.stage == "within":
            end = DATA_END.search(region) if b"sheetData" in region else None
            if end is not None:
                self.stage, region = "after", region[: end.start()]
            self._data(region)

    def _elements(self, region: bytes) -> None:
        """No DTD; no more elements than the cells and rows need, with some to spare."""
        if not self.rooted:  # a DTD comes before the root element, if at all
            if b"<!DOCTYPE" in region:
                raise fail(
                    self.name, f"is not a workbook the tool reads (its sheet has a DTD). {AGAIN}"
                )
            self.rooted = ROOT.search(region) is not None
        self.tags += region.count(b"<")
        most = min(SHEET_TAGS, TAGS_PER_CELL * self.cells + 2 * self.rows + OTHER_TAGS)
        if self.tags > most:
            raise fail(
                self.name,
                f"sheet '{self.sheet}' holds more than {most:,} XML elements, far more than its cells need. {AGAIN}",
            )

    def _data(self, region: bytes) -> None:
        """Rows, cells, formulas and shared strings, within <sheetData>."""
        cells, prefixed_cells = region.count(b"<c"), region.count(b":c")
        rows, prefixed_rows = region.count(b"<row"), region.count(b":row")
        self.cells += cells + prefixed_cells
        self.rows += rows + prefixed_rows
        if self.rows > self.limits.rows + 1:  # the header, then the rows
            raise too_many_rows(self.name, self.limits)
        numbered = ROW_REF.findall(region)
        if prefixed_rows:
            numbered += PREFIXED_ROW_REF.findall(region)
        self.loose_rows += rows + prefixed_rows - len(numbered)
        self.last_row = max(self.last_row, *map(_number, numbered), 0)
        self._cells(region)
        loose = cells - region.count(b'<c r="')
        if prefixed_cells:
            loose += prefixed_cells - region.count(b':c r="')
        if loose > 0:  # count them row by row
            self.loose = True
            pieces = ROW.split(region) if prefixed_rows else region.split(b"<row")
            counts = [_loose(piece, prefixed_cells > 0) for piece in pieces]
            counts[0] += self.loose_open
            self.loose_open, self.loose_width = counts[-1], max(self.loose_width, *counts)
        elif rows:
            self.loose_open = 0
        if not self.formula and (b"<f" in region or b":f" in region):
            self.formula = FORMULA.search(region) is not None
        if self.strings.lengths:
            indexes = SHARED.findall(region)
            if len(indexes) != region.count(b't="s"') or ODD_TYPE.search(region):
                indexes = ANY_SHARED.findall(region)
            self.shared += self.strings.taken(map(_number, indexes))
        self._reach()

    def _cells(self, region: bytes) -> None:
        """The furthest column and row the cells' references name."""
        if self.last_row > self.cell_row:
            self.cell_row = self.last_row
            self.beyond = _beyond(self.column, self.cell_row)
        found = self.beyond.findall(region)
        if found:
            refs = [REF.fullmatch(ref) for ref in set(found)]
            self.column = max(self.column, *(_column(r.group(1)) for r in refs if r))
            self.cell_row = max(self.cell_row, *(_number(r.group(2)) for r in refs if r))
            self.beyond = _beyond(self.column, self.cell_row)

    def _reach(self) -> None:
        height = max(self.cell_row, self.last_row + (self.loose_rows if self.loose else 0))
        width = self.column + self.loose_width
        if height > self.limits.rows + 1:
            raise too_many_rows(self.name, self.limits)
        if height * width > CELL_AREA:
            raise fail(
                self.name,
                f"sheet '{self.sheet}' has cells as far as row {height:,} and column {width:,}: more than the {CELL_AREA:,} cells the tool reads. Delete the rows and columns beyond the applications and save it again.",
            )
        if self.shared > self.strings.size + self.limits.unpacked_bytes // REPEATS:
            raise fail(
                self.name,
                f"sheet '{self.sheet}' repeats its text so often that it would make more than {(self.strings.size + self.limits.unpacked_bytes // REPEATS) // MB:,} MB of cells; a workbook of applications is far smaller. {AGAIN}",
            )


# --- Formula cells ----------------------------------------------------------------------------


def column_letters(column: int) -> str:
    """1 -> "A", 27 -> "AA": a column as a spreadsheet program names it."""
    text = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


def _formula_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str]:
    """The references of the cells holding formulas, reading the part again as it streams."""
    found: list[str] = []
    row = column = 0
    with archive.open(info) as part:
        for event, element in iterparse(part, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "row":
                number = element.get("r") or ""
                row, column = (int(number) if number.isdigit() else row + 1), 0
            elif event == "end" and tag == "c":
                ref = re.fullmatch(r"([A-Za-z]+)(\d+)", element.get("r") or "")
                column = _column(ref.group(1).encode()) if ref else column + 1
                if any(child.tag.rsplit("}", 1)[-1] == "f" for child in element):
                    found.append(ref.group(0).upper() if ref else f"{column_letters(column)}{row}")
                element.clear()
            elif event == "end" and tag == "row":
                element.clear()
    return found


def _formula(name: str, sheet: str, cells: list[str]) -> InterchangeError:
    ref = cells[0]
    column, row = re.match(r"([A-Z]*)(\d*)", ref).groups()  # type: ignore[union-attr]
    more = f" (and {len(cells) - 1} more)" if len(cells) > 1 else ""
    return fail(
        name,
        f"sheet '{sheet}' has a formula in cell {ref}{more}; the tool reads values, not formulas. Copy the sheet and paste it as values only, then save.",
        int(row) if row else None,
        column or None,
    )
