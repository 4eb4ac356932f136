"""HR's progress board's pace and a member's own standing, against the in-memory repository:
each member's pace against the scoring deadline from what they have scored, and whether their
scores may still change (submitted, or the vacancy over)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from scoring.rules.deadlines import Pace
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, hr, member, service
from use_cases.progress import Progress
from use_cases.score_writes import ScoreWrites

RELEASED_AT = datetime(2026, 2, 1, tzinfo=UTC)
ROSA, SAM = member(7, "rpatel"), member(8, "sokafor")


def world(
    now: datetime,
    deadline: date | None = date(2026, 2, 21),
    *,
    status: str = "open",
    submitted: bool = False,
) -> tuple[Progress, FakeRepository]:
    """Two applications, both members scoring both, released on 1 February; Rosa has scored
    everything (unless everyone `submitted` already), Sam nothing."""
    repo = fake_world(
        factories.vacancy(), members=[ROSA, SAM], applications=[application(1), application(2)],
        status=status, submitted=submitted,
    )  # fmt: skip
    repo.state.vacancy = repo.state.vacancy.model_copy(
        update={"scoring_deadline": deadline, "released_at": RELEASED_AT}
    )
    if not submitted:
        writes = service(ScoreWrites, repo, datetime(2026, 2, 1, 10, 0, tzinfo=UTC))
        writes.save_scores(ROSA, 1, [(c, k, 2) for c in ("P00001", "P00002") for k in ("e1", "e2", "d1")])  # fmt: skip
    return service(Progress, repo, now), repo


def paces(progress: Progress) -> dict[str, Pace]:
    return {p.member: p.pace for p in progress.progress(hr(), 1)}


def test_the_board_shows_a_member_done_and_one_who_has_not_scored_on_track_on_day_one() -> None:
    progress, _ = world(datetime(2026, 2, 1, 20, 0, tzinfo=UTC))
    assert paces(progress) == {"Rpatel": Pace.DONE, "Sokafor": Pace.ON_TRACK}


def test_the_board_shows_a_member_who_has_not_scored_behind_then_overdue() -> None:
    progress, _ = world(datetime(2026, 2, 18, 9, 0, tzinfo=UTC))
    assert paces(progress)["Sokafor"] is Pace.BEHIND
    progress, _ = world(datetime(2026, 2, 23, 9, 0, tzinfo=UTC))
    assert paces(progress) == {"Rpatel": Pace.DONE, "Sokafor": Pace.OVERDUE}


def test_without_a_scoring_deadline_the_board_says_so_rather_than_a_pace() -> None:
    progress, _ = world(datetime(2026, 2, 23, 9, 0, tzinfo=UTC), deadline=None)
    assert paces(progress)["Sokafor"] is Pace.NO_DEADLINE


def test_a_member_who_may_still_score_has_no_lock_and_no_submission() -> None:
    progress, _ = world(datetime(2026, 2, 2, 9, 0, tzinfo=UTC))
    standing = progress.my_standing(SAM, 1)
    assert (standing.submitted_at, standing.locked) == (None, None)


def test_after_submitting_a_member_is_told_their_scores_are_locked_and_when() -> None:
    progress, _ = world(datetime(2026, 2, 2, 9, 0, tzinfo=UTC))
    submitted = progress.submit(ROSA, 1)
    standing = progress.my_standing(ROSA, 1)
    assert standing.submitted_at == submitted and standing.locked


def test_a_finalised_vacancy_locks_every_members_scores() -> None:
    progress, _ = world(datetime(2026, 2, 2, 9, 0, tzinfo=UTC), status="finalised", submitted=True)
    assert progress.my_standing(SAM, 1).locked
    assert progress.my_standing(SAM, 1).submitted_at is not None
