"""The limits a returned scoring sheet is held to before openpyxl opens it, so that a hostile
or broken upload is refused quickly and in little memory, never half-read.

One streaming pass over the zip's parts, in chunks, with the limits of
formats/spreadsheet_files.py (`Limits`): the file's bytes; the bytes once decompressed,
counted as they are read (a part's declared size can lie), stopping at the cap; the rows of
each worksheet, stopping at the limit; a cell far longer than a cell may be. And what openpyxl
would otherwise build whole from a small file: the parts it parses eagerly (styles, workbook,
manifest, shared strings) are held to a number of elements, a worksheet row to a number of
elements, and a worksheet must state its size before its data (openpyxl's read-only mode
otherwise parses the whole sheet to find it). Exact cell lengths and rows as openpyxl sees
them are checked again while reading (exports/scoring_sheet_reader.py)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from itertools import repeat
from typing import Any, cast
from xml.etree.ElementTree import ParseError, XMLPullParser, fromstring

from exports.scoring_sheet import ScoringSheetError, SheetProblem
from formats.limits import LIMITS, MB, Limits
from formats.xlsx_parts import SHEET_PART

# a scoring sheet has one row for each application and criterion: 200,000 is generous
SHEET_LIMITS = replace(LIMITS, rows=200_000)
MAX_PARTS = 10_000  # a workbook has tens of parts; each costs memory before any is read
PART_TAGS = 50_000  # styles, workbook, manifest, relationships, properties: parsed whole
STRING_TAGS_PER_ROW = 8  # shared strings: about four tags a string, two strings a row
ROW_TAGS = 10_000  # one worksheet row, with whatever lies before the next
HEAD_BYTES = MB  # a worksheet states its size within its first megabyte
HEAD_SLICE = 16 * 1024  # fed to the parser until it has
BYTES_PER_CHAR = 10  # the most one character takes in XML (&#1114111;)
MANIFEST = "[Content_Types].xml"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
AGAIN = "Give back the scoring sheet as it was downloaded, or download a fresh one and copy your scores into it."


def refuse(message: str) -> ScoringSheetError:
    return ScoringSheetError([SheetProblem("file", "", None, message)])


def unreadable(exc: BaseException) -> ScoringSheetError:
    return refuse(f"cannot be opened as a workbook ({type(exc).__name__}).")


def too_many_rows(limits: Limits) -> ScoringSheetError:
    return refuse(
        f"has more than {limits.rows:,} rows on a sheet; a scoring sheet has one row for each "
        f"application and criterion. {AGAIN}"
    )


def check_bounds(data: bytes, limits: Limits = SHEET_LIMITS) -> None:
    """Refuse `data` (ScoringSheetError naming the limit) unless every limit holds."""
    if len(data) > limits.file_bytes:
        raise refuse(
            f"is {len(data) / MB:.1f} MB; a scoring sheet is far smaller (the most the tool "
            f"reads at once is {limits.file_bytes // MB} MB). {AGAIN}"
        )
    if data.count(b"PK\x01\x02") > MAX_PARTS:  # before zipfile lists them all
        raise refuse(f"has more than {MAX_PARTS:,} parts; a workbook has tens. {AGAIN}")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable(exc) from None
    with archive:
        infos = archive.infolist()
        if sum(info.file_size for info in infos) > limits.unpacked_bytes:
            raise _bomb(limits)  # declared: a quick refusal; the bytes are counted below too
        strings = _shared_strings_parts(archive)
        unpacked = 0
        for info in infos:
            try:
                unpacked = _scan(archive, info, unpacked, info.filename in strings, limits)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
                raise unreadable(exc) from None
            except ParseError as exc:
                raise unreadable(exc) from None


def _bomb(limits: Limits) -> ScoringSheetError:
    return refuse(
        f"unpacks to more than {limits.unpacked_bytes // MB} MB; a scoring sheet is far "
        f"smaller. {AGAIN}"
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
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, unpacked: int, strings: bool, limits: Limits
) -> int:
    """Read one part in chunks, counting the bytes unpacked so far against the cap and
    holding an XML part to its limits. Returns the bytes unpacked so far."""
    name = info.filename
    xml = name.endswith((".xml", ".rels"))
    sheet = xml and not strings and SHEET_PART.match(name) is not None
    budget = limits.rows * STRING_TAGS_PER_ROW if strings else PART_TAGS
    longest = BYTES_PER_CHAR * limits.cell_chars  # a run of text this long is too long a cell
    size = min(MB, longest)  # so a run longer than `longest` always spans a chunk boundary
    tags = rows = in_row = run = 0
    head: XMLPullParser[Any] | None = XMLPullParser(events=("start", "end")) if sheet else None
    fed = 0
    with archive.open(info) as part:
        while chunk := part.read(size):
            unpacked += len(chunk)
            if unpacked > limits.unpacked_bytes:
                raise _bomb(limits)
            if not xml:
                continue
            first = chunk.find(b"<")  # text runs between tags, carried across chunks
            if first < 0:
                run += len(chunk)
                ended = run
            else:
                ended = run + first  # the run the last chunk ended in, now closed
                run = len(chunk) - 1 - chunk.rfind(b"<")
            if max(ended, run) > longest:
                raise refuse(
                    f"holds a cell far longer than the {limits.cell_chars:,} characters a cell "
                    f"may hold. {AGAIN}"
                )
            if not sheet:
                tags += chunk.count(b"<")
                if tags > budget:
                    raise refuse(
                        f"is not a scoring sheet the tool reads: its part {name} holds more than "
                        f"{budget:,} elements. {AGAIN}"
                    )
                continue
            for at in range(0, len(chunk), HEAD_SLICE):
                if head is None:
                    break
                head.feed(chunk[at : at + HEAD_SLICE])
                fed += min(HEAD_SLICE, len(chunk) - at)
                head = _sized(head, fed, name)
            # rows: split at each row's start (a prefixed <x:row> splits at its end tag too)
            marker = b"<row" if b"<row" in chunk or b":row" not in chunk else b":row"
            pieces = chunk.split(marker)
            if marker == b"<row":  # openpyxl counts the rows exactly as it reads them
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
    return unpacked


def _sized(head: XMLPullParser[Any], fed: int, name: str) -> XMLPullParser[Any] | None:
    """None once the worksheet has stated its size before its data; refuse if its data comes
    first or nothing is stated in its first megabyte."""
    for item in head.read_events():
        event, element = cast(tuple[str, Any], item)
        tag = getattr(element, "tag", None)
        if event == "end" and tag == f"{MAIN}dimension":
            return None
        if event == "start" and tag == f"{MAIN}sheetData":
            break
    else:
        if fed <= HEAD_BYTES:
            return head
    raise refuse(
        f"cannot be read safely: its part {name} does not state the sheet's size before its "
        f"data. Save it again from Excel or LibreOffice, or download a fresh one."
    )
