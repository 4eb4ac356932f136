"""Reading time and the figures of the proof of human review: the figures above the table are
the table's own counts, whatever was recorded."""

from __future__ import annotations

import statistics
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.rules.human_review import (
    READING_GAP,
    ApplicationReview,
    MemberReview,
    PadView,
    Panellist,
    ReadingRecord,
    feedback_sentence,
    pad_view_change,
    reading_after,
    review_figures,
    review_vacancy,
    vacancy_figures,
)

AT = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("gap", "credited"),
    [
        (timedelta(minutes=5), 300),
        (READING_GAP, int(READING_GAP.total_seconds())),
        (READING_GAP + timedelta(seconds=1), 0),  # left it open and went away
        (timedelta(seconds=-30), 0),  # clocks out of step never take time away
    ],
)
def test_a_gap_counts_as_reading_up_to_the_cap(gap: timedelta, credited: int) -> None:
    assert reading_after(60, AT, AT + gap)[0] == 60 + credited
    assert reading_after(60, None, AT) == (60, AT)


def test_being_shown_an_application_starts_its_reading_and_credits_the_time_before_none() -> None:
    assert reading_after(60, AT, AT + timedelta(minutes=5), opening=True) == (
        60,
        AT + timedelta(minutes=5),
    )


def test_key_presses_a_fifth_of_a_second_apart_add_up_to_whole_seconds() -> None:
    seconds, since = 0, AT
    for press in range(1, 21):
        seconds, since = reading_after(seconds, since, AT + press * timedelta(milliseconds=200))
    assert seconds == 4


def test_the_pad_moving_on_closes_what_it_showed_and_opens_the_next() -> None:
    a, b = PadView(1, "m1", "P001"), PadView(1, "m1", "P002")
    assert pad_view_change(None, a) == (None, a)
    assert pad_view_change(a, a) == (None, None)  # the same drawing again: no new view
    assert pad_view_change(a, b) == (a, b)
    again = PadView(1, "m2", "P001")  # drawn again (a reload, or back on the Score page)
    assert pad_view_change(a, again) == (a, again)
    assert pad_view_change(a, None) == (None, None)
    assert pad_view_change(a, None, left="m1") == (a, None)
    assert pad_view_change(a, None, left="m0") == (None, None)  # an older drawing's leaving
    assert pad_view_change(None, None, left="m1") == (None, None)


def member(name: str, seconds: int = 0, scored: int = 0, views: int = 0) -> MemberReview:
    return MemberReview(name, seconds, views, scored, 0)


def test_the_vacancy_figures() -> None:
    lines = [
        ApplicationReview("A", (member("R", 600, 3, 1), member("S", 300, 3, 2))),
        ApplicationReview("B", (member("R", 120, 3, 1), member("S"))),
        ApplicationReview("C", (member("R"), member("S"))),
    ]
    figures = vacancy_figures(
        lines, decisions=3, overrides=1, signed_off_by=None, signed_off_at=None, by_decision=1
    )
    assert figures.read_by_two_or_more == 1
    assert figures.median_minutes == 2.0
    assert figures.override_rate == pytest.approx(1 / 3)
    assert dict(review_figures(figures)) == {
        "Read by two or more members": "1 of 3",
        "Median reading time": "2 min",
        "Overridden by a person": "1 of 3",
        "Override rate": "33%",
        "Shortlisted against the ranking by a person": "1",
    }


REFERENCES = [f"D{n:03d}" for n in range(1, 8)]
PANEL = [Panellist(1, "Rosa Patel"), Panellist(2, "Sam Okafor"), Panellist(3, "Tom Member")]
records = st.lists(
    st.builds(
        ReadingRecord,
        reference=st.sampled_from(REFERENCES),
        user_id=st.sampled_from([p.user_id for p in PANEL]),
        seconds=st.integers(0, 4 * 3600),
        views=st.integers(0, 5),
    ),
    unique_by=lambda r: (r.reference, r.user_id),
)
scored = st.dictionaries(
    st.tuples(st.sampled_from(REFERENCES), st.sampled_from([p.user_id for p in PANEL])),
    st.tuples(st.integers(0, 21), st.integers(0, 21)),
)


@given(
    records,
    scored,
    st.lists(st.sampled_from(REFERENCES), min_size=1, unique=True),
    st.integers(1, 3),
)
def test_the_figures_above_the_table_are_counted_from_its_rows(
    readings: list[ReadingRecord],
    counts: dict[tuple[str, int], tuple[int, int]],
    references: list[str],
    members: int,
) -> None:
    panel = PANEL[:members]
    proof = review_vacancy(references, panel, readings, counts, decisions=5, overrides=2)
    table = proof.table
    stored = {(r.reference, r.user_id): r for r in readings}
    names = {p.name: p.user_id for p in panel}
    assert len(table) == len(references) * len(panel)
    for row in table:  # each row says what was recorded
        record = stored.get((row.reference, names[row.member]))
        assert row.views == (record.views if record else 0)
        assert row.seconds == (record.seconds if record else 0)
        assert row.opened == (row.views >= 1)
        assert row.scored == counts.get((row.reference, names[row.member]), (0, 0))[0]
    read_by = {ref: 0 for ref in references}
    seconds = {ref: 0 for ref in references}
    for row in table:
        read_by[row.reference] += row.opened or row.scored > 0
        seconds[row.reference] += row.seconds
    v = proof.vacancy
    assert v.applications == len(references)
    assert v.read_by_two_or_more == sum(1 for n in read_by.values() if n >= 2)
    assert v.median_minutes == round(statistics.median(s / 60 for s in seconds.values()), 1)
    assert dict(review_figures(v))["Read by two or more members"] == (
        f"{v.read_by_two_or_more} of {len(references)}"
    )


@pytest.mark.parametrize(
    ("scored", "sentence"),
    [
        (0, "Your application has not been scored by the panel yet."),
        (1, "Your application was read and scored by one panel member."),
        (2, "Your application was read and scored by two panel members."),
        (3, "Your application was read and scored by three panel members."),
    ],
)
def test_the_feedback_sentence(scored: int, sentence: str) -> None:
    members = tuple(member(f"M{i}", 60, 2 if i < scored else 0, 1) for i in range(3))
    assert feedback_sentence(ApplicationReview("A", members)) == sentence
