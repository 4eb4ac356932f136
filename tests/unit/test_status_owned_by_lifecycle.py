"""One owner of the vacancy's state: a vacancy's status is spelled only in scoring/rules/lifecycle.py.
Anywhere else a status is the enum's member (`VacancyStatus.FINALISED`) or a question to the
lifecycle's tables (`allows(state, Action.OVERRIDE)`), never a string: three lists of "closed"
states written apart once let a closed vacancy take overrides (issue 26)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from scoring.rules.lifecycle import VacancyStatus

PROJECT = Path(__file__).resolve().parents[2]
OWNER = PROJECT / "scoring" / "rules" / "lifecycle.py"
SCANNED = (
    "scoring", "formats", "use_cases", "storage", "app_pages", "exports", "criteria", "app.py",
    "server.py",
)  # fmt: skip
STATUSES = frozenset(s.value for s in VacancyStatus)


def _is_status_name(target: ast.expr) -> bool:
    name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
    return name.lower().endswith("status")


def _about_a_status(literal: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    """The literal, seen from where it sits in its statement, stands for a vacancy's status:
    compared (`==`, `in`), given as `status=` or `{"status": ...}`, tested with SQL's `.in_`,
    listed beside another status, or assigned to something named status."""
    child: ast.AST = literal
    while child in parents:
        parent = parents[child]
        if isinstance(parent, ast.Compare):
            return True
        if isinstance(parent, ast.keyword) and parent.arg == "status":
            return True
        if isinstance(parent, ast.Dict) and child in parent.values:
            key = parent.keys[parent.values.index(child)]
            if isinstance(key, ast.Constant) and key.value == "status":
                return True
        if (
            isinstance(parent, ast.Call)
            and isinstance(parent.func, ast.Attribute)
            and parent.func.attr in ("in_", "not_in", "notin_")
        ):
            return True
        if isinstance(parent, ast.Set | ast.Tuple | ast.List):
            listed = [e for e in parent.elts if isinstance(e, ast.Constant)]
            if sum(1 for e in listed if e.value in STATUSES) >= 2:
                return True
        if isinstance(parent, ast.Assign) and any(_is_status_name(t) for t in parent.targets):
            return True
        if isinstance(parent, ast.AnnAssign) and _is_status_name(parent.target):
            return True
        if isinstance(parent, ast.stmt):
            return False
        child = parent
    return False


def status_literals(source: str) -> list[tuple[int, str]]:
    """(line, status) of every string literal standing for a vacancy's status."""
    tree = ast.parse(source)
    parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value in STATUSES
        and _about_a_status(node, parents)
    )


def scanned_files() -> list[Path]:
    files: list[Path] = []
    for name in SCANNED:
        path = PROJECT / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
    return [p for p in files if p != OWNER and "migrations" not in p.relative_to(PROJECT).parts[:2]]


@pytest.mark.parametrize("path", scanned_files(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_no_vacancy_status_is_spelled_outside_the_lifecycle(path: Path) -> None:
    assert status_literals(path.read_text()) == []


def test_the_scan_catches_each_way_a_status_was_spelled_before() -> None:
    source = """
SCORING_CLOSED = frozenset({"finalised", "closed", "purged"})
if vacancy.status in ("finalised", "purged"):
    pass
done = vacancy.status == "finalised"
query = update(V).where(V.status.in_(("draft", "open"))).values(status="scoring")
audit(old={"status": vacancy.status}, new={"status": "finalised", "decisions": counts})
values = {"status": "draft" if request.draft else "open"}
class Vacancy:
    status: Mapped[str] = mapped_column(String(20), default="open")
"""
    assert status_literals(source) == [
        (2, "closed"), (2, "finalised"), (2, "purged"), (3, "finalised"), (3, "purged"),
        (5, "finalised"), (6, "draft"), (6, "open"), (6, "scoring"), (7, "finalised"),
        (8, "draft"), (8, "open"), (10, "open"),
    ]  # fmt: skip


def test_the_words_themselves_are_free_to_use_elsewhere() -> None:
    source = """
st.button("Open the workbook", key="open")
mode = "open"
label = {"open": "Open for applications"}
open_(path, "scoring")
"""
    assert status_literals(source) == []


def test_the_scan_reads_the_files_it_is_meant_to() -> None:
    names = {str(p.relative_to(PROJECT)) for p in scanned_files()}
    assert "use_cases/shortlists.py" in names and "storage/tables/vacancies.py" in names
    assert "scoring/rules/lifecycle.py" not in names
    assert not any(n.startswith("storage/migrations/") for n in names)
