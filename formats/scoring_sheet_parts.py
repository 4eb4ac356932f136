"""The limits a returned scoring sheet is held to before it is read, so that a hostile or
broken upload is refused quickly and in little memory, never half-read.

The zip's parts go through the one scan every workbook reader shares (formats/zip_parts.py),
with the scoring sheet's limits: the file's bytes; the parts, counted before zipfile lists
them; the bytes once decompressed, counted as they are read (a part's declared size can lie),
stopping at the cap; a cell far longer than a cell may be. On top, what the reader
(formats/scoring_sheet_xlsx.py) would otherwise parse from a small file: the row elements of
each worksheet, stopping at the limit; the parts parsed whole (styles, workbook, manifest,
shared strings) held to a number of elements, a worksheet row to a number of elements. Exact
cell lengths, and the rows that hold a value, are checked again while reading."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import replace
from itertools import repeat
from xml.etree.ElementTree import ParseError, fromstring

from formats.limits import LIMITS, MAX_PARTS, MB, Limits
from formats.scoring_sheet_problems import (
    AGAIN,
    ScoringSheetError,
    refuse,
    too_many_rows,
    unreadable,
)
from formats.xlsx_parts import SHEET_PART
from formats.zip_parts import Unpacked, declared, too_many_parts

# a scoring sheet has one row for each application and criterion: 200,000 is generous
SHEET_LIMITS = replace(LIMITS, rows=200_000)
PART_TAGS = 50_000  # styles, workbook, manifest, relationships, properties: parsed whole
STRING_TAGS_PER_ROW = 8  # shared strings: about four tags a string, two strings a row
ROW_TAGS = 10_000  # one worksheet row, with whatever lies before the next
HEAD_BYTES = MB  # the manifest is parsed whole
MANIFEST = "[Content_Types].xml"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def check_bounds(data: bytes, limits: Limits = SHEET_LIMITS) -> None:
    """Refuse `data` (ScoringSheetError naming the limit) unless every limit holds."""
    if len(data) > limits.file_bytes:
        raise refuse(
            f"is {len(data) / MB:.1f} MB; a scoring sheet is far smaller (the most the tool "
            f"reads at once is {limits.file_bytes // MB} MB). {AGAIN}"
        )
    if too_many_parts(data):
        raise refuse(f"has more than {MAX_PARTS:,} parts; a workbook has tens. {AGAIN}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable(exc) from None
    with archive:
        infos = archive.infolist()
        if declared(infos) > limits.unpacked_bytes:
            raise _bomb(limits)  # declared: a quick refusal; the bytes are counted below too
        strings = _shared_strings_parts(archive)
        unpacked = Unpacked(limits, lambda: _bomb(limits), lambda: _too_long(limits))
        for info in infos:
            try:
                _scan(unpacked, archive, info, info.filename in strings, limits)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
                raise unreadable(exc) from None
            except ParseError as exc:
                raise unreadable(exc) from None


def _bomb(limits: Limits) -> ScoringSheetError:
    return refuse(
        f"unpacks to more than {limits.unpacked_bytes // MB} MB; a scoring sheet is far "
        f"smaller. {AGAIN}"
    )


def _too_long(limits: Limits) -> ScoringSheetError:
    return refuse(
        f"holds a cell far longer than the {limits.cell_chars:,} characters a cell may hold. "
        f"{AGAIN}"
    )


def _shared_strings_parts(archive: zipfile.ZipFile) -> set[str]:
    """The parts openpyxl reads as the shared strings, from the manifest (itself bounded)."""
    try:
        with archive.open(MANIFEST) as part:
            manifest = part.read(HEAD_BYTES + 1)
    except KeyError:
        return set()  # openpyxl refuses a workbook without one
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
        raise unreadable(exc) from None
    if len(manifest) > HEAD_BYTES or manifest.count(b"<") > PART_TAGS:
        raise refuse(f"is not a workbook the tool reads: its {MANIFEST} is far too large. {AGAIN}")
    try:
        root = fromstring(manifest)
    except ParseError as exc:
        raise unreadable(exc) from None
    return {
        (item.get("PartName") or "").lstrip("/")
        for item in root.iter(f"{TYPES}Override")
        if item.get("ContentType") == SHARED_STRINGS
    }


def _scan(
    unpacked: Unpacked,
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    strings: bool,
    limits: Limits,
) -> None:
    """Read one part in chunks (the shared scan counts the bytes unpacked against the cap and
    refuses an over-long run of text), holding an XML part to openpyxl's limits."""
    name = info.filename
    chunks = unpacked.read(archive, info)
    if not name.endswith((".xml", ".rels")):
        for _ in chunks:
            pass  # counted against the cap, nothing more
    elif strings or SHEET_PART.match(name) is None:
        _elements(
            unpacked.texts(chunks),
            name,
            limits.rows * STRING_TAGS_PER_ROW if strings else PART_TAGS,
        )
    else:
        _sheet(unpacked.texts(chunks), name, limits)


def _elements(chunks: Iterable[bytes], name: str, budget: int) -> None:
    """A part openpyxl parses whole: no more than `budget` elements."""
    tags = 0
    for chunk in chunks:
        tags += chunk.count(b"<")
        if tags > budget:
            raise refuse(
                f"is not a scoring sheet the tool reads: its part {name} holds more than "
                f"{budget:,} elements. {AGAIN}"
            )


def _sheet(chunks: Iterable[bytes], name: str, limits: Limits) -> None:
    """A worksheet: its row elements counted (empty or not: each is parsed), and no row of
    more than ROW_TAGS elements."""
    rows = in_row = 0
    for chunk in chunks:
        # rows: split at each row's start (a prefixed <x:row> splits at its end tag too)
        marker = b"<row" if b"<row" in chunk or b":row" not in chunk else b":row"
        pieces = chunk.split(marker)
        if marker == b"<row":
            rows += len(pieces) - 1
            if rows > limits.rows + 1:  # the header, then the rows
                raise too_many_rows(limits)
        counts = list(map(bytes.count, pieces, repeat(b"<")))  # elements in each row
        counts[0] += in_row  # the row the last chunk ended in
        in_row = counts[-1]
        if max(counts) > ROW_TAGS:
            raise refuse(
                f"has a row of more than {ROW_TAGS:,} elements in its part {name}; a scoring "
                f"sheet's rows have eight cells. {AGAIN}"
            )
