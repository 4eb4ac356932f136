"""From panel scores to agreed scores, with flags."""

from __future__ import annotations

import numpy as np

from scoring.rules.moderation import ScoreCube, moderate
from scoring.rules.scheme import ModerationRule, Scheme
from tests.factories import agreed, scores


def cube(
    table: dict[str, dict[str, tuple[int | None, ...]]],
    members: tuple[str, ...] = ("m1", "m2", "m3"),
    exclusions: set[tuple[str, str]] | None = None,
) -> ScoreCube:
    apps = sorted(table)
    crits = sorted({c for by in table.values() for c in by})
    return ScoreCube.from_frame(scores(table, members), apps, crits, members, exclusions)


def test_the_default_agreed_score_is_the_rounded_down_mean() -> None:
    m = moderate(cube({"A": {"c": (2, 3, 3)}}), Scheme())
    assert m.agreed[0, 0] == 2.0  # mean 2.67 rounds down
    assert not m.needs_agreement[0, 0]


def test_the_median_rule() -> None:
    m = moderate(cube({"A": {"c": (1, 3, 3)}}), Scheme(moderation=ModerationRule.MEDIAN))
    assert m.agreed[0, 0] == 3.0


def test_a_spread_of_two_needs_an_agreed_score_and_one_does_not() -> None:
    m = moderate(cube({"A": {"c": (1, 3, 2)}, "B": {"c": (2, 3, 3)}}), Scheme())
    assert m.needs_agreement.tolist() == [[True], [False]]
    assert m.spread.tolist() == [[2.0], [1.0]]


def test_the_disagreement_spread_is_configurable() -> None:
    m = moderate(cube({"A": {"c": (2, 3, 3)}}), Scheme(disagreement_spread=1))
    assert m.needs_agreement[0, 0]


def test_a_recorded_agreed_score_settles_a_disagreement() -> None:
    c = cube({"A": {"c": (0, 3, 3)}})
    m = moderate(c, Scheme(), agreed({("A", "c"): 1}))
    assert m.agreed[0, 0] == 1.0
    assert not m.needs_agreement[0, 0]


def test_agreement_required_gives_no_default() -> None:
    m = moderate(
        cube({"A": {"c": (2, 2, 2)}}), Scheme(moderation=ModerationRule.AGREEMENT_REQUIRED)
    )
    assert np.isnan(m.agreed[0, 0]) and m.needs_agreement[0, 0]


def test_missing_scores_and_unfinished_members_are_flagged() -> None:
    m = moderate(cube({"A": {"c": (2, 2, None), "d": (1, 1, 1)}}), Scheme())
    assert m.missing[0, 0].tolist() == [False, False, True]
    assert m.unfinished_members() == ["m3"]
    assert m.incomplete_applications().tolist() == [True]
    assert m.agreed[0, 0] == 2.0, "a provisional default from the scores given"


def test_a_criterion_nobody_scored_has_no_agreed_score() -> None:
    c = ScoreCube.from_frame(
        scores({"A": {"c": (2, 2)}}, ("m1", "m2")), ["A"], ["c", "d"], ["m1", "m2"]
    )
    m = moderate(c, Scheme())
    assert np.isnan(m.agreed[0, 1])


def test_a_conflicted_member_is_not_expected_and_their_scores_are_ignored() -> None:
    m = moderate(cube({"A": {"c": (0, 3, 3)}}, exclusions={("m1", "A")}), Scheme())
    assert m.agreed[0, 0] == 3.0
    assert not m.missing.any() and not m.needs_agreement.any()
