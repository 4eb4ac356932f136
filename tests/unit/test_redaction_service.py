"""HR adjusting what is redacted and releasing the evidence to the panel, against the in-memory
repository: HR's terms are cleaned and applied, the state refuses a change once the campaign is
over, the first release moves the vacancy to scoring, a late one reopens submissions, a second
click changes nothing, and every change is audited."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import NotAtThisStage, StaleEdit
from scoring.rules.lifecycle import VacancyStatus
from tests import factories
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import RELEASED, application, fake_world, hr, member, service
from use_cases.errors import InvalidInput, NotAllowed
from use_cases.redaction import Redaction

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
S = VacancyStatus
ROSA = member(7, "rpatel")


def world(
    status: S = S.OPEN, *, released: bool = False, held: bool = True, submitted: bool = False
) -> tuple[Redaction, FakeVacancies]:
    """Applications A1 (Jane Smith) and A2, held until released unless `held` is False."""
    repo = vacancy_world(
        fake_world(
            factories.vacancy(),
            members=[ROSA],
            applications=[application(1, held=held), application(2, held=held)],
            submitted=submitted,
        )
    )
    repo.state.names[1] = "Jane Smith"
    repo.state.vacancy = repo.state.vacancy.model_copy(
        update={"status": status.value, "released_at": RELEASED if released else None}
    )
    return service(Redaction, repo, NOW), repo


def test_hr_redacts_a_further_term_and_the_panel_text_and_audit_say_so() -> None:
    redaction, repo = world()
    review = redaction.adjust_redaction(hr(), 1, "A1", extra=["Hartlepool"])
    assert review.panel_statement == ("I am [name removed] of [removed]; write to [email removed].")
    assert {"where": "statement", "kind": "term", "text": "Hartlepool"} in review.redactions
    assert repo.state.redactions[1] == review
    [entry] = repo.state.audit
    assert (entry["action"], entry["entity_id"]) == ("adjust_redaction", "A1")
    assert (entry["old"], entry["new"]) == ({}, {"extra": ["Hartlepool"], "keep": []})


def test_hrs_terms_are_trimmed_and_repeats_and_blanks_dropped() -> None:
    redaction, repo = world()
    review = redaction.adjust_redaction(
        hr(), 1, "A1", extra=[" Hartlepool ", "hartlepool", "  "], keep=["Smith", "Smith"]
    )
    assert (review.extra, review.keep) == (["Hartlepool"], ["Smith"])
    assert repo.state.audit[-1]["new"] == {"extra": ["Hartlepool"], "keep": ["Smith"]}


def test_the_next_adjustment_audits_the_terms_it_replaces() -> None:
    redaction, repo = world()
    redaction.adjust_redaction(hr(), 1, "A1", extra=["Hartlepool"])
    review = redaction.adjust_redaction(hr(), 1, "A1")
    assert "Hartlepool" in review.panel_statement
    assert repo.state.audit[-1]["old"] == {"extra": ["Hartlepool"], "keep": []}


def test_what_is_redacted_cannot_change_once_the_shortlist_is_finalised() -> None:
    redaction, repo = world(S.FINALISED)
    with pytest.raises(NotAtThisStage, match="what is redacted can no longer change"):
        redaction.adjust_redaction(hr(), 1, "A1", extra=["Hartlepool"])
    assert repo.state.redactions == {} and repo.state.audit == []


def test_an_application_without_personal_details_cannot_be_redacted_against() -> None:
    redaction, repo = world()
    with pytest.raises(InvalidInput, match="A9 has no personal details left"):
        redaction.adjust_redaction(hr(), 1, "A9", extra=["Hartlepool"])
    assert repo.state.audit == []


def test_a_panel_member_may_not_review_what_is_redacted() -> None:
    redaction, repo = world()
    with pytest.raises(NotAllowed):
        redaction.redaction_review(ROSA, 1)
    redaction.adjust_redaction(hr(), 1, "A1")
    assert [r.reference for r in redaction.redaction_review(hr(), 1, "A1")] == ["A1"]


def test_the_first_release_gives_the_panel_every_application_and_starts_scoring() -> None:
    redaction, repo = world(S.OPEN)
    redaction.adjust_redaction(hr(), 1, "A1", extra=["Hartlepool"])
    assert redaction.release_to_panel(hr(), 1) == 2
    assert repo.state.vacancy.state is S.SCORING
    assert repo.state.released_at == {1: NOW, 2: NOW}
    entry = repo.state.audit[-1]
    assert entry["action"] == "release_to_panel"
    assert entry["new"] == {
        "applications_with_redactions": 1, "released": 2, "late": False,
        "submissions_reopened": [],
    }  # fmt: skip


def test_a_second_click_on_release_changes_nothing_and_is_not_audited() -> None:
    redaction, repo = world(S.SCORING, released=True, held=False)
    assert redaction.release_to_panel(hr(), 1) == 0
    assert repo.state.audit == [] and repo.state.vacancy.released_at == RELEASED


def test_a_late_release_reopens_the_submissions_and_keeps_the_vacancy_in_scoring() -> None:
    redaction, repo = world(S.SCORING, released=True, submitted=True)
    assert redaction.release_to_panel(hr(), 1) == 2
    assert repo.state.vacancy.state is S.SCORING and repo.state.reopened == ["rpatel"]
    assert repo.state.audit[-1]["new"]["late"] is True
    assert repo.state.audit[-1]["new"]["submissions_reopened"] == ["rpatel"]


def test_nothing_is_released_before_the_applications_are_imported() -> None:
    redaction, repo = world(S.OPEN)
    repo.state.applications.clear()
    with pytest.raises(InvalidInput, match="Import the applications before releasing"):
        redaction.release_to_panel(hr(), 1)
    assert repo.state.vacancy.state is S.OPEN and repo.state.audit == []


def test_a_release_that_lost_the_race_to_another_move_is_stale_and_releases_nothing() -> None:
    redaction, repo = world(S.OPEN)
    repo.race = True
    with pytest.raises(StaleEdit, match="V001 was moved by someone else"):
        redaction.release_to_panel(hr(), 1)
    assert repo.state.released_at == {} and repo.state.vacancy.released_at is None
    assert repo.state.vacancy.state is S.OPEN and repo.state.audit == []


def test_a_closed_vacancy_releases_nothing() -> None:
    redaction, repo = world(S.CLOSED)
    with pytest.raises(NotAtThisStage, match="can no longer be released to the panel"):
        redaction.release_to_panel(hr(), 1)
    assert repo.state.released_at == {}
