"""HR moving and editing a vacancy, against the in-memory repository: the lifecycle's tables
refuse what the state does not allow, a move or edit that lost the race to another window is
refused as stale, and each one that is made is stored with one audit entry."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.errors import NotAtThisStage, ReasonRequired, StaleEdit
from scoring.rules.lifecycle import TRANSITIONS, VacancyStatus
from tests import factories
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import application, fake_world, hr, service
from use_cases.errors import InvalidInput
from use_cases.vacancy_lifecycle import VacancyEdit, VacancyLifecycle

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
S = VacancyStatus
WHY = "The post was withdrawn by the service."


def world(status: S = S.OPEN) -> tuple[VacancyLifecycle, FakeVacancies]:
    repo = vacancy_world(fake_world(factories.vacancy(), applications=[application(1)]))
    repo.state.vacancy = repo.state.vacancy.model_copy(
        update={"status": status.value, "retention_date": date(2026, 7, 30)}
    )
    return service(VacancyLifecycle, repo, NOW), repo


def test_hr_moves_a_vacancy_into_moderation_and_the_move_is_audited() -> None:
    lifecycle, repo = world(S.SCORING)
    moved = lifecycle.move(hr(), 1, S.MODERATION)
    assert moved.state is S.MODERATION
    assert (repo.state.vacancy.status, repo.state.vacancy.version) == ("moderation", 2)
    [entry] = repo.state.audit
    assert entry["action"] == "move_vacancy"
    assert (entry["old"], entry["new"]) == ({"status": "scoring"}, {"status": "moderation"})


def test_a_move_the_lifecycle_does_not_allow_is_refused_and_nothing_is_written() -> None:
    lifecycle, repo = world(S.DRAFT)
    with pytest.raises(NotAtThisStage, match="draft cannot become moderation"):
        lifecycle.move(hr(), 1, S.MODERATION)
    assert repo.state.vacancy.status == "draft" and repo.state.audit == []


def test_closing_a_vacancy_needs_a_reason_of_a_sentence() -> None:
    lifecycle, repo = world(S.SCORING)
    with pytest.raises(ReasonRequired, match="Say why the vacancy is closed"):
        lifecycle.move(hr(), 1, S.CLOSED, reason="no")
    assert repo.state.vacancy.status == "scoring" and repo.state.audit == []


def test_a_closed_vacancy_keeps_its_reason_and_the_audit_entry_says_it() -> None:
    lifecycle, repo = world(S.SCORING)
    lifecycle.move(hr(), 1, S.CLOSED, reason=f"  {WHY}  ")
    assert (repo.state.vacancy.status, repo.state.vacancy.closed_reason) == ("closed", WHY)
    assert repo.state.audit[-1]["new"] == {"status": "closed", "reason": WHY}


def test_a_move_another_window_made_first_is_refused_as_stale_and_not_audited() -> None:
    lifecycle, repo = world(S.SCORING)
    repo.race = True
    with pytest.raises(StaleEdit, match="V001 was moved by someone else at the same moment"):
        lifecycle.move(hr(), 1, S.MODERATION)
    assert repo.state.vacancy.status == "scoring" and repo.state.audit == []


def test_hr_edits_the_title_and_the_old_and_new_values_are_audited() -> None:
    lifecycle, repo = world()
    edited = lifecycle.edit(hr(), 1, VacancyEdit(title="Team leader"), expected_version=1)
    assert (edited.title, edited.version) == ("Team leader", 2)
    [entry] = repo.state.audit
    assert entry["action"] == "edit_vacancy" and entry["new"] == {"title": "Team leader"}
    assert entry["old"] == {"title": factories.vacancy().title}


def test_moving_the_closing_date_moves_the_retention_date_with_it() -> None:
    lifecycle, repo = world()
    lifecycle.edit(hr(), 1, VacancyEdit(closing_date=date(2026, 2, 27)), expected_version=1)
    assert repo.state.vacancy.retention_date == date(2026, 8, 27)
    assert repo.state.audit[-1]["new"] == {"closing_date": "2026-02-27"}


def test_an_edit_from_a_form_drawn_before_another_change_is_refused_as_stale() -> None:
    lifecycle, repo = world()
    lifecycle.edit(hr(), 1, VacancyEdit(title="Team leader"), expected_version=1)
    with pytest.raises(StaleEdit, match="V001 was changed by someone else"):
        lifecycle.edit(hr(), 1, VacancyEdit(title="Manager"), expected_version=1)
    assert repo.state.vacancy.title == "Team leader" and len(repo.state.audit) == 1


def test_an_edit_that_loses_the_race_to_another_window_is_refused_and_not_audited() -> None:
    lifecycle, repo = world()
    repo.race = True  # another window finalises or edits it between the check and the write
    with pytest.raises(StaleEdit, match="V001 was changed by someone else at the same moment"):
        lifecycle.edit(hr(), 1, VacancyEdit(title="Manager"), expected_version=1)
    assert repo.state.vacancy.title == factories.vacancy().title and repo.state.audit == []


def test_a_finalised_vacancy_cannot_have_its_title_or_pass_mark_changed() -> None:
    lifecycle, repo = world(S.FINALISED)
    with pytest.raises(NotAtThisStage, match="the pass mark, the title changed"):
        lifecycle.edit(hr(), 1, VacancyEdit(title="X", pass_mark=3), expected_version=1)
    assert repo.state.audit == [] and repo.state.vacancy.version == 1


def test_a_pass_mark_of_zero_is_stored_as_zero_and_no_places_is_refused() -> None:
    lifecycle, repo = world(S.SCORING)
    lifecycle.edit(hr(), 1, VacancyEdit(pass_mark=0), expected_version=1)
    assert repo.state.vacancy.rules.scheme.pass_mark == 0
    with pytest.raises(InvalidInput, match="at least 1 interview place"):
        lifecycle.edit(hr(), 1, VacancyEdit(slots=0), expected_version=2)
    assert len(repo.state.audit) == 1


@settings(max_examples=60, deadline=None)
@given(
    start=st.sampled_from(list(S)),
    moves=st.lists(st.tuples(st.sampled_from(list(S)), st.booleans()), max_size=8),
)
def test_any_sequence_of_moves_follows_the_table_with_one_audit_entry_per_move(
    start: S, moves: list[tuple[S, bool]]
) -> None:
    lifecycle, repo = world(start)
    for wanted, racing in moves:
        before, entries = repo.state.vacancy.state, len(repo.state.audit)
        repo.race = racing
        try:
            lifecycle.move(hr(), 1, wanted, reason=WHY)
        except (NotAtThisStage, StaleEdit):
            assert repo.state.vacancy.state is before and len(repo.state.audit) == entries
            continue
        after = repo.state.vacancy.state
        assert after is wanted and not racing
        assert any(m.by_hand and before in m.sources and m.target is after for m in TRANSITIONS.values())  # fmt: skip
        assert len(repo.state.audit) == entries + 1
        assert repo.state.audit[-1]["old"] == {"status": before.value}
