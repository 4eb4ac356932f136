"""Issue 14, hostile input: a returned scoring sheet is read within bounds. Each hostile sheet
(a zip bomb, a huge cell, millions of rows, a row of thousands of cells, a sheet that hides its
size, a styles bomb, too many parts, too many bytes) is built here, streamed so the test
itself stays small, handed to the service that imports scoring sheets, and refused with a
message that names the file and the limit; the stored scores do not change."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from criteria.loader import Catalogue
from formats import scoring_sheet_parts
from formats.scoring_sheet_parts import SHEET_LIMITS
from scoring.words.scoring_sheet_layout import COLUMNS, DRAWN
from storage import tables
from storage.store import open_store
from tests.integration.helpers import World, make_world
from use_cases import Services
from use_cases.errors import ImportRefused

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SCORES_PART = "xl/worksheets/sheet2.xml"  # How to score, Scores, Evidence, About


@pytest.fixture(scope="module")
def services(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Iterator[Services]:
    """One store for the module: every refusal is checked to change nothing in it."""
    folder = tmp_path_factory.mktemp("bounds")
    store = open_store(f"sqlite:///{folder / 'shortlisting.db'}", catalogue)
    yield Services(store)
    store.engine.dispose()


@pytest.fixture(scope="module")
def world(services: Services) -> World:
    world = make_world(services)
    services.scores.save_score(
        world.panel[0], world.vacancy.id, panel_code=world.codes["D001"], criterion_id="c3",
        score=2, note="kept",
    )  # fmt: skip
    return world


def snapshot(services: Services) -> tuple[int, list[tuple[object, ...]]]:
    with services.store.reading() as session:
        scores = session.execute(
            select(tables.PanelScore.id, tables.PanelScore.score, tables.PanelScore.note)
        ).all()
        audit = session.scalar(select(func.count()).select_from(tables.AuditEntry)) or 0
        return audit, sorted(tuple(r) for r in scores)


def sheet_of(world: World) -> bytes:
    return world.services.sheets.scoring_sheet(world.panel[0], world.vacancy.id).content


def rebuild(original: bytes, parts: dict[str, Iterable[bytes]]) -> bytes:
    """The workbook with some parts replaced (or added), each written in chunks."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info, source.read(info))
        for name, chunks in parts.items():
            with target.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return out.getvalue()


