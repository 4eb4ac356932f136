"""What a panel member reads, against the in-memory repository: the applications they score and
nothing else, each opening recorded, the pad's few applications with the member's own scores."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import NotAllowed, NotDeclared
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, member, service
from use_cases.panel_reading import PanelReading
from use_cases.progress import Progress
from use_cases.score_writes import ScoreWrites

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")
APPLICATIONS = [
    application(1),
    application(2, withdrawn=True),
    application(3, held=True),  # a late application HR has not released
    application(4),
    application(5),
]


def world(declared: bool = True) -> tuple[PanelReading, FakeRepository]:
    repo = fake_world(
        factories.vacancy(),
        members=[ROSA, SAM],
        applications=APPLICATIONS,
        conflicts=[(ROSA.user_id, 4)],
        declared=declared,
    )
    return service(PanelReading, repo, NOW, progress=service(Progress, repo, NOW)), repo


def test_a_member_reads_only_the_applications_they_score() -> None:
    reading, _ = world()
    assert [a.panel_code for a in reading.panel_applications(ROSA, 1)] == ["P00001", "P00005"]
    assert [a.panel_code for a in reading.panel_applications(SAM, 1)] == [
        "P00001",
        "P00004",
        "P00005",
    ]


@pytest.mark.parametrize("code", ["P00002", "P00003", "P00004", "P09999"])
def test_opening_one_they_do_not_score_is_refused_and_records_nothing(code: str) -> None:
    reading, repo = world()
    with pytest.raises(NotAllowed, match=f"{code} is not one of the applications you score"):
        reading.panel_application(ROSA, 1, code)
    assert repo.state.reading == []


def test_opening_an_application_records_that_the_member_opened_it() -> None:
    reading, repo = world()
    shown = reading.panel_application(ROSA, 1, "P00005")
    assert shown.statement == "The statement of P00005."
    assert repo.state.reading == [(5, ROSA.user_id, True)]


def test_nothing_is_read_before_the_member_declares_their_conflicts() -> None:
    reading, _ = world(declared=False)
    with pytest.raises(NotDeclared):
        reading.panel_applications(ROSA, 1)


def test_the_pad_shows_the_members_own_scores_and_skips_what_they_do_not_score() -> None:
    reading, repo = world()
    service(ScoreWrites, repo, NOW).save_score(
        ROSA, 1, panel_code="P00001", criterion_id="e1", score=2
    )
    service(ScoreWrites, repo, NOW).save_score(
        SAM, 1, panel_code="P00001", criterion_id="e1", score=0
    )
    pad = reading.pad_applications(ROSA, 1, ["P00003", "P00001", "P00004", "P00005"])
    assert [p.panel_code for p in pad] == ["P00001", "P00005"]
    assert {k: s.score for k, s in pad[0].scores.items()} == {"e1": 2}


def test_each_member_meets_the_applications_in_an_order_of_their_own_kept_between_visits() -> None:
    reading, _ = world()
    first = reading.review_order(SAM, 1)
    assert sorted(first) == ["P00001", "P00004", "P00005"]
    assert reading.review_order(SAM, 1) == first
