"""HR's shortlist workbook against the in-memory repository: name-blind unless HR asks for
names, with the audit entries that could name someone withheld from the name-blind one; every
export is audited with that choice, its rows and the shortlist version it was made from. The
workbooks are compared by reading their cells back."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from tests.fake_workbooks import FakeWorkbooks, workbooks_world
from tests.fakes import fake_store, hr, member
from use_cases.errors import NotAllowed
from use_cases.human_review import HumanReview
from use_cases.shortlists import ShortlistOutcome, Shortlists
from use_cases.workbooks import WITHHELD, Workbooks

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def workbooks() -> tuple[Workbooks, ShortlistOutcome, FakeWorkbooks]:
    """The scored world (A1 and A2 shortlisted, A3 not, A4 withdrawn), with an import and a
    conflict declared in its audit log."""
    repo = workbooks_world()
    store, clock = fake_store(repo), (lambda: NOW)
    for action, new in (("import_applications", {"file": "Hassan family.csv"}), ("declare_conflict", {"note": "my cousin Amina"})):  # fmt: skip
        repo.record_audit(session=None, key=b"", actor=hr(), action=action, entity="vacancy", entity_id=1, vacancy_id=1, new=new)  # fmt: skip
    outcome = Shortlists(store, repo=repo, clock=clock).outcome(hr(), 1)
    human_review = HumanReview(store, repo=repo, clock=clock)
    return Workbooks(store, human_review=human_review, repo=repo, clock=clock), outcome, repo


def cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def test_the_name_blind_workbook_names_no_one_and_withholds_what_could() -> None:
    service, outcome, repo = workbooks()

    download = service.export_shortlist(hr(), outcome)

    assert download.file_name == "shortlist-vacancy-1.xlsx"
    text = "\n".join(cells(download.content))
    assert "Applicant 1" not in text and "Applicant 3" not in text
    assert "Hassan family.csv" not in text and "my cousin Amina" not in text
    assert WITHHELD in text
    assert "A1" in text and "A3" in text, "HR's references are not names"
    entry = repo.state.audit[-1]
    assert (entry["action"], entry["vacancy_id"]) == ("export_shortlist", 1)
    assert entry["new"]["include_personal"] is False
    assert entry["new"]["shortlist"] == outcome.version


def test_with_names_the_workbook_names_the_applicants_and_says_so_in_its_name() -> None:
    service, outcome, repo = workbooks()

    download = service.export_shortlist(hr(), outcome, include_personal=True)

    assert download.file_name == "shortlist-vacancy-1-with-names.xlsx"
    text = "\n".join(cells(download.content))
    assert "Applicant 1" in text
    assert "my cousin Amina" in text
    assert repo.state.audit[-1]["new"]["include_personal"] is True


def test_a_panel_member_cannot_export_the_shortlist() -> None:
    service, outcome, repo = workbooks()
    audited = len(repo.state.audit)
    with pytest.raises(NotAllowed, match="Only HR officers may export shortlists"):
        service.export_shortlist(member(7, "rpatel"), outcome)
    assert len(repo.state.audit) == audited
