"""Conflicts of interest, against the in-memory repository: the names-only list shown once, the
declaration that keeps a member from the applicants they know, and a conflict noticed later
that withdraws the member's scores on it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from scoring.errors import ConflictOfInterest, InvalidInput, NotAllowed
from tests import factories
from tests.fakes import FakeRepository, application, fake_world, member, service, stored_scores
from use_cases.declarations import Declarations
from use_cases.panel_reading import PanelReading
from use_cases.progress import Progress
from use_cases.score_writes import ScoreWrites

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
ROSA = member(7, "rpatel")


def world(declared: bool = False) -> tuple[Declarations, FakeRepository]:
    repo = fake_world(
        factories.vacancy(),
        members=[ROSA],
        applications=[
            application(1),
            application(2),
            application(3, withdrawn=True),
            application(4, held=True),
        ],
        declared=declared,
    )
    repo.state.names.update({1: "Zoe Adams", 2: "Amir Zaman", 3: "Bea Withdrawn", 4: "Lena Late"})
    return service(Declarations, repo, NOW, salt="test salt"), repo


def reading(repo: FakeRepository) -> PanelReading:
    read: PanelReading = service(PanelReading, repo, NOW, progress=service(Progress, repo, NOW))
    return read


def test_the_list_holds_the_names_of_released_applications_only_by_surname() -> None:
    declarations, _ = world()
    names = declarations.names_for_declaration(ROSA, 1)
    assert [n.name for n in names] == ["Zoe Adams", "Amir Zaman"]
    assert all("P0000" not in n.token and len(n.token) == 16 for n in names)


def test_declaring_a_conflict_keeps_the_member_from_that_applicant_and_is_audited() -> None:
    declarations, repo = world()
    known = next(n for n in declarations.names_for_declaration(ROSA, 1) if n.name == "Zoe Adams")
    assert declarations.declare_conflicts(ROSA, 1, [known.token], note="My neighbour") == 1
    assert repo.state.conflicts == {(ROSA.user_id, 1)}
    assert declarations.has_declared(ROSA, 1)
    assert repo.state.audit[-1]["new"] == {"conflicts": ["A1"], "note": "My neighbour"}
    assert [a.panel_code for a in reading(repo).panel_applications(ROSA, 1)] == ["P00002"]


def test_the_list_is_shown_once() -> None:
    declarations, _ = world()
    declarations.declare_conflicts(ROSA, 1, [])
    with pytest.raises(NotAllowed, match="shown once"):
        declarations.names_for_declaration(ROSA, 1)


def test_a_token_from_a_list_that_has_changed_is_refused_and_nothing_is_declared() -> None:
    declarations, repo = world()
    with pytest.raises(InvalidInput, match="list of names has changed"):
        declarations.declare_conflicts(ROSA, 1, ["0123456789abcdef"])
    assert repo.state.conflicts == set() and not declarations.has_declared(ROSA, 1)


def test_a_conflict_noticed_while_scoring_withdraws_the_members_scores_on_it() -> None:
    declarations, repo = world(declared=True)
    writes: ScoreWrites = service(ScoreWrites, repo, NOW)
    writes.save_scores(ROSA, 1, [("P00001", "e1", 2), ("P00002", "e1", 1)])
    declarations.declare_conflict(ROSA, 1, panel_code="P00001", note="I know her")
    assert stored_scores(repo, ROSA.user_id) == {("P00002", "e1"): 1}
    assert repo.state.audit[-1]["old"] == {"scores_withdrawn": {"e1": 2}}
    with pytest.raises(ConflictOfInterest):
        writes.save_score(ROSA, 1, panel_code="P00001", criterion_id="e1", score=2)
