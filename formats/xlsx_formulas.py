"""Formula cells in the chosen sheet, named by sheet, row and column: found by re-reading the
part (streaming) once the scan (formats/xlsx_sheet.py) has seen one.

One kind of formula is no formula to the person who saved the file: LibreOffice turns every
TRUE/FALSE cell of a workbook it opens into `=TRUE()` / `=FALSE()` and writes it back so
(`<c t="b"><f>TRUE()</f><v>1</v></c>`), in English whatever the office's language (a German
LibreOffice shows WAHR but writes TRUE(); Excel too keeps function names in English in the
file). Such a cell, its saved value agreeing with its formula, is read as that yes/no value
(`is_yes_no_constant`); every other formula is refused, its cell named."""

from __future__ import annotations

import re
import zipfile
from xml.etree.ElementTree import Element, iterparse

from formats.problems import InterchangeError
from formats.refusals import column_letters, fail
from formats.xlsx_refs import column_number

# TRUE() as LibreOffice writes it, and the forms a person or another program may: =TRUE(),
# TRUE, true(), of:=TRUE() (an OpenDocument formula); the value it stands for
CONSTANT = re.compile(r"\s*(?:of:)?\s*=?\s*(TRUE|FALSE)\s*(?:\(\s*\))?\s*", re.IGNORECASE)


def is_yes_no_constant(formula: str, value: bool | None) -> bool:
    """`formula` is TRUE() or FALSE() and the value saved with it is the same yes/no."""
    found = CONSTANT.fullmatch(formula)
    return found is not None and value is (found.group(1).upper() == "TRUE")


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
                if _has_formula(element):
                    found.append(ref.group(0).upper() if ref else f"{column_letters(column)}{row}")
                element.clear()
            elif event == "end" and tag == "row":
                element.clear()
    return found


def _has_formula(cell: Element) -> bool:
    """A formula other than a yes/no constant with its value saved (a boolean cell, t="b")."""
    parts = {child.tag.rsplit("}", 1)[-1]: child.text or "" for child in cell}
    if "f" not in parts:
        return False
    saved = {"1": True, "0": False}.get(parts.get("v", "").strip())
    return not (cell.get("t") == "b" and is_yes_no_constant(parts["f"], saved))


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
