"""Key presses from the score pad against the in-memory repository: each press is applied
once, in the order pressed, through the one write path; a press sent again is answered from
its receipt and never applied twice; a refused press gets a receipt too, with the reason and
the score as it is stored now."""

from __future__ import annotations

from datetime import UTC, datetime

from scoring.rules.score_checks import ScoreChange
from tests import factories
from tests.fake_pad import FakePad, pad_world
from tests.fakes import application, fake_store, fake_world, member, stored_scores
from use_cases.pad_presses import PadPresses, Press
from use_cases.score_writes import ScoreWrites

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA = member(7, "rpatel")
PAD = "pad-1"


def pad(*, withdrawn: bool = False) -> tuple[PadPresses, FakePad]:
    rules = factories.vacancy([factories.criterion("c1"), factories.criterion("c2")])
    apps = [application(1), application(2, withdrawn=withdrawn)]
    repo = pad_world(fake_world(rules, members=[ROSA], applications=apps))
    store, clock = fake_store(repo), (lambda: NOW)
    writes = ScoreWrites(store, repo=repo, clock=clock)
    return PadPresses(store, writes=writes, repo=repo, clock=clock), repo


def press(seq: int, score: int, code: str = "P00001", criterion: str = "c1", drawn: int | None = None) -> Press:  # fmt: skip
    return Press(seq, ScoreChange(code, criterion, score, drawn_version=drawn))


def test_presses_are_applied_in_the_order_pressed_whatever_order_they_arrive_in() -> None:
    service, repo = pad()

    done = service.apply_presses(
        ROSA, 1, client_id=PAD, presses=[press(2, 3, drawn=1), press(1, 2)]
    )

    assert [(s, r.ok, r.score, r.version) for s, r in sorted(done.items())] == [
        (1, True, 2, 1), (2, True, 3, 2),
    ]  # fmt: skip
    assert stored_scores(repo, ROSA.user_id) == {("P00001", "c1"): 3}
    assert sorted(repo.state.receipts) == [(7, PAD, 1), (7, PAD, 2)]


def test_a_press_sent_again_is_answered_from_its_receipt_and_not_applied_twice() -> None:
    service, repo = pad()
    first = service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(1, 2)])
    audited = len(repo.state.audit)

    again = service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(1, 2)])

    assert again == first
    assert len(repo.state.audit) == audited, "nothing written again"


def test_a_refused_press_gets_a_receipt_with_the_reason_and_the_score_stored_now() -> None:
    service, repo = pad()
    service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(1, 2)])

    done = service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(2, 1)])  # drawn: none

    refused = done[2]
    assert (refused.ok, refused.score, refused.version) == (False, None, None)
    assert "another window" in refused.message
    assert refused.current is not None and (refused.current.score, refused.current.version) == (2, 1)  # fmt: skip
    assert stored_scores(repo, ROSA.user_id) == {("P00001", "c1"): 2}
    assert repo.state.receipts[7, PAD, 2].ok is False


def test_a_refused_press_answers_the_same_when_sent_again() -> None:
    service, repo = pad(withdrawn=True)
    first = service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(1, 2, code="P00002")])
    assert first[1].ok is False and "withdrawn" in first[1].message

    again = service.apply_presses(ROSA, 1, client_id=PAD, presses=[press(1, 2, code="P00002")])

    assert again[1].message == first[1].message and again[1].ok is False
    assert stored_scores(repo, ROSA.user_id) == {}


def test_each_pad_numbers_its_own_presses() -> None:
    service, repo = pad()
    service.apply_presses(ROSA, 1, client_id="pad-1", presses=[press(1, 2)])
    done = service.apply_presses(ROSA, 1, client_id="pad-2", presses=[press(1, 1, criterion="c2")])
    assert done[1].ok
    assert stored_scores(repo, ROSA.user_id) == {("P00001", "c1"): 2, ("P00001", "c2"): 1}
