"""A vacancy's states: the moves HR may make and what each state lets HR edit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.errors import InvalidInput
from scoring.lifecycle import (
    EDITABLE,
    MOVES,
    VacancyStatus,
    check_edit,
    check_move,
    is_purgeable,
)

S = VacancyStatus
REASON = "The post was deleted in the restructure."


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.DRAFT, S.OPEN),
        (S.SCORING, S.MODERATION),
        (S.MODERATION, S.SCORING),
        (S.FINALISED, S.CLOSED),
    ],
)
def test_the_moves_hr_makes(start: VacancyStatus, to: VacancyStatus) -> None:
    check_move(start, to, REASON)


@pytest.mark.parametrize(
    ("start", "to"),
    [(S.OPEN, S.FINALISED), (S.CLOSED, S.OPEN), (S.FINALISED, S.SCORING), (S.PURGED, S.CLOSED)],
)
def test_moves_that_skip_a_step_or_go_back_are_refused(
    start: VacancyStatus, to: VacancyStatus
) -> None:
    with pytest.raises(InvalidInput, match="from here it can become"):
        check_move(start, to, REASON)


@pytest.mark.parametrize("reason", [None, "", "   ", "no"])
def test_closing_needs_a_reason(reason: str | None) -> None:
    with pytest.raises(InvalidInput, match="Say why the vacancy is closed"):
        check_move(S.OPEN, S.CLOSED, reason)


def test_every_state_but_the_end_ones_can_be_closed() -> None:
    for state in S:
        closable = S.CLOSED in MOVES[state]
        assert closable is (state not in (S.CLOSED, S.PURGED)), state


def test_a_finalised_vacancy_cannot_be_edited_but_a_scored_one_can_have_its_dates_moved() -> None:
    check_edit(S.SCORING, {"closing_date", "scoring_deadline", "slots"})
    with pytest.raises(InvalidInput, match="finalised cannot have the title changed"):
        check_edit(S.FINALISED, {"title"})
    assert all(EDITABLE[s] == frozenset() for s in (S.FINALISED, S.CLOSED, S.PURGED))


@given(
    status=st.sampled_from(VacancyStatus),
    retention=st.none() | st.dates(),
    today=st.dates(),
)
def test_only_a_campaign_that_is_over_and_past_its_date_is_purgeable(
    status: VacancyStatus, retention: date | None, today: date
) -> None:
    over = status in (S.FINALISED, S.CLOSED)
    due = retention is not None and retention <= today
    assert is_purgeable(status, retention, today) is (over and due)


@given(retention=st.dates(), today=st.dates())
def test_a_live_vacancy_is_never_purgeable_whatever_its_dates(retention: date, today: date) -> None:
    live = (S.DRAFT, S.OPEN, S.SCORING, S.MODERATION, S.PURGED)
    assert not any(is_purgeable(s, retention, today) for s in live)
