"""Calibration: a member who scores systematically lower or higher than the panel on the same
applications is flagged, with the figures; too few shared scores are not judged; the
standardised view never changes a stored score."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules.calibration import calibrate, standardised

CRITERIA = ("c1", "c2")


def panel(offsets: dict[str, int], applications: int = 12) -> pd.DataFrame:
    """Every member scores every application x criterion: a common base score (varying by
    item, 1..2 on a 0-3 scale) plus the member's offset, clipped to the scale."""
    rows = []
    for i in range(applications):
        for j, criterion in enumerate(CRITERIA):
            item_base = 1 + (i + j) % 2
            for member, offset in offsets.items():
                rows.append(
                    {
                        "application_id": f"A{i:03d}",
                        "criterion_id": criterion,
                        "panel_member": member,
                        "score": min(3, max(0, item_base + offset)),
                    }
                )
    return pd.DataFrame(rows)


def by_member(frame: pd.DataFrame, **kwargs):
    result = calibrate(frame, scale_min=0, scale_max=3, **kwargs)
    return {m.member: m for m in result.members}


def test_a_deliberately_harsh_member_is_flagged_and_the_others_are_not() -> None:
    members = by_member(panel({"Ash": 0, "Bea": 0, "Cal": -1}))
    assert members["Cal"].flag == "harsh"
    assert members["Cal"].mean_difference == pytest.approx(-1.0)
    assert members["Cal"].panel_gap == pytest.approx(-2 / 3)
    assert "lower than colleagues" in members["Cal"].explanation
    assert "likely harsh" in members["Cal"].explanation
    # one harsh colleague does not make the other two look lenient
    assert members["Ash"].flag == members["Bea"].flag == ""
    assert members["Ash"].mean_difference == pytest.approx(0.5)
    assert members["Ash"].panel_gap == pytest.approx(1 / 3)
    assert "no flag" in members["Ash"].explanation


def test_a_lenient_member_is_flagged_lenient() -> None:
    members = by_member(panel({"Ash": 0, "Bea": 0, "Cal": 0, "Dee": 1}))
    assert members["Dee"].flag == "lenient"
    assert members["Dee"].mean_difference > 0
    assert "higher than colleagues" in members["Dee"].explanation
    assert [m for m, c in members.items() if c.flag] == ["Dee"]


def test_agreement_and_spread_are_measured_on_the_same_items() -> None:
    members = by_member(panel({"Ash": 0, "Bea": 0, "Cal": -1}))
    ash, cal = members["Ash"], members["Cal"]
    # Ash agrees exactly with Bea on every item and with Cal on none: half the pairs
    assert ash.exact_agreement == pytest.approx(0.5)
    assert ash.within_one == pytest.approx(1.0)
    assert cal.exact_agreement == pytest.approx(0.0)
    assert cal.within_one == pytest.approx(1.0)
    assert ash.scores == ash.shared == 2 * 12
    assert ash.spread == pytest.approx(0.5)  # scores of 1 and 2, half each
    assert cal.mean == pytest.approx(0.5)


def test_too_few_shared_scores_are_not_judged() -> None:
    members = by_member(panel({"Ash": 0, "Cal": -1}, applications=3))
    assert members["Cal"].shared == 6
    assert members["Cal"].flag == ""
    assert "Too few shared scores" in members["Cal"].explanation
    assert by_member(panel({"Ash": 0, "Cal": -1}, applications=3), min_shared=6)["Cal"].flag


def test_with_two_members_the_flag_says_it_cannot_tell_which_is_out_of_line() -> None:
    members = by_member(panel({"Ash": 0, "Cal": -1}))
    assert members["Cal"].flag == "harsh" and members["Ash"].flag == "lenient"
    assert "not which is out of line" in members["Cal"].explanation


