"""Which applications a member scores: one rule, and every place that asks agrees with it. The
score check, what a member owes, what the panel reads, the pad and what moderation expects
name the same applications for any panel, withdrawals, held late applications and conflicts."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.errors import ApplicationWithdrawn, ConflictOfInterest, DomainError, NotReleased
from scoring.rules.who_scores import (
    Listing,
    Unscored,
    applications_a_member_scores,
    check_scored_by_member,
    why_not_scored,
)
from tests import factories
from tests.fake_repository import FakeRepository
from tests.fakes import application, fake_world, member, service
from use_cases.panel_reading import PanelReading
from use_cases.progress import Progress
from use_cases.score_writes import ScoreWrites
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
PANEL = [member(7, "rpatel"), member(8, "sjones"), member(9, "tokafor")]


@pytest.mark.parametrize(
    ("withdrawn", "held", "conflicted", "why"),
    [
        (False, False, False, None),
        (True, False, False, Unscored.WITHDRAWN),
        (False, True, False, Unscored.HELD),
        (False, False, True, Unscored.CONFLICTED),
        (True, True, True, Unscored.WITHDRAWN),
        (False, True, True, Unscored.HELD),
    ],
)
def test_a_member_scores_an_application_unless_withdrawn_held_or_conflicted(
    withdrawn: bool, held: bool, conflicted: bool, why: Unscored | None
) -> None:
    assert why_not_scored(withdrawn=withdrawn, held=held, conflicted=conflicted) is why


@pytest.mark.parametrize(
    ("facts", "error", "words"),
    [
        ({"withdrawn": True}, ApplicationWithdrawn, "P1 has been withdrawn"),
        ({"held": True}, NotReleased, "P1 is a late application HR has not released"),
        ({"conflicted": True}, ConflictOfInterest, "You declared a conflict of interest with P1"),
    ],
)
def test_a_score_for_an_application_the_member_does_not_score_is_refused_saying_why(
    facts: dict[str, bool], error: type[DomainError], words: str
) -> None:
    given_facts = {"withdrawn": False, "held": False, "conflicted": False, **facts}
    with pytest.raises(error, match=words):
        check_scored_by_member("P1", **given_facts)


def test_the_list_keeps_the_order_it_was_given() -> None:
    listed = [Listing("P3"), Listing("P1", held=True), Listing("P2"), Listing("P4")]
    assert applications_a_member_scores(listed, conflicted={"P4"}) == [listed[0], listed[2]]


def world(apps: list[tuple[bool, bool]], conflicts: set[tuple[int, int]]) -> FakeRepository:
    return fake_world(
        factories.vacancy(),
        members=PANEL,
        applications=[application(i + 1, withdrawn=w, held=h) for i, (w, h) in enumerate(apps)],
        conflicts={(PANEL[m].user_id, a) for m, a in conflicts if a <= len(apps)},
    )


def accepted_by_the_score_check(repo: FakeRepository, who: int) -> set[str]:
    writes: ScoreWrites = service(ScoreWrites, repo, NOW)
    accepted = set()
    for code in sorted(repo.state.applications):
        try:
            writes.save_score(PANEL[who], 1, panel_code=code, criterion_id="e1", score=1)
        except (ApplicationWithdrawn, NotReleased, ConflictOfInterest):
            continue
        accepted.add(code)
    return accepted


def expected_by_moderation(repo: FakeRepository, who: int) -> set[str]:
    shortlists: Shortlists = service(Shortlists, repo, NOW)
    cube = shortlists.run(object(), repo.state.vacancy).result.moderation.cube  # type: ignore[arg-type]
    k = cube.members.index(PANEL[who].username)
    by_reference = {a.reference: a.panel_code for a in repo.state.applications.values()}
    rows = np.flatnonzero(cube.expected[:, k]).tolist()
    return {by_reference[cube.application_ids[i]] for i in rows}


@settings(max_examples=60, deadline=None)
@given(
    apps=st.lists(st.tuples(st.booleans(), st.booleans()), max_size=6),
    conflicts=st.sets(st.tuples(st.integers(0, 2), st.integers(1, 6)), max_size=8),
    who=st.integers(0, 2),
)
def test_every_place_that_asks_which_applications_a_member_scores_gets_the_same_answer(
    apps: list[tuple[bool, bool]], conflicts: set[tuple[int, int]], who: int
) -> None:
    repo = world(apps, conflicts)
    actor = PANEL[who]
    rule = {
        a.panel_code
        for a in applications_a_member_scores(
            repo.state.applications.values(),
            conflicted={
                a.panel_code
                for a in repo.state.applications.values()
                if (actor.user_id, a.id) in repo.state.conflicts
            },
        )
    }
    progress: Progress = service(Progress, repo, NOW)
    reading: PanelReading = service(PanelReading, repo, NOW, progress=progress)
    codes = sorted(repo.state.applications)
    assert {o.panel_code for o in progress.my_progress(actor, 1)} == rule
    assert {a.panel_code for a in reading.panel_applications(actor, 1)} == rule
    assert {a.panel_code for a in reading.pad_applications(actor, 1, codes)} == rule
    assert set(reading.review_order(actor, 1)) == rule
    assert expected_by_moderation(repo, who) == rule
    assert accepted_by_the_score_check(repo, who) == rule
    for code in codes:
        if code not in rule:
            with pytest.raises(DomainError):
                reading.panel_application(actor, 1, code)
