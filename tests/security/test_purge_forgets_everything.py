"""Finding 4 of issue 25: purge left panel notes behind (`pad_receipts` kept "Reminds me of
Daniel Okoro-Whitfield at 14 Laburnum Road"), and a scoring vacancy whose closing date was
edited to 2020 was purged while live.

The schema is read, not listed by hand: every table is either about a vacancy's applicants
(its rows go, or its free-text columns are emptied, or a column is kept for a stated reason)
or not about any vacancy at all. A new table or column fails the first test until someone says
which it is; the second puts a name in every place a person can type one and finds it nowhere
in the database after the purge."""

from __future__ import annotations

import re
from datetime import date
from itertools import repeat

import pytest
from sqlalchemy import JSON, String, Text, func, select, text
from sqlalchemy.orm import Session

from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.score_checks import ScoreChange
from scoring.words.letters import DEFAULT_TEMPLATES, LetterKind
from storage import tables
from tests.integration.helpers import (
    DARLINGTON,
    WITHDRAWN,
    Outbox,
    World,
    make_world,
    moderate_sample,
    release_and_declare,
    sample_scores,
)
from use_cases import Services
from use_cases.pad_presses import Press
from use_cases.vacancy_lifecycle import VacancyEdit

NAME = "Okoro-Whitfield"  # typed into every free-text place a person can reach
ROWS_GO = {  # rows about the vacancy's applicants that purge deletes
    "applications": "the application: evidence, redaction terms",
    "applicant_details": "names, e-mail, declarations",
    "monitoring_answers": "equality answers",
    "conflicts": "a member's note on whom they know",
    "panel_scores": "scores and notes",
    "agreed_scores": "agreed scores and notes",
    "decisions": "reasons and override reasons",
    "review_time": "who read which application",
    "letters_sent": "the e-mail address written to",
    "pad_receipts": "notes typed on the score pad",
    "import_batches": "file names",
    "letter_templates": "HR's wording, which can name people",
}
VALUES_EMPTIED = {  # columns emptied in rows that stay
    ("vacancies", "closed_reason"),
    ("audit_log", "old_value"),
    ("audit_log", "new_value"),
}
KEPT = {  # text columns of rows that stay, and why they hold nothing about an applicant
    ("vacancies", "organisation_id"): "the council's id",
    ("vacancies", "title"): "the post's name, so HR can still find the purged vacancy",
    ("vacancies", "role_id"): "a catalogue id",
    ("vacancies", "level"): "a catalogue level",
    ("vacancies", "grade"): "a catalogue grade",
    ("vacancies", "role_snapshot"): "the role profile as advertised",
    ("vacancies", "criteria"): "the criteria of the post",
    ("vacancies", "scheme"): "the scoring settings",
    ("vacancies", "policy"): "the council's interview-scheme policy",
    ("vacancies", "status"): "the vacancy's state ('purged')",
    ("vacancies", "summary"): "the anonymised counts kept by design",
    ("vacancies", "request_key"): "a random key of the create form",
    ("vacancies", "advertised"): "how the post is advertised (externally or internally only)",
    ("vacancies", "role_family"): "the post's role family, as HR typed it for the schemes",
    ("audit_log", "actor"): "the staff member who acted (an account, not an applicant)",
    ("audit_log", "action"): "what was done",
    ("audit_log", "entity"): "the kind of record",
    ("audit_log", "entity_id"): "a record's id or reference, never a name",
    ("audit_log", "payload_hash"): "the hash of the emptied values, for the chain",
    ("audit_log", "entry_hash"): "the chain",
}
NOT_ABOUT_A_VACANCY = {  # tables no vacancy's purge should touch, and why
    "organisations": "the catalogue's councils",
    "users": "staff accounts, closed by an administrator, not by a vacancy's retention",
    "sign_in_sessions": "staff sign-in sessions",
    "sign_in_failures": "keyed hashes for the sign-in throttle",
    "deployment": "what this database is",
    "panel_assignments": "who sat on the panel (staff ids and times, no text)",
}


