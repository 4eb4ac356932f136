"""Hostile uploads handed to the real readers: each must be refused quickly and in little
memory. Built in a temporary directory in seconds (the big parts are compressed once and
repeated, not compressed a gigabyte at a time), each read in a fresh process ('spawn') whose
peak resident memory is measured from just before the read.

    python -m benchmarks.hostile_files   # the table on its own
"""

from __future__ import annotations

import gc
import io
import multiprocessing
import struct
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MB = 1024 * 1024
TARGET_SECONDS = 2.0
TARGET_MB = 300.0
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


@dataclass(frozen=True)
class HostileFigure:
    name: str
    file_mb: float
    seconds: float
    peak_mb: float  # peak resident memory over the process's size just before the read
    refused: str | None  # the reader's message; None if it was not refused

    @property
    def met(self) -> bool:
        return (
            self.refused is not None and self.seconds < TARGET_SECONDS and self.peak_mb < TARGET_MB
        )


# --- Building the files -----------------------------------------------------------------------


def _deflated(pieces: Sequence[Piece]) -> tuple[list[tuple[bytes, int]], int, int, int]:
    """Raw deflate of the pieces, each compressed once (a full flush makes a repeat of the
    same bytes compress to the same bytes): the compressed pieces, CRC, sizes."""
    out, crc, plain, packed = [], 0, 0, 0
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


def write_zip(path: Path, parts: dict[str, Sequence[Piece]]) -> None:
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


def _cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


