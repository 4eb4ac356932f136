"""The panel's and HR's view of the campaign, through the services (issue 26 item 8): nobody is
behind the moment the panel has the applications, a second submit is answered calmly, a
finalised vacancy says once that scores can no longer change, a refused key press names the
criterion as the pad numbers it, an empty vacancy has nothing to moderate yet, and the demo's
passwords can be made again on the demo alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from criteria.loader import load_catalogue
from scoring.rules.deadlines import Pace
from scoring.rules.score_checks import ScoreChange
from storage.store import Store, open_store
from tests.integration.helpers import Outbox, make_world, moderate_sample, score_sample
from use_cases import Services, VacancyEdit
from use_cases.errors import NotAllowed
from use_cases.pad_presses import Press


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def test_nobody_is_behind_seconds_after_the_release_two_months_before_the_deadline(
    services: Services, store: Store
) -> None:
    world = make_world(services)
    vacancy = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    assert vacancy.released_at is not None
    released = vacancy.released_at.replace(tzinfo=vacancy.released_at.tzinfo or UTC)
    services.lifecycle.edit(
        world.hr, vacancy.id, VacancyEdit(scoring_deadline=released.date() + timedelta(days=60)),
        expected_version=vacancy.version,
    )  # fmt: skip
    soon = Services(store, clock=Clock(released + timedelta(seconds=30)))
    soon.reminders.mailer = Outbox()
    progress = soon.progress.progress(world.hr, vacancy.id)
    assert [p.pace for p in progress] == [Pace.ON_TRACK, Pace.ON_TRACK]
    assert soon.reminders.send_reminders(world.hr, vacancy.id).sent == ()


def test_a_second_submit_changes_nothing_and_answers_with_the_first(services: Services) -> None:
    """A double click on "Submit my scores" gave a red error."""
    world = make_world(services)
    score_sample(world)
    rosa, vacancy = world.panel[0], world.vacancy.id
    assert services.progress.my_standing(rosa, vacancy).submitted_at is None
    first = services.progress.submit(rosa, vacancy)
    assert services.progress.submit(rosa, vacancy) == first  # no error
    standing = services.progress.my_standing(rosa, vacancy)
    assert standing.submitted_at == first
    assert standing.locked == "You have submitted your scores; changes now go through moderation."
    submits = [
        e for e in services.audit.audit_log(world.hr, vacancy) if e.action == "submit_scores"
    ]
    assert len(submits) == 1


def test_a_finalised_vacancy_locks_every_members_scores_in_one_sentence(
    services: Services,
) -> None:
    world = make_world(services)
    score_sample(world)
    services.progress.submit(world.panel[1], world.vacancy.id)
    moderate_sample(world)
    for member in world.panel:
        assert services.progress.my_standing(member, world.vacancy.id).locked != (
            "This vacancy is finalised: scores can no longer change."
        )
    services.shortlists.finalise(
        world.hr,
        world.vacancy.id,
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    for member in world.panel:
        assert services.progress.my_standing(member, world.vacancy.id).locked == (
            "This vacancy is finalised: scores can no longer change."
        )


def test_a_stale_key_press_is_refused_naming_the_criterion_as_the_pad_numbers_it(
    services: Services,
) -> None:
    """Two windows: the pad read "not saved: Not saved: ... P00001 / exp-1"."""
    world = make_world(services)
    rosa, vacancy = world.panel[0], world.vacancy.id
    code = world.codes["D001"]
    services.scores.save_score(rosa, vacancy, panel_code=code, criterion_id="c3", score=3)
    stale = Press(1, ScoreChange(code, "c3", 1, None, None))  # drawn before the score above
    (result,) = services.pad.apply_presses(rosa, vacancy, client_id="a", presses=[stale]).values()
    assert not result.ok and result.message is not None
    # c3 is numbered 3 in Darlington's specification, and so on the pad
    assert result.message.startswith(f"your score for {code}, criterion 3, was changed")
    assert "Not saved" not in result.message and "c3" not in result.message


def test_an_empty_vacancy_has_nothing_to_moderate_yet(services: Services) -> None:
    world = make_world(services, import_sample=False)
    assert services.moderation.moderation_queue(world.hr, world.vacancy.id) == []
    assert services.moderation.nothing_to_moderate(world.hr, world.vacancy.id) == (
        "Nothing to moderate yet: the vacancy has no applications."
    )


def test_the_demos_passwords_are_made_again_on_the_demo_alone(tmp_path: Path) -> None:
    from use_cases.demo import create_demo, sign_ins_again

    demo = Services(open_store(f"sqlite:///{tmp_path / 'demo.db'}", load_catalogue(), demo=True))
    first = create_demo(demo)
    again = sign_ins_again(demo)
    assert [a.username for a in again.accounts] == [a.username for a in first.accounts]
    assert again.vacancy_id == first.vacancy_id
    for old, new in zip(first.accounts, again.accounts, strict=True):
        assert new.password != old.password
        assert demo.accounts.authenticate(new.username, new.password).username == new.username
    with pytest.raises(NotAllowed):
        demo.accounts.authenticate("demo-hr", first.accounts[1].password)
    with pytest.raises(NotAllowed, match="demo's own accounts"):
        demo.accounts.reissue_demo_password("someone", "a long enough password")
    real = Services(open_store(f"sqlite:///{tmp_path / 'real.db'}", load_catalogue()))
    real.accounts.bootstrap_admin(username="boss", display_name="Boss", password="passphrase x")
    with pytest.raises(NotAllowed, match="demo's own accounts"):
        real.accounts.reissue_demo_password("demo-hr", "a long enough password")
