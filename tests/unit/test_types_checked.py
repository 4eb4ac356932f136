"""mypy (strict, as scripts/test.sh runs it with no arguments) checks every package and
top-level module: a new folder of code or a new entry point left out of the configuration
fails here rather than going unchecked."""

from __future__ import annotations

import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
NOT_CHECKED = {"tests"}  # the tests are run, not type-checked


def own_code() -> set[str]:
    """The project's top-level modules and the folders that hold Python code."""
    modules = {path.stem for path in PROJECT.glob("*.py")}
    folders = {
        path.name
        for path in PROJECT.iterdir()
        if path.is_dir() and not path.name.startswith(".") and any(path.rglob("*.py"))
    }
    return modules | folders


def test_mypy_checks_every_package_and_top_level_module_strictly() -> None:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())["tool"]["mypy"]
    checked = set(config.get("packages", [])) | set(config.get("modules", []))
    assert config["strict"] is True
    assert own_code() - NOT_CHECKED - checked == set()
    assert checked <= own_code()  # nothing listed that is not there
