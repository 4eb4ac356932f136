"""A vacancy's states: every move between them, what each allows, and what HR may edit."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scoring.errors import InvalidInput, NotAtThisStage
from scoring.rules.lifecycle import (
    ALLOWS,
    EDITABLE,
    MOVES,
    TRANSITIONS,
    Action,
    Transition,
    VacancyStatus,
    allows,
    applies,
    check_allowed,
    check_edit,
    check_move,
    is_purgeable,
    refusal,
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


# One table of moves, one of what each state allows ---------------------------------------------
T, A = Transition, Action
SHORTLIST_CHANGES = frozenset(
    {
        A.IMPORT_APPLICATIONS, A.ASSIGN_PANEL, A.REDACT, A.RELEASE, A.DECLARE_CONFLICTS,
        A.SCORE, A.SUBMIT_SCORES, A.AGREE_SCORES, A.OVERRIDE, A.FINALISE, A.EDIT_SHORTLIST,
    }
)  # fmt: skip
Step = Transition | Action


def test_the_moves_hr_makes_by_hand_are_the_ones_the_page_offers() -> None:
    assert MOVES == {
        S.DRAFT: (S.OPEN, S.CLOSED),
        S.OPEN: (S.CLOSED,),
        S.SCORING: (S.MODERATION, S.CLOSED),
        S.MODERATION: (S.SCORING, S.CLOSED),
        S.FINALISED: (S.CLOSED,),
        S.CLOSED: (),
        S.PURGED: (),
    }
    assert check_move(S.SCORING, S.MODERATION, None) is T.START_MODERATION
    assert check_move(S.FINALISED, S.CLOSED, REASON) is T.CLOSE


def test_release_finalise_and_purge_are_not_moves_hr_makes_by_hand() -> None:
    for state, wanted in [(S.OPEN, S.SCORING), (S.SCORING, S.FINALISED), (S.CLOSED, S.PURGED)]:
        with pytest.raises(NotAtThisStage, match="from here it can become"):
            check_move(state, wanted, REASON)


@pytest.mark.parametrize("transition", [T.FINALISE, T.PURGE])
def test_a_state_allows_finalising_or_purging_exactly_where_the_move_starts(
    transition: Transition,
) -> None:
    action = A.FINALISE if transition is T.FINALISE else A.PURGE
    assert {s for s in S if allows(s, action)} == TRANSITIONS[transition].sources


def test_release_is_allowed_wherever_its_move_starts_and_after_for_late_applications() -> None:
    assert TRANSITIONS[T.RELEASE].sources == {S.DRAFT, S.OPEN}
    assert {s for s in S if allows(s, A.RELEASE)} == {S.DRAFT, S.OPEN, S.SCORING, S.MODERATION}


def test_nothing_changes_a_finalised_shortlist_but_its_letters_close_and_purge() -> None:
    assert ALLOWS[S.FINALISED] == {A.SEND_LETTERS, A.PURGE}
    assert {t for t in T if applies(t, S.FINALISED)} == {T.CLOSE, T.PURGE}
    assert ALLOWS[S.CLOSED] == {A.PURGE} and ALLOWS[S.PURGED] == frozenset()
    assert {t for t in T if applies(t, S.CLOSED)} == {T.PURGE}
    assert not any(applies(t, S.PURGED) for t in T)


def test_a_closed_vacancy_refuses_an_override_in_words_a_person_reads() -> None:
    with pytest.raises(NotAtThisStage) as refused:
        check_allowed(S.CLOSED, A.OVERRIDE)
    assert str(refused.value) == "This vacancy is closed: its shortlist can no longer change."
    with pytest.raises(NotAtThisStage, match="finalised already"):
        check_allowed(S.FINALISED, A.FINALISE)
    with pytest.raises(NotAtThisStage, match="is open for applications: the shortlist is fin"):
        check_allowed(S.OPEN, A.FINALISE)


def test_every_refusal_is_a_sentence_saying_no_longer_only_once_it_was_possible() -> None:
    order = list(S)
    for state in S:
        for action in A:
            if allows(state, action):
                check_allowed(state, action)
                continue
            words = refusal(state, action)
            assert words.endswith(".") and "None" not in words and "_" not in words, words
            first = min(order.index(s) for s in S if allows(s, action))
            after = "no longer" in words or "already" in words
            assert after is (order.index(state) > first), (state, action)


def test_the_fields_each_state_lets_hr_edit_follow_its_allowed_actions() -> None:
    for state in S:
        assert ("title" in EDITABLE[state]) is allows(state, A.EDIT_DETAILS)
        assert ("pass_mark" in EDITABLE[state]) is allows(state, A.EDIT_SHORTLIST)


steps = st.lists(st.sampled_from([*Transition, *Action]), max_size=40)


def walk(start: VacancyStatus, sequence: list[Step]) -> list[tuple[VacancyStatus, Step, bool]]:
    """Each step tried in turn, as the services try it: (state before, step, done)."""
    state, seen = start, []
    for step in sequence:
        done = applies(step, state) if isinstance(step, Transition) else allows(state, step)
        seen.append((state, step, done))
        if done and isinstance(step, Transition):
            state = TRANSITIONS[step].target
    return seen


@given(start=st.sampled_from(VacancyStatus), sequence=steps)
def test_whatever_people_try_the_end_states_are_left_only_by_close_and_purge(
    start: VacancyStatus, sequence: list[Step]
) -> None:
    for state, step, done in walk(start, sequence):
        if not done:
            with pytest.raises(NotAtThisStage):
                if isinstance(step, Action):
                    check_allowed(state, step)
                else:
                    raise NotAtThisStage(f"{step} does not start from {state}")
            continue
        if state is S.FINALISED:
            assert step in (T.CLOSE, T.PURGE, A.SEND_LETTERS, A.PURGE), step
        if state is S.CLOSED:
            assert step in (T.PURGE, A.PURGE), step
        assert state is not S.PURGED, step
        if step is T.PURGE:
            assert state in (S.FINALISED, S.CLOSED)


@given(sequence=steps)
def test_once_finalised_or_closed_nothing_changes_the_shortlist_again(
    sequence: list[Step],
) -> None:
    over = False
    for state, step, done in walk(S.DRAFT, sequence):
        over = over or state in (S.FINALISED, S.CLOSED, S.PURGED)
        if over and done and isinstance(step, Action):
            assert step not in SHORTLIST_CHANGES, (state, step)
        if over and done and isinstance(step, Transition):
            assert TRANSITIONS[step].target in (S.CLOSED, S.PURGED), (state, step)
