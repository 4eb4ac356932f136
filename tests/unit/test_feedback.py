"""An applicant's feedback sheet: each criterion's outcome against the threshold in plain
English, and the workbook and printable page made from it (values, never formulas)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from criteria.schema import Category, Criterion, Requirement, Stage
from exports.feedback import PROVISIONAL, feedback_page, feedback_workbook
from scoring.words.feedback import FeedbackSheet, criterion_outcomes

SCALE = ((0, "No evidence"), (1, "Limited evidence"), (2, "Meets"), (3, "Exceeds"))
CRITERIA = (
    Criterion(
        id="c1", number=1, text="Experience of rent collection", category=Category.EXPERIENCE,
        requirement=Requirement.ESSENTIAL,
    ),
    Criterion(
        id="c2", number=2, text="Knowledge of Universal Credit", category=Category.KNOWLEDGE,
        requirement=Requirement.ESSENTIAL,
    ),
    Criterion(
        id="c3", number=3, text="A housing qualification", category=Category.QUALIFICATIONS,
        requirement=Requirement.DESIRABLE,
    ),
    Criterion(
        id="c4", number=4, text="Spoken English to the standard of the role",
        category=Category.SKILLS, requirement=Requirement.ESSENTIAL, stage=Stage.INTERVIEW,
    ),
    Criterion(
        id="b1", text="Customer focus", category=Category.BEHAVIOUR,
        requirement=Requirement.DESIRABLE,
    ),
    Criterion(
        id="c5", number=5, text="Full driving licence", category=Category.SPECIAL_REQUIREMENTS,
        requirement=Requirement.ESSENTIAL, stage=Stage.DOCUMENTS,
    ),
    Criterion(
        id="c6", number=6, text="Experience of arrears cases", category=Category.EXPERIENCE,
        requirement=Requirement.ESSENTIAL,
    ),
)  # fmt: skip
AGREED = {"c1": 2, "c2": 1, "c3": 0, "c4": 3, "b1": 3}  # c6 not scored yet


def outcomes(threshold: int = 2):
    return {
        o.criterion_id: o
        for o in criterion_outcomes(CRITERIA, AGREED, scale=SCALE, threshold=threshold)
    }


def test_each_criterion_is_judged_against_the_threshold_in_plain_english() -> None:
    o = outcomes()
    assert o["c1"].outcome.startswith("Met: scored 2 (Meets)")
    assert o["c2"].outcome.startswith("Not met: scored 1 (Limited evidence)")
    assert "needs 2 or above" in o["c2"].outcome
    assert o["c3"].outcome.startswith("Scored 0 of 3 (No evidence). Desirable criteria")
    assert "do not rule anyone out" in o["c3"].outcome
    assert o["b1"].requirement == "Behaviour"
    assert o["b1"].outcome == (
        "Scored 3 of 3 (Exceeds). Behaviours add to the total but do not rule anyone out."
    )
    assert o["c6"].score is None and o["c6"].outcome == "Not scored yet."


def test_criteria_assessed_later_show_no_shortlisting_score() -> None:
    o = outcomes()
    assert o["c4"].score is None  # an agreed score for an interview criterion is not shown
    assert o["c4"].outcome == "Assessed at interview, not at shortlisting."
    assert o["c5"].outcome == "Checked from your documents, not at shortlisting."


def test_the_threshold_is_the_scheme_s() -> None:
    o = outcomes(threshold=1)
    assert o["c2"].outcome.startswith("Met: scored 1")
    assert "met at 1 or above" in o["c2"].outcome


def test_outcomes_keep_the_order_of_the_person_specification() -> None:
    listed = criterion_outcomes(CRITERIA, AGREED, scale=SCALE, threshold=2)
    assert [o.criterion_id for o in listed] == [c.id for c in CRITERIA]
    assert [o.number for o in listed][:4] == ["1", "2", "3", "4"] and listed[4].number is None


def sheet(*, name: str | None = None, finalised: bool = True, reason: str | None = None):
    return FeedbackSheet(
        organisation="Darlington Borough Council",
        vacancy="Housing Income Management Officer",
        role="Housing Income Management Officer",
        reference="P00042",
        name=name,
        decision="Not shortlisted",
        reason=reason
        or "Not shortlisted: the panel found too little evidence for essential criterion 2.",
        total=7.5,
        scale=SCALE,
        threshold=2,
        criteria=criterion_outcomes(CRITERIA, AGREED, scale=SCALE, threshold=2),
        prepared_by="Helen HR",
        prepared_on=date(2026, 3, 2),
        finalised=finalised,
    )


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def header(book) -> dict[str, object]:
    ws = book["Feedback"]
    rows = {}
    for key, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if key == "No.":
            break
        if key:
            rows[key] = value
    return rows


def test_the_workbook_holds_the_decision_and_each_criterion_as_values() -> None:
    book = read(feedback_workbook(sheet()))
    assert book.sheetnames == ["Feedback", "Scale"]
    top = header(book)
    assert top["Application reference"] == "P00042"
    assert top["Decision"] == "Not shortlisted"
    assert top["Total score"] == 7.5
    assert isinstance(top["Prepared on"], datetime) and top["Prepared on"].date() == date(
        2026, 3, 2
    )
    assert "Name" not in top and "Status" not in top  # name-blind, finalised
    ws = book["Feedback"]
    table = [row for row in ws.iter_rows(values_only=True)]
    start = next(i for i, row in enumerate(table) if row[0] == "No.")
    body = table[start + 1 :]
    assert len(body) == len(CRITERIA)
    c2 = next(row for row in body if row[1] == "Knowledge of Universal Credit")
    assert c2[4] == 1 and isinstance(c2[4], int) and c2[5] == "Limited evidence"
    assert c2[6].startswith("Not met")
    assert [tuple(r) for r in book["Scale"].iter_rows(min_row=2, values_only=True)] == list(SCALE)
    assert ws.freeze_panes == f"A{start + 2}"  # below the table's header row
    assert ws.auto_filter.ref == f"A{start + 1}:G{start + 1 + len(CRITERIA)}"
    assert ws.print_title_rows == f"${start + 1}:${start + 1}"
    for sheet_ in book.worksheets:
        for row in sheet_.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet_.title}!{cell.coordinate} is a formula"


def test_a_name_is_added_only_when_given_and_a_provisional_sheet_says_so() -> None:
    top = header(read(feedback_workbook(sheet(name="Amina Hassan", finalised=False))))
    assert top["Name"] == "Amina Hassan"
    assert top["Status"] == PROVISIONAL


def test_text_that_looks_like_a_formula_stays_text() -> None:
    planted = '=HYPERLINK("http://evil.example","click")'
    book = read(feedback_workbook(sheet(reason=planted)))
    cell = next(row[1] for row in book["Feedback"].iter_rows() if row[0].value == "Reason")
    assert cell.data_type == "s" and cell.value == "'" + planted  # guarded, shown as text


def test_the_printable_page_escapes_text_and_prints_landscape() -> None:
    page = feedback_page(sheet(name="<script>alert(1)</script>", finalised=False))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "@page{size:A4 landscape" in page
    assert "Knowledge of Universal Credit" in page and "02 March 2026" in page
    assert PROVISIONAL in page
    assert "Name" not in feedback_page(sheet())


LONG_REASON = "Not shortlisted: the panel found too little evidence for essential criterion 2. " * 6


def test_labels_show_whole_and_long_text_gets_rows_as_tall_as_it_needs() -> None:
    ws = read(feedback_workbook(sheet(reason=LONG_REASON, finalised=False)))["Feedback"]
    labels = [key for key in header(read(feedback_workbook(sheet(finalised=False))))]
    assert "How essentials are judged" in labels and "Organisation" in labels
    assert ws.column_dimensions["A"].width >= max(len(label) for label in labels)  # no "Organi"
    reason = next(r for r in ws.iter_rows() if r[0].value == "Reason")
    assert reason[1].alignment.wrap_text
    # about 480 characters across the merged columns B to G (163 wide): at least three lines
    assert ws.row_dimensions[reason[0].row].height >= 3 * 15
    top = next(r[0].row for r in ws.iter_rows() if r[0].value == "No.")
    for r in ws.iter_rows(min_row=top + 1):
        outcome = r[6]
        width = ws.column_dimensions["G"].width
        if len(outcome.value) > width * 1.15:  # more than one line: a taller row
            assert ws.row_dimensions[outcome.row].height >= 2 * 15, outcome.coordinate
    for heading in ws[top]:
        assert ws.column_dimensions[heading.column_letter].width >= len(heading.value)


def test_the_feedback_prints_landscape_at_full_width_with_its_headings_on_each_page() -> None:
    book = read(feedback_workbook(sheet()))
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    top = next(r[0].row for r in book["Feedback"].iter_rows() if r[0].value == "No.")
    assert book["Feedback"].print_title_rows == f"${top}:${top}"


def test_the_time_it_was_prepared_shows_on_uk_clocks() -> None:
    summer = replace(sheet(), prepared_on=datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
    ws = read(feedback_workbook(summer))["Feedback"]
    prepared = next(r[1] for r in ws.iter_rows() if r[0].value == "Prepared on")
    assert prepared.value == datetime(2026, 7, 1, 10, 0)  # BST, not UTC
    assert prepared.number_format == "DD/MM/YYYY HH:MM"
    assert "01 July 2026, 10:00" in feedback_page(summer)
    a_day = next(
        r[1]
        for r in read(feedback_workbook(sheet()))["Feedback"].iter_rows()
        if r[0].value == "Prepared on"
    )
    assert a_day.number_format == "DD/MM/YYYY"  # a date alone shows no time
