"""The finish shared by the exports: how tall a row of wrapped text must be, long text cut
into rows that each show whole, label widths, print set-up and times on UK clocks."""

from __future__ import annotations

from datetime import UTC, date, datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment

from exports.sheet_finish import (
    LINE_HEIGHT,
    MOST_LINES,
    TALLEST,
    fit_wrapped_rows,
    in_words,
    label_width,
    lines_needed,
    on_uk_clocks,
    passages,
    set_for_printing,
    wrapped_height,
)

SENTENCE = "I agreed payment plans with tenants in arrears and kept case notes for court. "  # 78


def test_a_row_of_one_line_keeps_its_default_height() -> None:
    assert wrapped_height([("Experience of rent recovery", 70)]) is None
    assert wrapped_height([]) is None
    assert wrapped_height([(None, 50), ("", 50)]) is None


def test_a_row_is_as_tall_as_its_longest_wrapped_text() -> None:
    # 780 characters in a column 50 wide (about 57 characters a line): 14 lines
    assert wrapped_height([(SENTENCE * 10, 50)]) == 14 * LINE_HEIGHT
    # the taller of two texts in the row sets its height
    assert wrapped_height([(SENTENCE, 100), (SENTENCE * 10, 50)]) == 14 * LINE_HEIGHT
    assert wrapped_height([(SENTENCE * 10, 100)]) == 7 * LINE_HEIGHT  # wider column, fewer


def test_each_line_break_starts_a_line() -> None:
    assert lines_needed("Role\nOrganisation\n\nFit", 50) == 4
    assert wrapped_height([("a\nb\nc", 50)]) == 3 * LINE_HEIGHT


def test_a_row_is_never_taller_than_excel_allows() -> None:
    assert wrapped_height([(SENTENCE * 200, 50)]) == TALLEST == 409


def test_long_text_is_cut_into_rows_that_each_show_whole() -> None:
    paragraphs = "\n".join([SENTENCE * 8] * 12)  # about 7,500 characters in 12 paragraphs
    pieces = passages(paragraphs, 100)
    assert len(pieces) > 1
    assert all(lines_needed(p, 100) <= MOST_LINES for p in pieces)
    assert "\n".join(pieces) == paragraphs  # cut at line breaks: nothing lost or changed
    one_paragraph = SENTENCE * 100
    pieces = passages(one_paragraph, 100)
    assert len(pieces) > 1 and all(lines_needed(p, 100) <= MOST_LINES for p in pieces)
    assert " ".join(pieces) == one_paragraph  # cut between words
    assert passages("Two years at a housing association", 100) == [
        "Two years at a housing association"
    ]


def test_a_label_column_is_at_least_as_wide_as_its_longest_label() -> None:
    labels = ["Role", "Organisation", "Meets the minimum criteria (your own view)"]
    assert label_width(labels) >= len(labels[-1])
    assert label_width(labels, bold=True) > label_width(labels)


def test_rows_of_a_sheet_are_fitted_to_their_wrapped_cells_merged_or_not() -> None:
    sheet = Workbook().active
    assert sheet is not None
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 50
    sheet.append(["Reason", SENTENCE * 10])
    sheet.append(["Reason", SENTENCE * 10])
    sheet.append(["Not wrapped", SENTENCE * 10])
    for number in (1, 2):
        sheet.cell(number, 2).alignment = Alignment(wrap_text=True)
    sheet.merge_cells("B2:C2")  # twice as wide: half the lines
    fit_wrapped_rows(sheet)
    assert sheet.row_dimensions[1].height == 14 * LINE_HEIGHT
    assert sheet.row_dimensions[2].height == 7 * LINE_HEIGHT
    assert sheet.row_dimensions[3].height is None


def test_a_sheet_is_set_to_print_landscape_at_its_full_width() -> None:
    sheet = Workbook().active
    assert sheet is not None
    set_for_printing(sheet)
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"


def test_a_time_shows_on_uk_clocks() -> None:
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)
    assert on_uk_clocks(summer) == (datetime(2026, 7, 1, 10, 0), "DD/MM/YYYY HH:MM")
    assert on_uk_clocks(datetime(2026, 7, 1, 9, 0))[0] == datetime(2026, 7, 1, 10, 0)  # UTC
    assert on_uk_clocks(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))[0] == datetime(2026, 1, 5, 9)
    late = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # already the next day in the UK
    assert on_uk_clocks(late)[0] == datetime(2026, 7, 1, 0, 30)
    assert on_uk_clocks(date(2026, 7, 1)) == (date(2026, 7, 1), "DD/MM/YYYY")
    assert in_words(summer) == "01 July 2026, 10:00"
    assert in_words(date(2026, 3, 2)) == "02 March 2026"
