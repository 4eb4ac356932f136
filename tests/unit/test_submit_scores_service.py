"""Submitting scores and the progress boards, against the in-memory repository: a member submits
once, only when every score they owe is given, and a held late application is owed by nobody."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import AlreadySubmitted, ScoresOutstanding
from scoring.rules.owed_scores import Owed, may_submit
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, hr, member, service
from use_cases.progress import Progress
from use_cases.score_writes import ScoreWrites

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")


def world() -> tuple[Progress, ScoreWrites, FakeRepository]:
    repo = fake_world(
        factories.vacancy(),  # e1, e2, d1 scored at shortlisting
        members=[ROSA, SAM],
        applications=[application(1), application(2), application(3, held=True)],
        conflicts=[(SAM.user_id, 2)],
    )
    return service(Progress, repo, NOW), service(ScoreWrites, repo, NOW), repo


def score_everything(writes: ScoreWrites, who: str = "rpatel") -> None:
    actor = ROSA if who == "rpatel" else SAM
    codes = ["P00001", "P00002"] if actor is ROSA else ["P00001"]
    writes.save_scores(actor, 1, [(c, k, 2) for c in codes for k in ("e1", "e2", "d1")])


def test_a_member_who_still_owes_scores_is_told_how_many_and_nothing_is_recorded() -> None:
    progress, writes, repo = world()
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="e1", score=2)
    with pytest.raises(ScoresOutstanding, match="^5 score"):
        progress.submit(ROSA, 1)
    assert repo.state.submitted_at == {}


def test_a_member_submits_once_every_score_is_given_and_the_audit_counts_them() -> None:
    progress, writes, repo = world()
    score_everything(writes)
    progress.submit(ROSA, 1)
    assert repo.state.submitted_at == {ROSA.user_id: NOW}
    assert repo.state.audit[-1]["action"] == "submit_scores"
    assert repo.state.audit[-1]["new"] == {"scores": 6}


def test_a_second_submission_changes_nothing_and_answers_with_the_first() -> None:
    progress, writes, repo = world()
    score_everything(writes)
    first = progress.submit(ROSA, 1)
    audited = len(repo.state.audit)
    assert progress.submit(ROSA, 1) == first, "a double click is answered calmly"
    assert len(repo.state.audit) == audited


def test_after_submitting_a_score_change_is_refused_with_the_same_error() -> None:
    progress, writes, _ = world()
    score_everything(writes)
    progress.submit(ROSA, 1)
    with pytest.raises(AlreadySubmitted):
        writes.save_score(
            ROSA, 1, panel_code="P00001", criterion_id="e1", score=3, expected_version=1
        )


def test_a_held_late_application_and_a_conflict_are_owed_by_nobody_on_hrs_board() -> None:
    progress, writes, _ = world()
    score_everything(writes, "sokafor")
    board = {p.member: (p.scored, p.expected, p.conflicts) for p in progress.progress(hr(), 1)}
    assert board == {"Rpatel": (0, 6, 0), "Sokafor": (3, 3, 1)}
    assert [(p.panel_code, p.expected) for p in progress.my_progress(SAM, 1)] == [("P00001", 3)]


def test_may_submit_says_what_is_still_owed() -> None:
    owed = [Owed("P1", 3, 3), Owed("P2", 1, 3)]
    assert may_submit(submitted=False, owed=owed).still_owed == 2
    assert not may_submit(submitted=False, owed=owed).allowed
    assert may_submit(submitted=False, owed=owed[:1]).allowed
    assert not may_submit(submitted=True, owed=owed[:1]).allowed
