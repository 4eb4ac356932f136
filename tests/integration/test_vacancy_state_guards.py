"""What a vacancy's state lets people do, held on the real store: a closed vacancy's shortlist
no longer changes (issue 26: panel scores were refused, but an override still changed D006 to
shortlisted), a move made from a window that read the vacancy before another window moved it
is refused and changes nothing, and the interview places and pass mark are stored as typed."""

from __future__ import annotations

import pytest

from scoring.errors import InvalidInput, NotAtThisStage, StaleEdit
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.outcomes import Outcome
from storage.repository import Repository
from tests.integration.helpers import World, make_world, moderate_sample, score_sample
from use_cases import Services, VacancyEdit
from use_cases.models import VacancyPublic
from use_cases.shortlists import Shortlists
from use_cases.vacancy_lifecycle import VacancyLifecycle

WHY = "The post was deleted in the restructure."


class ReadBefore(Repository):
    """Another window's view: the vacancy as it read it, before someone else moved it."""

    def __init__(self, seen: VacancyPublic) -> None:
        self.seen = seen

    def load_vacancy(self, *, session: object, vacancy_id: int) -> VacancyPublic | None:
        return self.seen if vacancy_id == self.seen.id else None


def ready_to_finalise(services: Services) -> World:
    world = make_world(services)
    score_sample(world)
    moderate_sample(world)
    return world


def count(services: Services, world: World, action: str) -> int:
    return [e.action for e in services.audit.audit_log(world.hr, world.vacancy.id)].count(action)


def test_a_closed_vacancy_refuses_scores_overrides_and_finalise_and_keeps_its_decisions(
    services: Services,
) -> None:
    world = ready_to_finalise(services)
    v = world.vacancy.id
    before = services.shortlists.outcome(world.hr, v).decision("D006")
    services.lifecycle.move(world.hr, v, VacancyStatus.CLOSED, reason=WHY)

    with pytest.raises(NotAtThisStage, match="^This vacancy is closed: scores can no longer"):
        services.scores.save_score(
            world.panel[0], v, panel_code=world.codes["D006"], criterion_id="c3", score=0
        )
    other = (
        Outcome.NOT_SHORTLISTED
        if before.decision is not Outcome.NOT_SHORTLISTED
        else Outcome.SHORTLISTED_BY_DECISION
    )
    with pytest.raises(NotAtThisStage) as refused:
        services.shortlists.override(
            world.hr, v, reference="D006", decision=other.value,
            reason="Changed after the campaign was closed.", expected_shortlist=services.shortlists.outcome(world.hr, v).version)  # fmt: skip
    assert str(refused.value) == "This vacancy is closed: its shortlist can no longer change."
    with pytest.raises(
        NotAtThisStage, match="^This vacancy is closed: its shortlist can no longer"
    ):
        services.shortlists.finalise(
            world.hr, v, expected_shortlist=services.shortlists.outcome(world.hr, v).version
        )

    after = services.shortlists.outcome(world.hr, v)
    assert after.decision("D006").decision is before.decision
    assert after.vacancy.state is VacancyStatus.CLOSED and after.vacancy.finalised_at is None
    with services.store.reading() as session:
        stored = services.shortlists.repo.persons_decisions(session=session, vacancy_id=v)
    assert "D006" not in stored, "no person's decision was recorded for D006"
    assert count(services, world, "finalise") == 0


def test_a_finalise_from_a_window_that_read_the_vacancy_before_it_was_closed_is_refused(
    services: Services,
) -> None:
    world = ready_to_finalise(services)
    v = world.vacancy.id
    seen = services.vacancies.get_vacancy(world.hr, v)  # window B draws the shortlist
    services.lifecycle.move(world.hr, v, VacancyStatus.CLOSED, reason=WHY)  # window A closes
    window_b = Shortlists(services.store, repo=ReadBefore(seen))
    with pytest.raises(StaleEdit, match="moved from another window"):
        # the version window B computes now (past the version check: the CAS is on trial here)
        window_b.finalise(world.hr, v, expected_shortlist=window_b.outcome(world.hr, v).version)

    now = services.vacancies.get_vacancy(world.hr, v)
    assert (now.state, now.closed_reason, now.finalised_at) == (VacancyStatus.CLOSED, WHY, None)
    assert now.version == seen.version + 1, "one move applied: the close"
    with services.store.reading() as session:
        stored = services.shortlists.repo.persons_decisions(session=session, vacancy_id=v)
    assert not any(d.signed_off_reason for d in stored.values()), "nothing was signed off"
    assert (count(services, world, "move_vacancy"), count(services, world, "finalise")) == (1, 0)


def test_two_windows_closing_one_vacancy_close_it_once(services: Services) -> None:
    world = make_world(services)
    v = world.vacancy.id
    seen = services.vacancies.get_vacancy(world.hr, v)
    services.lifecycle.move(world.hr, v, VacancyStatus.CLOSED, reason=WHY)
    window_b = VacancyLifecycle(services.store, repo=ReadBefore(seen))
    with pytest.raises(StaleEdit, match="moved by someone else"):
        window_b.move(world.hr, v, VacancyStatus.CLOSED, reason="A second reason, from window B.")
    now = services.vacancies.get_vacancy(world.hr, v)
    assert (now.closed_reason, now.version) == (WHY, seen.version + 1)
    assert count(services, world, "move_vacancy") == 1


def test_a_pass_mark_of_0_is_stored_as_0_and_0_interview_places_are_refused(
    services: Services,
) -> None:
    world = make_world(services, import_sample=False)
    v = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    edited = services.lifecycle.edit(
        world.hr, v.id, VacancyEdit(pass_mark=0), expected_version=v.version
    )
    assert edited.rules.scheme.pass_mark == 0 and edited.rules.scheme.pass_mark is not None
    with pytest.raises(InvalidInput, match="at least 1 interview place"):
        services.lifecycle.edit(
            world.hr, v.id, VacancyEdit(slots=0), expected_version=edited.version
        )
    assert services.vacancies.get_vacancy(world.hr, v.id).rules.scheme.slots == 4
    unlimited = services.lifecycle.edit(
        world.hr, v.id, VacancyEdit(slots=None, pass_mark=None), expected_version=edited.version
    )
    assert (unlimited.rules.scheme.slots, unlimited.rules.scheme.pass_mark) == (None, None)
    edits = [
        e.new_value for e in services.audit.audit_log(world.hr, v.id) if e.action == "edit_vacancy"
    ]
    assert len(edits) == 2, "the refused edit is not in the log"
    assert {"pass_mark": 0} in edits and {"pass_mark": None, "slots": None} in edits
