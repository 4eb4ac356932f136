"""Letters after finalising, against SQLite and PostgreSQL and a real SMTP server on loopback
(aiosmtpd): every message checked (recipient, template, reason), nothing sent twice, a failed
send recorded as nothing sent, and the record purged with the applicant."""

from __future__ import annotations

import io
import threading
import zipfile
from datetime import date
from typing import Any

import docx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import DBAPIError

from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind, LetterTemplate
from storage import tables
from storage.store import Store
from tests.integration.helpers import World, make_world, moderate_sample, score_sample
from tests.integration.smtp import Inbox, free_port, mailer, subject
from use_cases import Services
from use_cases.errors import InvalidInput, NotAllowed, StaleEdit
from use_cases.mail import MailUnavailable, SmtpMailer

COUNCIL = "recruitment@darlington.gov.uk"
INVITED = ("D001", "D002", "D003", "D004", "D008", "D009", "D012", "D014", "D017")
REGRET = ("D005", "D006", "D007", "D015")
SCHEME = ("D010", "D011", "D016")  # claimed a scheme, not shortlisted
# HR's wording: a subject per kind, so each message names the template it was made from
WORDING = {
    LetterKind.INVITATION: ("Interview {reference}", "Dear {first_name} {last_name},\n\nYou are invited on {interview_date}.\n\n{reason}"),
    LetterKind.REGRET: ("Regret {reference}", "Dear {first_name} {last_name},\n\nNot this time.\n\n{reason}"),
    LetterKind.SCHEME_NOT_SHORTLISTED: ("Scheme considered {reference}", "Dear {first_name} {last_name},\n\nWe considered your claim.\n\n{reason}"),
}  # fmt: skip
PREFIX = {
    LetterKind.INVITATION: "Interview",
    LetterKind.REGRET: "Regret",
    LetterKind.SCHEME_NOT_SHORTLISTED: "Scheme considered",
}


def finalise(services: Services) -> World:
    """The Darlington sample through the services: scored, moderated, ties decided, finalised."""
    world = make_world(services)
    score_sample(world)
    moderate_sample(world, note="Agreed at the moderation meeting.")
    services.shortlists.finalise(
        world.hr,
        world.vacancy.id,
        expected_shortlist=services.shortlists.outcome(world.hr, world.vacancy.id).version,
    )
    return world


def use_wording(world: World) -> None:
    for kind, (title, body) in WORDING.items():
        world.services.letters.save_template(
            world.hr, world.vacancy.id, LetterTemplate(kind=kind, subject=title, body=body),
            expected_version=0,
        )  # fmt: skip


def kind_of(subject: str) -> LetterKind:
    return next(
        k for k, p in sorted(PREFIX.items(), key=lambda kp: -len(kp[1])) if subject.startswith(p)
    )


