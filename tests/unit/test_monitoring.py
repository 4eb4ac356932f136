"""Equality monitoring by stage: selection rates per group from applied to meets-minimum to
shortlisted, groups under four-fifths of the highest rate flagged, groups under five never
shown."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules.monitoring import NOT_ANSWERED, monitoring_report


def people(groups: dict[str, tuple[int, int, int]], question: str = "sex"):
    """groups: name -> (applied, meets minimum, shortlisted); the shortlisted are among those
    who meet the minimum."""
    answers, stages = [], []
    n = 0
    for group, (applied, meets, shortlisted) in groups.items():
        for i in range(applied):
            ref = f"A{n:04d}"
            n += 1
            answers.append({"application_id": ref, question: group})
            stages.append(
                {"application_id": ref, "meets_minimum": i < meets, "shortlisted": i < shortlisted}
            )
    return pd.DataFrame(answers), pd.DataFrame(stages)


def groups_of(report):
    return {g.group: g for g in report.groups}


def test_a_group_under_four_fifths_of_the_highest_rate_is_flagged() -> None:
    answers, stages = people({"Female": (10, 8, 6), "Male": (10, 8, 3)})
    (sex,) = monitoring_report(answers, stages)
    female, male = groups_of(sex)["Female"], groups_of(sex)["Male"]
    assert male.counts == {"applied": 10, "meets minimum": 8, "shortlisted": 3}
    assert male.rates["shortlisted"] == pytest.approx(0.3)
    assert male.impact_ratio["shortlisted"] == pytest.approx(0.5)
    assert male.flagged == ("shortlisted",)  # meets minimum is level
    assert female.flagged == () and female.impact_ratio["shortlisted"] == pytest.approx(1.0)
    assert "Male: shortlisted at 0.50 of the highest group's rate" in sex.note


def test_exactly_four_fifths_is_not_flagged() -> None:
    answers, stages = people({"Female": (10, 10, 5), "Male": (10, 10, 4)})
    (sex,) = monitoring_report(answers, stages)
    assert groups_of(sex)["Male"].impact_ratio["shortlisted"] == pytest.approx(0.8)
    assert groups_of(sex)["Male"].flagged == ()
    assert sex.note == "No group is under four-fifths of the highest group's rate."


def test_a_group_of_four_is_suppressed_and_never_the_reference() -> None:
    # the group of four has the highest rate (4 of 4); if it were the reference, Female
    # (5 of 10) would be flagged at 0.5
    answers, stages = people({"Female": (10, 10, 5), "Male": (10, 10, 5), "Other": (4, 4, 4)})
    (sex,) = monitoring_report(answers, stages)
    other = groups_of(sex)["Other"]
    assert other.suppressed
    assert set(other.counts.values()) == {None} and set(other.rates.values()) == {None}
    assert groups_of(sex)["Female"].impact_ratio["shortlisted"] == pytest.approx(1.0)
    assert not any(g.flagged for g in sex.groups)
    assert "1 group(s) of fewer than 5 applicants are not shown" in sex.note


def test_a_group_of_five_is_shown() -> None:
    answers, stages = people({"Female": (10, 10, 5), "Other": (5, 5, 1)})
    (sex,) = monitoring_report(answers, stages)
    other = groups_of(sex)["Other"]
    assert not other.suppressed and other.counts["applied"] == 5
    assert other.flagged == ("shortlisted",)


def test_blank_answers_and_people_without_answers_count_as_not_answered_last() -> None:
    answers, stages = people({"Female": (6, 6, 3), "": (3, 3, 1)})
    # three more applicants with no monitoring row at all
    extra = pd.DataFrame(
        [{"application_id": f"X{i}", "meets_minimum": True, "shortlisted": False} for i in range(3)]
    )
    (sex,) = monitoring_report(answers, pd.concat([stages, extra], ignore_index=True))
    assert [g.group for g in sex.groups] == ["Female", NOT_ANSWERED]
    assert groups_of(sex)[NOT_ANSWERED].counts["applied"] == 6


def test_spellings_differing_in_case_or_spacing_are_one_group() -> None:
    answers = pd.DataFrame(
        {
            "application_id": [f"A{i}" for i in range(7)],
            "ethnicity": ["White British", "white british", " White  British", "WHITE BRITISH"]
            + ["White British "]
            + ["Asian"] * 2,
        }
    )
    stages = pd.DataFrame(
        {"application_id": answers["application_id"], "meets_minimum": True, "shortlisted": True}
    )
    (ethnicity,) = monitoring_report(answers, stages)
    shown = groups_of(ethnicity)
    assert set(shown) == {"White British", "Asian"}
    assert shown["White British"].counts["applied"] == 5 and shown["Asian"].suppressed


def test_each_question_is_a_report_and_stages_are_judged_separately() -> None:
    answers, stages = people({"Under 25": (10, 5, 5), "25 to 49": (10, 10, 5)}, "age band")
    answers["disability"] = ["Yes"] * 10 + ["No"] * 10
    age, disability = monitoring_report(answers, stages)
    assert age.characteristic == "age band" and disability.characteristic == "disability"
    young = groups_of(age)["Under 25"]
    assert young.flagged == ("meets minimum",)  # 50% against 100%; shortlisted is level
    assert [g.group for g in disability.groups] == ["No", "Yes"]


def test_nobody_reaching_a_stage_flags_nobody() -> None:
    answers, stages = people({"Female": (6, 0, 0), "Male": (6, 0, 0)})
    (sex,) = monitoring_report(answers, stages)
    for group in sex.groups:
        assert group.impact_ratio == {"meets minimum": None, "shortlisted": None}
        assert group.flagged == ()


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=6),
    data=st.data(),
)
def test_no_group_of_one_to_four_is_ever_shown(sizes, data) -> None:
    groups = {}
    for i, size in enumerate(sizes):
        meets = data.draw(st.integers(0, size))
        groups[f"Group {i}"] = (size, meets, data.draw(st.integers(0, meets)))
    answers, stages = people(groups)
    (report,) = monitoring_report(answers, stages)
    for g in report.groups:
        applied = groups[g.group][0]
        assert g.suppressed == (applied < 5)
        if g.suppressed:
            assert set(g.counts.values()) == {None} and set(g.rates.values()) == {None}
            assert g.flagged == ()
        else:
            assert g.counts["applied"] == applied >= 5
            assert 0.0 <= min(r for r in g.rates.values() if r is not None)
            assert all(r is None or 0 <= r <= 1 for r in g.impact_ratio.values())
