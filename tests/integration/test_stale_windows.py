"""Two windows on real SQLite and PostgreSQL: window A is drawn, window B saves, window A saves.
For every way a fact is written (a scoring sheet returned offline, an agreed score, an
override) A is refused with a message that says so, and B's value stays."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.integration.helpers import make_world, score_sample
from use_cases import Services
from use_cases.errors import ImportRefused, NotAllowed, StaleEdit


def test_a_sheet_downloaded_before_a_change_in_the_app_cannot_overwrite_it(
    services: Services,
) -> None:
    world = make_world(services)
    rosa, vacancy = world.panel[0], world.vacancy.id
    code = world.codes["D001"]
    services.scores.save_score(rosa, vacancy, panel_code=code, criterion_id="c3", score=1)
    sheet = services.sheets.scoring_sheet(rosa, vacancy).content  # window A: the sheet
    services.scores.save_score(  # window B: the app
        rosa, vacancy, panel_code=code, criterion_id="c3", score=3, expected_version=1
    )
    book = load_workbook(io.BytesIO(sheet))
    rows = {(r[0].value, r[1].value): r for r in book["Scores"].iter_rows(min_row=2)}
    rows[(code, "c3")][4].value = 2  # A changes the score the app changed meanwhile
    rows[(code, "c4")][4].value = 2  # and scores another, untouched elsewhere
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ImportRefused) as refused:
        services.sheets.import_scoring_sheet(rosa, vacancy, data=out.getvalue(), file_name="a.xlsx")
    (problem,) = refused.value.problems
    cell = rows[(code, "c3")][4].coordinate
    assert problem.column == f"Scores!{cell}" and "changed in another window" in problem.message
    mine = {s.criterion_id: s for s in services.reading.my_scores(rosa, vacancy, code)}
    assert mine["c3"].score == 3 and "c4" not in mine, "nothing stored: B's value stays"


def test_a_sheet_row_left_as_downloaded_does_not_undo_a_change_made_in_the_app(
    services: Services,
) -> None:
    world = make_world(services)
    rosa, vacancy, code = world.panel[0], world.vacancy.id, world.codes["D001"]
    services.scores.save_score(rosa, vacancy, panel_code=code, criterion_id="c3", score=1)
    sheet = services.sheets.scoring_sheet(rosa, vacancy).content
    services.scores.save_score(
        rosa, vacancy, panel_code=code, criterion_id="c3", score=3, expected_version=1
    )
    book = load_workbook(io.BytesIO(sheet))
    rows = {(r[0].value, r[1].value): r for r in book["Scores"].iter_rows(min_row=2)}
    rows[(code, "c4")][4].value = 2
    out = io.BytesIO()
    book.save(out)
    changed = services.sheets.import_scoring_sheet(
        rosa, vacancy, data=out.getvalue(), file_name="a.xlsx"
    )
    mine = {s.criterion_id: s.score for s in services.reading.my_scores(rosa, vacancy, code)}
    assert changed == 1 and mine == {"c3": 3, "c4": 2}


def test_an_agreed_score_from_a_stale_moderation_screen_is_refused(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    hr, vacancy = world.hr, world.vacancy.id
    item = next(q for q in services.moderation.moderation_queue(hr, vacancy) if q.needs_agreement)
    drawn = item.agreed.version if item.agreed else None  # window A's screen
    services.moderation.record_agreed_score(  # window B
        hr, vacancy, panel_code=item.panel_code, criterion_id=item.criterion_id, score=2,
        note="Agreed at the panel meeting.", expected_version=drawn,
    )  # fmt: skip
    with pytest.raises(StaleEdit, match="agreed score .* changed in another window"):
        services.moderation.record_agreed_score(
            hr, vacancy, panel_code=item.panel_code, criterion_id=item.criterion_id, score=3,
            note="From the older screen.", expected_version=drawn,
        )  # fmt: skip
    (kept,) = [
        a
        for a in services.moderation.agreed_scores(hr, vacancy)
        if (a.panel_code, a.criterion_id) == (item.panel_code, item.criterion_id)
    ]
    assert (kept.score, kept.note) == (2, "Agreed at the panel meeting.")


def test_an_override_from_a_stale_shortlist_screen_is_refused(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    hr, vacancy = world.hr, world.vacancy.id
    screen = services.shortlists.shortlist(hr, vacancy)  # both windows drew this
    drawn = next(r for r in screen.rows if r.reference == "D006")
    services.shortlists.override(
        hr, vacancy, reference="D006", decision="shortlisted_by_decision",
        reason="Window B: the panel chose D006.", expected_version=drawn.version,
        expected_shortlist=screen.version,
    )  # fmt: skip
    with pytest.raises(StaleEdit, match="the shortlist changed after this screen was drawn"):
        services.shortlists.override(
            hr, vacancy, reference="D006", decision="not_shortlisted",
            reason="Window A: from the older screen.", expected_version=drawn.version,
            expected_shortlist=screen.version,
        )  # fmt: skip
    with pytest.raises(StaleEdit, match="decision for D006 was changed in another window"):
        services.shortlists.override(  # a screen redrawn for the shortlist, not the decision
            hr, vacancy, reference="D006", decision="not_shortlisted",
            reason="Window A: from the older screen.", expected_version=drawn.version,
            expected_shortlist=services.shortlists.shortlist(hr, vacancy).version,
        )  # fmt: skip
    row = next(r for r in services.shortlists.shortlist(hr, vacancy).rows if r.reference == "D006")
    assert row.decision == "shortlisted_by_decision" and "Window B" in row.reason


def test_a_panel_member_reads_agreed_scores_only_after_submitting_their_own(
    services: Services,
) -> None:
    world = make_world(services)
    score_sample(world)
    rosa, sam, vacancy = world.panel[0], world.panel[1], world.vacancy.id
    services.progress.submit(sam, vacancy)
    services.moderation.record_agreed_score(
        sam, vacancy, panel_code=world.codes["D015"], criterion_id="c4", score=2,
        note="Agreed at moderation.",
    )  # fmt: skip
    with pytest.raises(NotAllowed, match="once you have submitted your own"):
        services.moderation.agreed_scores(rosa, vacancy)
    services.progress.submit(rosa, vacancy)
    assert [a.score for a in services.moderation.agreed_scores(rosa, vacancy)] == [2]
