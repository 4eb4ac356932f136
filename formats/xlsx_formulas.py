"""Formula cells in the chosen sheet, named by sheet, row and column: found by re-reading the
part (streaming) once the scan (formats/xlsx_sheet.py) has seen one."""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import iterparse

from formats.problems import InterchangeError
from formats.refusals import column_letters, fail
from formats.xlsx_refs import column_number


def formula_cells(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> list[str]:
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
                column = column_number(ref.group(1).encode()) if ref else column + 1
                if any(child.tag.rsplit("}", 1)[-1] == "f" for child in element):
                    found.append(ref.group(0).upper() if ref else f"{column_letters(column)}{row}")
                element.clear()
            elif event == "end" and tag == "row":
                element.clear()
    return found


def formula_refusal(name: str, sheet: str, cells: list[str]) -> InterchangeError:
    ref = cells[0]
    column, row = re.match(r"([A-Z]*)(\d*)", ref).groups()  # type: ignore[union-attr]
    more = f" (and {len(cells) - 1} more)" if len(cells) > 1 else ""
    return fail(
        name,
        f"sheet '{sheet}' has a formula in cell {ref}{more}; the tool reads values, not formulas. Copy the sheet and paste it as values only, then save.",
        int(row) if row else None,
        column or None,
    )
