"""The house's layers, as an allow-list: what each folder may import, of the project's own rooms
and of libraries. A new import that is not on its layer's list fails here, so the core cannot
take up a file-format, database or UI library, and the shell's rooms keep their order:

    app.py, server.py        the entry points
    app_pages/               screens
    use_cases/               the application layer
    storage/   exports/      persistence; files written
    formats/                 files read
    scoring/   fixtures/     the pure core; the oracle and the synthetic data beside it
    criteria/                the catalogue
    settings.py incidents.py the one settings module; errors logged without values

There is no import circle: neither between modules nor between folders (`python -m storage`
and `python -m exports`, the command lines, are the entry points that live inside a layer's
folder)."""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
OWN = {
    "criteria", "scoring", "fixtures", "formats", "storage", "use_cases", "exports",
    "app_pages", "app", "server", "settings", "incidents", "benchmarks", "scripts", "tests",
}  # fmt: skip

# Libraries no rule may use: a screen, a database, a file on disk in some format.
UI = {"streamlit", "plotly", "starlette", "playwright"}
DATABASE = {"sqlalchemy", "alembic", "psycopg"}
FILE_FORMATS = {
    "openpyxl", "xlsxwriter", "rustpy_xlsxwriter", "python_calamine", "docx", "fpdf", "yaml",
    "odf", "csv", "zipfile", "json", "xml", "email", "smtplib",
}  # fmt: skip

# What each layer may import: the project's rooms, then libraries (the standard library's
# ordinary modules are free everywhere except the core's file-format ones above).
ALLOWED: dict[str, set[str]] = {
    "criteria": {"criteria", "pydantic", "pydantic_settings", "yaml", "json"},
    "scoring": {"criteria", "scoring", "pydantic", "pandas", "numpy"},
    "fixtures": {"criteria", "scoring", "fixtures", "pydantic", "pandas", "numpy"},
    "formats": {
        "criteria",
        "scoring",
        "formats",
        "pydantic",
        "pandas",
        "python_calamine",
        "openpyxl",
        "csv",
        "zipfile",
        "xml",
        "hmac",
    },
    "exports": {
        "csv",
        "criteria",
        "scoring",
        "exports",
        "settings",
        "pydantic",
        "pandas",
        "numpy",
        "openpyxl",
        "rustpy_xlsxwriter",
        "docx",
        "fpdf",
        "fontTools",  # fpdf's own font reader: a letter's font read once (exports/letters.py)
        "zipfile",
        "xml",
        "json",
    },
    "storage": {
        "criteria",
        "scoring",
        "storage",
        "settings",
        "incidents",
        "pydantic",
        "pandas",
        "sqlalchemy",
        "alembic",
        "psycopg",
        "email_validator",
        "tenacity",
        "json",
    },
    "use_cases": {
        "csv",
        "criteria",
        "scoring",
        "fixtures",
        "formats",
        "exports",
        "storage",
        "use_cases",
        "settings",
        "incidents",
        "pydantic",
        "pandas",
        "numpy",
        "sqlalchemy",
        "argon2",
        "itsdangerous",
        "zxcvbn",
        "email",
        "smtplib",
        "json",
    },
    "app_pages": {
        "app_pages",
        "use_cases",
        "scoring",
        "criteria",
        "exports",
        "settings",
        "incidents",
        "streamlit",
        "plotly",
        "pandas",
        "pydantic",
        "json",
    },
    "app": {"app_pages", "use_cases", "settings", "incidents", "streamlit"},
    "server": {"app_pages", "use_cases", "settings", "incidents", "streamlit", "starlette"},
    "settings": {"pydantic", "pydantic_settings"},
    "incidents": set(),
}
# The command lines, which stand above the house wherever their files live: `python -m storage`;
# `python -m exports shortlist`, which reads interchange files (formats/) to write a workbook.
ENTRY_POINTS = {"storage/__main__.py": {"use_cases"}, "exports/__main__.py": {"formats"}}
TOOLS = {"benchmarks", "scripts"}  # measure and build anything; nothing imports them
CORE = ("criteria", "scoring")


def layer_of(path: Path) -> str:
    relative = path.relative_to(PROJECT)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def house() -> Iterator[Path]:
    for path in sorted(PROJECT.rglob("*.py")):
        top = path.relative_to(PROJECT).parts[0]
        if top in OWN and top not in TOOLS and top != "tests":
            yield path


def imports_of(path: Path) -> Iterator[str]:
    """Every module `path` imports, anywhere in it (inside functions too), as written."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def roots(path: Path) -> set[str]:
    found = {name.split(".")[0] for name in imports_of(path)} - {"__future__"}
    return {r for r in found if r in OWN or r not in sys.stdlib_module_names or r in FILE_FORMATS}


def test_every_room_of_the_house_has_a_layer() -> None:
    assert {layer_of(p) for p in house()} <= set(ALLOWED)
    assert {"scoring", "formats", "use_cases", "storage", "app_pages"} <= {
        layer_of(p) for p in house()
    }


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_each_layer_imports_only_what_its_list_allows(layer: str) -> None:
    offenders = {}
    for path in house():
        if layer_of(path) != layer:
            continue
        extra = ENTRY_POINTS.get(str(path.relative_to(PROJECT)), set())
        found = roots(path) - ALLOWED[layer] - extra - {layer}
        if found:
            offenders[str(path.relative_to(PROJECT))] = sorted(found)
    assert offenders == {}


@pytest.mark.parametrize("layer", CORE)
def test_the_core_may_not_be_allowed_a_file_format_database_or_ui_library(layer: str) -> None:
    forbidden = (
        UI | DATABASE | (FILE_FORMATS - ({"yaml", "json"} if layer == "criteria" else set()))
    )
    assert ALLOWED[layer] & forbidden == set()
    assert ALLOWED[layer] & {"storage", "use_cases", "exports", "formats", "app_pages"} == set()


PANDAS_FILES = {"read_csv", "read_excel", "read_parquet", "read_table", "to_csv", "to_excel",
                "to_parquet", "ExcelWriter", "ExcelFile", "read_fwf", "read_html"}  # fmt: skip


@pytest.mark.parametrize("layer", CORE)
def test_the_core_uses_pandas_for_arithmetic_never_for_files(layer: str) -> None:
    calls = [
        f"{path.relative_to(PROJECT)}:{node.lineno} {node.attr}"
        for path in (PROJECT / layer).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr in PANDAS_FILES
    ]
    assert calls == []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PROJECT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_graph() -> dict[str, set[str]]:
    """Module -> the modules it imports. `from package import module` imports the module (the
    package is already being imported, or has been); `from module import name`, the module."""
    modules = {module_name(p): p for p in house()}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                targets = {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                inner = {f"{node.module}.{alias.name}" for alias in node.names}
                targets = (inner & modules.keys()) or {node.module}
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_round_a_circle() -> None:
    assert circles(module_graph()) == []


def test_no_folder_imports_itself_round_a_circle() -> None:
    folders: dict[str, set[str]] = defaultdict(set)
    for source, targets in module_graph().items():
        if source.endswith("__main__"):
            continue  # an entry point stands above the house, wherever its file lives
        for target in targets:
            a, b = source.split(".")[0], target.split(".")[0]
            if a != b:
                folders[a].add(b)
    assert circles(folders) == []


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
