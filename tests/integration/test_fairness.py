"""Fairness in the service layer, on SQLite and PostgreSQL: identifiers redacted before the
panel reads evidence (HR reviews, adjusts, releases), the names-only conflict declaration,
calibration, chunked review order, feedback sheets and equality monitoring (HR only)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.integration.helpers import (
    DARLINGTON,
    World,
    make_world,
    release_and_declare,
    score_sample,
)
from use_cases import Services
from use_cases.errors import ImportRefused, InvalidInput, NotAllowed

PLANTED_STATEMENT = (
    "Amina Hassan - supporting statement\n"
    "I have worked in a housing association income team for three years. "
    "Call me on 07700 900 123 or write to 12 Low Lane, DL1 5QT. Born on 4 March 1990."
)
PLANTED_ANSWER = "My manager can confirm this: email me at a.hassan.work@gmail.com any time."
PLANTED = ("Amina", "Hassan", "07700 900 123", "a.hassan.work@gmail.com", "DL1 5QT", "4 March 1990")


def planted_file() -> bytes:
    """The Darlington sample with identifiers planted in D001's statement and an answer."""
    with (DARLINGTON / "applications.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["evidence:c3"] = ""
        row["date_of_birth"] = ""
    rows[0]["statement"] = PLANTED_STATEMENT
    rows[0]["evidence:c3"] = PLANTED_ANSWER
    rows[0]["date_of_birth"] = "1990-03-04"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def planted_world(services: Services) -> World:
    world = make_world(services, import_sample=False)
    services.intake.import_applications(
        world.hr, world.vacancy.id, file_name="applications.csv", data=planted_file()
    )
    world.codes = {
        a.reference: a.panel_code for a in services.intake.applications(world.hr, world.vacancy.id)
    }
    return world


def test_planted_identifiers_never_reach_the_panel(services: Services) -> None:
    world = planted_world(services)
    member, vacancy, code = world.panel[0], world.vacancy.id, world.codes["D001"]
    with pytest.raises(NotAllowed, match="not released"):
        services.reading.panel_application(member, vacancy, code)
    review = {r.reference: r for r in services.redaction.redaction_review(world.hr, vacancy)}
    removed = {(x["kind"], x["text"]) for x in review["D001"].redactions}
    assert {kind for kind, _ in removed} >= {"name", "phone", "email", "postcode"}
    assert any("answer to c3" == x["where"] for x in review["D001"].redactions)
    release_and_declare(world)
    seen = services.reading.panel_application(member, vacancy, code)
    everything = seen.statement + " ".join(seen.evidence.values())
    for planted in PLANTED:
        assert planted.lower() not in everything.lower(), planted
    assert "income team for three years" in seen.statement  # the evidence itself stays
    listed = next(
        a for a in services.reading.panel_applications(member, vacancy) if a.panel_code == code
    )
    assert listed.statement == seen.statement
    sheet = load_workbook(io.BytesIO(services.sheets.scoring_sheet(member, vacancy).content))
    text = " ".join(
        str(v)
        for ws in sheet.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v
    )
    for planted in PLANTED:
        assert planted.lower() not in text.lower(), planted


def test_hr_adjusts_a_redaction_and_the_change_is_audited(services: Services) -> None:
    world = planted_world(services)
    vacancy = world.vacancy.id
    adjusted = services.redaction.adjust_redaction(
        world.hr, vacancy, "D001", extra=["Low Lane", " "], keep=["amina hassan"]
    )
    assert "Low Lane" not in adjusted.panel_statement
    assert adjusted.panel_statement.startswith("Amina Hassan - ")  # HR let it stand
    assert adjusted.extra == ["Low Lane"] and adjusted.keep == ["amina hassan"]
    entry = next(
        e for e in services.audit.audit_log(world.hr, vacancy) if e.action == "adjust_redaction"
    )
    assert entry.entity_id == "D001" and entry.new_value == {
        "extra": ["Low Lane"],
        "keep": ["amina hassan"],
    }


def test_release_needs_applications_and_is_audited(services: Services) -> None:
    world = make_world(services, import_sample=False)
    with pytest.raises(InvalidInput, match="Import the applications"):
        services.redaction.release_to_panel(world.hr, world.vacancy.id)
    services.intake.import_applications(
        world.hr,
        world.vacancy.id,
        file_name="applications.csv",
        data=(DARLINGTON / "applications.csv").read_bytes(),
    )
    services.redaction.release_to_panel(world.hr, world.vacancy.id)
    assert services.vacancies.get_vacancy(world.hr, world.vacancy.id).released_at is not None
    assert any(
        e.action == "release_to_panel" for e in services.audit.audit_log(world.hr, world.vacancy.id)
    )


def test_the_names_only_list_comes_before_scoring_and_only_then(services: Services) -> None:
    world = make_world(services, release=False)
    services.redaction.release_to_panel(world.hr, world.vacancy.id)
    member, other, vacancy = world.panel[0], world.panel[1], world.vacancy.id
    with pytest.raises(NotAllowed, match="Declare any conflicts"):
        services.reading.panel_applications(member, vacancy)
    with pytest.raises(NotAllowed, match="Declare any conflicts"):
        services.scores.save_score(
            member, vacancy, panel_code=world.codes["D001"], criterion_id="c3", score=2
        )
    names = services.declarations.names_for_declaration(member, vacancy)
    assert "Amina Hassan" in [n.name for n in names]
    assert len(names) == 16  # withdrawn D013 left out
    shown = " ".join(f"{n.token} {n.name}" for n in names)
    assert not any(code in shown for code in world.codes.values())
    assert not any(ref in shown for ref in world.codes)
    other_tokens = {n.token for n in services.declarations.names_for_declaration(other, vacancy)}
    assert other_tokens.isdisjoint({n.token for n in names})  # tokens are per member
    amina = next(n.token for n in names if n.name == "Amina Hassan")
    assert (
        services.declarations.declare_conflicts(member, vacancy, [amina], "She is my neighbour")
        == 1
    )
    with pytest.raises(NotAllowed, match="shown once"):
        services.declarations.names_for_declaration(member, vacancy)
    with pytest.raises(NotAllowed, match="shown once"):
        services.declarations.declare_conflicts(member, vacancy, [])
    code = world.codes["D001"]
    assert code not in [a.panel_code for a in services.reading.panel_applications(member, vacancy)]
    with pytest.raises(NotAllowed, match="conflict of interest"):
        services.scores.save_score(member, vacancy, panel_code=code, criterion_id="c3", score=2)
    with pytest.raises(NotAllowed):
        services.reading.panel_application(member, vacancy, code)
    progress = {p.member: p for p in services.progress.progress(world.hr, vacancy)}
    assert progress["Rpatel"].conflicts == 1 and progress["Rpatel"].conflicts_declared_at
    assert progress["Sokafor"].conflicts_declared_at is None
    entry = next(
        e for e in services.audit.audit_log(world.hr, vacancy) if e.action == "declare_conflicts"
    )
    assert entry.new_value == {"conflicts": ["D001"], "note": "She is my neighbour"}


def test_each_member_reviews_in_their_own_stable_random_order(services: Services) -> None:
    world = make_world(services)
    first, second = (services.reading.review_order(m, world.vacancy.id) for m in world.panel)
    assert (
        sorted(first)
        == sorted(second)
        == sorted(code for ref, code in world.codes.items() if ref != "D013")
    )
    assert first != second
    assert services.reading.review_order(world.panel[0], world.vacancy.id) == first


def test_calibration_is_for_hr_and_members_who_have_submitted(services: Services) -> None:
    world = make_world(services)
    score_sample(world)

    def stored() -> dict[tuple[str, str, str], int]:
        return {
            (s.panel_code, s.criterion_id, s.member): s.score
            for s in services.moderation.panel_scores(world.hr, world.vacancy.id)
        }

    before = stored()
    with pytest.raises(NotAllowed, match="submitted your own"):
        services.moderation.calibration(world.panel[0], world.vacancy.id)
    services.progress.submit(world.panel[0], world.vacancy.id)
    calibration, standard = services.moderation.calibration(world.panel[0], world.vacancy.id)
    assert [m.member for m in calibration.members] == ["Rpatel", "Sokafor"]
    assert calibration.members[0].shared > 0
    hr_view, _ = services.moderation.calibration(world.hr, world.vacancy.id)
    assert hr_view == calibration
    assert len(standard) == len(before)
    assert set(standard["score"]) <= {0, 1, 2, 3}  # the stored scale, not standardised values
    assert stored() == before  # the standardised view changed no stored score


def test_a_feedback_sheet_gives_each_criterion_against_the_threshold(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    view = {r.reference: r for r in services.shortlists.shortlist(world.hr, world.vacancy.id).rows}
    failed = next(r for r in view.values() if r.failed_essentials)
    sheet = services.feedback.feedback_sheet(
        world.hr, services.shortlists.outcome(world.hr, world.vacancy.id), failed.reference
    )
    assert sheet.reference == failed.reference and sheet.name is None
    assert sheet.reason == failed.reason and sheet.threshold == 2
    outcomes = {c.criterion_id: c for c in sheet.criteria}
    for criterion_id in failed.failed_essentials:
        assert outcomes[criterion_id].outcome.startswith("Not met")
    assert outcomes["c21"].score is None  # assessed at interview
    named = services.feedback.feedback_sheet(
        world.hr,
        services.shortlists.outcome(world.hr, world.vacancy.id),
        failed.reference,
        include_name=True,
    )
    assert named.name
    entries = [
        e
        for e in services.audit.audit_log(world.hr, world.vacancy.id)
        if e.action == "prepare_feedback"
    ]
    assert sorted(e.new_value["include_name"] for e in entries) == [False, True]
    with pytest.raises(InvalidInput, match="no application"):
        services.feedback.feedback_sheet(
            world.hr, services.shortlists.outcome(world.hr, world.vacancy.id), "NOPE"
        )


def monitoring_file(rows: list[tuple[str, str]]) -> bytes:
    return ("application_id,sex\n" + "".join(f"{a},{s}\n" for a, s in rows)).encode()


def test_monitoring_is_imported_apart_and_reported_by_stage(services: Services) -> None:
    world = make_world(services)
    score_sample(world)
    refs = sorted(world.codes)
    answers = [(r, "Female" if i % 2 else "Male") for i, r in enumerate(refs)]
    assert services.monitoring.import_monitoring(
        world.hr, world.vacancy.id, file_name="monitoring.csv", data=monitoring_file(answers)
    ) == len(refs)
    (report,) = services.monitoring.monitoring(world.hr, world.vacancy.id)
    assert report.characteristic == "sex"
    shown = [g for g in report.groups if not g.suppressed]
    assert {g.group for g in shown} == {"Female", "Male"}
    assert sum(g.counts["applied"] or 0 for g in shown) == len(refs) - 1  # withdrawn left out
    for member in world.panel:
        with pytest.raises(NotAllowed):
            services.monitoring.monitoring(member, world.vacancy.id)
        with pytest.raises(NotAllowed):
            services.monitoring.import_monitoring(
                member, world.vacancy.id, file_name="m.csv", data=monitoring_file(answers)
            )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"reference,sex\nD001,Female\n", "application_id"),
        (b"application_id\nD001\n", "no monitoring questions"),
        (b"application_id,sex\nD001,Female\nD999,Male\n", "'D999' is not an application"),
        (b"application_id,sex\nD001,Female\nD001,Male\n", "appears twice"),
        (b"", "is empty"),
        (b"application_id,sex\n", "has a header but no rows"),  # would have wiped the answers
        (b"PK\x03\x04not really a workbook", "looks like an Excel workbook"),
    ],
)
def test_a_malformed_monitoring_file_is_refused_and_changes_nothing(
    services: Services, data: bytes, message: str
) -> None:
    world = make_world(services)
    services.monitoring.import_monitoring(
        world.hr, world.vacancy.id, file_name="first.csv", data=monitoring_file([("D002", "Male")])
    )
    before = services.monitoring.monitoring(world.hr, world.vacancy.id)
    with pytest.raises(ImportRefused) as refused:
        services.monitoring.import_monitoring(
            world.hr, world.vacancy.id, file_name="bad.csv", data=data
        )
    assert message in " ".join(str(p) for p in refused.value.problems)
    assert all(p.file == "bad.csv" for p in refused.value.problems)
    assert services.monitoring.monitoring(world.hr, world.vacancy.id) == before
