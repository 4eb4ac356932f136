"""The proof of human review through the services, on SQLite and PostgreSQL: reading time as
members open and score applications (gaps capped), the figures HR sees per application and per
vacancy, the workbook's Human review sheet and the feedback sheet's sentence."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from openpyxl import load_workbook

from scoring.rules.outcomes import Outcome
from scoring.rules.score_checks import ScoreChange
from storage.store import Store
from tests.integration.helpers import make_world
from use_cases import Services
from use_cases.access import Actor
from use_cases.pad_presses import Press

START = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.at = START

    def __call__(self) -> datetime:
        return self.at

    def after(self, **gap: float) -> None:
        self.at += timedelta(**gap)


def test_reading_time_is_the_members_own_capped_gaps(services: Services, store: Store) -> None:
    world = make_world(services)
    clock = Clock()
    timed = Services(store, clock=clock)
    rosa, sam = world.panel
    code = world.codes["D001"]
    timed.reading.panel_application(rosa, world.vacancy.id, code)
    clock.after(minutes=5)
    timed.scores.save_score(rosa, world.vacancy.id, panel_code=code, criterion_id="c1", score=2)
    clock.after(minutes=40)  # lunch: not reading
    timed.reading.panel_application(rosa, world.vacancy.id, code)
    clock.after(minutes=2)
    timed.scores.save_score(rosa, world.vacancy.id, panel_code=code, criterion_id="c2", score=3)
    timed.reading.panel_application(sam, world.vacancy.id, code)  # opened, never scored

    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    review = services.human_review.review(world.hr, outcome)
    line = review.of("D001")
    assert line is not None
    by_member = {m.member: m for m in line.members}
    assert (by_member["Rpatel"].seconds, by_member["Rpatel"].views) == (7 * 60, 2)
    assert (by_member["Rpatel"].scored, by_member["Sokafor"].scored) == (2, 0)
    assert by_member["Sokafor"].opened and line.read_by == 2 and line.scored_by == 1
    untouched = review.of("D002")
    assert untouched is not None and untouched.read_by == 0
    assert review.vacancy.read_by_two_or_more == 1
    assert review.vacancy.signed_off_by is None


def score_on_the_pad(timed: Services, clock: Clock, member: Actor, vacancy_id: int) -> int:
    """As the Score page drives the pad: each application shown in turn, a key press every
    20 seconds on each criterion, 30 seconds more, the next application; then the pad left.
    The seconds each application was shown."""
    vacancy = timed.vacancies.get_vacancy(member, vacancy_id)
    criteria = [c.id for c in vacancy.scored_criteria]
    codes = [p.panel_code for p in timed.progress.my_progress(member, vacancy_id)]
    seq, previous = 0, None
    for code in codes:
        timed.reading.pad_moved(member, vacancy_id, left=previous, shown=code)
        for criterion in criteria:
            clock.after(seconds=20)
            seq += 1
            timed.pad.apply_presses(
                member, vacancy_id, client_id="pad-1",
                presses=[Press(seq, ScoreChange(code, criterion, 2))],
            )  # fmt: skip
        clock.after(seconds=30)
        previous = code
    timed.reading.pad_moved(member, vacancy_id, left=previous, shown=None)
    return 20 * len(criteria) + 30


def test_applications_scored_on_the_pad_are_opened_with_their_reading_time_on_page_and_sheet(
    services: Services, store: Store
) -> None:
    world = make_world(services)
    clock = Clock()
    timed = Services(store, clock=clock)
    for member in world.panel:
        shown = score_on_the_pad(timed, clock, member, world.vacancy.id)

    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    review = services.human_review.review(world.hr, outcome)
    assert review.table and {(r.opened, r.views, r.seconds) for r in review.table} == {
        (True, 1, shown)
    }
    n = len(review.applications)
    assert review.vacancy.read_by_two_or_more == review.vacancy.applications == n > 0

    book = load_workbook(io.BytesIO(services.workbooks.export_shortlist(world.hr, outcome).content))
    header, *rows = book["Human review"].iter_rows(values_only=True)
    sheet = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(sheet) == n * 2
    assert {(r["Opened"], r["Views"], r["Minutes"]) for r in sheet} == {("Yes", 1, shown / 60)}
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert summary["Read by two or more members"] == f"{n} of {n}"


def test_hr_acting_for_a_member_earns_them_no_reading_time(services: Services) -> None:
    world = make_world(services)
    rosa = world.panel[0]
    code = world.codes["D003"]
    services.scores.save_score(rosa, world.vacancy.id, panel_code=code, criterion_id="c1", score=2)
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    line = services.human_review.review(world.hr, outcome).of("D003")
    assert line is not None
    assert [m.seconds for m in line.members] == [0, 0]


def test_the_override_rate_the_workbook_sheet_and_the_feedback_sentence(
    services: Services,
) -> None:
    world = make_world(services)
    for member in world.panel:
        for criterion in ("c1", "c2"):
            services.scores.save_score(
                member, world.vacancy.id, panel_code=world.codes["D001"],
                criterion_id=criterion, score=2,
            )  # fmt: skip
    services.shortlists.override(
        world.hr, world.vacancy.id, reference="D002", decision=Outcome.WITHDRAWN.value,
        reason="The applicant withdrew by e-mail on 3 February.", expected_version=None, expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version)  # fmt: skip
    services.shortlists.override(
        world.hr, world.vacancy.id, reference="D003", decision=Outcome.NOT_SHORTLISTED.value,
        reason="The panel judged the evidence for criterion 3 too thin.", expected_version=None, expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version)  # fmt: skip
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    figures = services.human_review.review(world.hr, outcome).vacancy
    assert (figures.overrides, figures.decisions) == (1, 15)  # withdrawals are not decisions

    download = services.workbooks.export_shortlist(world.hr, outcome)
    book = load_workbook(io.BytesIO(download.content))
    rows = list(book["Human review"].iter_rows(values_only=True))
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert (summary["Overridden by a person"], summary["Override rate"]) == ("1 of 15", "7%")
    assert summary["Shortlist signed off by"] == "not signed off yet"
    table = [r for r in rows if r and r[0] == "D001"]
    assert [(r[1], r[5]) for r in table] == [("Rpatel", 2), ("Sokafor", 2)]

    sheet = services.feedback.feedback_sheet(world.hr, outcome, "D001")
    assert sheet.reviewed == "Your application was read and scored by two panel members."