def test_the_letters_of_a_finalised_vacancy_go_once_each_to_the_right_person_with_the_reason(
    services: Services, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = finalise(services)
    services.letters.mailer = mailer(port)
    use_wording(world)
    vacancy_id = world.vacancy.id
    outcome = services.shortlists.outcome(world.hr, vacancy_id)

    report = services.letters.send_emails(world.hr, vacancy_id)

    expected = len(INVITED) + len(REGRET) + len(SCHEME)
    assert (report.sent, report.already_sent, report.without_address, report.failed) == (
        expected, 0, 0, 0,
    )  # fmt: skip
    assert len(server.messages) == expected
    seen: dict[str, LetterKind] = {}
    for received in server.messages:
        message = received.message
        reference = subject(message).rsplit(" ", 1)[1]
        person = outcome.people[reference]
        decision = outcome.decision(reference)
        assert received.rcpt_tos == [person.email] and message["To"] == person.email
        assert received.mail_from == COUNCIL and message["From"] == COUNCIL
        body = message.get_content()
        assert body.startswith(f"Dear {person.first_name} {person.last_name},")
        assert " ".join(decision.reason.split()) in " ".join(body.split())
        assert message.get_content_type() == "text/plain"
        seen[reference] = kind_of(subject(message))
    assert seen == {
        **dict.fromkeys(INVITED, LetterKind.INVITATION),
        **dict.fromkeys(REGRET, LetterKind.REGRET),
        **dict.fromkeys(SCHEME, LetterKind.SCHEME_NOT_SHORTLISTED),
    }, "the withdrawn D013 gets nothing; each other applicant the letter for their decision"

    again = services.letters.send_emails(world.hr, vacancy_id)
    assert (again.sent, again.already_sent, again.without_address) == (0, expected, 0)
    assert len(server.messages) == expected, "a second send sends nothing"

    sends = [e for e in services.audit.audit_log(world.hr, vacancy_id) if e.action == "send_letter"]
    assert sorted(e.entity_id or "" for e in sends) == sorted(seen)
    hashes = {
        k: LetterTemplate(kind=k, subject=s, body=b).template_hash for k, (s, b) in WORDING.items()
    }
    version = outcome.version  # the shortlist the letters were sent from
    for entry in sends:
        kind = seen[entry.entity_id or ""]
        assert entry.new_value == {
            "kind": kind.value, "channel": "email", "template": hashes[kind], "shortlist": version,
        }  # fmt: skip
        assert "@" not in repr(entry.new_value) and "Dear" not in repr(entry.new_value)
    view = services.letters.letters(world.hr, vacancy_id)
    emailed = {line.reference: line.emailed for line in view.lines if line.emailed}
    assert set(emailed) == set(seen) and {s.status for s in emailed.values()} == {"sent"}
    assert {s.sent_by for s in emailed.values()} == {"Hilary HR"}


def test_the_default_wording_is_used_where_hr_has_not_written_one(
    services: Services, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = finalise(services)
    services.letters.mailer = mailer(port)
    services.letters.send_emails(world.hr, world.vacancy.id)
    by_address = {r.rcpt_tos[0]: r.message for r in server.messages}
    regret = by_address["grace.hughes@example.org"]  # D007: no evidence for criterion 7
    assert (
        subject(regret) == "Your application for Housing Income Management Officer (reference D007)"
    )
    body = " ".join(regret.get_content().split())
    assert "you have not been shortlisted for interview" in body
    assert (
        "The reason recorded by the panel: Not shortlisted: the panel found no evidence for essential criterion 7"
        in body
    )
    scheme = " ".join(by_address["kira.lewis@example.org"].get_content().split())  # D011
    assert (
        "guaranteed-interview schemes" in scheme
        and "The Care leavers scheme applies only" in scheme
    )
    invitation = by_address["amina.hassan@example.org"]
    assert subject(invitation).startswith(
        "Invitation to interview: Housing Income Management Officer"
    )
    assert DEFAULT_TEMPLATES[LetterKind.INVITATION].template_hash in {
        e.new_value["template"]
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "send_letter" and e.entity_id == "D001"
    }


def test_letters_wait_for_the_shortlist_to_be_finalised(
    services: Services, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = make_world(services)
    services.letters.mailer = mailer(port)
    with pytest.raises(InvalidInput, match="once the shortlist is finalised"):
        services.letters.send_emails(world.hr, world.vacancy.id)
    with pytest.raises(InvalidInput, match="once the shortlist is finalised"):
        services.letters.documents(world.hr, world.vacancy.id)
    assert server.messages == []


def test_a_refused_recipient_is_recorded_as_nothing_sent_and_goes_on_the_next_send(
    services: Services, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = finalise(services)
    services.letters.mailer = mailer(port)
    with services.store.writing() as session:  # D017 gave no e-mail address
        row = session.scalar(
            select(tables.ApplicantDetails)
            .join(tables.Application)
            .where(tables.Application.reference == "D017")
        )
        assert row is not None
        row.email = None
    server.refuse.add("grace.hughes@example.org")  # D007

    report = services.letters.send_emails(world.hr, world.vacancy.id)

    assert (report.sent, report.failed, report.without_address, report.not_attempted) == (
        14,
        1,
        1,
        0,
    )
    assert report.problems == ("D007: the mail server refused the recipient (code 550)",)
    assert "grace" not in repr(report)
    view = services.letters.letters(world.hr, world.vacancy.id)
    line = next(x for x in view.lines if x.reference == "D007")
    assert line.emailed is None, "a failed send is not recorded as sent"
    failure = next(
        e
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "letter_not_sent"
    )
    assert failure.entity_id == "D007" and "@" not in repr(failure.new_value)
    assert failure.new_value["error"] == "the mail server refused the recipient (code 550)"

    server.refuse.clear()
    again = services.letters.send_emails(world.hr, world.vacancy.id)
    assert (again.sent, again.already_sent, again.without_address) == (1, 14, 1)
    assert [r.rcpt_tos for r in server.messages].count(["grace.hughes@example.org"]) == 1


def test_an_unreachable_mail_server_sends_and_records_nothing(services: Services) -> None:
    world = finalise(services)
    services.letters.mailer = mailer(free_port())  # nobody listens there
    with pytest.raises(
        MailUnavailable, match="Nothing was sent: the mail server could not be reached"
    ):
        services.letters.send_emails(world.hr, world.vacancy.id)
    assert not any(x.emailed for x in services.letters.letters(world.hr, world.vacancy.id).lines)


def test_two_hr_officers_sending_at_once_send_each_letter_once(
    store: Store, services: Services, inbox: tuple[Inbox, int]
) -> None:
    server, port = inbox
    world = finalise(services)
    other = Services(store)  # a second app server over the same database
    for s in (services, other):
        s.letters.mailer = mailer(port)
    start = threading.Barrier(2)
    reports = []

    def send(s: Services) -> None:
        start.wait()
        reports.append(s.letters.send_emails(world.hr, world.vacancy.id))

    threads = [threading.Thread(target=send, args=(s,)) for s in (services, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    expected = len(INVITED) + len(REGRET) + len(SCHEME)
    assert len(reports) == 2
    assert sum(r.sent for r in reports) == expected
    assert all(r.sent + r.already_sent == expected for r in reports)
    assert sorted(r.rcpt_tos[0] for r in server.messages) == sorted(
        {r.rcpt_tos[0] for r in server.messages}
    ), "no address got two letters"
    assert len(server.messages) == expected


def test_hr_previews_downloads_the_documents_and_the_download_is_recorded_once(
    services: Services,
) -> None:
    world = finalise(services)
    vacancy_id = world.vacancy.id
    letter = services.letters.preview(world.hr, vacancy_id, "D007")
    assert letter.kind is LetterKind.REGRET and "essential criterion 7" in letter.body
    draft = LetterTemplate(kind=LetterKind.REGRET, subject="Draft {reference}", body="{reason}")
    assert (
        services.letters.preview(world.hr, vacancy_id, "D007", draft=draft).subject == "Draft D007"
    )
    with pytest.raises(InvalidInput, match="D013 gets no letter: Withdrawn"):
        services.letters.preview(world.hr, vacancy_id, "D013")

    download = services.letters.documents(world.hr, vacancy_id)
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    names = archive.namelist()
    assert (
        len(names) == 2 * 16
        and "D007-regret.docx" in names
        and "D011-scheme-not-shortlisted.pdf" in names
    )
    document = docx.Document(io.BytesIO(archive.read("D007-regret.docx")))
    assert any("essential criterion 7" in p.text for p in document.paragraphs)
    services.letters.documents(world.hr, vacancy_id)
    prepared = [
        e.new_value
        for e in services.audit.audit_log(world.hr, vacancy_id)
        if e.action == "prepare_letters"
    ]
    assert [p["first_time"] for p in prepared] == [0, 16], "newest first"
    lines = services.letters.letters(world.hr, vacancy_id).lines
    assert sum(1 for x in lines if x.document and x.document.status == "prepared") == 16


def test_hr_wording_is_saved_with_a_version_and_a_stale_save_is_refused(services: Services) -> None:
    world = make_world(services, import_sample=False)
    vacancy_id = world.vacancy.id
    first = LetterTemplate(kind=LetterKind.REGRET, subject="Regret {reference}", body="{reason}")
    saved = services.letters.save_template(world.hr, vacancy_id, first, expected_version=0)
    assert saved.version == 1 and saved.updated_by == "Hilary HR" and saved.template == first
    with pytest.raises(StaleEdit, match="changed from another window"):
        services.letters.save_template(world.hr, vacancy_id, first, expected_version=0)
    view = services.letters.letters(world.hr, vacancy_id)
    assert view.templates[LetterKind.REGRET].template == first
    assert view.templates[LetterKind.INVITATION].version == 0, "the default until HR saves one"
    entry = next(
        e
        for e in services.audit.audit_log(world.hr, vacancy_id)
        if e.action == "save_letter_template"
    )
    assert entry.entity_id == "regret"
    assert entry.old_value == {"template": DEFAULT_TEMPLATES[LetterKind.REGRET].template_hash}
    assert entry.new_value["template"] == first.template_hash


def test_only_hr_reaches_the_letters(services: Services) -> None:
    world = make_world(services, import_sample=False)
    with pytest.raises(NotAllowed, match="Only HR officers may send letters"):
        services.letters.send_emails(world.panel[0], world.vacancy.id)
    with pytest.raises(NotAllowed, match="Only HR officers may see letters"):
        services.letters.letters(world.admin, world.vacancy.id)


def test_the_record_of_letters_is_purged_with_the_applicants(
    services: Services, inbox: tuple[Inbox, int]
) -> None:
    _, port = inbox
    world = finalise(services)
    services.letters.mailer = mailer(port)
    services.letters.send_emails(world.hr, world.vacancy.id)
    services.letters.documents(world.hr, world.vacancy.id)
    with services.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(tables.LetterSent)) == 32
    services.retention.purge_expired(world.hr, today=date(2026, 7, 30))
    with services.store.reading() as session:
        assert session.scalar(select(func.count()).select_from(tables.LetterSent)) == 0
    entries = services.audit.audit_log(world.hr, world.vacancy.id)
    assert all(e.new_value is None for e in entries if e.action == "send_letter")


def test_the_migrated_tables_match_the_schema_and_the_app_role_cannot_rewrite_a_record(
    store: Store, services: Services, inbox: tuple[Inbox, int]
) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), tables.Base.metadata)
    mine = [d for d in differences if "letter" in repr(d)]
    assert mine == []
    if store.engine.dialect.name != "postgresql":
        return
    _, port = inbox
    world = finalise(services)
    services.letters.mailer = mailer(port)
    services.letters.send_emails(world.hr, world.vacancy.id)
    with pytest.raises(DBAPIError, match="permission denied"):
        with store.writing() as session:  # the app's role may change a record's status only
            session.execute(update(tables.LetterSent).values(recipient="someone@example.org"))
    with store.writing() as session:
        session.execute(text("UPDATE letters_sent SET status = 'sent'"))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_the_mailer_logs_in_when_told_and_a_refused_login_sends_and_records_nothing(
    services: Services,
) -> None:
    def authenticator(
        server: Any, session: Any, envelope: Any, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"hr", b"s3cret")
        return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 535

    handler = Inbox()
    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(), authenticator=authenticator,
        auth_required=True, auth_require_tls=False,  # loopback: no password crosses a network
        auth_exclude_mechanism=["LOGIN"],  # smtplib would try LOGIN next, unanswered here
    )  # fmt: skip
    controller.start()
    try:
        world = finalise(services)
        wrong = SmtpMailer(
            host="127.0.0.1", port=controller.port, sender=COUNCIL, username="hr", password="guess"
        )
        services.letters.mailer = wrong
        with pytest.raises(
            MailUnavailable,
            match=r"Nothing was sent: the mail server refused the user name or password \(code 535\)",
        ):
            services.letters.send_emails(world.hr, world.vacancy.id)
        assert handler.messages == []
        assert not any(
            x.emailed for x in services.letters.letters(world.hr, world.vacancy.id).lines
        )
        services.letters.mailer = SmtpMailer(**{**wrong.__dict__, "password": "s3cret"})
        assert services.letters.send_emails(world.hr, world.vacancy.id).sent == 16
        assert len(handler.messages) == 16
    finally:
        controller.stop()
