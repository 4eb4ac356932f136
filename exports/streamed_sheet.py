"""Sheets written row by row, so that a workbook of any size is built in time and memory that
grow with its rows (a sheet held whole costs a cell object per cell; asking it its size each
row made the scoring sheet's build grow with the square of its rows).

openpyxl writes the package: styles, column widths and hidden columns, frozen panes,
protection, validation, filter, print set-up and the workbook's properties, each sheet with no
rows. The rows' XML is made here as each row comes, each value guarded (`exports.cells.safe`),
and kept in a temporary file; saving puts each sheet's rows into its part as the package is
copied (`StreamedBook.save`). Handing openpyxl the rows costs five times the rest of the build:
a cell object for each value, or a parse of each row's text, before it writes them.

Each row is as tall as its wrapped text needs (`wrapped_height`, from the column widths), since
no one can resize a protected row; repeated texts (a criterion's wording on every application's
row) are guarded, escaped and measured once."""

from __future__ import annotations

import io
import numbers
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from typing import IO, Any
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from exports.cells import guard_properties, safe
from exports.sheet_finish import set_for_printing, widen_for_labels, wrapped_height

PRESERVE = ' xml:space="preserve"'
KEPT = {"\r": "&#13;"}  # a carriage return as typed: XML reads a bare one as a line feed
NO_ROWS = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
ROWS_AT_ONCE = 2_000  # rows made before their text goes to the temporary file
REMEMBERED = 4_096  # texts whose cell (and height) are kept for the rows that repeat them


class StreamedBook:
    """A workbook of `StreamedSheet`s: `sheet` adds one, `save` writes the package."""

    def __init__(self) -> None:
        self.book = Workbook(write_only=True)
        self.sheets: list[StreamedSheet] = []

    def sheet(self, title: str, **layout: Any) -> StreamedSheet:
        made = StreamedSheet(self.book, title, **layout)
        self.sheets.append(made)
        return made

    def save(self, target: IO[bytes], *, title: str) -> None:
        """Write the workbook to `target`: openpyxl's package, each sheet's rows put in its part
        as it is copied. `title` is the document's, its creator this tool."""
        self.book.properties.title = title
        self.book.properties.creator = "Shortlisting tool"
        guard_properties(self.book)
        package = io.BytesIO()
        self.book.save(package)
        parts = {s.sheet.path.lstrip("/"): s for s in self.sheets}
        with (
            zipfile.ZipFile(package) as made,
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
        ):
            for info in made.infolist():
                part = made.read(info)
                sheet = parts.get(info.filename)
                if sheet is None:
                    out.writestr(info.filename, part)
                    continue
                found = NO_ROWS.search(part)
                assert found is not None, f"{info.filename} has no place for its rows"
                with out.open(info.filename, "w", force_zip64=True) as written:
                    written.write(part[: found.start()] + b"<sheetData>")
                    sheet.copy_rows(written)
                    written.write(b"</sheetData>" + part[found.end() :])
        for sheet in self.sheets:
            sheet.close()