def _skeleton(sheet: Sequence[Piece], strings: Sequence[Piece] | None = None) -> dict[str, Any]:
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
    parts: dict[str, Any] = {
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


def _header_row() -> str:
    return "<row>" + "".join(_cell(c) for c in APPLICATION_HEADER) + "</row>"


def _bomb_sheet(unpacked_mb: int) -> list[Piece]:
    row = (
        "<row>"
        + "".join(_cell(v) for v in ("D0001", "2026-01-20", "Amina", "Hassan", "a@example.org"))
        + "</row>"
    )
    block = (row * (MB // len(row))).encode()
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:M2"/><sheetData>{_header_row()}'
    return [(head.encode(), 1), (block, unpacked_mb), (b"</sheetData></worksheet>", 1)]


def build_zip_bomb(path: Path, unpacked_mb: int = 1_100) -> None:
    """An applications workbook of about 4 MB whose one sheet unpacks to about 1.1 GB."""
    write_zip(path, _skeleton(_bomb_sheet(unpacked_mb)))


def build_split_zip_bomb(path: Path, parts: int = 3, unpacked_mb: int = 190) -> None:
    """A bomb in three sheets, each declaring less than the cap for one part (200 MB)."""
    files = _skeleton(_bomb_sheet(unpacked_mb))
    for i in range(2, parts + 1):
        files[f"xl/worksheets/sheet{i}.xml"] = _bomb_sheet(unpacked_mb)
    write_zip(path, files)


def build_huge_cell(path: Path, chars: int = 1_000 * MB) -> None:
    """An applications workbook of about 1 MB with one shared string of a billion 'a's."""
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:M2"/><sheetData>{_header_row()}'
    row = "<row>" + _cell("D0001") + '<c r="M2" t="s"><v>0</v></c></row>'
    sheet = [((head + row + "</sheetData></worksheet>").encode(), 1)]
    strings = [
        (f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode(), 1),
        (b"a" * MB, chars // MB),
        (b"</t></si></sst>", 1),
    ]
    write_zip(path, _skeleton(sheet, strings))


def build_under_cap(path: Path, unpacked_mb: int = 190) -> None:
    """An applications workbook of under 1 MB whose one sheet unpacks to 190 MB, under the
    cap: about a million rows, refused at the row limit."""
    write_zip(path, _skeleton(_bomb_sheet(unpacked_mb)))


def build_far_row(path: Path, row: int = 1_048_576) -> None:
    """One cell on the sheet's last row: a reader that builds every row up to the furthest
    cell builds a million of them."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{_header_row()}'
    far = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>D0001</t></is></c></row>'
    write_zip(path, _skeleton([((head + far + "</sheetData></worksheet>").encode(), 1)]))


def build_far_column(path: Path, rows: int = 2_000) -> None:
    """A cell in the last column (XFD) and 2,000 rows: 33 million cells to build."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{_header_row()}'
    far = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>D0001</t></is></c><c r="XFD2"><v>1</v></c></row>'
    )
    row = b'<row><c t="inlineStr"><is><t>D0002</t></is></c></row>'
    sheet = [((head + far).encode(), 1), (row, rows), (b"</sheetData></worksheet>", 1)]
    write_zip(path, _skeleton(sheet))


def build_repeated_string(path: Path, cells: int = 3_000) -> None:
    """A shared string of 100,000 characters used by 3,000 cells: a reader that copies it
    into each cell makes 300 MB of text from a file of a few hundred kilobytes."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{_header_row()}'
    row = ("<row>" + _cell("D0001") + '<c t="s"><v>0</v></c></row>').encode()
    sheet = [(head.encode(), 1), (row, cells), (b"</sheetData></worksheet>", 1)]
    strings = [
        (f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode(), 1),
        (b"a" * 100_000, 1),
        (b"</t></si></sst>", 1),
    ]
    write_zip(path, _skeleton(sheet, strings))


def build_merged_cells(path: Path, merges: int = 8_000_000) -> None:
    """A sheet of one row followed by eight million merged cells, 190 MB unpacked."""
    sheet = [
        (
            f'<worksheet xmlns="{MAIN}"><sheetData>{_header_row()}</sheetData><mergeCells>'.encode(),
            1,
        ),
        (b'<mergeCell ref="A1:B2"/>' * 1_000, merges // 1_000),
        (b"</mergeCells></worksheet>", 1),
    ]
    write_zip(path, _skeleton(sheet))


def build_full_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV of applications just under the 50 MB limit (about 48,000 rows with 1 KB
    statements), refused only on its last row (a NUL character)."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,," + "x" * 1_000 + "\n"
    rows = megabytes * MB // len(row.format(0)) - 1
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 1_000):
            out.write("".join(row.format(i) for i in range(start, min(start + 1_000, rows))))
        out.write(row.format(rows).replace("x", "\x00", 1))


def _csv_with(path: Path, megabytes: int, changed: dict[int, str]) -> None:
    """A CSV of applications of about `megabytes` (1 KB statements), with the rows numbered in
    `changed` (from 0; negative from the end) written as given instead."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,," + "x" * 1_000 + "\n"
    rows = megabytes * MB // len(row.format(0))
    changed = {i % rows: line for i, line in changed.items()}
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 1_000):
            out.write(
                "".join(
                    changed[i].format(i) if i in changed else row.format(i)
                    for i in range(start, min(start + 1_000, rows))
                )
            )


def build_unclosed_quote_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV of applications just under the 50 MB limit whose fourth application opens a quote
    in its statement and never closes it: read loosely, every later row would be one cell."""
    _csv_with(path, megabytes, {3: 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,"Opened\n'})


def build_late_closing_quote_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV at the limit where a quote opens in a statement near the end and a stray quote
    closes it 40 rows later, leaving a record of the right length with 39 rows inside it."""
    opened = 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,"Opened\n'
    closed = 'A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,closed"\n'
    _csv_with(path, megabytes, {-50: opened, -10: closed})


def build_wrong_cell_count_csv(path: Path, megabytes: int = 49) -> None:
    """A CSV at the limit where every row has a comma outside quote marks in its statement:
    one cell too many on each of about 48,000 rows, every one listed."""
    row = "A{:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,Rent, " + "x" * 994 + "\n"
    rows = megabytes * MB // len(row.format(0))
    _csv_with(path, megabytes, dict.fromkeys(range(rows), row))


def build_big_csv(path: Path, rows: int = 1_000_000) -> None:
    """A CSV of applications: a million rows, about 42 MB."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(",".join(APPLICATION_HEADER) + "\n")
        for start in range(0, rows, 10_000):
            out.write(
                "".join(
                    f"A{i:07d},2026-01-20,Ann,Lee,,no,no,none,,,,,x\n"
                    for i in range(start, min(start + 10_000, rows))
                )
            )


def build_long_scoring_sheet(path: Path, rows: int = 2_000_000) -> None:
    """A scoring sheet as the tool makes it, but with two million rows on its Scores sheet,
    repeated so that it compresses to a few hundred kilobytes."""
    import zipfile

    from criteria.schema import Criterion
    from exports.scoring_sheet import COLUMNS, DRAWN, SheetApplication, write_scoring_sheet
    from scoring.rules.scheme import SCALES

    made = io.BytesIO()
    write_scoring_sheet(
        made, vacancy_id=1, vacancy_title="Housing Officer", member="panel1",
        member_name="Panel One",
        criteria=[Criterion(id="c1", text="Rent recovery", category="skills", requirement="essential")],
        scale=SCALES["0-3"], applications=[SheetApplication("P00001", "I did it.", {})],
        key=b"benchmark",
    )  # fmt: skip
    parts: dict[str, Any] = {}
    with zipfile.ZipFile(made) as book:
        for name in book.namelist():
            parts[name] = [(book.read(name), 1)]
    header = "<row>" + "".join(_cell(c) for c in (*COLUMNS, *DRAWN)) + "</row>"
    row = ("<row>" + _cell("P1") + "<c><v>2</v></c></row>").encode()  # 132 MB unpacked
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:H{rows + 1}"/><sheetData>{header}'
    per_block = MB // len(row)
    parts["xl/worksheets/sheet2.xml"] = [  # the Scores sheet
        (head.encode(), 1),
        (row * per_block, rows // per_block),
        (row, rows % per_block),
        (b"</sheetData></worksheet>", 1),
    ]
    write_zip(path, parts)


# --- Reading them, one process each -----------------------------------------------------------


def _memory(field: str) -> float:
    status = Path("/proc/self/status").read_text()
    return int(status.split(f"{field}:")[1].split()[0]) / 1024


def _read_applications(data: bytes, name: str) -> None:
    from formats.interchange import read_applications

    read_applications(data, name=name)


def _read_scoring_sheet(data: bytes, name: str) -> None:
    from exports.scoring_sheet_reader import read_scoring_sheet
    from scoring.rules.scheme import SCALES

    read_scoring_sheet(
        data, vacancy_id=1, member="panel1", expected=[], scale=SCALES["0-3"], key=b"benchmark"
    )


READERS: dict[str, Callable[[bytes, str], None]] = {
    "applications": _read_applications,
    "scoring sheet": _read_scoring_sheet,
}


def _child(reader: str, path: str, answer: Any) -> None:
    import exports.scoring_sheet_reader  # noqa: F401  (imports are not the read's cost)
    import formats.interchange  # noqa: F401
    from exports.scoring_sheet import ScoringSheetError
    from formats.problems import InterchangeError

    data = Path(path).read_bytes()
    gc.collect()
    before = _memory("VmRSS")
    try:
        Path("/proc/self/clear_refs").write_text("5")  # the peak (VmHWM) starts again from here
    except OSError:
        pass
    start = time.perf_counter()
    refused: str | None = None
    try:
        READERS[reader](data, Path(path).name)
    except (InterchangeError, ScoringSheetError) as exc:
        refused = str(exc)
    seconds = time.perf_counter() - start
    answer.send((seconds, max(_memory("VmHWM") - before, 0.0), refused))


def measure_one(name: str, reader: str, path: Path) -> HostileFigure:
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(reader, str(path), theirs))
    process.start()
    theirs.close()
    try:
        seconds, peak, refused = mine.recv()
    except EOFError:  # the reader's process died (out of memory, say)
        seconds, peak, refused = float("inf"), float("inf"), None
    process.join()
    return HostileFigure(name, path.stat().st_size / MB, seconds, peak, refused)


def measure_hostile_files(quick: bool = False) -> list[HostileFigure]:
    """Each hostile file, built and handed to its reader. Every file builds in a second or
    two, so `quick` runs the same files."""
    cases: list[tuple[str, str, str, Callable[[Path], None]]] = [
        ("zip bomb (XLSX)", "applications", "bomb.xlsx", build_zip_bomb),
        ("zip bomb in 3 sheets under the per-part cap (XLSX)", "applications", "split.xlsx",
         build_split_zip_bomb),
        ("one 1 GB cell (XLSX)", "applications", "cell.xlsx", build_huge_cell),
        ("190 MB unpacked, under the cap: a million rows (XLSX)", "applications", "under.xlsx",
         build_under_cap),
        ("one cell on row 1,048,576 (XLSX)", "applications", "far-row.xlsx", build_far_row),
        ("one cell in column XFD, 2,000 rows (XLSX)", "applications", "far-column.xlsx",
         build_far_column),
        ("a 100,000-character shared string in 3,000 cells (XLSX)", "applications",
         "repeated.xlsx", build_repeated_string),
        ("8,000,000 merged cells (XLSX)", "applications", "merged.xlsx", build_merged_cells),
        ("1,000,000-row CSV", "applications", "rows.csv", build_big_csv),
        ("CSV at the 50 MB limit, refused on its last row", "applications", "full.csv",
         build_full_csv),
        ("CSV at the limit with an unclosed quote in row 5", "applications", "unclosed.csv",
         build_unclosed_quote_csv),
        ("CSV at the limit, a stray quote closing a quote 40 rows later", "applications",
         "late-close.csv", build_late_closing_quote_csv),
        ("CSV at the limit, every row one cell too many", "applications", "cells.csv",
         build_wrong_cell_count_csv),
        ("2,000,000-row scoring sheet", "scoring sheet", "sheet.xlsx", build_long_scoring_sheet),
    ]  # fmt: skip
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for name, reader, file_name, build in cases:
            path = Path(folder) / file_name
            build(path)
            figure = measure_one(name, reader, path)
            figures.append(
                HostileFigure(
                    f"{name}, {figure.file_mb:.1f} MB",
                    figure.file_mb,
                    figure.seconds,
                    figure.peak_mb,
                    figure.refused,
                )
            )
            path.unlink()
    return figures


if __name__ == "__main__":
    for f in measure_hostile_files():
        print(
            f"{f.name}: {f.seconds:.2f} s, {f.peak_mb:.0f} MB, "
            f"{'refused: ' + f.refused.splitlines()[0][:160] if f.refused else 'NOT REFUSED'}"
        )
