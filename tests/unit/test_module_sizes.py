"""No module of the house is over 300 lines (STYLE.md: modules hold one idea each, mostly under
~200 lines; issue 27 set ~250 as the aim and 300 as the limit). A module that grows past it is
split into modules of one idea each, named in the panel's words.

The house is every Python file of the project except the tests (tests/), the virtualenv (.venv)
and what the tests leave behind (test-artifacts/), hidden folders included in neither.

One exemption: Alembic's migration files under storage/migrations/versions. They are recorded
history, never edited after release (a changed migration would no longer be what databases in
service ran), so they are as long as the schema change they record."""

from __future__ import annotations

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
LIMIT = 300  # lines
NOT_THE_HOUSE = {"tests", "test-artifacts"}  # hidden folders (.venv, .git, caches) are skipped too
MIGRATIONS = Path("storage", "migrations", "versions")  # recorded history, never edited


def is_exempt(relative: Path) -> bool:
    return relative.parent == MIGRATIONS


def house_modules() -> list[Path]:
    """Every Python module of the house, relative to the project."""
    found = []
    for path in sorted(PROJECT.rglob("*.py")):
        relative = path.relative_to(PROJECT)
        top = relative.parts[0]
        if top in NOT_THE_HOUSE or any(part.startswith(".") for part in relative.parts):
            continue
        found.append(relative)
    return found


def lines_of(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def too_long(modules: list[Path], root: Path = PROJECT) -> dict[str, int]:
    return {str(m): n for m in modules if not is_exempt(m) and (n := lines_of(root / m)) > LIMIT}


def test_no_module_of_the_house_is_over_300_lines() -> None:
    assert too_long(house_modules()) == {}


def test_the_scan_reads_the_files_it_is_meant_to() -> None:
    names = {str(p) for p in house_modules()}
    assert {"app.py", "scoring/rules/shortlist.py", "storage/tables/vacancies.py"} <= names
    assert {"benchmarks/__main__.py", "storage/migrations/env.py"} <= names
    assert not any(n.startswith(("tests/", ".venv/", "test-artifacts/")) for n in names)


def test_a_long_module_is_found_and_only_a_migration_is_let_off(tmp_path: Path) -> None:
    long = "\n".join(f"x{i} = {i}" for i in range(LIMIT + 1)) + "\n"
    versions = tmp_path / MIGRATIONS
    versions.mkdir(parents=True)
    (versions / "0001_initial.py").write_text(long)
    (tmp_path / "storage" / "migrations" / "env.py").write_text(long)
    (tmp_path / "short.py").write_text("x = 1\n" * LIMIT)
    modules = [MIGRATIONS / "0001_initial.py", Path("storage/migrations/env.py"), Path("short.py")]
    assert too_long(modules, tmp_path) == {"storage/migrations/env.py": LIMIT + 1}
