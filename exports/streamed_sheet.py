"""A sheet written row by row in openpyxl's write-only mode, so that a workbook of any size is
built in time and memory that grow with its rows (a sheet held whole costs a cell object per
cell; asking it its size each row made the scoring sheet's build grow with the square of its
rows). openpyxl still writes the package, the styles, protection, validation and print set-up;
the rows' XML is made here, each value guarded (`exports.cells.safe`): openpyxl's own way, an
object per cell tried first as a plain value, costs ten times as much as the row's text.

What a write-only sheet writes before its rows (its size, column widths and hidden columns,
frozen panes, print fit) is set when it is made; each row is as tall as its wrapped text needs
(`wrapped_height`, from the column widths), since no one can resize a protected row."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml.functions import fromstring

from exports.cells import safe
from exports.sheet_finish import set_for_printing, widen_for_labels, wrapped_height

PRESERVE = ' xml:space="preserve"'
KEPT = {"\r": "&#13;"}  # a carriage return as typed: XML reads a bare one as a line feed


class StreamedSheet:
    """One write-only sheet: `rows` (the header included) and `widths` (one per column, A
    onwards) are known before the first row is written; `header`, the headings, is written
    first (bold, each column at least as wide as its heading) and repeats on every printed
    page; `hidden` columns (letters) are hidden; `freeze` is the cell the panes freeze at; the
    text in the `wrap` columns (0 for A) wraps, and sets the height of its row."""

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
        self.wrap = wrap
        self.widths = list(widths)
        self.letters = [get_column_letter(n + 1) for n in range(len(self.widths))]
        self.written = 0
        last = f"{self.letters[-1]}{max(rows, 1)}"
        # a reader may hold a sheet to the size it states before its rows
        # (formats/scoring_sheet_parts.py): a write-only sheet states none of its own
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
        # openpyxl's write-only sheet hands each appended row to its writer's `write_row`:
        # here the row is already the values and their styles, written as they are
        self.sheet._values_to_row = lambda values, number: values
        self.sheet._get_writer()  # writes what comes before the rows, as set above
        self.sheet._writer.write_row = self._write_row
        if header:
            bold = self.style(font=Font(bold=True))
            self.append(header, [bold] * len(header))  # never wrapped: one line tall

    def style(self, **styles: Any) -> int:
        """The workbook's number for a cell style (font, fill, border, alignment, protection)."""
        template = WriteOnlyCell(self.sheet)
        for name, value in styles.items():
            setattr(template, name, value)
        return int(template.style_id)

    def append(self, values: Sequence[Any], styles: Sequence[int]) -> None:
        """Write one row: each value (guarded) in its style (`style`), the row as tall as the
        text in its `wrap` columns needs."""
        self.written += 1
        cells = [(safe(v), s) for v, s in zip(values, styles, strict=True)]
        self.height = wrapped_height(
            (cells[n][0] if isinstance(cells[n][0], str) else None, self.widths[n])
            for n in self.wrap
        )
        self.sheet.append(cells)

    def _write_row(self, xf: Any, cells: list[tuple[Any, int]], number: int) -> None:
        height = "" if self.height is None else f' ht="{self.height}" customHeight="1"'
        parts = [f'<row r="{number}"{height}>']
        for letter, (value, style) in zip(self.letters, cells, strict=False):
            if value is None:
                if style:
                    parts.append(f'<c r="{letter}{number}" s="{style}"/>')
            elif isinstance(value, str):
                space = PRESERVE if value != value.strip() else ""
                parts.append(
                    f'<c r="{letter}{number}" s="{style}" t="inlineStr"><is><t{space}>'
                    f"{escape(value, KEPT)}</t></is></c>"
                )
            elif isinstance(value, bool):
                parts.append(f'<c r="{letter}{number}" s="{style}" t="b"><v>{value:d}</v></c>')
            elif isinstance(value, numbers.Number):
                parts.append(f'<c r="{letter}{number}" s="{style}" t="n"><v>{value!r}</v></c>')
            else:
                raise TypeError(f"a streamed sheet writes text and numbers, not {value!r}")
        parts.append("</row>")
        # one parse of the row's text is far quicker than an element made for each cell
        xf.write(fromstring("".join(parts)))