def is_text(column: object) -> bool:
    return isinstance(getattr(column, "type", None), String | Text | JSON)


def about_a_vacancy(table: object) -> bool:
    columns = {c.name for c in table.columns}  # type: ignore[attr-defined]
    return table.name in ("vacancies", "audit_log") or bool(  # type: ignore[attr-defined]
        {"vacancy_id", "application_id"} & columns
    )


def test_every_table_and_text_column_is_either_forgotten_or_kept_for_a_stated_reason() -> None:
    schema = tables.Base.metadata.tables
    unsorted = set(schema) - set(ROWS_GO) - set(NOT_ABOUT_A_VACANCY) - {"vacancies", "audit_log"}
    assert not unsorted, f"say whether purge forgets these tables: {sorted(unsorted)}"
    for name in ROWS_GO:
        assert about_a_vacancy(schema[name]), f"{name} is not reached from a vacancy"
    for name in set(NOT_ABOUT_A_VACANCY) - {"panel_assignments"}:
        assert not about_a_vacancy(schema[name]), f"{name} is about a vacancy: purge it"
    assert not [c for c in schema["panel_assignments"].columns if is_text(c)]
    for name in ("vacancies", "audit_log"):
        for column in schema[name].columns:
            if is_text(column):
                where = (name, column.name)
                assert where in VALUES_EMPTIED or where in KEPT, (
                    f"{name}.{column.name}: say whether purge empties or keeps it"
                )


def a_vacancy_with_a_name_everywhere(services: Services) -> World:
    """The Darlington sample plus one applicant named NAME, and NAME typed by HR and both
    members into every note, reason, term, template and file name there is."""
    world = make_world(services, release=False)
    hr, v = world.hr, world.vacancy.id
    header, first = (DARLINGTON / "applications.csv").read_text().splitlines()[:2]
    late = first.replace("D001", "L001", 1).replace("Hassan", NAME).replace("amina.hassan", NAME)
    services.intake.import_applications(
        hr, v, file_name=f"from-{NAME}.csv", data=f"{header}\n{late}\n".encode()
    )
    world.codes = {a.reference: a.panel_code for a in services.intake.applications(hr, v)}
    services.monitoring.import_monitoring(
        hr, v, file_name="monitoring.csv", data=b"application_id,sex\nL001,Female\n"
    )
    services.redaction.adjust_redaction(hr, v, "D001", extra=[f"{NAME} Road"])
    release_and_declare(world)
    first_member, second = world.panel
    services.declarations.declare_conflict(
        first_member, v, panel_code=world.codes["L001"], note=f"My neighbour is {NAME}"
    )
    services.reading.panel_application(second, v, world.codes["L001"])
    members = {"rpatel": first_member, "sokafor": second}
    for row in sample_scores():
        if row["criterion_id"] == "c21" or row["application_id"] == WITHDRAWN:
            continue  # assessed at interview / withdrawn
        member, code = members[row["panel_member"]], world.codes[row["application_id"]]
        if (member, code, row["criterion_id"]) == (second, world.codes["D004"], "c3"):
            change = ScoreChange(code, "c3", int(row["score"]), f"Knows {NAME}", None)
            services.pad.apply_presses(second, v, client_id="pad-1", presses=[Press(1, change)])
            continue
        note = f"Reminds me of Daniel {NAME} at 14 Laburnum Road" if code.endswith("3") else None
        services.scores.save_score(
            member, v, panel_code=code, criterion_id=row["criterion_id"],
            score=int(row["score"]), note=note,
        )  # fmt: skip
        if row["application_id"] == "D001" and member is second:
            services.scores.save_score(
                second, v, panel_code=world.codes["L001"], criterion_id=row["criterion_id"],
                score=0,
            )  # fmt: skip
    moderate_sample(
        world,
        note=f"Agreed; {NAME} was discussed",
        reasons=repeat(f"Decided by the panel after hearing from {NAME}"),
    )
    regret = DEFAULT_TEMPLATES[LetterKind.REGRET]
    services.letters.save_template(
        hr, v, regret.model_copy(update={"body": f"{regret.body}\nSigned for {NAME}"}),
        expected_version=0,
    )  # fmt: skip
    services.shortlists.finalise(
        hr, v, expected_shortlist=services.shortlists.outcome(hr, v).version
    )
    services.letters.mailer = Outbox()
    services.letters.send_emails(hr, v)
    services.vacancies.set_retention_date(hr, v, date(2026, 3, 1))
    services.lifecycle.move(
        hr, v, VacancyStatus.CLOSED, reason=f"Withdrawn: {NAME} asked us to readvertise"
    )
    return world


