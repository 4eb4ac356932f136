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
from collections.abc import Iterator
from datetime import date
from itertools import cycle

import pytest

from criteria.loader import Catalogue
from scoring.scheme import Scheme
from storage.access import Role
from storage.services import Services, VacancyRequest
from storage.store import open_store
from tests.integration.helpers import (
    DARLINGTON,
    DARLINGTON_ROLE,
    PASSWORD,
    WITHDRAWN,
    World,
    actor,
    sample_scores,
)
from tests.integration.libreoffice import calc as calc  # noqa: F401 - the fixture, by name

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


@pytest.fixture
def services(database_url: str, shared_catalogue: Catalogue) -> Iterator[Services]:
    store = open_store(database_url, shared_catalogue)
    yield Services(store, secret=SECRET)
    store.engine.dispose()


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
