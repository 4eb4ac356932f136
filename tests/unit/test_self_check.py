"""A candidate's self-check: fit, gaps, levels, schemes and carrying answers to other roles."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from criteria.schema import Stage
from exports.self_check import printable_page, statement_outline, summary_workbook
from scoring.applicant.other_roles import transfer
from scoring.applicant.scheme_guidance import scheme_guidance
from scoring.applicant.self_check import MIN_EXAMPLE, Answer, Rating, check
from scoring.applicant.themes import themes_of
from scoring.applications import ArmedForcesStatus, Declarations, Relationship
from scoring.rules.guaranteed_interview import assess_schemes

EXAMPLE = (
    "At the housing association I agreed payment plans with 40 tenants and cut arrears by a fifth."
)
DARLINGTON = "darlington-housing-income-management-officer"


def variant(catalogue: Catalogue, role_id: str, **kw: str):  # type: ignore[no-untyped-def]
    role = catalogue.role(role_id)
    return effective_criteria(role, catalogue.organisation_of(role), **kw)


def all_essentials(v, rating: Rating = Rating.FULLY, example: str = EXAMPLE) -> dict[str, Answer]:  # type: ignore[no-untyped-def]
    return {c.id: Answer(rating, example) for c in v.criteria if c.is_essential}


def test_rating_every_essential_fully_makes_that_role_the_best_fit(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    result = check(v, all_essentials(v))
    assert result.meets_essentials and result.essentials_shown == 17
    others = transfer(result, catalogue, limit=100)
    assert len(others) == 27, "every other role profile (Ashford twice) is ranked"
    assert not any(f.variant.role.apprenticeship for f in others), (
        "the apprenticeships publish no requirements: nothing to match"
    )
    assert all(f.fit < 1.0 for f in others)
    assert result.essential_fit == 1.0 > max(f.fit for f in others)


def test_missing_examples_are_listed_and_block_showing_a_criterion(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    answers = all_essentials(v)
    answers["c7"] = Answer(Rating.STRONGLY, "")
    answers["c9"] = Answer(Rating.FULLY, "Too short.")
    result = check(v, answers)
    missing = [c.id for c in result.missing_examples]
    assert "c7" in missing and "c9" in missing and "c3" not in missing
    c7 = next(r for r in result.results if r.criterion.id == "c7")
    assert not c7.shown and c7.advice.startswith("Add an example")
    assert not result.meets_essentials
    assert len("Too short.") < MIN_EXAMPLE


def test_advice_for_gaps_and_for_criteria_assessed_elsewhere(catalogue: Catalogue) -> None:
    v = variant(catalogue, "dartford-housing-scheme-officer")
    result = check(v, {})
    advice = {r.criterion.id: r.advice for r in result.results}
    assert advice["qual-1"].startswith("A gap: desirable") and advice["qual-1"].endswith(
        "Note: Training will be given."
    )
    assert advice["exp-2"].startswith("A gap: this is essential")
    assert advice["spec-3"].startswith("Assessed at interview")


def test_the_fit_counts_essentials_twice_and_partly_as_half(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    nothing = check(v, {})
    partly = check(v, {c.id: Answer(Rating.PARTLY, "") for c in v.criteria})
    full = check(v, {c.id: Answer(Rating.FULLY, EXAMPLE) for c in v.criteria})
    assert (nothing.fit, partly.fit, full.fit) == (0.0, 0.5, 1.0)


def test_a_levelled_role_tells_the_level_matched_and_what_the_next_adds(
    catalogue: Catalogue,
) -> None:
    role = catalogue.role("medway-data-and-insight-officer")
    v = variant(catalogue, role.id, level="C")
    answers = {c.id: Answer(Rating.FULLY, EXAMPLE) for c in role.levels[0].criteria}
    result = check(v, answers)
    assert result.level is not None
    assert (result.level.matched, result.level.next_level) == ("A", "B")
    assert [c.id for c in result.level.next_adds] == [c.id for c in role.levels[1].criteria]
    assert check(v, {}).level.matched is None  # type: ignore[union-attr]


def test_themes_link_criteria_across_roles(catalogue: Catalogue) -> None:
    darlington = {c.id: c for c in variant(catalogue, DARLINGTON).criteria}
    visiting = {c.id: c for c in variant(catalogue, "dartford-visiting-officer").criteria}
    assert "benefits" in themes_of(darlington["c7"]) & themes_of(visiting["dem-2"])
    assert "driving" in themes_of(darlington["c22"]) & themes_of(visiting["spec-1"])


def test_transfer_shows_its_reasoning(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    top = transfer(check(v, all_essentials(v)), catalogue)[0]
    assert top.variant.role.id == "dartford-housing-scheme-officer"
    # its 8 Job Profile essentials read at the sift (000's advert qualities are not among them)
    assert "carry over to 6 of its 8 essentials" in top.reasoning and "driving" in top.reasoning
    assert top.carried and all(isinstance(text, str) for _, text in top.carried)


def test_transfer_leaves_out_roles_nothing_carries_over_to(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    assert transfer(check(v, {}), catalogue, limit=100) == [], "no answers: no role fits"
    partly = check(v, {c.id: Answer(Rating.PARTLY, EXAMPLE) for c in v.criteria})
    assert transfer(partly, catalogue, limit=100) == [], (
        "rated partly everywhere: half a fit on paper, but nothing shown carries over"
    )
    driving = check(v, {"c22": Answer(Rating.FULLY, EXAMPLE)})
    fits = transfer(driving, catalogue, limit=100)
    assert fits and all(f.fit > 0 and f.carried for f in fits)
    assert all(
        "Your answers on a driving licence and use of a car carry over to 1 of its" in f.reasoning
        for f in fits
    )
    listed = {(f.variant.role.id, f.variant.grade.id if f.variant.grade else None) for f in fits}
    everything = transfer(check(v, all_essentials(v)), catalogue, limit=100)
    left_out = [
        f
        for f in everything
        if (f.variant.role.id, f.variant.grade.id if f.variant.grade else None) not in listed
    ]
    assert left_out, "roles with no driving essential are left out"
    assert not any(
        "driving" in themes_of(c)
        for f in left_out
        for c in f.variant.criteria
        if c.is_essential and c.stage is Stage.APPLICATION
    ), "left out: the roles none of whose essentials the driving answer reaches"


@pytest.mark.parametrize(
    ("declarations", "expected"),
    [
        (Declarations(disability=True), "Disability Confident may apply to you"),
        (Declarations(care_leaver=True), "Care leavers may apply to you"),
        (
            Declarations(
                armed_forces_status=ArmedForcesStatus.LEFT,
                armed_forces_relationship=Relationship.SELF,
                armed_forces_long_term=True,
                armed_forces_opt_in=True,
            ),
            "Armed Forces Covenant: we cannot tell yet",
        ),
        (
            Declarations(
                armed_forces_status=ArmedForcesStatus.LEFT,
                armed_forces_relationship=Relationship.SELF,
                armed_forces_date=date(2010, 1, 1),
                armed_forces_long_term=True,
                armed_forces_opt_in=True,
            ),
            "Armed Forces Covenant does not apply",
        ),
    ],
)
def test_scheme_guidance_tells_what_may_apply_and_what_to_do(
    catalogue: Catalogue, declarations: Declarations, expected: str
) -> None:
    policy = catalogue.organisations["dartford"].guaranteed_interview
    outcomes = assess_schemes(declarations, policy, date(2026, 1, 20))
    (line,) = scheme_guidance(outcomes, 16, policy, "Dartford Borough Council")
    assert line.startswith(expected)
    if "may apply" in line:
        (outcome,) = outcomes
        assert f"({outcome.route_name})" in line
        assert "each of the 16 essential criteria assessed from it" in line
        assert policy.scheme(outcome.scheme_id).how_to_declare in line  # type: ignore[union-attr]
    if "cannot tell" in line:
        assert "It depends on the date of leaving the armed forces." in line


def test_a_council_with_no_recorded_scheme_says_so_to_applicants(catalogue: Catalogue) -> None:
    policy = catalogue.organisations["darlington"].guaranteed_interview
    declared = Declarations(disability=True, care_leaver=True)
    lines = scheme_guidance(
        assess_schemes(declared, policy, date(2026, 1, 20)), 16, policy, "Darlington"
    )
    assert lines == [
        "Darlington records no guaranteed-interview or priority scheme in the documents this "
        "tool holds, so none is applied to its vacancies. Ask the council's HR team whether it "
        "runs one."
    ]


def test_the_take_aways_hold_the_answers(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    answers = all_essentials(v)
    answers["c1"] = Answer(
        Rating.PARTLY, "=I am studying for NVQ 4, due next spring, at the local college."
    )
    result = check(v, answers)
    fits = transfer(result, catalogue)
    guidance = ["Disability Confident may apply to you."]
    book = load_workbook(io.BytesIO(summary_workbook(result, fits, guidance, date(2026, 1, 5))))
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert (
        summary["Essential criteria shown"] == "17 of 17"
        and summary["Meets the minimum criteria (your own view)"] == "Yes"
    )
    criteria = {r[1]: r for r in book["Criteria"].iter_rows(min_row=2, values_only=True)}
    nvq = criteria["NVQ level 4 in Administration, Housing or a relevant field"]
    assert (
        nvq[4] == "partly"
        and nvq[5] == "'=I am studying for NVQ 4, due next spring, at the local college."
    )
    assert [
        c.data_type for ws in book for row in ws.iter_rows() for c in row if c.data_type == "f"
    ] == []
    assert len(list(book["Other roles"].iter_rows(min_row=2))) == len(fits)
    outline = statement_outline(result)
    headings = [line for line in outline.splitlines() if line.isupper()]
    assert headings == [
        "QUALIFICATIONS",
        "EXPERIENCE",
        "KNOWLEDGE",
        "SKILLS",
        "PERSONAL ATTRIBUTES",
        "SPECIAL REQUIREMENTS",
    ]
    assert (
        outline.index("NVQ level 4")
        < outline.index("I am studying for NVQ 4")
        < outline.index("Chartered Institute")
    )
    page = printable_page(result, fits, guidance, date(2026, 1, 5))
    assert "<b>17 of 17</b>" in page and "=I am studying" in page and "<script" not in page


def test_interview_stage_essentials_do_not_stop_meeting_the_minimum(catalogue: Catalogue) -> None:
    v = variant(catalogue, DARLINGTON)
    answers = all_essentials(v)
    answers["c21"] = Answer(Rating.NOT_YET, "")
    result = check(v, answers)
    assert (
        next(r for r in result.results if r.criterion.id == "c21").criterion.stage
        is Stage.INTERVIEW
    )
    assert result.meets_essentials


def summary(catalogue: Catalogue, checked: date, example: str = EXAMPLE):  # type: ignore[no-untyped-def]
    v = variant(catalogue, DARLINGTON)
    result = check(v, all_essentials(v, example=example))
    guidance = ["Disability Confident: " + EXAMPLE * 4]
    data = summary_workbook(result, transfer(result, catalogue), guidance, checked)
    return load_workbook(io.BytesIO(data)), printable_page(result, [], guidance, checked)


def test_the_summary_s_labels_show_whole_and_long_text_gets_tall_rows(
    catalogue: Catalogue,
) -> None:
    book, _ = summary(catalogue, date(2026, 1, 5), example=EXAMPLE * 3)
    sheet = book["Summary"]
    labels = [r[0].value for r in sheet.iter_rows() if r[0].value]
    assert "Meets the minimum criteria (your own view)" in labels
    assert sheet.column_dimensions["A"].width >= max(len(label) for label in labels)
    guidance = next(r for r in sheet.iter_rows() if r[0].value == "Guaranteed interview")
    assert guidance[1].alignment.wrap_text  # 400 characters in a column 90 wide
    assert sheet.row_dimensions[guidance[0].row].height >= 3 * 15
    detail = book["Criteria"]
    for r in detail.iter_rows(min_row=2):
        if r[5].value:  # an example of about 290 characters in a column 50 wide
            assert detail.row_dimensions[r[0].row].height >= 5 * 15, r[0].row
    others = book["Other roles"]
    names = [r[1].value for r in others.iter_rows()]
    assert others.column_dimensions["B"].width >= max(len(n) for n in names)  # "Organisation"
    for ws in book.worksheets:
        for heading in ws[1] if ws.title != "Summary" else ():
            assert ws.column_dimensions[heading.column_letter].width >= len(heading.value)


def test_the_summary_prints_landscape_at_full_width(catalogue: Catalogue) -> None:
    book, _ = summary(catalogue, date(2026, 1, 5))
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert book["Criteria"].print_title_rows == "$1:$1"
    assert book["Other roles"].print_title_rows == "$1:$1"


def test_the_time_of_the_check_shows_on_uk_clocks(catalogue: Catalogue) -> None:
    book, page = summary(catalogue, datetime(2026, 7, 1, 9, 0, tzinfo=UTC))
    checked = next(r[1] for r in book["Summary"].iter_rows() if r[0].value == "Checked on")
    assert checked.value == datetime(2026, 7, 1, 10, 0)  # BST, not UTC
    assert checked.number_format == "DD/MM/YYYY HH:MM"
    assert "checked on 01 July 2026, 10:00" in page
    book, page = summary(catalogue, date(2026, 1, 5))
    checked = next(r[1] for r in book["Summary"].iter_rows() if r[0].value == "Checked on")
    assert (checked.value, checked.number_format) == (datetime(2026, 1, 5), "DD/MM/YYYY")
    assert "checked on 05 January 2026" in page
