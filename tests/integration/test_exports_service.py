"""Workbook and scoring-sheet downloads through the service layer, on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from storage import tables
from tests.integration.helpers import make_world, score_sample
from use_cases import Services
from use_cases.errors import ImportRefused, InvalidInput, NotAllowed


def snapshot(services: Services) -> tuple[int, int, list[tuple[int, int]]]:
    with services.store.reading() as session:
        scores = sorted(
            session.execute(select(tables.PanelScore.id, tables.PanelScore.score)).all()
        )
        return (
            session.scalar(select(func.count()).select_from(tables.PanelScore)) or 0,
            session.scalar(select(func.count()).select_from(tables.AuditEntry)) or 0,
            [tuple(r) for r in scores],
        )


def test_the_workbook_is_name_blind_unless_hr_asks_and_the_choice_is_audited(
    services: Services,
) -> None:
    world = make_world(services)
    score_sample(world)
    blind = services.workbooks.export_shortlist(
        world.hr, services.shortlists.outcome(world.hr, world.vacancy.id)
    )
    book = load_workbook(io.BytesIO(blind.content))
    text = " ".join(
        str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row if c
    )
    assert "Hassan" not in text
    assert blind.file_name == f"shortlist-vacancy-{world.vacancy.id}.xlsx"
    named = services.workbooks.export_shortlist(
        world.hr, services.shortlists.outcome(world.hr, world.vacancy.id), include_personal=True
    )
    book = load_workbook(io.BytesIO(named.content))
    assert "Amina Hassan" in [r[2] for r in book["Shortlist"].iter_rows(values_only=True)]
    exports = [
        e.new_value
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "export_shortlist"
    ]
    version = services.shortlists.outcome(world.hr, world.vacancy.id).version
    assert exports == [  # each export records the shortlist version it was made from
        {"include_personal": True, "rows": 17, "shortlist": version},
        {"include_personal": False, "rows": 17, "shortlist": version},
    ]
    audit_sheet = [r[2] for r in book["Audit"].iter_rows(min_row=2, values_only=True)]
    assert "import applications" in audit_sheet and "score" not in audit_sheet


def fill(content: bytes, scores: dict[int, tuple[int, str]]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Scores"]
    for row, (value, note) in scores.items():
        sheet.cell(row, 5).value = value
        sheet.cell(row, 6).value = note
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_offline_sheet_round_trips_into_the_members_scores(services: Services) -> None:
    world = make_world(services)
    member = world.panel[0]
    sheet = services.sheets.scoring_sheet(member, world.vacancy.id)
    book = load_workbook(io.BytesIO(sheet.content))
    keys = [(r[0], r[1]) for r in book["Scores"].iter_rows(min_row=2, values_only=True)]
    assert len(keys) == 16 * 21, (
        "every application still in the running x every criterion scored at the sift"
    )
    filled = {
        row: ((row * 7) % 4, f"note {row}" if row % 5 == 0 else "")
        for row in range(2, len(keys) + 2)
    }
    changed = services.sheets.import_scoring_sheet(
        member, world.vacancy.id, data=fill(sheet.content, filled), file_name="mine.xlsx"
    )
    assert changed == len(keys)
    mine = {
        (s.panel_code, s.criterion_id): (s.score, s.note)
        for s in services.reading.my_scores(member, world.vacancy.id)
    }
    assert mine == {keys[row - 2]: value for row, value in filled.items()}
    again = services.sheets.scoring_sheet(member, world.vacancy.id)
    assert (
        services.sheets.import_scoring_sheet(
            member, world.vacancy.id, data=again.content, file_name="again.xlsx"
        )
        == 0
    ), "lossless: nothing differs"
    # changed again: stored in bulk, compare-and-set, each change with one entry on the chain
    moved = {row: ((value + 1) % 4, note) for row, (value, note) in list(filled.items())[:40]}
    assert (
        services.sheets.import_scoring_sheet(
            member, world.vacancy.id, data=fill(again.content, moved), file_name="moved.xlsx"
        )
        == 40
    )
    offline = [
        e
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "score_offline"
    ]
    assert len(offline) == len(keys) + 40
    assert services.audit.verify(world.admin)[1] == [], "the audit chain holds"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({2: (7, "")}, "column Scores!E2: '7' is not on the 0-3 evidence scale"),
        ({3: ("lots", "")}, "column Scores!E3: 'lots' is not on the 0-3 evidence scale"),
    ],
)
def test_a_bad_offline_sheet_changes_nothing(
    services: Services, change: dict[int, tuple[object, str]], message: str
) -> None:
    world = make_world(services)
    member = world.panel[0]
    services.scores.save_score(
        member,
        world.vacancy.id,
        panel_code=world.codes["D001"],  # codes are random; D013 is withdrawn
        criterion_id="c3",
        score=1,
    )
    before = snapshot(services)
    sheet = services.sheets.scoring_sheet(member, world.vacancy.id).content
    good = {row: (2, "") for row in range(4, 30)}
    with pytest.raises(ImportRefused) as refused:
        services.sheets.import_scoring_sheet(
            member, world.vacancy.id, data=fill(sheet, {**good, **change}), file_name="bad.xlsx"
        )  # type: ignore[dict-item]
    assert any(message in str(p) for p in refused.value.problems)
    assert all(str(p).count("Scores!") == 1 for p in refused.value.problems), "said once"
    assert snapshot(services) == before


def test_a_sheet_goes_back_only_to_its_own_member_and_not_after_submitting(
    services: Services,
) -> None:
    world = make_world(services)
    sheet = services.sheets.scoring_sheet(world.panel[0], world.vacancy.id).content
    with pytest.raises(ImportRefused) as refused:
        services.sheets.import_scoring_sheet(
            world.panel[1], world.vacancy.id, data=sheet, file_name="theirs.xlsx"
        )
    assert "this sheet belongs to another panel member, not sokafor" in str(
        refused.value.problems[0]
    )
    with pytest.raises(NotAllowed, match="only download or return your own"):
        services.sheets.scoring_sheet(
            world.panel[1], world.vacancy.id, member_id=world.panel[0].user_id
        )
    score_sample(world)
    services.progress.submit(world.panel[0], world.vacancy.id)
    with pytest.raises(InvalidInput, match="has submitted their scores"):
        services.sheets.import_scoring_sheet(
            world.hr,
            world.vacancy.id,
            member_id=world.panel[0].user_id,
            data=sheet,
            file_name="late.xlsx",
        )
