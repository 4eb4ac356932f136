"""Purging personal data after the retention date, against the in-memory repository: only a
campaign that is over (finalised or closed) and past its date goes, only HR's own organisation's
(an administrator's run reaches them all), each purge is audited, and one another run purged
first is passed over."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.rules.lifecycle import VacancyStatus
from tests import factories
from tests.fake_vacancies import FakeVacancies, vacancy_world
from tests.fakes import application, fake_vacancy, fake_world, hr, service
from use_cases.access import Actor, Role
from use_cases.retention import Retention

NOW = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 9, 1)
S = VacancyStatus


def world(
    status: S, retention: date | None, *others: tuple[S, date | None, str]
) -> tuple[Retention, FakeVacancies]:
    """Vacancy 1 (two applications, one withdrawn), and beside it `others` (status, retention
    date, organisation) numbered from 2."""
    rules = factories.vacancy()
    more = [
        fake_vacancy(rules, status=s.value, vacancy_id=n).model_copy(
            update={"retention_date": d, "organisation_id": org}
        )
        for n, (s, d, org) in enumerate(others, start=2)
    ]
    repo = vacancy_world(
        fake_world(rules, applications=[application(1), application(2, withdrawn=True)]), *more
    )
    repo.state.vacancy = repo.state.vacancy.model_copy(
        update={"status": status.value, "retention_date": retention}
    )
    return service(Retention, repo, NOW), repo


def test_a_finalised_campaign_past_its_retention_date_is_purged_and_audited() -> None:
    retention, repo = world(S.FINALISED, date(2026, 8, 31))
    report = retention.purge_expired(hr(), today=TODAY)
    assert (report.vacancies, report.applications_deleted) == ([1], 2)
    assert repo.state.vacancy.state is S.PURGED and repo.state.applications == {}
    assert repo.state.purged == repo.state.forgotten == [1]
    [entry] = repo.state.audit
    assert (entry["action"], entry["entity_id"]) == ("purge", 1)
    assert entry["new"] == {"retention_date": "2026-08-31", "applications": 2, "withdrawn": 1}


def test_a_campaign_purged_on_its_retention_date_itself() -> None:
    retention, repo = world(S.CLOSED, TODAY)
    assert retention.purge_expired(hr(), today=TODAY).vacancies == [1]


def test_a_live_campaign_is_kept_even_past_its_retention_date() -> None:
    retention, repo = world(S.SCORING, date(2026, 1, 1))
    report = retention.purge_expired(hr(), today=TODAY)
    assert (report.vacancies, report.applications_deleted) == ([], 0)
    assert repo.state.vacancy.state is S.SCORING and len(repo.state.applications) == 2
    assert repo.state.audit == [] and repo.state.purged == []


def test_a_closed_campaign_before_its_retention_date_or_without_one_is_kept() -> None:
    retention, repo = world(S.CLOSED, date(2026, 9, 2), (S.FINALISED, None, "darlington"))
    assert retention.purge_expired(hr(), today=TODAY).vacancies == []
    assert repo.state.purged == [] and repo.state.audit == []


def test_hr_purges_only_their_own_organisations_campaigns_and_an_administrator_all() -> None:
    over = date(2026, 3, 1)
    retention, repo = world(S.CLOSED, over, (S.CLOSED, over, "york"))
    assert retention.purge_expired(hr(), today=TODAY).vacancies == [1]
    assert repo.state.others[2].state is S.CLOSED
    admin = Actor(user_id=3, username="admin", display_name="Ada", role=Role.ADMIN)
    repo.state.accounts[admin.user_id] = admin
    assert retention.purge_expired(admin, today=TODAY).vacancies == [2]
    assert repo.state.others[2].state is S.PURGED and len(repo.state.audit) == 2


def test_a_campaign_another_run_purged_first_is_passed_over_without_an_audit_entry() -> None:
    retention, repo = world(S.FINALISED, date(2026, 3, 1))
    repo.race = True
    report = retention.purge_expired(hr(), today=TODAY)
    assert (report.vacancies, report.applications_deleted) == ([], 0)
    assert repo.state.purged == [] and repo.state.audit == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from([s for s in S if s is not S.PURGED]),
            st.none() | st.dates(date(2026, 8, 1), date(2026, 10, 1)),
        ),
        max_size=5,
    )
)
def test_only_campaigns_that_are_over_and_past_their_date_are_ever_purged(
    vacancies: list[tuple[S, date | None]],
) -> None:
    retention, repo = world(S.DRAFT, None, *[(s, d, "darlington") for s, d in vacancies])
    report = retention.purge_expired(hr(), today=TODAY)
    due = [
        n
        for n, (s, d) in enumerate(vacancies, start=2)
        if s in (S.FINALISED, S.CLOSED) and d is not None and d <= TODAY
    ]
    assert report.vacancies == repo.state.purged == due
    assert [e["entity_id"] for e in repo.state.audit] == due
    assert all(repo.state.others[n].state is S.PURGED for n in due)
