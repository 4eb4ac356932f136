"""Who may do what: for each service method and each role, the allowed calls work and every
other call is refused with a clear error. The cases are keyed by the access registry, so a
new service method without a case fails here."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from criteria.loader import load_catalogue
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.score_checks import ScoreChange
from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind
from storage import tables
from storage.store import open_store
from tests.integration.helpers import (
    DARLINGTON_ROLE,
    PASSWORD,
    Outbox,
    World,
    make_world,
    moderate_sample,
    score_sample,
)
from use_cases import Services, VacancyEdit, VacancyRequest
from use_cases.access import REGISTRY, Actor, Role
from use_cases.errors import NotAllowed, NotFound
from use_cases.models import PanelApplication
from use_cases.pad_presses import Press

CATALOGUE = load_catalogue()


@dataclass
class Case:
    world: World
    other_vacancy: int

    def actor(self, role: Role, purpose: str = "") -> Actor:
        if role is Role.ADMIN:
            return self.world.admin
        if role is Role.HR:
            return self.world.hr
        # panel[1] has submitted; panel[0] has scored everything but not submitted
        return self.world.panel[0] if purpose == "unsubmitted" else self.world.panel[1]


def build_template(path: Path) -> None:
    services = Services(open_store(f"sqlite:///{path}", load_catalogue()))
    world = make_world(services)
    score_sample(world)
    services.progress.submit(world.panel[1], world.vacancy.id)
    moderate_sample(world)
    services.vacancies.create_vacancy(
        world.hr, VacancyRequest(role_id=DARLINGTON_ROLE, closing_date=date(2026, 2, 27))
    )
    with services.store.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    services.store.engine.dispose()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "template.db"
    build_template(path)
    return path


@pytest.fixture
def case(template: Path, tmp_path: Path) -> Iterator[Case]:
    copy = tmp_path / "case.db"
    shutil.copy(template, copy)
    services = Services(open_store(f"sqlite:///{copy}", CATALOGUE))
    with services.store.reading() as session:
        users = {
            u.username: services.accounts.repo.account_by_id(session=session, user_id=u.id).actor
            for u in session.scalars(select(tables.User))
        }
    hr = users["hr"]
    first, other = sorted(v.id for v in services.vacancies.list_vacancies(hr))
    panel = [users["rpatel"], users["sokafor"]]
    world = World(services, users["admin"], hr, panel, services.vacancies.get_vacancy(hr, first))
    world.codes = {a.reference: a.panel_code for a in services.intake.applications(hr, first)}
    yield Case(world, other)
    services.store.engine.dispose()


NEW_FILE = b"application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,armed_forces_gis,statement\nN001,2026-01-20,New,Person,,no,no,none,,,,,Late application\n"


def undeclare(case: Case, actor: Actor) -> None:
    """Put a panel member back before their names-only declaration (for the cases that need it)."""
    with case.world.services.store.writing() as session:
        seat = session.get(tables.PanelAssignment, (case.world.vacancy.id, actor.user_id))
        if seat is not None:
            seat.conflicts_declared_at = None


def finalised(c: Case) -> Case:
    S(c).shortlists.finalise(
        c.world.hr, V(c), expected_shortlist=S(c).shortlists.outcome(c.world.hr, V(c)).version
    )
    S(c).letters.mailer = Outbox()
    return c


def addressed(c: Case) -> int:
    """A panel member with an e-mail address (the accounts the template made have none)."""
    member = c.world.panel[0].user_id
    S(c).accounts.set_email(c.world.admin, user_id=member, email="r.patel@council.example")
    return member


def invited(c: Case) -> int:
    member = addressed(c)
    S(c).sign_on.invite(c.world.admin, user_id=member)
    return member


Call = Callable[[Case, Actor], Any]
S = lambda c: c.world.services  # noqa: E731
V = lambda c: c.world.vacancy.id  # noqa: E731
OUTCOME = lambda c: S(c).shortlists.outcome(c.world.hr, V(c))  # noqa: E731

CASES: dict[str, tuple[str, Call]] = {
    "Accounts.create_user": (
        "",
        lambda c, a: S(c).accounts.create_user(
            a,
            username="newuser",
            display_name="New",
            role=Role.PANEL,
            password=PASSWORD,
            organisation_id="darlington",
        ),
    ),
    "Accounts.list_users": ("", lambda c, a: S(c).accounts.list_users(a)),
    "Accounts.set_password": (
        "",
        lambda c, a: S(c).accounts.set_password(
            a, user_id=c.world.panel[0].user_id, password="another long password"
        ),
    ),
    "Accounts.deactivate_user": (
        "",
        lambda c, a: S(c).accounts.deactivate_user(a, user_id=c.world.panel[0].user_id),
    ),
    "Accounts.set_email": (
        "",
        lambda c, a: S(c).accounts.set_email(
            a, user_id=c.world.panel[0].user_id, email="r.patel@council.example"
        ),
    ),
    "SignOn.invite": ("", lambda c, a: S(c).sign_on.invite(a, user_id=addressed(c))),
    "SignOn.withdraw": ("", lambda c, a: S(c).sign_on.withdraw(a, user_id=invited(c))),
    "Accounts.list_organisations": ("", lambda c, a: S(c).accounts.list_organisations(a)),
    "Accounts.sync_organisations": ("", lambda c, a: S(c).accounts.sync_organisations(a)),
    "Accounts.panel_members": ("", lambda c, a: S(c).accounts.panel_members(a)),
    "Vacancies.create_vacancy": (
        "",
        lambda c, a: S(c).vacancies.create_vacancy(a, VacancyRequest(role_id=DARLINGTON_ROLE)),
    ),
    "Vacancies.list_vacancies": ("", lambda c, a: S(c).vacancies.list_vacancies(a)),
    "Vacancies.get_vacancy": ("", lambda c, a: S(c).vacancies.get_vacancy(a, V(c))),
    "Vacancies.assign_panel": (
        "",
        lambda c, a: S(c).vacancies.assign_panel(a, V(c), [p.user_id for p in c.world.panel]),
    ),
    "VacancyLifecycle.edit": (
        "",
        lambda c, a: S(c).lifecycle.edit(
            a,
            V(c),
            VacancyEdit(title="Renamed"),
            expected_version=S(c).vacancies.get_vacancy(c.world.hr, V(c)).version,
        ),
    ),  # fmt: skip
    "VacancyLifecycle.move": (
        "",
        lambda c, a: S(c).lifecycle.move(a, V(c), VacancyStatus.MODERATION),
    ),
    "Progress.progress": ("", lambda c, a: S(c).progress.progress(a, V(c))),
    "AuditTrail.audit_log": ("", lambda c, a: S(c).audit.audit_log(a, V(c))),
    "Vacancies.set_retention_date": (
        "",
        lambda c, a: S(c).vacancies.set_retention_date(a, V(c), date(2027, 1, 30)),
    ),
    "Intake.import_applications": (
        "",
        lambda c, a: S(c).intake.import_applications(a, V(c), file_name="late.csv", data=NEW_FILE),
    ),
    "Intake.overview": ("", lambda c, a: S(c).intake.overview(a, V(c))),
    "PadPresses.apply_presses": (
        "unsubmitted",
        lambda c, a: S(c).pad.apply_presses(
            a,
            V(c),
            client_id="access-test",
            presses=[Press(1, ScoreChange(c.world.codes["D001"], "c3", 2, None, 1))],
        ),
    ),
    "PanelReading.pad_moved": (
        "",
        lambda c, a: S(c).reading.pad_moved(a, V(c), left=None, shown=c.world.codes["D001"]),
    ),
    "PanelReading.pad_applications": (
        "",
        lambda c, a: S(c).reading.pad_applications(a, V(c), [c.world.codes["D001"]]),
    ),
    "Intake.applications": ("", lambda c, a: S(c).intake.applications(a, V(c))),
    "PanelReading.panel_applications": ("", lambda c, a: S(c).reading.panel_applications(a, V(c))),
    "PanelReading.score_page": ("", lambda c, a: S(c).reading.score_page(a, V(c))),
    "ScoreWrites.save_score": (
        "unsubmitted",
        lambda c, a: S(c).scores.save_score(
            a,
            V(c),
            panel_code=c.world.codes["D001"],
            criterion_id="c3",
            score=2,
            expected_version=1,
        ),
    ),
    "ScoreWrites.save_scores": ("unsubmitted", lambda c, a: S(c).scores.save_scores(a, V(c), [])),
    "PanelReading.my_scores": ("", lambda c, a: S(c).reading.my_scores(a, V(c))),
    "Progress.submit": ("unsubmitted", lambda c, a: S(c).progress.submit(a, V(c))),
    "Declarations.declare_conflict": (
        "unsubmitted",
        lambda c, a: S(c).declarations.declare_conflict(
            a, V(c), panel_code=c.world.codes["D002"], note="Knows them"
        ),
    ),
    "Moderation.panel_scores": ("", lambda c, a: S(c).moderation.panel_scores(a, V(c))),
    "Moderation.record_agreed_score": (
        "",
        lambda c, a: S(c).moderation.record_agreed_score(
            a,
            V(c),
            panel_code=c.world.codes["D001"],
            criterion_id="c3",
            score=3,
            note="Strong evidence.",
        ),
    ),
    "Moderation.agreed_scores": ("", lambda c, a: S(c).moderation.agreed_scores(a, V(c))),
    "Shortlists.shortlist": ("", lambda c, a: S(c).shortlists.shortlist(a, V(c))),
    "Shortlists.outcome": ("", lambda c, a: S(c).shortlists.outcome(a, V(c))),
    "Shortlists.override": (
        "",
        lambda c, a: S(c).shortlists.override(
            a,
            V(c),
            reference="D006",
            decision="shortlisted_by_decision",
            reason="Panel agreed to interview one more.",
            expected_shortlist=S(c).shortlists.outcome(c.world.hr, V(c)).version,
        ),
    ),
    "Shortlists.finalise": (
        "",
        lambda c, a: S(c).shortlists.finalise(
            a, V(c), expected_shortlist=S(c).shortlists.outcome(c.world.hr, V(c)).version
        ),
    ),
    "Workbooks.export_shortlist": ("", lambda c, a: S(c).workbooks.export_shortlist(a, OUTCOME(c))),
    "ScoringSheets.scoring_sheet": (
        "unsubmitted",
        lambda c, a: S(c).sheets.scoring_sheet(a, V(c), member_id=c.world.panel[0].user_id),
    ),
    "ScoringSheets.import_scoring_sheet": (
        "unsubmitted",
        lambda c, a: S(c).sheets.import_scoring_sheet(
            a,
            V(c),
            member_id=c.world.panel[0].user_id,
            file_name="sheet.xlsx",
            data=S(c).sheets.scoring_sheet(c.world.panel[0], V(c)).content,
        ),
    ),
    "Reports.report": ("", lambda c, a: S(c).reports.report(a, OUTCOME(c))),
    "Moderation.moderation_queue": ("", lambda c, a: S(c).moderation.moderation_queue(a, V(c))),
    "PanelReading.panel_application": (
        "",
        lambda c, a: S(c).reading.panel_application(a, V(c), c.world.codes["D001"]),
    ),
    "Progress.my_progress": ("", lambda c, a: S(c).progress.my_progress(a, V(c))),
    "Progress.my_standing": ("", lambda c, a: S(c).progress.my_standing(a, V(c))),
    "Moderation.nothing_to_moderate": (
        "",
        lambda c, a: S(c).moderation.nothing_to_moderate(a, V(c)),
    ),
    "Redaction.redaction_review": ("", lambda c, a: S(c).redaction.redaction_review(a, V(c))),
    "Redaction.adjust_redaction": (
        "",
        lambda c, a: S(c).redaction.adjust_redaction(a, V(c), "D001", extra=["housing"]),
    ),
    "Redaction.release_to_panel": ("", lambda c, a: S(c).redaction.release_to_panel(a, V(c))),
    "Declarations.names_for_declaration": (
        "",
        lambda c, a: (undeclare(c, a), S(c).declarations.names_for_declaration(a, V(c)))[1],
    ),
    "Declarations.declare_conflicts": (
        "",
        lambda c, a: (undeclare(c, a), S(c).declarations.declare_conflicts(a, V(c), []))[1],
    ),
    "Declarations.has_declared": ("", lambda c, a: S(c).declarations.has_declared(a, V(c))),
    "PanelReading.review_order": ("", lambda c, a: S(c).reading.review_order(a, V(c))),
    "Moderation.calibration": ("", lambda c, a: S(c).moderation.calibration(a, V(c))),
    "Feedback.feedback_sheet": (
        "",
        lambda c, a: S(c).feedback.feedback_sheet(a, OUTCOME(c), "D004"),
    ),
    "Monitoring.import_monitoring": (
        "",
        lambda c, a: S(c).monitoring.import_monitoring(
            a, V(c), file_name="monitoring.csv", data=b"application_id,sex\nD001,Female\n"
        ),
    ),
    "Monitoring.monitoring": ("", lambda c, a: S(c).monitoring.monitoring(a, V(c))),
    "AuditTrail.verify": ("", lambda c, a: S(c).audit.verify(a)),
    "Retention.purge_expired": (
        "",
        lambda c, a: S(c).retention.purge_expired(a, today=date(2026, 1, 1)),
    ),
    "HumanReview.review": ("", lambda c, a: S(c).human_review.review(a, OUTCOME(c))),
    "Reminders.send_reminders": ("", lambda c, a: S(c).reminders.send_reminders(a, V(c))),
    "Letters.letters": ("", lambda c, a: S(c).letters.letters(a, V(c))),
    "Letters.save_template": (
        "",
        lambda c, a: S(c).letters.save_template(
            a, V(c), DEFAULT_TEMPLATES[LetterKind.REGRET], expected_version=0
        ),
    ),
    "Letters.preview": ("", lambda c, a: S(c).letters.preview(a, V(c), "D001")),
    "Letters.documents": ("", lambda c, a: S(finalised(c)).letters.documents(a, V(c))),
    "Letters.send_emails": ("", lambda c, a: S(finalised(c)).letters.send_emails(a, V(c))),
}


def test_every_service_method_has_an_access_case() -> None:
    assert set(REGISTRY) == set(CASES)


@pytest.mark.parametrize(
    ("method", "role"),
    [(m, r) for m in sorted(CASES) for r in Role],
    ids=[f"{m}-{r.value}" for m in sorted(CASES) for r in Role],
)
def test_each_role_may_call_exactly_what_it_is_allowed(case: Case, method: str, role: Role) -> None:
    purpose, call = CASES[method]
    actor = case.actor(role, purpose)
    if role in REGISTRY[method]:
        call(case, actor)  # works: no exception
    else:
        with pytest.raises(NotAllowed, match=r"^Only .* may .*; you are signed in as (an? )"):
            call(case, actor)


@pytest.mark.parametrize(
    "attempt",
    [
        lambda s, a, c: s.reading.panel_applications(a, c.other_vacancy),
        lambda s, a, c: s.reading.my_scores(a, c.other_vacancy),
        lambda s, a, c: s.vacancies.get_vacancy(a, c.other_vacancy),
        lambda s, a, c: s.scores.save_score(
            a, c.other_vacancy, panel_code="P00001", criterion_id="c3", score=2
        ),
        lambda s, a, c: s.declarations.declare_conflict(a, c.other_vacancy, panel_code="P00001"),
        lambda s, a, c: s.moderation.panel_scores(a, c.other_vacancy),
        lambda s, a, c: s.intake.applications(a, c.world.vacancy.id),
        lambda s, a, c: s.shortlists.shortlist(a, c.world.vacancy.id),
        lambda s, a, c: s.audit.audit_log(a, c.world.vacancy.id),
        lambda s, a, c: s.progress.progress(a, c.world.vacancy.id),
        lambda s, a, c: s.reading.panel_applications(a, 999_999),
        lambda s, a, c: s.reading.pad_moved(a, c.other_vacancy, left=None, shown="P00001"),
    ],
)
def test_a_panel_member_cannot_reach_another_vacancy_or_any_applicants_details(
    case: Case, attempt: Callable[[Services, Actor, Case], Any]
) -> None:
    with pytest.raises((NotAllowed, NotFound)):
        attempt(case.world.services, case.world.panel[1], case)


def test_the_score_page_asked_for_another_vacancy_shows_only_the_members_own(case: Case) -> None:
    member = case.world.panel[1]
    view = case.world.services.reading.score_page(member, case.other_vacancy)
    assert [v.id for v in view.vacancies] == [case.world.vacancy.id]
    assert view.vacancy is not None and view.vacancy.id == case.world.vacancy.id
    assert view.declared and len(view.codes) == len(
        case.world.services.progress.my_progress(member, case.world.vacancy.id)
    )


def test_what_a_panel_member_reads_holds_no_names_contacts_or_declarations(case: Case) -> None:
    assert set(PanelApplication.model_fields) == {"panel_code", "statement", "evidence"}
    seen = repr(
        case.world.services.reading.panel_applications(case.world.panel[1], case.world.vacancy.id)
    )
    seen += repr(
        case.world.services.moderation.panel_scores(case.world.panel[1], case.world.vacancy.id)
    )
    seen += repr(
        case.world.services.moderation.agreed_scores(case.world.panel[1], case.world.vacancy.id)
    )
    seen += repr(case.world.services.vacancies.list_vacancies(case.world.panel[1]))
    for record in case.world.services.intake.applications(case.world.hr, case.world.vacancy.id):
        assert record.last_name not in seen and record.email not in seen
        assert record.reference not in seen, "HR's references do not reach the panel either"
    declared = ("'disability':", "disability=True", "care_leaver=True", "'care_leaver':")
    for declaration in (*declared, "armed_forces_status", "armed_forces_date"):
        assert declaration not in seen


def test_signing_in_refuses_a_wrong_password_and_closed_accounts(case: Case) -> None:
    services = case.world.services
    with pytest.raises(NotAllowed, match="user name or password is not right"):
        services.accounts.authenticate("hr", "wrong password entirely")
    with pytest.raises(NotAllowed, match="user name or password is not right"):
        services.accounts.authenticate("nobody", PASSWORD)
    services.accounts.deactivate_user(case.world.admin, user_id=case.world.panel[0].user_id)
    with pytest.raises(NotAllowed):
        services.accounts.authenticate("rpatel", PASSWORD)


def test_passwords_are_stored_as_argon2_hashes(case: Case) -> None:

    with case.world.services.store.reading() as session:
        user = session.query(tables.User).filter_by(username="hr").one()
        assert user.password_hash and user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_a_single_sign_on_identity_binds_to_an_invited_user_then_is_known_by_its_subject(
    case: Case,
) -> None:
    services = case.world.services
    user = services.accounts.create_user(
        case.world.admin,
        username="sso",
        display_name="Sam Sso",
        role=Role.HR,
        email="Sam@Council.gov.uk",
        organisation_id="darlington",
    )
    services.sign_on.invite(case.world.admin, user_id=user.id)
    issuer = "https://login.example"
    first = services.sign_on.actor_for_identity(
        {"iss": issuer, "sub": "oidc|123", "email": "sam@council.gov.uk", "email_verified": True}
    )
    again = services.sign_on.actor_for_identity({"iss": issuer, "sub": "oidc|123"})
    assert first == again and first.role is Role.HR and first.user_id == user.id
    with pytest.raises(NotAllowed, match="ask an administrator to invite you"):
        services.sign_on.actor_for_identity(
            {"iss": issuer, "sub": "oidc|999", "email": "stranger@example.org"}
        )
