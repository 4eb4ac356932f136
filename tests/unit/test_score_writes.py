"""The one write path for panel scores, against an in-memory repository: every guard, the
version check against what the person's screen showed, and all-or-nothing batches."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from scoring.errors import (
    AlreadySubmitted,
    ApplicationWithdrawn,
    ConflictOfInterest,
    NotAllowed,
    NotDeclared,
    NotFound,
    NotReleased,
    ScoreOutOfScale,
    ScoringLocked,
    StaleEdit,
    UnknownCriterion,
)
from scoring.rules.score_checks import ScoreChange, Seat, StoredScore
from storage.repository import ApplicationRef
from tests import factories
from tests.fakes import FakeRepository, FakeState, FakeStore, fake_vacancy, member
from use_cases import score_writes
from use_cases.access import Actor, Role
from use_cases.errors import ScoresRefused
from use_cases.score_writes import ScoreWrites

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA = member()


def world(status: str = "open", **seat: bool) -> tuple[ScoreWrites, FakeRepository]:
    rules = factories.vacancy(
        [
            factories.criterion("c1"),
            factories.criterion("c2", "desirable"),
            factories.criterion("c3", stage="interview"),
        ]
    )
    state = FakeState(vacancy=fake_vacancy(rules, status=status))
    flags = {"assigned": True, "released": True, "declared": True, "submitted": False, **seat}
    state.seats[ROSA.user_id] = Seat(status, **flags)
    state.applications = {
        "P00001": ApplicationRef(1, "A1", "P00001", False),
        "P00002": ApplicationRef(2, "A2", "P00002", True),
        "P00003": ApplicationRef(3, "A3", "P00003", False),
    }
    state.conflicts = {(ROSA.user_id, 3)}
    repo = FakeRepository(state)
    return ScoreWrites(FakeStore(repo), repo=repo, clock=lambda: NOW), repo  # type: ignore[arg-type]


def stored(repo: FakeRepository, code: str = "P00001", criterion: str = "c1") -> StoredScore | None:
    app = repo.state.applications[code]
    kept = repo.state.scores.get((app.id, criterion, ROSA.user_id))
    return kept[1] if kept else None


def test_a_first_score_is_stored_at_version_1_and_audited() -> None:
    writes, repo = world()
    saved = writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=2)
    assert (saved.score, saved.version) == (2, 1)
    assert stored(repo) == StoredScore(2, "", 1)
    assert repo.state.audit[-1]["action"] == "score" and repo.state.audit[-1]["new"]["score"] == 2


def test_a_change_from_the_version_the_screen_showed_is_stored_at_the_next_version() -> None:
    writes, repo = world()
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=2)
    saved = writes.save_score(
        ROSA, 1, panel_code="P00001", criterion_id="c1", score=3, expected_version=1
    )
    assert saved.version == 2 and stored(repo) == StoredScore(3, "", 2)
    assert repo.state.audit[-1]["old"] == {"score": 2, "note": ""}


def test_a_change_from_a_stale_screen_is_refused_and_the_newer_value_stays() -> None:
    writes, repo = world()
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=2)  # window A drew v1
    writes.save_score(
        ROSA, 1, panel_code="P00001", criterion_id="c1", score=3, expected_version=1
    )  # window B
    with pytest.raises(StaleEdit, match=r"changed in another window .*it is now 3") as refused:
        writes.save_score(
            ROSA, 1, panel_code="P00001", criterion_id="c1", score=1, expected_version=1
        )
    assert refused.value.current == StoredScore(3, "", 2)
    assert stored(repo) == StoredScore(3, "", 2)


def test_a_screen_that_showed_no_score_cannot_overwrite_one_given_meanwhile() -> None:
    writes, repo = world()
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=3)
    with pytest.raises(StaleEdit):
        writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=1)
    assert stored(repo) == StoredScore(3, "", 1)


def test_the_score_already_stored_is_accepted_from_any_screen_and_writes_nothing() -> None:
    writes, repo = world()
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=3)
    audited = len(repo.state.audit)
    saved = writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=3)
    assert saved.version == 1 and len(repo.state.audit) == audited


def test_a_note_alone_keeps_the_score_and_a_score_alone_keeps_the_note() -> None:
    writes, repo = world()
    writes.save_score(
        ROSA, 1, panel_code="P00001", criterion_id="c1", score=2, note="Clear example"
    )
    writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="c1", score=3, expected_version=1)
    assert stored(repo) == StoredScore(3, "Clear example", 2)


@pytest.mark.parametrize(
    ("seat", "status", "change", "error"),
    [
        ({"assigned": False}, "open", ("P00001", "c1", 2), NotAllowed),
        ({"released": False}, "open", ("P00001", "c1", 2), NotReleased),
        ({"declared": False}, "open", ("P00001", "c1", 2), NotDeclared),
        ({"submitted": True}, "open", ("P00001", "c1", 2), AlreadySubmitted),
        ({}, "finalised", ("P00001", "c1", 2), ScoringLocked),
        ({}, "open", ("P00001", "c3", 2), UnknownCriterion),  # assessed at interview
        ({}, "open", ("P00001", "c9", 2), UnknownCriterion),
        ({}, "open", ("P00001", "c1", 4), ScoreOutOfScale),
        ({}, "open", ("P00001", "c1", -1), ScoreOutOfScale),
        ({}, "open", ("P00001", "c1", True), ScoreOutOfScale),
        ({}, "open", ("P00002", "c1", 2), ApplicationWithdrawn),
        ({}, "open", ("P00003", "c1", 2), ConflictOfInterest),
        ({}, "open", ("P09999", "c1", 2), NotFound),
    ],
)
def test_every_guard_refuses_and_nothing_is_written(
    seat: dict[str, bool], status: str, change: tuple[str, str, int], error: type[Exception]
) -> None:
    writes, repo = world(status, **seat)
    code, criterion, value = change
    with pytest.raises(error):
        writes.save_score(ROSA, 1, panel_code=code, criterion_id=criterion, score=value)
    assert repo.state.scores == {} and repo.state.audit == []


def test_a_batch_with_one_bad_score_stores_none_and_can_name_every_refusal() -> None:
    writes, repo = world()
    changes = [
        ScoreChange("P00001", "c1", 2),
        ScoreChange("P00001", "c2", 9),
        ScoreChange("P00002", "c1", 1),
    ]
    with pytest.raises(ScoreOutOfScale):
        writes.save_scores(ROSA, 1, [(c.panel_code, c.criterion_id, c.score) for c in changes])
    with pytest.raises(ScoresRefused) as refused, writes.store.writing() as session:
        writes.record(
            session, actor=ROSA, member=ROSA, vacancy_id=1, changes=changes, every_refusal=True
        )  # type: ignore[arg-type]
    assert [type(e) for _, e in refused.value.refusals] == [ScoreOutOfScale, ApplicationWithdrawn]
    assert repo.state.scores == {}


def test_hr_returning_a_members_sheet_is_told_about_the_member_not_themselves() -> None:
    writes, repo = world(submitted=True)
    hr = Actor(user_id=1, username="hr", display_name="Hilary", role=Role.HR)
    with (
        pytest.raises(AlreadySubmitted, match="^Rpatel has submitted their scores"),
        writes.store.writing() as session,
    ):
        writes.record(
            session, actor=hr, member=ROSA, vacancy_id=1, changes=[ScoreChange("P00001", "c1", 2)]
        )  # type: ignore[arg-type]


def test_a_score_overtaken_while_a_batch_is_stored_is_the_one_named(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writes, repo = world()
    writes.save_scores(ROSA, 1, [("P00001", "c1", 2), ("P00001", "c2", 1)])
    changes = [  # the first as stored (nothing to write), the second changed
        ScoreChange("P00001", "c1", 2, drawn_version=1),
        ScoreChange("P00001", "c2", 3, drawn_version=1),
    ]
    # another window stores between this batch's check and its write
    monkeypatch.setattr(repo, "write_panel_scores", lambda **_: False)
    with pytest.raises(StaleEdit) as refused, writes.store.writing() as session:
        writes.record(session, actor=ROSA, member=ROSA, vacancy_id=1, changes=changes)  # type: ignore[arg-type]
    assert str(refused.value).startswith("P00001, criterion 2,"), str(refused.value)
    assert stored(repo, criterion="c2") == StoredScore(1, "", 1)


def test_a_big_batch_is_written_a_few_at_a_time_each_with_its_audit_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a returned sheet's 200,000 changes are never all held as rows and entries at once
    writes, repo = world()
    monkeypatch.setattr(score_writes, "WRITTEN_AT_ONCE", 1)
    sizes: list[int] = []
    write = repo.write_panel_scores

    def counted(**given: Any) -> bool:
        sizes.append(len(given["writes"]))
        return write(**given)

    monkeypatch.setattr(repo, "write_panel_scores", counted)
    changes = [ScoreChange("P00001", "c1", 2), ScoreChange("P00001", "c2", 1)]
    with writes.store.writing() as session:
        recorded = writes.record(session, actor=ROSA, member=ROSA, vacancy_id=1, changes=changes)  # type: ignore[arg-type]
    assert sizes == [1, 1]
    assert recorded.written == 2 and [r.score for r in recorded.records] == [2, 1]
    assert (stored(repo), stored(repo, criterion="c2")) == (
        StoredScore(2, "", 1),
        StoredScore(1, "", 1),
    )
    assert [e["entity_id"] for e in repo.state.audit[-2:]] == ["P00001/c1", "P00001/c2"]
