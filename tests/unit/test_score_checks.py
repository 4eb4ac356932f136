"""The core's score rules: the scale, the version a screen was drawn from, and the scores a
member still owes (one rule for their own progress, HR's board and their submission)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.errors import ReasonRequired, ScoreOutOfScale, StaleEdit, UnknownCriterion
from scoring.rules.owed_scores import scores_owed, still_owed
from scoring.rules.scheme import SCALES
from scoring.rules.score_checks import (
    ScoringRules,
    StoredScore,
    check_agreed_score,
    check_drawn_version,
    check_on_scale,
)
from scoring.rules.who_scores import Listing
from tests import factories


@given(scale=st.sampled_from(list(SCALES.values())), value=st.integers(-10, 10))
def test_a_score_is_accepted_exactly_when_it_is_a_point_of_the_scale(scale, value) -> None:  # type: ignore[no-untyped-def]
    if scale.minimum <= value <= scale.maximum:
        assert check_on_scale(scale, value) == value
    else:
        with pytest.raises(ScoreOutOfScale, match=f"from {scale.minimum} to {scale.maximum}"):
            check_on_scale(scale, value)


@pytest.mark.parametrize("value", [True, 2.0, "2", None])
def test_a_score_that_is_not_a_whole_number_is_refused(value: object) -> None:
    with pytest.raises(ScoreOutOfScale):
        check_on_scale(SCALES["0-3"], value)


@given(drawn=st.none() | st.integers(1, 5), stored=st.none() | st.integers(1, 5))
def test_an_edit_stands_only_when_drawn_from_the_stored_version(drawn, stored) -> None:  # type: ignore[no-untyped-def]
    if drawn == stored:
        check_drawn_version(drawn, stored, what="x", current=None, now="1")
    else:
        with pytest.raises(StaleEdit):
            check_drawn_version(drawn, stored, what="x", current=None, now="1")


def test_an_agreed_score_needs_a_scored_criterion_a_point_on_the_scale_and_a_note() -> None:
    rules = ScoringRules.of(factories.vacancy())
    ok = {
        "criterion_id": "e1",
        "score": 2,
        "note": "Agreed",
        "drawn_version": None,
        "stored": None,
        "where": "P1 / e1",
    }
    check_agreed_score(rules, **ok)  # type: ignore[arg-type]
    with pytest.raises(UnknownCriterion):
        check_agreed_score(rules, **{**ok, "criterion_id": "zz"})  # type: ignore[arg-type]
    with pytest.raises(ScoreOutOfScale):
        check_agreed_score(rules, **{**ok, "score": 7})  # type: ignore[arg-type]
    with pytest.raises(ReasonRequired):
        check_agreed_score(rules, **{**ok, "note": "  "})  # type: ignore[arg-type]
    with pytest.raises(StaleEdit, match="agreed score for P1 / e1"):
        check_agreed_score(rules, **{**ok, "stored": StoredScore(1, "x", 1)})  # type: ignore[arg-type]


def test_a_member_owes_every_scored_criterion_of_every_application_but_withdrawn_and_conflicted() -> (
    None
):
    owed = scores_owed(
        [Listing("P1"), Listing("P2", withdrawn=True), Listing("P3"), Listing("P4")],
        conflicted={"P3"},
        scored={"P1": 4, "P2": 1, "P4": 1},
        criteria=4,
    )
    assert [(o.panel_code, o.scored, o.expected, o.done) for o in owed] == [
        ("P1", 4, 4, True),
        ("P4", 1, 4, False),
    ]
    assert still_owed(owed) == 3


@given(
    apps=st.lists(st.tuples(st.booleans(), st.booleans(), st.integers(0, 6)), max_size=20),
    criteria=st.integers(0, 5),
)
def test_what_is_owed_is_never_negative_and_zero_only_when_all_is_scored(apps, criteria) -> None:  # type: ignore[no-untyped-def]
    listed = [Listing(f"P{i}", withdrawn) for i, (withdrawn, _, _) in enumerate(apps)]
    conflicted = {f"P{i}" for i, (_, c, _) in enumerate(apps) if c}
    scored = {f"P{i}": n for i, (_, _, n) in enumerate(apps)}
    owed = scores_owed(listed, conflicted=conflicted, scored=scored, criteria=criteria)
    assert still_owed(owed) >= 0
    assert (still_owed(owed) == 0) == all(o.done for o in owed)
