"""The two things the fast workbook writer (rustpy-xlsxwriter) cannot say, added to its package
afterwards: the cached result of each formula, so that a reader which does not recalculate
(pandas, previews, a phone) sees the same total as the tool, and the document's properties
(title, author, whether names are included).

Only small parts are changed: the properties part and the formula cells of one sheet, found
by their cell references. Every other part is copied as written."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree
from xml.sax.saxutils import escape

CORE = "docProps/core.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATION_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
LARGE_PART = 4 * 1024 * 1024  # deflated fast

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
    workbook would show a total the tool did not compute. Every other part is copied as the
    writer compressed it, never inflated and deflated again (for a large vacancy that was most
    of the export's time)."""
    source = zipfile.ZipFile(io.BytesIO(raw))
    parts = _sheet_parts(source)
    changed = {parts[sheet]: cells for sheet, cells in results.items()}
    out = ZipPackage()
    for info in source.infolist():
        if info.filename == CORE:
            out.add(info, _core_xml(properties))
        elif info.filename in changed:
            data, filled = _with_results(source.read(info), changed[info.filename])
            if filled != len(changed[info.filename]):
                raise ValueError(
                    f"{info.filename}: {len(changed[info.filename]) - filled} formula "
                    "cells were not where the writer should have put them"
                )
            out.add(info, data)
        else:
            out.copy(info, raw)
    return out.finish()


_LOCAL = struct.Struct("<IHHHHHIIIHH")  # a part's local header, before its name
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # its entry in the central directory
_END = struct.Struct("<IHHHHIIH")


def _dos(when: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    """A part's time and date as a ZIP header holds them."""
    year, month, day, hour, minute, second = when
    return (hour << 11) | (minute << 5) | (second // 2), ((year - 1980) << 9) | (month << 5) | day


class ZipPackage:
    """A ZIP package written part by part: a new part deflated here, an unchanged one copied
    byte for byte (its header, its compressed data and any descriptor after it)."""

    def __init__(self) -> None:
        self.out = io.BytesIO()
        self.directory: list[bytes] = []

    def _enter(
        self, info: zipfile.ZipInfo, flags: int, sizes: tuple[int, int], offset: int
    ) -> None:
        name = info.filename.encode()
        self.directory.append(
            _CENTRAL.pack(0x02014B50, 20, 20, flags, info.compress_type, *_dos(info.date_time),
                          info.CRC, *sizes, len(name), 0, 0, 0, 0, 0, offset) + name
        )  # fmt: skip

    def add(self, info: zipfile.ZipInfo, data: bytes) -> None:
        packer = zlib.compressobj(1 if len(data) > LARGE_PART else 6, zlib.DEFLATED, -15)
        packed = packer.compress(data) + packer.flush()
        made = zipfile.ZipInfo(info.filename, info.date_time)
        made.compress_type, made.CRC = zipfile.ZIP_DEFLATED, zlib.crc32(data)
        name, sizes, offset = info.filename.encode(), (len(packed), len(data)), self.out.tell()
        self._enter(made, 0, sizes, offset)
        self.out.write(
            _LOCAL.pack(0x04034B50, 20, 0, made.compress_type, *_dos(made.date_time), made.CRC,
                        *sizes, len(name), 0) + name + packed
        )  # fmt: skip

    def copy(self, info: zipfile.ZipInfo, raw: bytes) -> None:
        start = info.header_offset
        name_length, extra_length = struct.unpack_from("<HH", raw, start + 26)
        end = start + 30 + name_length + extra_length + info.compress_size
        if info.flag_bits & 0x08:  # a data descriptor follows: signature optional
            end += 16 if raw[end : end + 4] == b"PK\x07\x08" else 12
        offset = self.out.tell()
        self.out.write(raw[start:end])
        self._enter(info, info.flag_bits, (info.compress_size, info.file_size), offset)

    def finish(self) -> bytes:
        start = self.out.tell()
        for entry in self.directory:
            self.out.write(entry)
        size = self.out.tell() - start
        count = len(self.directory)
        if count > 0xFFFF or start + size > 0xFFFFFFFF:
            raise ValueError("the workbook is too large for a ZIP package without ZIP64")
        self.out.write(_END.pack(0x06054B50, 0, 0, count, count, size, start, 0))
        return self.out.getvalue()
