from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from criteria.loader import DATA_DIR, Catalogue, load_catalogue

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A throw-away copy of the catalogue to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR / "organisations", target / "organisations")
    shutil.copytree(DATA_DIR / "roles", target / "roles")
    return target
