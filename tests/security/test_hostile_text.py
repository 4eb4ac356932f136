"""Issue 25, finding 5: a vertical tab (Word's Shift+Enter) or another control character in a
note or a name was stored as typed, and from then on the scoring sheet and feedback sheet
downloads failed ("Something went wrong") until someone found and changed the text; names kept
line breaks, bidi overrides and zero-width spaces.

Text is now made safe where it enters (scoring/clean_text.py) and every export and letter
drops what it cannot hold, so text stored before that rule cannot break a download either.
One vacancy holds each hostile string in every place text goes in: the applications file
(statements, answers, names), panel notes, agreed notes, override and close reasons, redaction
terms, display names, the title and the letters' wording; first through the services, then
written straight into the database as a deployment's older data would be. Every export is
made and opened again: the shortlist workbook, each member's scoring sheet (returned as it
was: nothing changes), the feedback sheets, the letters (DOCX and PDF) and the self-check
summary."""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from datetime import date
from itertools import cycle
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.feedback import feedback_page, feedback_workbook
from exports.self_check import summary_workbook
from scoring.applicant.other_roles import transfer
from scoring.applicant.self_check import Answer, Rating, check
from scoring.rules.lifecycle import VacancyStatus
from scoring.rules.scheme import Scheme
from scoring.words.letters import LetterKind, LetterTemplate
from storage import tables
from storage.store import open_store
from tests.integration.helpers import (
    DARLINGTON,
    DARLINGTON_ROLE,
    PASSWORD,
    WITHDRAWN,
    World,
    actor,
    moderate_sample,
    sample_scores,
)
from tests.integration.libreoffice import ODS, run_calc
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name
from use_cases import Services, VacancyRequest
from use_cases.access import Role

HOSTILE = {
    "vertical tab": "Line one\x0bline two",
    "form feed": "Page one\x0cpage two",
    "C0 controls": "C0 " + "".join(map(chr, [*range(1, 9), *range(14, 32)])) + " end",
    "C1 controls": "C1 \x7f\x80\x85\x9b\x9f end",
    "bidi overrides": "\u202eevil\u202c \u2066isolated\u2069 \u200e\u200f\u061c marks",
    "zero width": "zero\u200bwidth\u200c\u200d\u2060\ufeff",
    "formula": "=cmd|' /C calc'!A0",
    "long line": "A long line " + "x" * 20_000,
    "right to left": "مرحبا بالعالم שלום עולם",
    "emoji": "Done 😀👩🏽\u200d💻🇬🇧",
}
SURROGATE = "lone \ud800 surrogate"  # through the services only: no database can store one
TYPED = [*HOSTILE.values(), SURROGATE]  # what a person can type on a page
SHORT = [v[:150] for v in HOSTILE.values()]  # for names and titles, which have a length
SECRET = b"hostile text test secret"
INVISIBLE = set("\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060")
INVISIBLE |= set("\u2066\u2067\u2068\u2069\ufeff")


def forbidden(text: str) -> list[str]:
    """What XML (so XLSX, ODS, DOCX) cannot hold or no text should carry, written out apart
    from the code under test: controls bar tab and line breaks, surrogates, noncharacters."""
    return [
        ch
        for ch in text
        if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
        or unicodedata.category(ch) == "Cs"
        or 0xFDD0 <= ord(ch) <= 0xFDEF
        or ord(ch) & 0xFFFE == 0xFFFE
    ]


# --- The vacancy, through the services --------------------------------------------------------


