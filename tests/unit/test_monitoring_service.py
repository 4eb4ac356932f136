"""HR importing equality-monitoring answers and reading the report, against the in-memory
repository: answers are stored cleaned and audited, a file with any problem is refused whole
(the answers before it kept), the import stops once the campaign is over, and a report never
shows a group of fewer than five applicants."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import NotAtThisStage
from tests.fake_decisions import FakeDecisions, scored_world
from tests.fakes import hr, service
from use_cases.errors import ImportRefused
from use_cases.monitoring import Monitoring
from use_cases.shortlists import Shortlists

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
GOOD = b"application_id,sex\nA1,  Female \nA2,Male\nA3,\n"


def world(status: str = "moderation") -> tuple[Monitoring, FakeDecisions]:
    repo = scored_world(status=status)
    return service(Monitoring, repo, NOW, shortlists=service(Shortlists, repo, NOW)), repo


def test_hr_imports_answers_cleaned_and_the_import_is_audited() -> None:
    monitoring, repo = world()
    assert monitoring.import_monitoring(hr(), 1, file_name="m.csv", data=GOOD) == 3
    assert repo.state.monitoring == {1: {"sex": "Female"}, 2: {"sex": "Male"}, 3: {"sex": ""}}
    [entry] = repo.state.audit
    assert entry["action"] == "import_monitoring"
    assert entry["new"] == {"file": "m.csv", "rows": 3, "questions": ["sex"]}


def test_a_file_naming_an_unknown_or_repeated_application_is_refused_whole() -> None:
    monitoring, repo = world()
    monitoring.import_monitoring(hr(), 1, file_name="m.csv", data=GOOD)
    bad = b"application_id,sex\nA1,Male\nA9,Female\nA1,Female\n"
    with pytest.raises(
        ImportRefused, match="m2.csv was not imported: 2 problems to fix"
    ) as refused:
        monitoring.import_monitoring(hr(), 1, file_name="m2.csv", data=bad)
    found = [str(p) for p in refused.value.problems]
    assert any("'A9' is not an application in this vacancy" in p for p in found)
    assert any("'A1' appears twice" in p for p in found)
    assert repo.state.monitoring[1] == {"sex": "Female"} and len(repo.state.audit) == 1


def test_a_file_without_the_application_column_or_any_question_is_refused() -> None:
    monitoring, repo = world()
    for data in (b"reference,sex\nA1,Male\n", b"application_id\nA1\n"):
        with pytest.raises(ImportRefused, match="1 problem to fix"):
            monitoring.import_monitoring(hr(), 1, file_name="m.csv", data=data)
    assert repo.state.monitoring == {} and repo.state.audit == []


def test_answers_are_not_imported_once_the_shortlist_is_finalised() -> None:
    monitoring, repo = world("finalised")
    with pytest.raises(NotAtThisStage, match="monitoring answers can no longer be imported"):
        monitoring.import_monitoring(hr(), 1, file_name="m.csv", data=GOOD)
    assert repo.state.monitoring == {}


def test_the_report_is_empty_without_answers_and_hides_groups_under_five() -> None:
    monitoring, _ = world()
    assert monitoring.monitoring(hr(), 1) == ()
    monitoring.import_monitoring(hr(), 1, file_name="m.csv", data=GOOD)
    [sex] = monitoring.monitoring(hr(), 1)
    assert sex.characteristic == "sex"
    assert [g.group for g in sex.groups] == ["Female", "Male", "Not answered"]
    assert all(g.suppressed and g.counts["applied"] is None for g in sex.groups)
    assert "3 group(s) of fewer than 5 applicants are not shown" in sex.note
