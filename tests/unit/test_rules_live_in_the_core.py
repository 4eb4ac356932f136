"""One rule, one place: the shell (pages, storage, exports, benchmarks) never reads a rule out of
raw JSON (`c["stage"] == "application"`, `scheme["scale"]["points"]`, `policy.get("armed_forces")`)
but asks the core's models (`vacancy.scored_criteria`, `scheme.scale`, `policy.armed_forces`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
SHELL = ("app_pages", "use_cases", "storage", "exports", "benchmarks", "scripts")
RULE_KEYS = {
    "stage", "scale", "points", "requirement", "criteria", "scheme", "policy", "threshold",
    "weight", "weights", "essential", "category", "disability", "care_leaver", "armed_forces",
    "further_schemes", "volume_mode", "max_age", "slots", "pass_mark", "moderation",
    "armed_forces_status", "date_of_birth", "declarations",
}  # fmt: skip


def rule_reads(source: str) -> list[tuple[int, str]]:
    """(line, key) of every `x["key"]` and `x.get("key")` reading a rule's key."""
    found = []
    for node in ast.walk(ast.parse(source)):
        key = None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            key = node.slice.value
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            key = node.args[0].value
        if isinstance(key, str) and key in RULE_KEYS:
            found.append((node.lineno, key))
    return sorted(found)


def shell_files() -> list[Path]:
    return sorted(
        p for d in SHELL for p in (PROJECT / d).rglob("*.py") if "migrations" not in p.parts
    )


@pytest.mark.parametrize("path", shell_files(), ids=lambda p: str(p.relative_to(PROJECT)))
def test_the_shell_asks_the_core_models_instead_of_reading_rules_from_raw_json(path: Path) -> None:
    assert rule_reads(path.read_text()) == []


def test_the_scan_catches_each_way_a_rule_was_read_again() -> None:
    source = """
scored = [c for c in vacancy.criteria if c["stage"] == "application"]
points = vacancy.scheme["scale"]["points"]
forces = data.policy.get("armed_forces", {})
fine = {"criteria": [], "title": row.role_snapshot.get("title")}
"""
    assert sorted(rule_reads(source)) == [
        (2, "stage"), (3, "points"), (3, "scale"), (4, "armed_forces"),
    ]  # fmt: skip
