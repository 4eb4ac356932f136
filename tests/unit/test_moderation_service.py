"""Moderation, against the in-memory repository: agreeing a score (after one's own submission,
never on a conflict, never over a value the screen did not show), the queue of disagreements,
and a held late application that nobody is expected to have scored yet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import (
    ApplicationWithdrawn,
    ConflictOfInterest,
    NotAllowed,
    NotReleased,
    ReasonRequired,
    StaleEdit,
)
from scoring.rules.score_checks import StoredScore
from storage.repository import ApplicationRef
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, hr, member, service
from use_cases.moderation import Moderation
from use_cases.score_writes import ScoreWrites
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")


def world(
    *applications: ApplicationRef, submitted: bool = True
) -> tuple[Moderation, FakeRepository]:
    repo = fake_world(
        factories.vacancy(),
        members=[ROSA, SAM],
        applications=applications or [application(1), application(2, withdrawn=True)],
        conflicts=[(SAM.user_id, 1)],
        declared=True,
    )
    shortlists = service(Shortlists, repo, NOW)
    moderation = service(Moderation, repo, NOW, shortlists=shortlists)
    if submitted:
        for uid in (ROSA.user_id, SAM.user_id):
            repo.set_submitted(session=None, vacancy_id=1, user_id=uid, at=NOW)
    return moderation, repo


def agree(moderation: Moderation, who: object = ROSA, **kw: object) -> object:
    change = {"panel_code": "P00001", "criterion_id": "e1", "score": 2, "note": "Agreed", **kw}
    return moderation.record_agreed_score(who, 1, **change)  # type: ignore[arg-type]


def test_a_member_agrees_a_score_after_submitting_and_it_is_audited() -> None:
    moderation, repo = world()
    saved = agree(moderation)
    assert (saved.score, saved.version) == (2, 1)  # type: ignore[attr-defined]
    assert repo.state.agreed[(1, "e1")][1] == StoredScore(2, "Agreed", 1)
    assert repo.state.audit[-1]["action"] == "agree_score"


def test_a_member_who_has_not_submitted_cannot_agree_a_score() -> None:
    moderation, repo = world(submitted=False)
    with pytest.raises(NotAllowed, match="once you have submitted"):
        agree(moderation)
    assert repo.state.agreed == {}


def test_an_agreed_score_needs_a_note() -> None:
    moderation, repo = world()
    with pytest.raises(ReasonRequired):
        agree(moderation, note=" ")
    assert repo.state.agreed == {}


def test_a_change_from_a_screen_that_showed_no_agreed_score_is_refused_as_stale() -> None:
    moderation, repo = world()
    agree(moderation)
    with pytest.raises(StaleEdit, match="agreed score for P00001 / e1"):
        agree(moderation, score=1)
    agree(moderation, score=1, expected_version=1)
    assert repo.state.agreed[(1, "e1")][1] == StoredScore(1, "Agreed", 2)


def test_a_member_with_a_conflict_cannot_agree_a_score_on_it_but_hr_can() -> None:
    moderation, repo = world()
    with pytest.raises(ConflictOfInterest):
        agree(moderation, who=SAM)
    agree(moderation, who=hr())
    assert (1, "e1") in repo.state.agreed


@pytest.mark.parametrize(
    ("ref", "error"),
    [
        (application(1, withdrawn=True), ApplicationWithdrawn),
        (application(1, held=True), NotReleased),
    ],
)
def test_nobody_agrees_a_score_for_an_application_the_panel_does_not_score(
    ref: ApplicationRef, error: type[Exception]
) -> None:
    moderation, repo = world(ref)
    with pytest.raises(error):
        agree(moderation, who=hr())
    assert repo.state.agreed == {}


def test_the_queue_lists_a_disagreement_with_each_members_score_by_name() -> None:
    moderation, repo = world(application(1), application(2), submitted=False)
    writes: ScoreWrites = service(ScoreWrites, repo, NOW)
    writes.save_score(ROSA, 1, panel_code="P00002", criterion_id="e1", score=0)
    writes.save_score(SAM, 1, panel_code="P00002", criterion_id="e1", score=3)
    (item,) = moderation.moderation_queue(hr(), 1, only_open=True)
    assert (item.panel_code, item.criterion_id, item.spread) == ("P00002", "e1", 3)
    assert item.scores == {"Rpatel": 0, "Sokafor": 3}


def test_a_held_late_application_leaves_no_member_unfinished() -> None:
    moderation, repo = world(application(1), application(2, held=True), submitted=False)
    writes: ScoreWrites = service(ScoreWrites, repo, NOW)
    writes.save_scores(ROSA, 1, [("P00001", c, 2) for c in ("e1", "e2", "d1")])
    outcome = moderation.shortlists.run(None, repo.state.vacancy)  # type: ignore[arg-type]
    assert outcome.result.moderation.unfinished_members() == []
    assert not any(i.startswith("Not finished scoring") for i in outcome.result.issues)
