"""The parts hostile files are built from: zips whose parts are a few compressed blocks
repeated (a gigabyte unpacked builds in a second, without ever being held whole), and the
smallest workbook around one sheet."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from pathlib import Path

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
APPLICATION_HEADER = (
    "application_id", "received_date", "first_name", "last_name", "email", "disability_gis",
    "care_leaver", "armed_forces_status", "armed_forces_relationship", "armed_forces_date",
    "armed_forces_long_term", "armed_forces_gis", "statement",
)  # fmt: skip

Piece = tuple[bytes, int]  # plain bytes and how many times they repeat
Parts = dict[str, Sequence[Piece]]  # a zip's parts by name


def _deflated(pieces: Sequence[Piece]) -> tuple[list[Piece], int, int, int]:
    """Raw deflate of the pieces, each compressed once (a full flush makes a repeat of the
    same bytes compress to the same bytes): the compressed pieces, CRC, sizes."""
    out: list[Piece] = []
    crc, plain, packed = 0, 0, 0
    for data, times in pieces:
        squeezer = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = squeezer.compress(data) + squeezer.flush(zlib.Z_FULL_FLUSH)
        out.append((block, times))
        for _ in range(times):
            crc = zlib.crc32(data, crc)
        plain += len(data) * times
        packed += len(block) * times
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # the final block
    out.append((end, 1))
    return out, crc, plain, packed + len(end)


def write_zip(path: Path, parts: Parts) -> None:
    """A zip (no zip64: each part under 4 GiB) of parts made of repeated pieces, written
    without holding any part whole."""
    directory = b""
    with path.open("wb") as out:
        for name, pieces in parts.items():
            blocks, crc, plain, packed = _deflated(pieces)
            assert plain < 2**32, "a part must stay under 4 GiB"
            encoded = name.encode()
            offset = out.tell()
            fields = (20, 0, 8, 0, 33, crc, packed, plain, len(encoded))
            out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded)
            for block, times in blocks:
                for _ in range(times):
                    out.write(block)
            directory += (
                struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, 0, offset)
                + encoded
            )
        start = out.tell()
        n = len(parts)
        out.write(directory)
        out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(directory), start, 0))


def cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def skeleton(sheet: Sequence[Piece], strings: Sequence[Piece] | None = None) -> Parts:
    """A one-sheet workbook whose sheet (and shared strings) are the pieces given."""
    overrides = (
        f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OFFICE}.worksheet+xml"/>'
    )
    rels = f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    if strings is not None:
        overrides += (
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{OFFICE}.sharedStrings+xml"/>'
        )
        rels += f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
    parts: Parts = {
        "[Content_Types].xml": [
            (
                b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                b'<Default Extension="xml" ContentType="application/xml"/>'
                + overrides.encode()
                + b"</Types>",
                1,
            )
        ],
        "_rels/.rels": [
            (
                f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'.encode(),
                1,
            )
        ],
        "xl/workbook.xml": [
            (
                f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets><sheet name="Applications" sheetId="1" r:id="rId1"/></sheets></workbook>'.encode(),
                1,
            )
        ],
        "xl/_rels/workbook.xml.rels": [
            (f'<Relationships xmlns="{RELS}">{rels}</Relationships>'.encode(), 1)
        ],
        "xl/worksheets/sheet1.xml": sheet,
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    return parts


def header_row() -> str:
    return "<row>" + "".join(cell(c) for c in APPLICATION_HEADER) + "</row>"
