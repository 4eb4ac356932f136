"""What the panel and HR read about the campaign (issue 26 item 8): the people who have not
finished named by their names, a refusal that names the criterion as the pad numbers it and
says "Not saved" once (the screen says it), one sentence when scores can no longer change,
and nothing to moderate on a vacancy with nothing to compare."""

from __future__ import annotations

import pytest

from scoring.errors import StaleEdit
from scoring.rules.moderation import ScoreCube, moderate
from scoring.rules.score_checks import (
    ScoreChange,
    ScoreTarget,
    ScoringRules,
    Seat,
    StoredScore,
    check_change,
    scores_locked,
)
from scoring.rules.shortlist import shortlist
from tests.factories import application, criterion, scores, vacancy

# As Dartford's pack words them: ids the panel never sees, numbered 1, 2, 3 on the pad.
CRITERIA = [criterion("exp-1", number=1), criterion("skl-2", number=2), criterion("att-x")]


def test_the_members_still_scoring_are_named_by_their_names() -> None:
    given = scores({"A": {"exp-1": (2, None), "skl-2": (2, None), "att-x": (2, None)}})
    result = shortlist(
        vacancy(CRITERIA),
        [application("A")],
        given,
        members=["m1", "m2"],
        member_names={"m1": "Rosa Patel", "m2": "Sam Okafor"},
    )
    assert "Not finished scoring: Sam Okafor." in result.issues
    assert not any("m2" in issue for issue in result.issues)


def test_the_issues_count_in_words() -> None:
    result = shortlist(vacancy(CRITERIA), [application("A")], scores({"A": {"exp-1": (0, 3)}}))
    assert "1 score differs by 2 or more and needs an agreed score." in result.issues
    assert "Not finished scoring: m1, m2." in result.issues  # no names given: the ids
    assert "2 application x criterion pairs have no score at all." in result.issues


def test_the_pad_numbers_criteria_as_the_document_does_else_by_their_place() -> None:
    assert vacancy(CRITERIA).criterion_numbers() == {"exp-1": 1, "skl-2": 2, "att-x": 3}


def test_a_stale_score_is_refused_naming_the_criterion_as_the_pad_numbers_it() -> None:
    """Issue 26: the pad read "not saved: Not saved: ... P00001 / exp-1"."""
    rules = ScoringRules.of(vacancy(CRITERIA))
    target = ScoreTarget(withdrawn=False, conflicted=False, stored=StoredScore(3, "", 1))
    with pytest.raises(StaleEdit) as refused:
        check_change(rules, ScoreChange("P00001", "exp-1", 1, drawn_version=None), target)
    message = str(refused.value)
    assert message.startswith("your score for P00001, criterion 1, was changed in another window")
    assert "Not saved" not in message and "exp-1" not in message


@pytest.mark.parametrize(
    ("status", "submitted", "said"),
    [
        ("scoring", False, None),
        ("moderation", False, None),
        ("scoring", True, "You have submitted your scores; changes now go through moderation."),
        ("finalised", False, "This vacancy is finalised: scores can no longer change."),
        ("finalised", True, "This vacancy is finalised: scores can no longer change."),
        ("closed", False, "This vacancy is closed: scores can no longer change."),
    ],
)
def test_one_sentence_says_why_a_members_scores_can_no_longer_change(
    status: str, submitted: bool, said: str | None
) -> None:
    seat = Seat(status, assigned=True, released=True, declared=True, submitted=submitted)
    assert scores_locked(seat) == said


def test_with_nothing_to_compare_there_is_nothing_to_moderate_yet() -> None:
    scheme = vacancy(CRITERIA).scheme
    ids = [c.id for c in CRITERIA]
    empty = moderate(ScoreCube.from_frame(scores({}), [], ids, ["m1", "m2"]), scheme)
    assert empty.nothing_to_moderate() == (
        "Nothing to moderate yet: the vacancy has no applications."
    )
    one_member = scores({"A": {i: (2, None) for i in ids}})
    started = moderate(ScoreCube.from_frame(one_member, ["A"], ids, ["m1", "m2"]), scheme)
    assert started.nothing_to_moderate().startswith("Nothing to moderate yet: no application")
    both = scores({"A": {i: (2, 3) for i in ids}})
    done = moderate(ScoreCube.from_frame(both, ["A"], ids, ["m1", "m2"]), scheme)
    assert done.nothing_to_moderate() == (
        "Nothing to moderate: the panel's scores are within the agreed spread."
    )