def test_a_gap_that_is_not_consistent_is_not_flagged() -> None:
    rows = []
    for i in range(20):  # Cal is 3 points lower on two items and level on the rest
        low = i < 2
        for member, score in (("Ash", 3 if low else 1), ("Bea", 3 if low else 1)):
            rows.append((f"A{i:02d}", "c1", member, score))
        rows.append((f"A{i:02d}", "c1", "Cal", 0 if low else 1))
    frame = pd.DataFrame(rows, columns=["application_id", "criterion_id", "panel_member", "score"])
    cal = by_member(frame, threshold=0.15)["Cal"]
    assert abs(cal.panel_gap) >= 0.15
    assert cal.flag == ""
    assert "not consistently" in cal.explanation


def test_a_member_with_no_colleague_on_the_same_item_has_no_difference() -> None:
    frame = pd.DataFrame(
        [("A1", "c1", "Ash", 2), ("A2", "c1", "Bea", 1)],
        columns=["application_id", "criterion_id", "panel_member", "score"],
    )
    members = by_member(frame)
    assert members["Ash"].shared == 0 and math.isnan(members["Ash"].mean_difference)
    assert members["Ash"].flag == ""


def test_no_scores_give_an_empty_calibration() -> None:
    empty = pd.DataFrame(columns=["application_id", "criterion_id", "panel_member", "score"])
    result = calibrate(empty, scale_min=0, scale_max=3)
    assert result.members == () and result.threshold == pytest.approx(0.45)


def test_the_standardised_view_adds_a_column_and_changes_no_score() -> None:
    frame = panel({"Ash": 0, "Bea": 0, "Cal": -1})
    before = frame.copy()
    view = standardised(frame, scale_min=0, scale_max=3)
    pd.testing.assert_frame_equal(frame, before)  # the input is not touched
    pd.testing.assert_series_equal(view["score"], before["score"])
    assert view["standardised"].between(0, 3).all()
    # after standardising, the harsh member's mean is the panel's mean like everyone else's
    means = view.groupby("panel_member")["standardised"].mean()
    assert means.max() - means.min() == pytest.approx(0, abs=0.01)
    raw = view.groupby("panel_member")["score"].mean()
    assert raw["Ash"] - raw["Cal"] == pytest.approx(1)


member_scores = st.lists(st.integers(0, 3), min_size=12, max_size=12)


@settings(max_examples=40, deadline=None)
@given(a=member_scores, b=member_scores, c=member_scores)
def test_calibration_figures_are_bounded_and_the_gaps_balance(a, b, c) -> None:
    rows = [
        (f"A{i}", "c1", member, score)
        for member, scores in (("Ash", a), ("Bea", b), ("Cal", c))
        for i, score in enumerate(scores)
    ]
    frame = pd.DataFrame(rows, columns=["application_id", "criterion_id", "panel_member", "score"])
    members = calibrate(frame, scale_min=0, scale_max=3).members
    for m in members:
        assert 0 <= m.exact_agreement <= m.within_one <= 1
        assert m.shared == 12
        assert m.flag in ("", "harsh", "lenient")
        if m.flag == "harsh":
            assert m.panel_gap <= -0.45
        if m.flag == "lenient":
            assert m.panel_gap >= 0.45
    # every item is scored by all three, so the gaps from the panel's mean sum to zero
    assert sum(m.panel_gap for m in members) == pytest.approx(0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(scores=member_scores, shift=st.integers(-1, 1))
def test_adding_the_same_points_to_everyone_changes_no_flag(scores, shift) -> None:
    rows = [
        (f"A{i}", "c1", member, s + offset)
        for i, s in enumerate(scores)
        for member, offset in (("Ash", 0), ("Bea", 1), ("Cal", 2))
    ]
    frame = pd.DataFrame(rows, columns=["application_id", "criterion_id", "panel_member", "score"])
    shifted = frame.assign(score=frame["score"] + shift + 1)
    first = calibrate(frame, scale_min=0, scale_max=6)
    second = calibrate(shifted, scale_min=0, scale_max=6)
    assert [m.flag for m in first.members] == [m.flag for m in second.members]
    assert [m.panel_gap for m in first.members] == pytest.approx(
        [m.panel_gap for m in second.members]
    )