def hostile_csv() -> bytes:
    with (DARLINGTON / "applications.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    values = cycle(HOSTILE.values())
    for r in rows:
        value = next(values)
        # a name that starts like a formula is refused at import (intake.py): one letter first
        r["first_name"], r["last_name"] = f"N {value[:150]}", f"{r['last_name']} {value[:40]}"
        r["statement"] = f"{value} {r['statement']}"
        for column in r:
            if column.startswith("evidence:") and r[column]:
                r[column] = f"{r[column]} {value}"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def hostile_world(services: Services) -> World:
    """The Darlington sample with every hostile string typed or imported everywhere, scored
    by two members, open for scoring."""
    services.accounts.bootstrap_admin(username="admin", display_name=TYPED[0], password=PASSWORD)
    admin = actor(services, "admin")
    names = cycle(TYPED)
    services.accounts.create_user(
        admin, username="hr", display_name=next(names)[:150], role=Role.HR, password=PASSWORD,
        organisation_id="darlington",
    )  # fmt: skip
    panel = []
    for username in ("rpatel", "sokafor"):
        services.accounts.create_user(
            admin, username=username, display_name=next(names)[:150], role=Role.PANEL,
            password=PASSWORD, organisation_id="darlington",
        )  # fmt: skip
        panel.append(actor(services, username))
    hr = actor(services, "hr")
    vacancy = services.vacancies.create_vacancy(
        hr,
        VacancyRequest(
            role_id=DARLINGTON_ROLE, title=" ".join(v[:25] for v in TYPED)[:280],
            closing_date=date(2026, 1, 30), scheme=Scheme(slots=4),
        ),
    )  # fmt: skip
    services.vacancies.assign_panel(hr, vacancy.id, [p.user_id for p in panel])
    services.intake.import_applications(hr, vacancy.id, file_name="hostile.csv", data=hostile_csv())
    world = World(services, admin, hr, panel, vacancy)
    world.codes = {a.reference: a.panel_code for a in services.intake.applications(hr, vacancy.id)}
    for reference, term in zip(sorted(world.codes), cycle(TYPED), strict=False):
        services.redaction.adjust_redaction(hr, vacancy.id, reference, extra=[term, "arrears"])
    services.redaction.release_to_panel(hr, vacancy.id)
    members = {"rpatel": panel[0], "sokafor": panel[1]}
    for member in panel:
        services.declarations.declare_conflicts(member, vacancy.id, [], note=SURROGATE)
    given: dict[str, list[tuple[str, str, int]]] = {"rpatel": [], "sokafor": []}
    for r in sample_scores():
        if r["criterion_id"] != "c21" and r["application_id"] != WITHDRAWN:
            code = world.codes[r["application_id"]]
            given[r["panel_member"]].append((code, r["criterion_id"], int(r["score"])))
    for username, scores in given.items():
        services.scores.save_scores(members[username], vacancy.id, scores)
        for (code, criterion, score), note in zip(scores, TYPED, strict=False):  # each note once
            services.scores.save_score(
                members[username], vacancy.id, panel_code=code, criterion_id=criterion,
                score=score, note=note, expected_version=1,
            )  # fmt: skip
    return world


def finalise(world: World) -> None:
    """Moderated, decided with hostile reasons, worded with hostile letters, finalised."""
    services, hr, vacancy_id = world.services, world.hr, world.vacancy.id
    moderate_sample(
        world,
        note=f"{HOSTILE['vertical tab']} {SURROGATE}",
        reasons=(f"{t} Decided by the panel at the moderation meeting." for t in cycle(TYPED)),
    )
    for kind in LetterKind:
        services.letters.save_template(
            hr, vacancy_id,
            LetterTemplate(
                kind=kind, subject=f"{SHORT[0]} {{reference}} {SURROGATE}",
                body="Dear {first_name} {last_name},\n\n" + "\n\n".join(v[:5000] for v in TYPED) + "\n\n{reason}",
            ),
            expected_version=0,
        )  # fmt: skip
    services.shortlists.finalise(
        hr, vacancy_id, expected_shortlist=services.shortlists.outcome(hr, vacancy_id).version
    )


# --- The same text written straight into the database (a deployment's older data) -------------


def plant(services: Services, vacancy_id: int) -> None:
    """Every text column of the vacancy's rows set to hostile strings, past every rule, as data
    stored before the rules would be (PostgreSQL cannot store NUL or a lone surrogate)."""
    texts, short = cycle(HOSTILE.values()), cycle(SHORT)
    app = tables.Application
    mine = app.id.in_(select(app.id).where(app.vacancy_id == vacancy_id))
    in_vacancy = select(app.id).where(app.vacancy_id == vacancy_id)
    with services.store.writing() as session:

        def each(key: Any, where: Any, **columns: Iterator[str]) -> None:
            for (value,) in session.execute(select(key).where(where)).all():
                session.execute(
                    update(key.class_)
                    .where(where, key == value)
                    .values({c: next(v) for c, v in columns.items()})
                )

        each(tables.PanelScore.id, tables.PanelScore.application_id.in_(in_vacancy), note=texts)
        each(tables.AgreedScore.id, tables.AgreedScore.application_id.in_(in_vacancy), note=texts)
        each(
            tables.Decision.application_id, tables.Decision.application_id.in_(in_vacancy),
            reason=texts, override_reason=texts,
        )  # fmt: skip
        each(
            tables.ApplicantDetails.application_id,
            tables.ApplicantDetails.application_id.in_(in_vacancy),
            first_name=short, last_name=short,
        )  # fmt: skip
        each(
            tables.LetterTemplate.kind, tables.LetterTemplate.vacancy_id == vacancy_id,
            subject=short,
        )  # fmt: skip
        each(tables.User.id, tables.User.id > 0, display_name=short)
        for key, evidence in session.execute(select(app.id, app.panel_evidence).where(mine)).all():
            value = next(texts)
            answers = {criterion: value for criterion in evidence}
            session.execute(
                update(app).where(app.id == key).values(
                    statement=value, panel_statement=value, evidence=answers,
                    panel_evidence=answers, redaction_terms={"extra": SHORT, "keep": SHORT[:2]},
                )
            )  # fmt: skip
        session.execute(
            update(tables.Vacancy)
            .where(tables.Vacancy.id == vacancy_id)
            .values(title=" ".join(v[:25] for v in SHORT), closed_reason=HOSTILE["long line"])
        )


# --- Every export, made and opened again -------------------------------------------------------


def xlsx_texts(content: bytes) -> list[str]:
    """Every text cell of a workbook, opened again."""
    book = load_workbook(io.BytesIO(content))
    return [c.value for s in book for row in s.iter_rows() for c in row if isinstance(c.value, str)]


def letter_texts(content: bytes) -> list[str]:
    """Every paragraph of every DOCX letter, each PDF letter opened and read."""
    texts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert names and {n.rsplit(".", 1)[1] for n in names} == {"docx", "pdf"}
        for name in names:
            data = archive.read(name)
            if name.endswith(".docx"):
                texts += [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
            else:
                assert "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    return texts


def every_export(services: Services, world: World, *, scoring_open: bool) -> list[str]:
    """The shortlist workbook (with and without names), each member's scoring sheet returned
    as it was (while scoring is open), every feedback sheet and, once finalised, the letters:
    made without error and opened again. Every text they hold, for the caller to check."""
    hr, vacancy_id = world.hr, world.vacancy.id
    texts = []
    outcome = services.shortlists.outcome(hr, vacancy_id)
    for personal in (False, True):
        book = services.workbooks.export_shortlist(hr, outcome, include_personal=personal)
        texts += xlsx_texts(book.content)
    if scoring_open:
        for member in world.panel:
            sheet = services.sheets.scoring_sheet(member, vacancy_id)
            texts += xlsx_texts(sheet.content)
            returned = services.sheets.import_scoring_sheet(
                member, vacancy_id, data=sheet.content, file_name="returned.xlsx"
            )
            assert returned == 0, "returned as downloaded: nothing changes"
    for reference in sorted(world.codes):
        sheet = services.feedback.feedback_sheet(hr, outcome, reference, include_name=True)
        texts += xlsx_texts(feedback_workbook(sheet))
        assert feedback_page(sheet)
    if not scoring_open:
        texts += letter_texts(services.letters.documents(hr, vacancy_id).content)
    return texts


def assert_safe_and_arrived(texts: list[str], *expected: str) -> None:
    assert not [t[:60] for t in texts if forbidden(t)], "nothing a workbook cannot hold"
    joined = "\n".join(texts)
    for piece in expected:
        assert piece in joined, piece


@pytest.fixture
def services(database_url: str, shared_catalogue: Catalogue) -> Iterator[Services]:
    store = open_store(database_url, shared_catalogue)
    yield Services(store, secret=SECRET)
    store.engine.dispose()


def again(services: Services) -> Services:
    """The services of a freshly started app server: nothing kept in memory from before."""
    url = services.store.engine.url.render_as_string(hide_password=False)
    return Services(open_store(url, services.store.catalogue), secret=SECRET)


def test_hostile_text_is_stored_clean_wherever_it_goes_in(services: Services) -> None:
    world = hostile_world(services)
    hr, vacancy_id = world.hr, world.vacancy.id
    applications = services.intake.applications(hr, vacancy_id)
    names = [f"{a.first_name} {a.last_name}" for a in applications]
    assert not [n for n in names if set(n) & INVISIBLE or forbidden(n) or "\n" in n]
    assert any("Line one line two" in n for n in names), "a line break in a name is a space"
    statements = [a.statement for a in applications]
    assert not [s[:40] for s in statements if forbidden(s)]
    assert any("Line one\nline two" in s for s in statements), "Shift+Enter is a line break"
    notes = [s.note for m in world.panel for s in services.reading.my_scores(m, vacancy_id)]
    assert not [n[:40] for n in notes if forbidden(n)]
    assert {"Line one\nline two", "Page one\npage two", "lone  surrogate"} <= set(notes)
    users = services.accounts.list_users(world.admin)
    assert not [
        u.display_name
        for u in users
        if set(u.display_name) & INVISIBLE or forbidden(u.display_name)
    ]
    title = services.vacancies.get_vacancy(hr, vacancy_id).title
    assert not forbidden(title) and "Line one\nline two" in title
    terms = [t for r in services.redaction.redaction_review(hr, vacancy_id) for t in r.extra]
    assert not [t for t in terms if forbidden(t)] and "lone surrogate" in terms


def test_every_export_and_letter_is_made_from_hostile_text_typed_through_the_services(
    services: Services,
) -> None:
    world = hostile_world(services)
    texts = every_export(services, world, scoring_open=True)
    assert_safe_and_arrived(texts, "Line one\nline two", "مرحبا بالعالم", "😀", "lone  surrogate")
    finalise(world)
    texts = every_export(services, world, scoring_open=False)
    assert_safe_and_arrived(texts, "Line one\nline two", "Decided by the panel", "😀")
    closed = services.lifecycle.move(
        world.hr, world.vacancy.id, VacancyStatus.CLOSED, reason=f"{TYPED[0]} {SURROGATE}"
    )
    assert closed.closed_reason == "Line one\nline two lone  surrogate"
    outcome = services.shortlists.outcome(world.hr, world.vacancy.id)
    book = services.workbooks.export_shortlist(world.hr, outcome, include_personal=True)
    assert_safe_and_arrived(xlsx_texts(book.content), "lone  surrogate")


def test_every_export_and_letter_is_made_from_hostile_text_stored_before_the_rules(
    services: Services,
) -> None:
    world = hostile_world(services)
    plant(services, world.vacancy.id)
    fresh = again(services)
    texts = every_export(fresh, world, scoring_open=True)
    assert_safe_and_arrived(texts, "Line one\nline two", "C0  end", "C1 \n end", "שלום")
    finalise(World(fresh, world.admin, world.hr, world.panel, world.vacancy, world.codes))
    plant(fresh, world.vacancy.id)
    texts = every_export(again(fresh), world, scoring_open=False)
    assert_safe_and_arrived(texts, "Line one\nline two", "Page one\npage two", "😀")


def test_the_self_check_summary_is_made_from_hostile_answers(catalogue: Catalogue) -> None:
    role = catalogue.role(DARLINGTON_ROLE)
    variant = effective_criteria(role, catalogue.organisation_of(role))
    answers = {
        c.id: Answer(Rating.FULLY, f"{value} and I did it all again.")
        for c, value in zip(variant.criteria, cycle(TYPED), strict=False)
    }
    result = check(variant, answers)
    content = summary_workbook(result, transfer(result, catalogue, limit=5), TYPED, date.today())
    assert_safe_and_arrived(xlsx_texts(content), "Line one\nline two", "مرحبا بالعالم")


@pytest.mark.usefixtures("calc")
def test_a_scoring_sheet_holding_hostile_notes_comes_back_from_libreoffice_as_ods(
    tmp_path: Path, shared_catalogue: Catalogue
) -> None:
    services = Services(
        open_store(f"sqlite:///{tmp_path / 'db.sqlite'}", shared_catalogue), secret=SECRET
    )
    world = hostile_world(services)
    plant(services, world.vacancy.id)
    member = world.panel[0]
    downloaded = tmp_path / "sheet.xlsx"
    downloaded.write_bytes(services.sheets.scoring_sheet(member, world.vacancy.id).content)
    returned = tmp_path / "sheet.ods"
    run_calc(downloaded, save=[{"path": returned, "filter": ODS}])
    changed = services.sheets.import_scoring_sheet(
        member, world.vacancy.id, data=returned.read_bytes(), file_name=returned.name
    )
    assert changed == 0, "saved by LibreOffice as it was: nothing changes"
    services.store.engine.dispose()
