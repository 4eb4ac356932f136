"""The audit trail against the in-memory repository: HR reads the entries of their own
organisation's vacancies and people, newest first, and no one else's; an administrator's
check of the hash chain finds an edited value or a missing guard, and only a whole chain
moves the checkpoint on to its head."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from storage.audit_chain import Anchor, Break, Head
from storage.records import Actor, Role
from tests import factories
from tests.fake_audit import FakeAudit, audit_world
from tests.fakes import FakeStore, as_store, fake_world, hr, member
from use_cases.audit_trail import AuditTrail
from use_cases.errors import NotAllowed

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ADA = Actor(user_id=2, username="ada", display_name="Ada", role=Role.ADMIN)
YORK_HR = Actor(
    user_id=3, username="yhr", display_name="Yan", role=Role.HR, organisation_id="york"
)  # fmt: skip
ROSA = member(7, "rpatel")


def trail() -> tuple[AuditTrail, FakeAudit, FakeStore]:
    """Darlington's vacancy 1 with three entries: HR's change to it, HR's own sign-in (no
    vacancy) and York's HR signing in."""
    repo = audit_world(fake_world(factories.vacancy(), members=[ROSA]))
    repo.state.accounts.update({ADA.user_id: ADA, YORK_HR.user_id: YORK_HR})
    store = FakeStore(repo)
    key = store.audit_key
    repo.record_audit(session=None, key=key, actor=hr(), action="edit_vacancy", entity="vacancy", entity_id=1, vacancy_id=1, old={"title": "A"}, new={"title": "B"})  # fmt: skip
    repo.record_audit(session=None, key=key, actor=hr(), action="sign_in", entity="user", entity_id=1)  # fmt: skip
    repo.record_audit(session=None, key=key, actor=YORK_HR, action="sign_in", entity="user", entity_id=3)  # fmt: skip
    return AuditTrail(as_store(store), repo=repo, clock=lambda: NOW), repo, store


def test_hr_reads_a_vacancys_entries_with_their_old_and_new_values() -> None:
    service, _, _ = trail()
    [entry] = service.audit_log(hr(), 1)
    assert (entry.action, entry.old_value, entry.new_value) == ("edit_vacancy", {"title": "A"}, {"title": "B"})  # fmt: skip


def test_without_a_vacancy_hr_reads_their_organisations_entries_only_newest_first() -> None:
    service, _, _ = trail()
    assert [(e.id, e.action) for e in service.audit_log(hr())] == [(2, "sign_in"), (1, "edit_vacancy")]  # fmt: skip
    assert [(e.id, e.action) for e in service.audit_log(YORK_HR)] == [(3, "sign_in")]


def test_hr_of_another_organisation_cannot_read_a_vacancys_entries() -> None:
    service, _, _ = trail()
    with pytest.raises(NotAllowed, match="another organisation"):
        service.audit_log(YORK_HR, 1)


def test_a_panel_member_cannot_read_the_audit_log() -> None:
    service, _, _ = trail()
    with pytest.raises(NotAllowed):
        service.audit_log(ROSA, 1)


def test_a_whole_chain_is_checked_and_moves_the_checkpoint_on_to_its_head() -> None:
    service, repo, store = trail()

    checked, breaks = service.verify(ADA)

    assert (checked, breaks) == (3, [])
    assert store.remembered == [Head(3, repo.state.chain[-1].entry_hash or "")]


def test_a_value_edited_after_it_was_written_is_a_break_and_the_checkpoint_stays() -> None:
    service, repo, store = trail()
    edited = repo.state.chain[0]
    repo.state.chain[0] = replace(edited, payload=({"title": "A"}, {"title": "C"}))

    _, breaks = service.verify(ADA)

    assert breaks == [Break(1, "its old or new value was changed after it was written")]
    assert store.remembered == []


def test_a_missing_guard_is_a_break_of_the_whole_log() -> None:
    service, repo, store = trail()
    repo.state.missing_guards = ["audit_log_no_delete"]

    _, breaks = service.verify(ADA)

    assert breaks == [Break(0, "the guard audit_log_no_delete is missing or disabled")]
    assert store.remembered == []


def test_a_head_remembered_outside_that_the_chain_no_longer_reaches_is_a_break() -> None:
    service, repo, store = trail()
    anchor = Anchor(Head(5, "abc"), "the head given")

    _, breaks = service.verify(ADA, [anchor])

    assert [b.entry_id for b in breaks] == [0] and "entries were deleted" in breaks[0].problem
    assert store.remembered == []


def test_only_an_administrator_checks_the_chain() -> None:
    service, _, store = trail()
    with pytest.raises(NotAllowed):
        service.verify(hr())
    assert store.remembered == []
