"""A vacancy's interview-scheme policy: confirmed by HR when the vacancy is made, kept as a
snapshot whatever the catalogue says later, recorded in the audit log, and read back from a
snapshot stored in the earlier format."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import update

from criteria.legacy_policy import is_legacy
from criteria.loader import Catalogue, load_catalogue
from scoring.errors import InvalidInput
from scoring.rules.outcomes import Outcome
from storage import tables
from storage.store import open_store
from tests.integration.helpers import DARLINGTON, DARLINGTON_ROLE, make_world, score_sample
from use_cases import Services, VacancyRequest


def decisions(services: Services, world, reference: str):  # type: ignore[no-untyped-def]
    return services.shortlists.outcome(world.hr, world.vacancy.id).decision(reference)


def test_a_vacancy_keeps_the_policy_it_was_made_with(services: Services, database_url: str) -> None:
    world = make_world(services)
    score_sample(world)
    before = decisions(services, world, "D008")
    assert before.decision is Outcome.SHORTLISTED_UNDER_SCHEME

    # The council's catalogue changes (Darlington as its documents are: no scheme recorded).
    later = Services(open_store(database_url, load_catalogue()))
    after = later.shortlists.outcome(world.hr, world.vacancy.id).decision("D008")
    assert after.decision is Outcome.SHORTLISTED_UNDER_SCHEME
    assert after.reason == before.reason
    assert "(a disabled applicant)" in after.reason

    # A vacancy made now takes the policy as it is now, and tells HR there is none.
    fresh = later.vacancies.create_vacancy(
        world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, closing_date=date(2026, 6, 1))
    )
    later.intake.import_applications(
        world.hr, fresh.id, file_name="applications.csv",
        data=(DARLINGTON / "applications.csv").read_bytes(),
    )  # fmt: skip
    outcome = later.shortlists.outcome(world.hr, fresh.id)
    assert outcome.result.vacancy.policy.records_no_scheme
    assert not any(o.applies for d in outcome.decisions for o in d.scheme_outcomes)
    later.store.engine.dispose()


def test_hr_confirms_the_policy_and_a_stale_confirmation_is_refused(
    services: Services, shared_catalogue: Catalogue
) -> None:
    world = make_world(services, import_sample=False)
    version = shared_catalogue.organisations["darlington"].guaranteed_interview.version
    with pytest.raises(InvalidInput, match="policy has changed since you confirmed it"):
        services.vacancies.create_vacancy(
            world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, policy_version="an older edition")
        )
    made = services.vacancies.create_vacancy(
        world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, policy_version=version)
    )
    (entry,) = [
        e for e in services.audit.audit_log(world.hr, made.id) if e.action == "create_vacancy"
    ]
    assert entry.new_value is not None
    assert entry.new_value["policy_version"] == version
    assert entry.new_value["policy_confirmed_by_hr"] is True


def test_a_snapshot_stored_in_the_earlier_format_decides_as_before(
    services: Services, store
) -> None:  # type: ignore[no-untyped-def]
    world = make_world(services)
    score_sample(world)
    now = {
        r: decisions(services, world, r).decision for r in ("D008", "D009", "D012", "D014", "D010")
    }
    earlier_format = {
        "source": "stored by an earlier release",
        "disability": {"enabled": True, "volume_mode": "off"},
        "care_leaver": {"enabled": True, "max_age": None},
        "armed_forces": {
            "enabled": True,
            "serving_window_weeks": 12,
            "leaver_window_months": 60,
            "spouses_count": True,
        },
    }
    assert is_legacy(earlier_format)
    with store.writing() as session:
        session.execute(
            update(tables.Vacancy)
            .where(tables.Vacancy.id == world.vacancy.id)
            .values(policy=earlier_format, version=tables.Vacancy.version + 1)
        )
    again = {
        r: decisions(services, world, r).decision for r in ("D008", "D009", "D012", "D014", "D010")
    }
    assert again == now
    assert now["D012"] is Outcome.NEEDS_INFORMATION
