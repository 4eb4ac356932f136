"""An uploaded workbook's zip parts, checked before python_calamine opens it: one streaming
pass over each part, in chunks, never holding a part whole (limits: formats/limits.py; the
scan of the zip itself: formats/zip_parts.py).

- The parts: at most MAX_PARTS, no two of one name; their declared sizes in all, then their
  bytes as they decompress (a declared size can lie), against the cap.
- The workbook's index (workbook.xml and its relationships, parsed whole so held to
  INDEX_BYTES) names the chosen sheet's part, found as calamine finds it.
- The shared strings: how many, and how long each one is (formats/xlsx_strings.py); the
  styles: their size.
- The chosen sheet: its rows, how far its cells reach, the shared text its cells take and its
  formula cells (formats/xlsx_sheet.py, formats/xlsx_formulas.py).
- In both, a run of text far longer than a cell may hold, so calamine never builds a giant
  cell; exact cell lengths are checked again on the values read."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree.ElementTree import ParseError, iterparse

from formats.limits import MAX_PARTS, MB, Limits
from formats.problems import InterchangeError
from formats.refusals import AGAIN, bomb, damaged, fail
from formats.sheet_names import chosen_sheet
from formats.xlsx_formulas import formula_cells, formula_refusal
from formats.xlsx_sheet import SheetCount, sheet_cut
from formats.xlsx_strings import Strings, strings_cut
from formats.zip_parts import Unpacked, declared, regions, too_many_parts

INDEX_BYTES = 4 * MB  # workbook.xml and its relationships are parsed whole
SHARED_STRINGS = "xl/sharedstrings.xml"  # where calamine reads them, in any case
STYLES = "xl/styles.xml"  # parsed whole by calamine as it opens the workbook
STYLES_BYTES = 32 * MB  # a workbook with Excel's most cell formats has a few megabytes
SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")  # (formats/scoring_sheet_parts.py)
DAMAGE = (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, zlib.error)


def check_workbook(data: bytes, name: str, sheet: str | None, limits: Limits) -> str:
    """Refuse `data` (InterchangeError) unless every limit holds; the chosen sheet's name."""
    if too_many_parts(data):
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
    if declared(infos) > limits.unpacked_bytes:
        raise bomb(name, limits)  # declared: a quick refusal; the bytes are counted below too
    parts = dict(zip(keys, infos, strict=True))
    chosen, target = _chosen_sheet(archive, parts, name, sheet)
    unpacked = Unpacked(limits, lambda: bomb(name, limits), lambda: too_long(name, limits))
    strings = Strings()
    # the shared strings first: the sheet's cells are measured by them
    for key in sorted(keys, key=lambda k: k != SHARED_STRINGS):
        if key == SHARED_STRINGS:
            for region in regions(unpacked.read(archive, parts[key]), strings_cut, unpacked):
                strings.take(region, name)
        elif key == target:
            count = SheetCount(name, chosen, limits, strings)
            for region in regions(unpacked.read(archive, parts[key]), sheet_cut, unpacked):
                count.take(region)
            if count.formula and (cells := formula_cells(archive, parts[key])):
                raise formula_refusal(name, chosen, cells)
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
    chosen = chosen_sheet(list(sheets), sheet)  # by name in any case, else the first
    if _key(sheets[chosen]) not in parts:
        raise damaged(name, f"its sheet '{chosen}' is missing")
    return chosen, _key(sheets[chosen])


def too_long(name: str, limits: Limits) -> InterchangeError:
    return fail(
        name,
        f"has a cell far longer than the {limits.cell_chars:,} characters a cell may hold; shorten it or split it over several cells.",
    )
