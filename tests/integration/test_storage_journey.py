"""The storage and service layer end to end, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from criteria.loader import load_catalogue
from scoring.rules.lifecycle import VacancyStatus
from storage import tables
from storage.migrate import current, head, upgrade
from storage.store import Store, open_store
from tests.integration.helpers import make_world, score_sample
from use_cases import Services
from use_cases.errors import InvalidInput, NotAllowed, StaleEdit

GOLDEN = (
    Path(__file__).resolve().parents[1]
    / "golden"
    / "shortlist_darlington_under_dartford_policy.json"
)


def test_the_database_is_created_and_migrated_on_first_start(store: Store) -> None:
    assert current(store.engine) == head()
    upgrade(store.engine)  # a second start changes nothing
    with store.reading() as session:
        assert session.scalar(select(func.count()).select_from(tables.Organisation)) == 4


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}", load_catalogue())
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_the_audit_log_refuses_updates_and_deletes(services: Services) -> None:
    world = make_world(services, import_sample=False)
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with (
            pytest.raises(DBAPIError, match="append-only|permission denied"),
            services.store.writing() as session,
        ):
            session.execute(text(statement))
    assert len(services.audit.audit_log(world.hr)) >= 1


def test_the_sample_vacancy_scored_through_the_services_gives_the_cli_decisions(
    services: Services,
) -> None:
    world = make_world(services)
    score_sample(world)
    for member in world.panel:
        services.progress.submit(member, world.vacancy.id)
    services.moderation.record_agreed_score(
        world.panel[0],
        world.vacancy.id,
        panel_code=world.codes["D015"],
        criterion_id="c4",
        score=2,
        note="Negotiated payment plans; meets it.",
    )
    view = services.shortlists.shortlist(world.hr, world.vacancy.id)
    expected = json.loads(GOLDEN.read_text())
    for decision in expected:  # a withdrawn application is not scored in the app
        decision.pop("scheme_outcomes")  # the command line's answer per scheme, for machines
        if decision["application_id"] == "D013":
            decision["total"] = None
    ids = {
        "Disability Confident": "disability",
        "Care leavers": "care_leaver",
        "Armed Forces Covenant": "armed_forces",
    }
    got = [
        {
            "application_id": r.reference,
            "decision": r.recommended,
            "schemes": [ids[name] for name in r.schemes],
            "total": r.total,
            "rank": r.rank,
            "failed_essentials": list(r.failed_essentials),
            "reason": r.reason,
        }
        for r in view.rows
    ]
    assert got == expected
    assert view.is_final
    names = {r.reference: r.name for r in view.rows}
    assert names["D001"] == "Amina Hassan", "HR sees names in the shortlist"


def test_a_vacancy_keeps_the_role_as_it_was_when_it_opened(
    services: Services, tmp_path: Path
) -> None:
    world = make_world(services, import_sample=False)
    before = services.vacancies.get_vacancy(world.hr, world.vacancy.id).criteria
    changed = load_catalogue()
    role = changed.roles["darlington-housing-income-management-officer"]
    edited = role.model_copy(update={"criteria": role.criteria[:3]})
    changed.roles[role.id] = edited
    same = services.store
    later = Services(
        Store(same.engine, changed, audit_key=same.audit_key, checkpoint=same.checkpoint)
    )
    assert later.vacancies.get_vacancy(world.hr, world.vacancy.id).criteria == before
    assert len(before) == 22


def test_a_stale_edit_is_refused_not_overwritten(services: Services) -> None:
    world = make_world(services)
    member, code = world.panel[0], world.codes["D001"]
    first = services.scores.save_score(
        member, world.vacancy.id, panel_code=code, criterion_id="c3", score=2
    )
    services.scores.save_score(
        member,
        world.vacancy.id,
        panel_code=code,
        criterion_id="c3",
        score=3,
        expected_version=first.version,
    )
    with pytest.raises(
        StaleEdit, match=r"changed in another window after this screen was drawn \(it is now 3\)"
    ):
        services.scores.save_score(
            member,
            world.vacancy.id,
            panel_code=code,
            criterion_id="c3",
            score=1,
            expected_version=first.version,
        )
    with pytest.raises(StaleEdit):
        services.scores.save_score(
            member, world.vacancy.id, panel_code=code, criterion_id="c3", score=1
        )
    (score,) = [
        s for s in services.reading.my_scores(member, world.vacancy.id) if s.criterion_id == "c3"
    ]
    assert (score.score, score.version) == (3, 2)


def test_many_first_scores_are_saved_together_or_not_at_all(services: Services) -> None:
    world = make_world(services)
    member, vacancy = world.panel[0], world.vacancy.id
    good = [(world.codes["D001"], "c3", 2), (world.codes["D002"], "c3", 1)]
    with pytest.raises(InvalidInput, match="is not on the 0-3 evidence scale"):
        services.scores.save_scores(member, vacancy, [*good, (world.codes["D003"], "c3", 9)])
    services.declarations.declare_conflict(member, vacancy, panel_code=world.codes["D004"])
    with pytest.raises(NotAllowed, match="conflict of interest"):
        services.scores.save_scores(member, vacancy, [*good, (world.codes["D004"], "c3", 2)])
    assert services.reading.my_scores(member, vacancy) == []
    assert services.scores.save_scores(member, vacancy, good) == 2
    assert {(s.panel_code, s.score) for s in services.reading.my_scores(member, vacancy)} == {
        (code, score) for code, _, score in good
    }
    with pytest.raises(StaleEdit):  # a score already given changes one at a time, by version
        services.scores.save_scores(member, vacancy, [(world.codes["D001"], "c3", 3)])
    assert services.scores.save_scores(member, vacancy, good[:1]) == 1, "the same score again"


def test_a_member_sees_other_scores_only_after_submitting(services: Services) -> None:
    world = make_world(services)
    with pytest.raises(NotAllowed, match="once you have submitted your own"):
        services.moderation.panel_scores(world.panel[0], world.vacancy.id)
    score_sample(world)
    services.progress.submit(world.panel[0], world.vacancy.id)
    members = {s.member for s in services.moderation.panel_scores(world.panel[0], world.vacancy.id)}
    assert members == {"rpatel", "sokafor"}
    with pytest.raises(InvalidInput, match="changes now go through moderation"):
        services.scores.save_score(
            world.panel[0],
            world.vacancy.id,
            panel_code=world.codes["D001"],
            criterion_id="c3",
            score=0,
            expected_version=1,
        )


def test_submitting_needs_every_score(services: Services) -> None:
    world = make_world(services)
    services.scores.save_score(
        world.panel[0], world.vacancy.id, panel_code=world.codes["D001"], criterion_id="c3", score=2
    )
    with pytest.raises(InvalidInput, match="335 scores still to give"):
        services.progress.submit(world.panel[0], world.vacancy.id)


def test_a_declared_conflict_keeps_the_member_from_scoring_and_withdraws_their_scores(
    services: Services,
) -> None:
    world = make_world(services)
    member, code = world.panel[0], world.codes["D002"]
    services.scores.save_score(
        member, world.vacancy.id, panel_code=code, criterion_id="c3", score=3
    )
    services.declarations.declare_conflict(
        member, world.vacancy.id, panel_code=code, note="My neighbour"
    )
    with pytest.raises(NotAllowed, match="conflict of interest"):
        services.scores.save_score(
            member, world.vacancy.id, panel_code=code, criterion_id="c3", score=3
        )
    assert code not in {
        a.panel_code for a in services.reading.panel_applications(member, world.vacancy.id)
    }
    assert not [
        s for s in services.reading.my_scores(member, world.vacancy.id) if s.panel_code == code
    ]
    entry = next(
        e
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "declare_conflict"
    )
    assert entry.old_value == {"scores_withdrawn": {"c3": 3}}
    other = services.progress.progress(world.hr, world.vacancy.id)
    assert {p.member: p.expected for p in other} == {"Rpatel": 15 * 21, "Sokafor": 16 * 21}


def test_overrides_need_a_reason_and_finalising_needs_every_tie_decided(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    services.moderation.record_agreed_score(
        world.hr,
        world.vacancy.id,
        panel_code=world.codes["D015"],
        criterion_id="c4",
        score=2,
        note="Agreed at the moderation meeting.",
    )
    with pytest.raises(InvalidInput, match="needs a reason"):
        services.shortlists.override(
            world.hr,
            world.vacancy.id,
            reference="D004",
            decision="shortlisted_on_merit",
            reason="",
            expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
        )
    with pytest.raises(InvalidInput, match="Decide these first.*D004, D005.*D012"):
        services.shortlists.finalise(
            world.hr,
            world.vacancy.id,
            expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
        )
    services.shortlists.override(
        world.hr,
        world.vacancy.id,
        reference="D004",
        decision="shortlisted_on_merit",
        reason="Panel chose D004 on criterion 7 evidence.",
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    services.shortlists.override(
        world.hr,
        world.vacancy.id,
        reference="D005",
        decision="not_shortlisted",
        reason="Panel chose D004 for the last place.",
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    services.shortlists.override(
        world.hr,
        world.vacancy.id,
        reference="D012",
        decision="shortlisted_under_scheme",
        reason="Date of leaving confirmed by phone: March 2023.",
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    services.shortlists.finalise(
        world.hr,
        world.vacancy.id,
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    view = services.shortlists.shortlist(world.hr, world.vacancy.id)
    assert view.finalised
    d004 = next(r for r in view.rows if r.reference == "D004")
    assert (d004.recommended, d004.decision) == ("tied_at_cut_off", "shortlisted_on_merit")
    assert d004.reason.startswith("Shortlisted on merit: decided by Hilary HR on ")
    assert "because Panel chose D004" in d004.reason
    assert "The tool had recommended: Tied at the cut-off" in d004.reason
    actions = [e.action for e in services.audit.audit_log(world.hr, world.vacancy.id)]
    assert actions.count("override_decision") == 3 and "finalise" in actions
    with pytest.raises(InvalidInput, match="finalised"):
        services.scores.save_score(
            world.panel[0],
            world.vacancy.id,
            panel_code=world.codes["D001"],
            criterion_id="c3",
            score=0,
            expected_version=1,
        )


def test_retention_purge_deletes_personal_data_keeps_counts_and_is_audited(
    services: Services,
) -> None:
    world = make_world(services)
    vacancy = services.vacancies.get_vacancy(world.hr, world.vacancy.id)
    assert vacancy.retention_date == date(2026, 7, 30), "six months after closing"
    services.lifecycle.move(
        world.hr, world.vacancy.id, VacancyStatus.CLOSED, reason="The campaign is over now."
    )
    assert services.retention.purge_expired(world.hr, today=date(2026, 7, 29)).vacancies == []
    report = services.retention.purge_expired(world.hr, today=date(2026, 7, 30))
    assert report.vacancies == [world.vacancy.id] and report.applications_deleted == 17
    with services.store.reading() as session:
        for table in (tables.Application, tables.ApplicantDetails, tables.PanelScore):
            assert session.scalar(select(func.count()).select_from(table)) == 0
        row = session.get(tables.Vacancy, world.vacancy.id)
        assert row is not None and row.status == "purged"
        assert row.summary is not None and row.summary["applications"] == 17
        assert row.summary["declared_schemes"] == {
            "disability": 2,
            "care_leaver": 1,
            "armed_forces": 5,
        }
    entry = next(e for e in services.audit.audit_log(world.hr) if e.action == "purge")
    assert entry.new_value["applications"] == 17
    text_of_log = json.dumps(
        [e.model_dump(mode="json") for e in services.audit.audit_log(world.hr)]
    )
    assert "Hassan" not in text_of_log, "no personal details in the audit log"


def test_hr_edits_weights_and_stages_and_adds_a_criterion_for_one_vacancy(
    services: Services,
) -> None:
    from criteria.schema import Criterion, Stage
    from use_cases import CriterionEdit, VacancyRequest

    world = make_world(services, import_sample=False)
    extra = Criterion(
        id="x1",
        text="Experience of the Orchard rent module",
        category="experience",
        requirement="desirable",
    )
    request = VacancyRequest(
        role_id="darlington-housing-income-management-officer",
        edits=(
            CriterionEdit(criterion_id="c7", weight=2.0),
            CriterionEdit(criterion_id="c22", stage=Stage.INTERVIEW),
        ),
        extra_criteria=(extra,),
    )
    vacancy = services.vacancies.create_vacancy(world.hr, request)
    by_id = {c.id: c for c in vacancy.criteria}
    assert vacancy.scheme.criterion_weights == {"c7": 2.0}
    assert by_id["c22"].stage is Stage.INTERVIEW and not by_id["x1"].is_essential
    with pytest.raises(InvalidInput, match="no criterion 'c99'"):
        services.vacancies.create_vacancy(
            world.hr,
            request.model_copy(update={"edits": (CriterionEdit(criterion_id="c99", weight=1),)}),
        )
    with pytest.raises(InvalidInput, match="'c7' is taken"):
        services.vacancies.create_vacancy(
            world.hr,
            request.model_copy(update={"extra_criteria": (extra.model_copy(update={"id": "c7"}),)}),
        )
