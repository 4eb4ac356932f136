"""The shortlist workbook's tables on paper (issue 29, item 7): every cell of a row of wrapped
text aligned to the top, beside the text's first line; each column as wide as its longest
unwrapped text and as the longest word of its heading; a header row as tall as its wrapped
headings."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from criteria.loader import Catalogue
from exports.sheet_finish import BOLD_WIDER, CHARS_PER_WIDTH, LINE_HEIGHT, label_width
from exports.shortlist_workbook import write_shortlist_workbook
from exports.workbook_tables import fitted_widths, heading_height, heading_lines
from tests.integration.test_libreoffice_print_layout import dartford_export
from tests.workbook_data import export_with_gaps

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=16)
HEADING = st.lists(st.tuples(WORD, st.sampled_from([" ", "-"])), min_size=1, max_size=6).map(
    lambda parts: "".join(w + sep for w, sep in parts)[:-1]
)


@given(HEADING, st.floats(min_value=4, max_value=40))
def test_a_heading_wraps_between_words_in_a_column_wide_enough_and_a_row_tall_enough(
    heading: str, given_width: float
) -> None:
    """No word of a heading is cut inside itself (the column is at least as wide as its
    longest word) and the header row holds every line its words wrap to."""
    (width,) = fitted_widths([{heading: 1}], [heading], [given_width], ())
    assert width >= given_width
    per_line = width * CHARS_PER_WIDTH / BOLD_WIDER
    words = heading.replace("-", "- ").split()
    assert all(len(w) <= per_line for w in words)
    lines = heading_lines(heading, width)
    # each line holds at most per_line characters; a space where a line breaks takes none
    assert lines * per_line + (lines - 1) >= len(heading)
    assert (heading_height([heading], [width]) or LINE_HEIGHT) == min(lines, 27) * LINE_HEIGHT


@given(st.lists(st.text(min_size=0, max_size=60), min_size=1, max_size=8))
def test_an_unwrapped_column_is_as_wide_as_its_longest_text(texts: list[str]) -> None:
    records = [{"Decision": t, "Reason": t * 3} for t in texts]
    decision, reason = fitted_widths(records, ["Decision", "Reason"], [8, 30], ("Reason",))
    assert decision >= label_width(texts) and decision >= 8
    assert reason == 30  # wrapped text keeps its width and wraps


def test_the_dartford_matrix_header_is_tall_enough_for_its_ids(catalogue: Catalogue) -> None:
    out = io.BytesIO()
    write_shortlist_workbook(dartford_export(catalogue), out)
    matrix = load_workbook(out)["Score matrix"]
    assert (matrix.row_dimensions[1].height or 15) >= 2 * LINE_HEIGHT  # beh-adaptability-…
    for heading in matrix[1]:
        width = matrix.column_dimensions[heading.column_letter].width
        longest = max(len(w) for w in str(heading.value).replace("-", "- ").split())
        assert width * CHARS_PER_WIDTH / BOLD_WIDER >= longest, heading.value


@pytest.mark.parametrize("sheet", ["Not shortlisted", "Shortlist", "Criteria", "Audit"])
def test_every_cell_of_a_tall_row_is_aligned_to_the_top(catalogue: Catalogue, sheet: str) -> None:
    out = io.BytesIO()
    write_shortlist_workbook(export_with_gaps(catalogue), out)
    table = load_workbook(out)[sheet]
    tall = [n for n, d in table.row_dimensions.items() if n > 1 and (d.height or 0) > 15]
    if sheet != "Audit":  # the gaps export has no audit entries
        assert tall
    low = [
        c.coordinate
        for n in tall
        for c in table[n]
        if c.value is not None and c.alignment.vertical != "top"
    ]
    assert low == []
    criteria = load_workbook(out)["Criteria"]
    assert criteria.column_dimensions["D"].width >= len("application and interview")
