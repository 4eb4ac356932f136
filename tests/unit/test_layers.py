"""The functional core imports no UI, database or spreadsheet library, and none of the shell's
own packages either (storage, exports, pages, settings, benchmarks)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
FORBIDDEN = {"streamlit", "sqlalchemy", "alembic", "openpyxl", "psycopg", "xlsxwriter"}
SHELL = {"storage", "exports", "app_pages", "app", "settings", "benchmarks", "scripts"}
CORE = [p for p in ("criteria", "scoring") if (PROJECT_DIR / p).is_dir()]


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            roots |= {a.value.split(".")[0] for a in node.args[:1] if isinstance(a, ast.Constant)}
    return roots


@pytest.mark.parametrize("package", CORE)
def test_core_packages_import_no_ui_database_or_spreadsheet_library(package: str) -> None:
    offenders = {
        str(path.relative_to(PROJECT_DIR)): sorted(imported_roots(path) & FORBIDDEN)
        for path in (PROJECT_DIR / package).rglob("*.py")
        if imported_roots(path) & FORBIDDEN
    }
    assert offenders == {}


@pytest.mark.parametrize("package", CORE)
def test_core_packages_import_nothing_from_the_shell(package: str) -> None:
    offenders = {
        str(path.relative_to(PROJECT_DIR)): sorted(imported_roots(path) & SHELL)
        for path in (PROJECT_DIR / package).rglob("*.py")
        if imported_roots(path) & SHELL
    }
    assert offenders == {}
