"""Hostile application files: each is refused while it is read, before anything large is built,
with a message that names the file, the limit and (where there is one) the sheet, row and
column. Most are built here with zipfile's streaming writes against smaller limits; the
full-size bombs come from the benchmark's builders, which repeat one compressed block and so
build in a moment."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook

from benchmarks.hostile_csv import (
    build_late_closing_quote_csv,
    build_unclosed_quote_csv,
    build_wrong_cell_count_csv,
)
from benchmarks.hostile_xlsx import (
    build_far_column,
    build_far_row,
    build_huge_cell,
    build_merged_cells,
    build_repeated_string,
    build_split_zip_bomb,
    build_under_cap,
    build_zip_bomb,
)
from formats import spreadsheet_files, xlsx_sheet, xlsx_strings
from formats.interchange import APPLICATION_COLUMNS, read_applications
from formats.problems import InterchangeError
from formats.refusals import column_letters
from formats.spreadsheet_files import LIMITS, read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ",".join(APPLICATION_COLUMNS)
SMALL = replace(LIMITS, unpacked_bytes=1024 * 1024, rows=100, cell_chars=1_000)


def refusal(data: bytes, name: str, **limits: int) -> str:
    """The message reading `data` is refused with (against smaller limits, if given)."""
    with pytest.raises(InterchangeError) as refused:
        if limits:
            read_table(data, name, "applications", replace(LIMITS, **limits))
        else:
            read_applications(data, name=name)
    return str(refused.value)


def application(app_id: str = "A1", **values: str) -> str:
    row = dict.fromkeys(APPLICATION_COLUMNS, "")
    row.update(application_id=app_id, received_date="2026-01-20", first_name="Ann")
    row.update(last_name="Lee", statement="I did things.")
    row.update(values)
    return ",".join(row[c] for c in APPLICATION_COLUMNS)


def cell(value: str, ref: str = "") -> bytes:
    at = f' r="{ref}"' if ref else ""
    return f'<c{at} t="inlineStr"><is><t>{value}</t></is></c>'.encode()


def header_row() -> bytes:
    return b"<row>" + b"".join(cell(c) for c in APPLICATION_COLUMNS) + b"</row>"


def workbook(
    rows: Iterable[bytes],
    strings: Iterable[bytes] | None = None,
    parts: dict[str, Iterable[bytes]] | None = None,
    sheets: int = 1,
) -> bytes:
    """An .xlsx whose sheet 'applications' (and any more sheets: the same rows) is written
    piece by piece as it streams into the zip."""
    out = io.BytesIO()
    names = [f"xl/worksheets/sheet{i}.xml" for i in range(1, sheets + 1)]
    listed = "".join(
        f'<sheet name="{"applications" if i == 1 else f"notes{i}"}" sheetId="{i}" r:id="rId{i}"/>'
        for i in range(1, sheets + 1)
    )
    linked = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, sheets + 1)
    )
    rows = list(rows) if sheets > 1 else rows
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="r0" Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>{listed}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{RELS}">{linked}</Relationships>'
        )
        for name in names:
            with archive.open(name, "w") as part:
                part.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
                for row in rows:
                    part.write(row)
                part.write(b"</sheetData></worksheet>")
        extra = dict(parts or {})
        if strings is not None:
            extra["xl/sharedStrings.xml"] = [f'<sst xmlns="{MAIN}">'.encode(), *strings, b"</sst>"]
        for name, pieces in extra.items():
            with archive.open(name, "w") as part:
                for piece in pieces:
                    part.write(piece)
    return out.getvalue()


def built(build: Callable[[Path], None], tmp_path: Path) -> bytes:
    path = tmp_path / "hostile.xlsx"
    build(path)
    return path.read_bytes()


# --- Bombs ------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_at_the_cap(tmp_path: Path) -> None:
    message = refusal(built(build_zip_bomb, tmp_path), "bomb.xlsx")
    assert "bomb.xlsx: unpacks to more than 200 MB" in message


def test_a_zip_bomb_split_over_three_sheets_is_refused_on_their_total(tmp_path: Path) -> None:
    message = refusal(built(build_split_zip_bomb, tmp_path), "split.xlsx")
    assert "split.xlsx: unpacks to more than 200 MB" in message


def test_parts_each_under_the_cap_are_refused_once_their_bytes_pass_it() -> None:
    row = header_row() * 200  # about 100 KB a sheet, each well under the 1 MB cap: 3 in all
    data = workbook([row] * 5, sheets=3)
    message = refusal(data, "split.xlsx", unpacked_bytes=1024 * 1024)
    assert "split.xlsx: unpacks to more than 1 MB" in message


def test_a_1_gb_cell_is_refused_without_being_built(tmp_path: Path) -> None:
    message = refusal(built(build_huge_cell, tmp_path), "cell.xlsx")
    assert "cell.xlsx: unpacks to more than 200 MB" in message


def test_a_giant_cell_under_the_cap_is_refused_as_it_streams(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(spreadsheet_files, "CalamineWorkbook", None)  # never reached
    rows = [header_row(), b"<row>" + cell("A1") + cell("x" * 50_000) + b"</row>"]
    message = refusal(workbook(rows), "cell.xlsx", cell_chars=1_000)
    assert "cell.xlsx: has a cell far longer than the 1,000 characters a cell may hold" in message


def test_a_long_cell_names_its_row_and_column() -> None:
    rows = [
        header_row(),
        b"<row>" + cell("A1") + cell("2026-01-20") + cell("x" * 5_000) + b"</row>",
    ]
    message = refusal(workbook(rows), "cell.xlsx", cell_chars=1_000)
    assert "cell.xlsx, row 2, column first_name: is 5,000 characters long" in message


# --- Rows, reach and repeats ------------------------------------------------------------------


def test_190_mb_under_the_cap_is_refused_at_the_row_limit_before_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_files, "CalamineWorkbook", None)  # never reached
    message = refusal(built(build_under_cap, tmp_path), "under.xlsx")
    assert (
        "under.xlsx: has more than 50,000 rows; the most the tool imports at once is 50,000"
        in message
    )


def test_rows_past_the_limit_are_refused_as_they_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spreadsheet_files, "CalamineWorkbook", None)
    rows = [header_row()] + [b"<row>" + cell(f"A{i}") + b"</row>" for i in range(101)]
    message = refusal(workbook(rows), "rows.xlsx", rows=100)
    assert "rows.xlsx: has more than 100 rows" in message


def test_a_cell_on_the_last_row_is_refused_as_too_many_rows(tmp_path: Path) -> None:
    message = refusal(built(build_far_row, tmp_path), "far.xlsx")
    assert "far.xlsx: has more than 50,000 rows" in message


def test_an_empty_row_far_down_is_passed_over_but_a_row_after_it_counts_from_it() -> None:
    # LibreOffice writes an empty row 1,048,576 after a row is deleted: no cell, no row built
    empty = b'<row r="1048576" customFormat="false" ht="12.8"></row>'
    rows = [
        f'<row r="{number}">'.encode()
        + b"".join(cell(v, f"{column_letters(i)}{number}") for i, v in enumerate(values, 1))
        + b"</row>"
        for number, values in ((1, APPLICATION_COLUMNS), (2, application().split(",")))
    ]
    read = read_applications(workbook([*rows, empty]), name="resaved.xlsx")
    assert [a.application_id for a in read.applications] == ["A1"]
    # a row without a reference after it is numbered on from it: still refused at the limit
    loose = b"<row><c><v>1</v></c></row>"
    assert "has more than 50,000 rows" in refusal(workbook([*rows, empty, loose]), "far.xlsx")


def test_a_cell_in_the_last_column_is_refused_before_the_grid_is_built(tmp_path: Path) -> None:
    message = refusal(built(build_far_column, tmp_path), "wide.xlsx")
    assert "wide.xlsx: sheet 'Applications' has cells as far as row" in message
    assert "column 16,397: more than the 2,500,000 cells the tool reads" in message


def test_cells_without_references_count_towards_the_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_sheet, "CELL_AREA", 10_000)
    rows = [header_row()] + [b"<row>" + b"<c><v>1</v></c>" * 300 + b"</row>"] * 50
    message = refusal(workbook(rows), "loose.xlsx")
    assert "loose.xlsx: sheet 'applications' has cells as far as row" in message
    assert "more than the 10,000 cells the tool reads" in message


def test_a_long_shared_string_repeated_in_many_cells_is_refused(tmp_path: Path) -> None:
    message = refusal(built(build_repeated_string, tmp_path), "repeated.xlsx")
    assert "repeated.xlsx: sheet 'Applications' repeats its text so often" in message


def test_a_sheet_of_mostly_other_elements_is_refused(tmp_path: Path) -> None:
    message = refusal(built(build_merged_cells, tmp_path), "merged.xlsx")
    assert "XML elements, far more than its cells need" in message


def test_too_many_shared_strings_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_strings, "CELL_AREA", 1_000)
    data = workbook([header_row()], strings=[b"<si><t>a</t></si>" * 1_001])
    assert "holds more than 1,000 pieces of text" in refusal(data, "strings.xlsx", rows=100)


def test_bloated_styles_are_refused() -> None:
    styles = [b"<styleSheet><cellXfs>", *[b'<xf numFmtId="14"/>' * 100_000] * 18]
    data = workbook([header_row()], parts={"xl/styles.xml": [*styles, b"</cellXfs></styleSheet>"]})
    assert "has cell formats (styles) of more than 32 MB" in refusal(data, "styles.xlsx")


def test_a_csv_over_the_row_limit_is_refused_as_it_is_read() -> None:
    data = ("\n".join([HEADER] + [application(f"A{i}") for i in range(101)]) + "\n").encode()
    message = refusal(data, "rows.csv", rows=100)
    assert "rows.csv: has more than 100 rows; the most the tool imports at once is 100" in message


# --- Formulas, NUL bytes, headers and row numbers ---------------------------------------------


def test_formula_cells_are_refused_naming_sheet_row_and_column() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "applications"
    sheet.append(list(APPLICATION_COLUMNS))
    sheet.append(["A1", "2026-01-20", "Ann", "Lee"])
    sheet.append(["A2", "2026-01-20", '=HYPERLINK("http://x.example")', "Lee"])
    sheet["D3"] = "=1+1"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InterchangeError) as refused:
        read_applications(out.getvalue(), name="formulas.xlsx")
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (3, "C")
    assert "sheet 'applications' has a formula in cell C3 (and 1 more)" in problem.message
    assert "paste it as values only" in problem.message


def test_a_formula_in_a_cell_without_a_reference_is_named_where_it_stands() -> None:
    rows = [
        header_row(),
        b"<row>" + cell("A1") + cell("2026-01-20") + b"<c><f>1+1</f><v>2</v></c></row>",
    ]
    message = refusal(workbook(rows), "formulas.xlsx")
    assert (
        "formulas.xlsx, row 2, column C: sheet 'applications' has a formula in cell C2" in message
    )


def test_a_nul_byte_past_the_first_4_kb_names_its_row() -> None:
    lines = [HEADER] + [application(f"A{i}", statement="x" * 100) for i in range(60)]
    lines.append(application("A99", statement="bad\x00text"))
    data = ("\n".join(lines) + "\n").encode()
    assert data.index(b"\x00") > 4096
    message = refusal(data, "nul.csv")
    assert "nul.csv, row 62, column statement: holds a NUL character" in message


def test_a_file_without_a_header_says_so() -> None:
    data = b"A1,2026-01-20,Ann,Lee,ann@example.org,no,no,none\nA2,2026-01-21,Bo,Li,b@example.org,no,no,none\n"
    message = refusal(data, "noheader.csv")
    assert "noheader.csv, row 1: has no header row" in message
    assert "repeats column(s)" not in message


def test_row_numbers_count_blank_lines_in_a_csv() -> None:
    lines = [
        HEADER,
        application("A1"),
        "",
        application("A2"),
        application("A3", received_date="soon"),
    ]
    message = refusal(("\n".join(lines) + "\n").encode(), "blank.csv")
    assert "blank.csv, row 5, column received_date: 'soon' is not a date" in message


def test_row_numbers_count_blank_rows_in_a_workbook() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "applications"
    sheet.append(list(APPLICATION_COLUMNS))
    sheet.append(["A1", "2026-01-20", "Ann", "Lee"] + [""] * 8 + ["x"])
    sheet.append([])
    sheet.append(["A2", "2026-01-20", "Ann", "Lee"] + [""] * 8 + ["x"])
    sheet.append(["A3", "soon", "Ann", "Lee"] + [""] * 8 + ["x"])
    out = io.BytesIO()
    book.save(out)
    message = refusal(out.getvalue(), "blank.xlsx")
    assert "blank.xlsx, row 5, column received_date: 'soon' is not a date" in message


# --- CSV decoding, as it is read --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_a_large_csv_decodes_as_it_is_read(encoding: str) -> None:
    lines = [HEADER] + [application(f"A{i}", statement="x" * 200) for i in range(300)]
    lines.append(application("Z1", statement="Collected £1.2m"))  # past the first chunk read
    file = read_applications(("\n".join(lines) + "\n").encode(encoding), name="big.csv")
    assert file.applications[-1].statement == "Collected £1.2m"
    assert len(file.applications) == 301


def test_a_file_in_no_encoding_the_tool_reads_is_refused() -> None:
    data = (HEADER + "\n" + application("A1")).encode() + b"\x81\x8d\x90\n"
    assert "is not in a text encoding the tool reads" in refusal(data, "odd.csv")


# --- CSV quote marks and cells per row (issue 25) ---------------------------------------------


def test_an_unclosed_quote_is_refused_where_it_opens_without_reading_on(tmp_path: Path) -> None:
    path = tmp_path / "unclosed.csv"
    build_unclosed_quote_csv(path, megabytes=5)
    with pytest.raises(InterchangeError) as refused:
        read_applications(path.read_bytes(), name="unclosed.csv")
    (problem,) = refused.value.problems
    assert (problem.row, problem.column) == (5, "statement")
    assert "a quote mark opens this cell on line 5 of the file and has not closed by" in (
        problem.message
    )
    assert "lines that look like rows of their own" in problem.message


def test_a_stray_quote_closing_a_quote_40_rows_later_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    build_late_closing_quote_csv(path, megabytes=5)
    with pytest.raises(InterchangeError) as refused:
        read_applications(path.read_bytes(), name="late.csv")
    (problem,) = refused.value.problems
    assert problem.column == "statement"
    assert (
        f"opens this cell on line {problem.row:,} of the file and does not close until line {problem.row + 40:,}"
        in problem.message
    )


def test_every_row_with_one_cell_too_many_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    build_wrong_cell_count_csv(path, megabytes=5)
    rows = path.read_bytes().count(b"\n") - 1
    with pytest.raises(InterchangeError) as refused:
        read_applications(path.read_bytes(), name="cells.csv")
    assert [p.row for p in refused.value.problems] == list(range(2, rows + 2))
    assert {p.column for p in refused.value.problems} == {"N"}
    assert f"... and {rows - 20} more problems" in str(refused.value)
