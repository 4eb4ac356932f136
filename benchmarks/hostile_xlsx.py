"""Hostile workbooks: zip bombs whole and split across sheets, a gigabyte cell, a sheet just
under the unpacked cap, cells far out on the grid, one long string shared by thousands of cells,
millions of merged cells, and a scoring sheet two million rows long."""

from __future__ import annotations

import io
from pathlib import Path

from benchmarks.hostile_parts import (
    MAIN,
    MB,
    Parts,
    Piece,
    cell,
    header_row,
    skeleton,
    write_zip,
)


def _bomb_sheet(unpacked_mb: int) -> list[Piece]:
    row = (
        "<row>"
        + "".join(cell(v) for v in ("D0001", "2026-01-20", "Amina", "Hassan", "a@example.org"))
        + "</row>"
    )
    block = (row * (MB // len(row))).encode()
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:M2"/><sheetData>{header_row()}'
    return [(head.encode(), 1), (block, unpacked_mb), (b"</sheetData></worksheet>", 1)]


def build_zip_bomb(path: Path, unpacked_mb: int = 1_100) -> None:
    """An applications workbook of about 4 MB whose one sheet unpacks to about 1.1 GB."""
    write_zip(path, skeleton(_bomb_sheet(unpacked_mb)))


def build_split_zip_bomb(path: Path, parts: int = 3, unpacked_mb: int = 190) -> None:
    """A bomb in three sheets, each declaring less than the cap for one part (200 MB)."""
    files = skeleton(_bomb_sheet(unpacked_mb))
    for i in range(2, parts + 1):
        files[f"xl/worksheets/sheet{i}.xml"] = _bomb_sheet(unpacked_mb)
    write_zip(path, files)


def build_huge_cell(path: Path, chars: int = 1_000 * MB) -> None:
    """An applications workbook of about 1 MB with one shared string of a billion 'a's."""
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:M2"/><sheetData>{header_row()}'
    row = "<row>" + cell("D0001") + '<c r="M2" t="s"><v>0</v></c></row>'
    sheet = [((head + row + "</sheetData></worksheet>").encode(), 1)]
    strings = [
        (f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode(), 1),
        (b"a" * MB, chars // MB),
        (b"</t></si></sst>", 1),
    ]
    write_zip(path, skeleton(sheet, strings))


def build_under_cap(path: Path, unpacked_mb: int = 190) -> None:
    """An applications workbook of under 1 MB whose one sheet unpacks to 190 MB, under the
    cap: about a million rows, refused at the row limit."""
    write_zip(path, skeleton(_bomb_sheet(unpacked_mb)))


def build_far_row(path: Path, row: int = 1_048_576) -> None:
    """One cell on the sheet's last row: a reader that builds every row up to the furthest
    cell builds a million of them."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{header_row()}'
    far = f'<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>D0001</t></is></c></row>'
    write_zip(path, skeleton([((head + far + "</sheetData></worksheet>").encode(), 1)]))


def build_far_column(path: Path, rows: int = 2_000) -> None:
    """A cell in the last column (XFD) and 2,000 rows: 33 million cells to build."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{header_row()}'
    far = (
        '<row r="2"><c r="A2" t="inlineStr"><is><t>D0001</t></is></c><c r="XFD2"><v>1</v></c></row>'
    )
    row = b'<row><c t="inlineStr"><is><t>D0002</t></is></c></row>'
    sheet = [((head + far).encode(), 1), (row, rows), (b"</sheetData></worksheet>", 1)]
    write_zip(path, skeleton(sheet))


def build_repeated_string(path: Path, cells: int = 3_000) -> None:
    """A shared string of 100,000 characters used by 3,000 cells: a reader that copies it
    into each cell makes 300 MB of text from a file of a few hundred kilobytes."""
    head = f'<worksheet xmlns="{MAIN}"><sheetData>{header_row()}'
    row = ("<row>" + cell("D0001") + '<c t="s"><v>0</v></c></row>').encode()
    sheet = [(head.encode(), 1), (row, cells), (b"</sheetData></worksheet>", 1)]
    strings = [
        (f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode(), 1),
        (b"a" * 100_000, 1),
        (b"</t></si></sst>", 1),
    ]
    write_zip(path, skeleton(sheet, strings))


def build_merged_cells(path: Path, merges: int = 8_000_000) -> None:
    """A sheet of one row followed by eight million merged cells, 190 MB unpacked."""
    sheet = [
        (
            f'<worksheet xmlns="{MAIN}"><sheetData>{header_row()}</sheetData><mergeCells>'.encode(),
            1,
        ),
        (b'<mergeCell ref="A1:B2"/>' * 1_000, merges // 1_000),
        (b"</mergeCells></worksheet>", 1),
    ]
    write_zip(path, skeleton(sheet))


def build_long_scoring_sheet(path: Path, rows: int = 2_000_000) -> None:
    """A scoring sheet as the tool makes it, but with two million rows on its Scores sheet,
    repeated so that it compresses to a few hundred kilobytes."""
    import zipfile

    from criteria.schema import Criterion
    from exports.scoring_sheet import SheetApplication, write_scoring_sheet
    from scoring.rules.scheme import SCALES
    from scoring.words.scoring_sheet_layout import COLUMNS, DRAWN

    made = io.BytesIO()
    write_scoring_sheet(
        made, vacancy_id=1, vacancy_title="Housing Officer", member="panel1",
        member_name="Panel One",
        criteria=[Criterion(id="c1", text="Rent recovery", category="skills", requirement="essential")],
        scale=SCALES["0-3"], applications=[SheetApplication("P00001", "I did it.", {})],
        key=b"benchmark",
    )  # fmt: skip
    parts: Parts = {}
    with zipfile.ZipFile(made) as book:
        for name in book.namelist():
            parts[name] = [(book.read(name), 1)]
    header = "<row>" + "".join(cell(c) for c in (*COLUMNS, *DRAWN)) + "</row>"
    row = ("<row>" + cell("P1") + "<c><v>2</v></c></row>").encode()  # 132 MB unpacked
    head = f'<worksheet xmlns="{MAIN}"><dimension ref="A1:H{rows + 1}"/><sheetData>{header}'
    per_block = MB // len(row)
    parts["xl/worksheets/sheet2.xml"] = [  # the Scores sheet
        (head.encode(), 1),
        (row * per_block, rows // per_block),
        (row, rows % per_block),
        (b"</sheetData></worksheet>", 1),
    ]
    write_zip(path, parts)