class StreamedSheet:
    """One sheet written row by row: `rows` (the header included) and `widths` (one per
    column, A onwards) are known before the first row is written; `header`, the headings, is
    written first (bold, each column at least as wide as its heading) and repeats on every
    printed page; `hidden` columns (letters) are hidden; `freeze` is the cell the panes freeze
    at; the text in the `wrap` columns (0 for A) wraps, and sets the height of its row. The
    sheet itself (`sheet`, openpyxl's) takes protection, validation and filter as usual."""

    def __init__(
        self,
        book: Workbook,
        title: str,
        *,
        widths: Sequence[float],
        rows: int,
        header: Sequence[str] = (),
        hidden: str = "",
        freeze: str | None = None,
        wrap: Sequence[int] = (),
    ) -> None:
        self.sheet: Any = book.create_sheet(title)
        self.wrap = tuple(wrap)
        self.widths = list(widths)
        self.letters = [get_column_letter(n + 1) for n in range(len(self.widths))]
        self.written = 0
        last = f"{self.letters[-1]}{max(rows, 1)}"
        # a reader may hold a sheet to the size it states before its rows
        # (formats/scoring_sheet_parts.py): openpyxl states a write-only sheet's when told it
        self.sheet.calculate_dimension = lambda: f"A1:{last}"
        for index, (letter, width) in enumerate(zip(self.letters, self.widths, strict=True)):
            self.sheet.column_dimensions[letter].width = width
            if index < len(header):  # at least as wide as its heading
                widen_for_labels(self.sheet, letter, [header[index]], bold=True)
                self.widths[index] = self.sheet.column_dimensions[letter].width
        for letter in hidden:
            self.sheet.column_dimensions[letter].hidden = True
        if freeze:
            self.sheet.freeze_panes = freeze
        set_for_printing(self.sheet, "1:1" if header else None)
        self._file = tempfile.TemporaryFile()
        self._made: list[str] = []
        self._cells: dict[tuple[Any, int], str] = {}
        self._heights: dict[tuple[Any, ...], str] = {}
        if header:
            bold = self.style(font=Font(bold=True))
            self.append(header, [bold] * len(header), wrap=False)  # one line tall

    def style(self, **styles: Any) -> int:
        """The workbook's number for a cell style (font, fill, border, alignment, protection)."""
        template = WriteOnlyCell(self.sheet)
        for name, value in styles.items():
            setattr(template, name, value)
        return int(template.style_id)

    def append(self, values: Sequence[Any], styles: Sequence[int], *, wrap: bool = True) -> None:
        """Write one row: each value (guarded) in its style (`style`), the row as tall as the
        text in its `wrap` columns needs."""
        self.written += 1
        number = self.written
        parts = [f'<row r="{number}"{self._height(values) if wrap else ""}>']
        for letter, value, style in zip(self.letters, values, styles, strict=False):
            if value is None:
                if style:
                    parts.append(f'<c r="{letter}{number}" s="{style}"/>')
                continue
            made = self._cells.get((value, style)) if isinstance(value, str) else None
            if made is None:
                made = _cell(value, style)
                if isinstance(value, str):
                    self._remember(self._cells, (value, style), made)
            parts.append(f'<c r="{letter}{number}"{made}')
        parts.append("</row>")
        self._made.append("".join(parts))
        if len(self._made) >= ROWS_AT_ONCE:
            self._flush()

    def _height(self, values: Sequence[Any]) -> str:
        texts = tuple(values[n] for n in self.wrap)
        made = self._heights.get(texts)
        if made is None:
            height = wrapped_height(
                (safe(t) if isinstance(t, str) else None, self.widths[n])
                for n, t in zip(self.wrap, texts, strict=True)
            )
            made = "" if height is None else f' ht="{height}" customHeight="1"'
            self._remember(self._heights, texts, made)
        return made

    @staticmethod
    def _remember(kept: dict[Any, str], key: Any, made: str) -> None:
        if len(kept) >= REMEMBERED:
            kept.clear()
        kept[key] = made

    def _flush(self) -> None:
        self._file.write("".join(self._made).encode("utf-8"))
        self._made.clear()

    def copy_rows(self, target: IO[bytes]) -> None:
        """The rows' XML, as written, into `target`."""
        self._flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, target, 1 << 20)

    def close(self) -> None:
        self._file.close()


def _cell(value: Any, style: int) -> str:
    """A cell's XML after its reference: its style, type and guarded value."""
    value = safe(value)
    if isinstance(value, str):
        space = PRESERVE if value != value.strip() else ""
        return f' s="{style}" t="inlineStr"><is><t{space}>{escape(value, KEPT)}</t></is></c>'
    if isinstance(value, bool):
        return f' s="{style}" t="b"><v>{value:d}</v></c>'
    if isinstance(value, numbers.Number):
        return f' s="{style}" t="n"><v>{value!r}</v></c>'
    raise TypeError(f"a streamed sheet writes text and numbers, not {value!r}")
