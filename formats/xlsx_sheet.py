"""The chosen sheet's part, counted region by region as it streams (formats/xlsx_parts.py): its
rows against the row limit; how far its cells reach, since calamine builds every row and
column up to the furthest cell (one cell at XFD1048576 would cost gigabytes); the shared text
its cells take, since calamine copies a shared string into every cell that uses it; whether
it holds a formula; and no more XML elements than its cells need. The scan is of bytes, with
regular expressions: a tag or cell cut by a chunk's end is carried into the next chunk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from formats.limits import CELL_AREA, MB, Limits
from formats.refusals import AGAIN, fail, too_many_rows
from formats.xlsx_refs import NS, REF, P, beyond, column_number, last, row_number
from formats.xlsx_strings import Strings

SHEET_TAGS = 4 * CELL_AREA  # tags in the chosen sheet: <c><v>1</v></c> has four
TAGS_PER_CELL = 8  # an inline-text cell has six; more only for rich text
OTHER_TAGS = 1_000_000  # merged cells, links, formats and the like, besides cells and rows
REPEATS = 4  # shared text taken beyond its own size: up to this part of the cap (short
# answers repeat; calamine copies a shared string into each cell, so a long one repeated
# thousands of times is a bomb)
# Patterns that begin with a literal run fast; those that allow a prefix run only when the
# region holds a prefixed name.
ROW = re.compile(rb"<" + P + rb"row[\s/>]")
ROOT = re.compile(rb"<[A-Za-z_]")
DATA_START = re.compile(rb"<" + P + rb"sheetData(?:\s[^>]*?)?(/?)>")
DATA_END = re.compile(rb"</" + P + rb"sheetData\s*>")
ROW_REF = re.compile(rb"<row\s[^>]*?\br\s*=\s*[\"'](\d*)")
PREFIXED_ROW_REF = re.compile(rb"<" + NS + rb"row\s[^>]*?\br\s*=\s*[\"'](\d*)")
# an empty row (LibreOffice writes row 1,048,576 so after a row is deleted): no cell in it
EMPTY_ROW_REF = re.compile(rb"<row\s[^>]*?\br\s*=\s*[\"'](\d*)[\"'][^>]*?(?:/>|>\s*</row>)")
CELL_EDGE = re.compile(rb"<(/?)" + P + rb"c(?=[\s/>])[^>]*>")
FORMULA = re.compile(rb"<" + P + rb"f[\s/>]")
SHARED = re.compile(rb't="s"><v>(\d+)</v></c>')  # a shared string's cell, as Excel writes it
IN_CELL = rb"(?:(?!</?" + P + rb"c[\s/>]).)*"  # anything up to the cell's end
ANY_SHARED = re.compile(  # any other: from its type to its last value, the string's index
    rb"t\s*=\s*[\"']s[\"'][^>]*>" + IN_CELL + rb"<" + P + rb"v(?:\s[^>]*)?>\s*(\d+)", re.S
)
ODD_TYPE = re.compile(rb"t(?:\s+=|=\s|=')")  # a type written otherwise than t="s"


def sheet_cut(buffer: bytes) -> int:
    """Before a cell left open at the end, else before the last tag (which may be cut)."""
    edge = last(CELL_EDGE, buffer) if b"<c" in buffer or b":c" in buffer else None
    if edge is not None and not edge.group(1) and not edge.group(0).endswith(b"/>"):
        return edge.start()
    at = buffer.rfind(b"<")
    return len(buffer) if at < 0 else at


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
    last_row: int = 0  # the furthest row with cells a row's r names
    far_row: int = 0  # the furthest row a row's r names, empty or not
    cell_row: int = 0  # the furthest row a cell's r names, beyond `last_row`
    column: int = 0  # the furthest column a cell's r names
    loose: bool = False  # cells without an r (placed after the cell before)
    loose_open: int = 0  # such cells in the row still open
    loose_width: int = 0  # the most such cells in one row
    formula: bool = False
    shared: int = 0  # bytes of shared strings its cells take
    beyond: re.Pattern[bytes] = field(default_factory=lambda: beyond(0, 0))

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
        self.far_row = max(self.far_row, *map(row_number, numbered), 0)
        for empty in (
            EMPTY_ROW_REF.findall(region) if b"</row>" in region or b"/>" in region else ()
        ):
            if empty in numbered:  # holds no cell: builds no row, however far down
                numbered.remove(empty)
        self.last_row = max(self.last_row, *map(row_number, numbered), 0)
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
            self.shared += self.strings.taken(map(row_number, indexes))
        self._reach()

    def _cells(self, region: bytes) -> None:
        """The furthest column and row the cells' references name."""
        if self.last_row > self.cell_row:
            self.cell_row = self.last_row
            self.beyond = beyond(self.column, self.cell_row)
        found = self.beyond.findall(region)
        if found:
            refs = [REF.fullmatch(ref) for ref in set(found)]
            self.column = max(self.column, *(column_number(r.group(1)) for r in refs if r))
            self.cell_row = max(self.cell_row, *(row_number(r.group(2)) for r in refs if r))
            self.beyond = beyond(self.column, self.cell_row)

    def _reach(self) -> None:
        # rows without an r are numbered on from the row before, empty or not
        height = max(self.cell_row, self.far_row + self.loose_rows if self.loose else self.last_row)
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
