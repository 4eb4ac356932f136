"""The two things the fast workbook writer (rustpy-xlsxwriter) cannot say, added to its package
afterwards: the cached result of each formula, so that a reader which does not recalculate
(pandas, previews, a phone) sees the same total as the tool, and the document's properties
(title, author, whether names are included).

Only small parts are changed: the properties part and the formula cells of one sheet, found
by their cell references. Every other part is copied as written."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree
from xml.sax.saxutils import escape

CORE = "docProps/core.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
LARGE_PACKAGE = 4 * 1024 * 1024
CHUNK = 1024 * 1024

# rust_xlsxwriter writes a formula as <c r="AG4" t="str"><f>...</f><v></v></c>, with an
# optional style attribute: its result is empty until a spreadsheet program recalculates.
_FORMULA_CELL = re.compile(
    rb'<c r="(?P<ref>[A-Z]{1,3}\d+)"(?P<style>(?: s="\d+")?) t="str"><f>(?P<f>[^<]*)</f><v></v></c>'
)


@dataclass(frozen=True)
class Properties:
    title: str
    subject: str
    creator: str
    last_modified_by: str
    keywords: str
    description: str
    created: datetime  # UTC, without a zone


def _core_xml(p: Properties) -> bytes:
    stamp = p.created.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(p.title)}</dc:title><dc:subject>{escape(p.subject)}</dc:subject>"
        f"<dc:creator>{escape(p.creator)}</dc:creator><cp:keywords>{escape(p.keywords)}</cp:keywords>"
        f"<dc:description>{escape(p.description)}</dc:description>"
        f"<cp:lastModifiedBy>{escape(p.last_modified_by)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its part's path, from the workbook and its relationships (parts the writer
    has just made, not an upload: the standard library's parser is enough)."""
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iter(f"{{{MAIN}}}sheet"):
        target = targets[sheet.get(RELATION_ID)].lstrip("/")
        parts[str(sheet.get("name"))] = target if target.startswith("xl/") else f"xl/{target}"
    return parts


Result = float | str | None  # None: the formula cell is removed (a row with no total to show)


def _with_results(xml: bytes, results: Mapping[str, Result]) -> tuple[bytes, int]:
    filled = 0

    def fill(match: re.Match[bytes]) -> bytes:
        nonlocal filled
        ref = match["ref"].decode()
        if ref not in results:
            return match[0]
        filled += 1
        value = results[ref]
        start = b'<c r="' + match["ref"] + b'"' + match["style"]
        if value is None:
            return start + b"/>"
        if isinstance(value, str):
            text = escape(value).encode()
            return start + b' t="str"><f>' + match["f"] + b"</f><v>" + text + b"</v></c>"
        return start + b"><f>" + match["f"] + b"</f><v>" + repr(float(value)).encode() + b"</v></c>"

    return _FORMULA_CELL.sub(fill, xml), filled


def finish_package(
    raw: bytes, *, properties: Properties, results: Mapping[str, Mapping[str, Result]]
) -> bytes:
    """`raw` with the properties set and, in each named sheet, each listed formula cell given
    its result. A listed cell that is not a formula cell of the writer's form is an error: the
    workbook would show a total the tool did not compute."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    parts = _sheet_parts(source)
    changed = {parts[sheet]: cells for sheet, cells in results.items()}
    out = io.BytesIO()
    level = 1 if len(raw) > LARGE_PACKAGE else 6  # a big workbook is compressed fast
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            if info.filename == CORE:
                target.writestr(info.filename, _core_xml(properties))
            elif info.filename in changed:
                data, filled = _with_results(source.read(info), changed[info.filename])
                if filled != len(changed[info.filename]):
                    raise ValueError(
                        f"{info.filename}: {len(changed[info.filename]) - filled} formula "
                        "cells were not where the writer should have put them"
                    )
                target.writestr(info.filename, data)
            else:  # streamed: a sheet of a million rows is never held whole
                with source.open(info) as part, target.open(info.filename, "w") as written:
                    shutil.copyfileobj(part, written, CHUNK)
    return out.getvalue()