def places_holding(session: Session, needle: str) -> set[tuple[str, str]]:
    """Every (table, column) of the whole database holding `needle`, in any case."""
    found = set()
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    for name, table in tables.Base.metadata.tables.items():
        for row in session.execute(select(table)).mappings():
            for column, value in row.items():
                if value is not None and pattern.search(str(value)):
                    found.add((name, column))
    return found


def rows_of(session: Session, table: str, vacancy_id: int, applications: set[int]) -> int:
    columns = tables.Base.metadata.tables[table].c
    if "vacancy_id" in columns:
        where = columns.vacancy_id == vacancy_id
    else:
        where = columns.application_id.in_(applications)
    found = session.scalar(select(func.count()).select_from(columns[0].table).where(where))
    return int(found or 0)


def test_purge_leaves_no_trace_of_a_name_typed_anywhere(services: Services) -> None:
    world = a_vacancy_with_a_name_everywhere(services)
    v = world.vacancy.id
    with services.store.reading() as session:
        applications = set(
            session.scalars(select(tables.Application.id).where(tables.Application.vacancy_id == v))
        )
        before = places_holding(session, NAME)
        counts = {t: rows_of(session, t, v, applications) for t in ROWS_GO}
    assert all(counts.values()), (
        f"the test put nothing in {[t for t, n in counts.items() if not n]}"
    )
    assert {t for t, _ in before} >= {
        "applicant_details", "applications", "conflicts", "panel_scores", "agreed_scores",
        "decisions", "pad_receipts", "import_batches", "letter_templates", "letters_sent",
        "vacancies", "audit_log",
    }  # fmt: skip

    report = services.retention.purge_expired(world.hr, today=date(2026, 3, 2))

    assert report.vacancies == [v]
    with services.store.reading() as session:
        assert places_holding(session, NAME) == set()
        assert {t: rows_of(session, t, v, applications) for t in ROWS_GO} == dict.fromkeys(
            ROWS_GO, 0
        )
        row = session.get(tables.Vacancy, v)
        assert row is not None and row.status == "purged" and row.closed_at is not None
    checked, breaks = services.audit.verify(world.admin)
    assert checked > 20 and breaks == []


@pytest.mark.parametrize("status", [VacancyStatus.SCORING, VacancyStatus.MODERATION])
def test_a_live_vacancy_past_its_retention_date_is_not_purged(
    services: Services, status: VacancyStatus
) -> None:
    world = make_world(services)
    hr, v = world.hr, world.vacancy.id
    if status is VacancyStatus.MODERATION:
        services.lifecycle.move(hr, v, status)
    vacancy = services.vacancies.get_vacancy(hr, v)
    services.lifecycle.edit(
        hr, v, VacancyEdit(closing_date=date(2020, 1, 30)), expected_version=vacancy.version
    )
    assert services.vacancies.get_vacancy(hr, v).retention_date == date(2020, 7, 30)

    assert services.retention.purge_expired(world.hr, today=date(2026, 12, 7)).vacancies == []

    with services.store.reading() as session:
        kept = session.scalar(
            select(func.count())
            .select_from(tables.Application)
            .where(tables.Application.vacancy_id == v)
        )
        assert kept == 17
        assert session.scalar(text("SELECT status FROM vacancies WHERE id = :v"), {"v": v}) == (
            status.value
        )
    services.lifecycle.move(hr, v, VacancyStatus.CLOSED, reason="The post was withdrawn by HR.")
    assert services.retention.purge_expired(world.hr, today=date(2026, 12, 7)).vacancies == [v]