def cell(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>'


HEADER = "<row>" + "".join(cell(c) for c in (*COLUMNS, *DRAWN)) + "</row>"
ROW = "<row>" + cell("P00001") + cell("c1") + "<c><v>2</v></c></row>"
SHORT_ROW = "<row>" + cell("P1") + "<c><v>2</v></c></row>"  # 2 million: 128 MB unpacked


def scores_sheet(
    rows: Iterable[str], *, dimension: str | None = "A1:H2", head: str = ""
) -> Iterator[bytes]:
    sized = f'<dimension ref="{dimension}"/>' if dimension else ""
    yield f'<worksheet xmlns="{MAIN}">{head}{sized}<sheetData>{HEADER}'.encode()
    batch: list[str] = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</sheetData></worksheet>").encode()


def repeated(text: str, total_bytes: int) -> Iterator[bytes]:
    block = (text * (MB // len(text))).encode()
    for _ in range(total_bytes // len(block) + 1):
        yield block


def refused(
    services: Services, world: World, data: bytes, *, file_name: str = "hostile.xlsx"
) -> str:
    before = snapshot(services)
    with pytest.raises(ImportRefused) as caught:
        services.sheets.import_scoring_sheet(
            world.panel[0], world.vacancy.id, data=data, file_name=file_name
        )
    assert snapshot(services) == before, "nothing stored, nothing audited"
    assert file_name in str(caught.value) and "Nothing was stored" in str(caught.value)
    problems = caught.value.problems
    assert len(problems) == 1 and problems[0].file == file_name
    return str(problems[0])


def every_problem(services: Services, world: World, data: bytes) -> str:
    """Every problem the refusal names, one a line; nothing stored."""
    before = snapshot(services)
    with pytest.raises(ImportRefused) as caught:
        services.sheets.import_scoring_sheet(
            world.panel[0], world.vacancy.id, data=data, file_name="hostile.xlsx"
        )
    assert snapshot(services) == before, "nothing stored, nothing audited"
    return "\n".join(map(str, caught.value.problems))


def test_the_sheet_being_replaced_is_the_scores_sheet(world: World) -> None:
    with zipfile.ZipFile(io.BytesIO(sheet_of(world))) as book:
        assert b"<t>Panel code</t>" in book.read(SCORES_PART)
        assert b"Supporting statement" not in book.read(SCORES_PART)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(services: Services, world: World) -> None:
    lines = (HEADER.encode(), *repeated(ROW, 320 * MB))
    bomb = rebuild(
        sheet_of(world),
        {SCORES_PART: (f'<worksheet xmlns="{MAIN}"><sheetData>'.encode(), *lines)},
    )
    assert len(bomb) < 5 * MB
    message = refused(services, world, bomb)
    assert "unpacks to more than 200 MB; a scoring sheet is far smaller" in message


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """The zip with `name`'s declared size (local header and central directory) set to
    `size`, as a hand-made bomb would."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        local = book.getinfo(name).header_offset
    struct.pack_into("<I", raw, local + 22, size)
    end = data.rfind(b"PK\x05\x06")
    at = struct.unpack_from("<I", raw, end + 16)[0]
    while raw[at : at + 4] == b"PK\x01\x02":
        n, extra, comment = struct.unpack_from("<HHH", raw, at + 28)
        if bytes(raw[at + 46 : at + 46 + n]).decode() == name:
            struct.pack_into("<I", raw, at + 24, size)
        at += 46 + n + extra + comment
    return bytes(raw)


def test_a_part_that_lies_about_its_size_is_read_no_further(
    services: Services, world: World
) -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(sheet_of(world))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != SCORES_PART:
                target.writestr(info, source.read(info))
        with target.open(SCORES_PART, "w") as part:  # 150 MB said to be 20 KB
            for chunk in scores_sheet([]):
                part.write(chunk)
            for chunk in repeated(ROW, 150 * MB):
                part.write(chunk)
    message = refused(services, world, lie_about_size(out.getvalue(), SCORES_PART, 20_000))
    assert "cannot be opened as a workbook (BadZipFile)" in message


def test_a_huge_cell_is_refused(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = sheet_of(world)
    # at the real limits: a 250 MB note
    note = (b'<row><c t="inlineStr"><is><t>', *([b"a" * MB] * 250), b"</t></is></c></row>")
    big = rebuild(
        original, {SCORES_PART: (*list(scores_sheet([]))[:1], *note, b"</sheetData></worksheet>")}
    )
    assert "unpacks to more than 200 MB" in refused(services, world, big)
    # scaled down: cells of at most 1,000 characters
    monkeypatch.setattr(
        scoring_sheet_parts, "SHEET_LIMITS", replace(SHEET_LIMITS, cell_chars=1_000)
    )
    far = rebuild(original, {SCORES_PART: scores_sheet(["<row>" + cell("a" * 20_000) + "</row>"])})
    assert "holds a cell far longer than the 1,000 characters a cell may hold" in refused(
        services, world, far
    )
    near = rebuild(
        original,
        {SCORES_PART: scores_sheet([ROW, "<row>" + cell("P00001") + cell("b" * 5_000) + "</row>"])},
    )
    assert "Scores!B3: is 5,000 characters long; the most a cell may hold is 1,000." in refused(
        services, world, near
    )


def test_two_million_rows_are_refused_at_the_row_limit(services: Services, world: World) -> None:
    rows = rebuild(
        sheet_of(world),
        {SCORES_PART: scores_sheet(SHORT_ROW for _ in range(2_000_000))},
    )
    assert len(rows) < 5 * MB
    message = refused(services, world, rows)
    assert "has more than 200,000 rows on a sheet" in message


def test_rows_with_values_are_counted_and_a_row_far_down_is_one_row(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scoring_sheet_parts, "SHEET_LIMITS", replace(SHEET_LIMITS, rows=1_000))
    many = rebuild(sheet_of(world), {SCORES_PART: scores_sheet(ROW for _ in range(20_000))})
    assert "has more than 1,000 rows on a sheet" in refused(services, world, many)
    # an empty row numbered past the limit, as LibreOffice writes row 1,048,576 after a row
    # is deleted: one row, not a million, and nothing for the member to fix
    empty = '<row r="1048576" customFormat="false" ht="12.8"></row>'
    far = rebuild(sheet_of(world), {SCORES_PART: scores_sheet([ROW, empty], dimension=None)})
    message = every_problem(services, world, far)
    assert "rows on a sheet" not in message and "is not in this sheet" in message
    # so is a row with values numbered far down: read as one row, named by its number
    jump = rebuild(
        sheet_of(world),
        {SCORES_PART: scores_sheet([ROW.replace("<row>", '<row r="5000000">')], dimension=None)},
    )
    assert "rows on a sheet" not in every_problem(services, world, jump)


def test_a_row_of_thousands_of_cells_is_refused(services: Services, world: World) -> None:
    wide = rebuild(
        sheet_of(world), {SCORES_PART: scores_sheet(["<row>" + "<c/>" * 50_000 + "</row>"])}
    )
    assert "has a row of more than 10,000 elements" in refused(services, world, wide)


def test_a_sheet_declaring_entities_is_refused(services: Services, world: World) -> None:
    # a cell of "&a;" would otherwise be read as the entity's text, however long it was made
    doctype = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
    bomb = rebuild(
        sheet_of(world),
        {SCORES_PART: [doctype.encode(), *scores_sheet(["<row>" + cell("&a;") + "</row>"])]},
    )
    assert "declares a document type" in refused(services, world, bomb)


def test_a_sheet_that_does_not_state_its_size_is_read_as_it_streams(
    services: Services, world: World
) -> None:
    # a streaming writer states no <dimension>: the reader needs none, and reads the rows
    # (of an application the member scores: the world's panel codes are drawn at random)
    code = world.codes["D001"]
    row = "<row>" + cell(code) + cell("c1") + "<c><v>2</v></c></row>"
    hidden = rebuild(sheet_of(world), {SCORES_PART: scores_sheet([row] * 100, dimension=None)})
    assert f"column Scores!A3: '{code} / c1' repeats row 2" in every_problem(
        services, world, hidden
    )


def test_a_styles_bomb_is_refused(services: Services, world: World) -> None:
    original = sheet_of(world)
    with zipfile.ZipFile(io.BytesIO(original)) as book:
        styles = book.read("xl/styles.xml")
    start, end = styles.index(b"<cellXfs"), styles.index(b"</cellXfs>")
    bomb = rebuild(
        original,
        {
            "xl/styles.xml": [
                styles[:start],
                b'<cellXfs count="200000">',
                b"<xf/>" * 200_000,
                styles[end:],
            ]
        },
    )
    assert "its part xl/styles.xml holds more than 50,000 elements" in refused(
        services, world, bomb
    )


def test_too_many_parts_or_bytes_are_refused(
    services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = sheet_of(world)
    crowded = rebuild(original, {f"xl/media/p{i}.bin": [b""] for i in range(10_001)})
    assert "has more than 10,000 parts" in refused(services, world, crowded)
    monkeypatch.setattr(
        scoring_sheet_parts, "SHEET_LIMITS", replace(SHEET_LIMITS, file_bytes=len(original) - 1)
    )
    message = refused(services, world, original, file_name="mine.xlsx")
    assert "a scoring sheet is far smaller (the most the tool reads at once is" in message


@pytest.mark.parametrize(
    "break_it",
    [
        lambda data: data[: len(data) // 2],
        lambda data: rebuild(data, {SCORES_PART: [b"<worksheet><sheetData><row>"]}),
        lambda data: rebuild(data, {"[Content_Types].xml": [b"<Types"]}),
    ],
    ids=["truncated", "broken sheet XML", "broken manifest"],
)
def test_a_damaged_sheet_is_refused_not_crashed_on(
    services: Services, world: World, break_it: Callable[[bytes], bytes]
) -> None:
    message = refused(services, world, break_it(sheet_of(world)))
    assert "cannot be opened as a workbook" in message


def test_the_sheet_as_downloaded_still_imports(services: Services, world: World) -> None:
    data = sheet_of(world)
    assert (
        services.sheets.import_scoring_sheet(
            world.panel[0], world.vacancy.id, data=data, file_name="back.xlsx"
        )
        == 0
    )
