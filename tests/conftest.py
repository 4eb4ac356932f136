from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher, profiles
from hypothesis import settings

import use_cases.passwords
from criteria.loader import DATA_DIR, Catalogue, load_catalogue

PROJECT_DIR = Path(__file__).resolve().parent.parent

# Speed is measured by `python -m benchmarks`, never by a timed test: Hypothesis's per-example
# deadline (200 ms) fails a correct property on a busy machine, so no property has one.
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture(autouse=True, scope="session")
def quick_password_hashing() -> Iterator[None]:
    """Passwords hashed in the test process at argon2's cheapest cost (argon2-cffi's profile
    for tests): at the production cost each hash and each check takes 0.18 s, and every world
    a test builds signs four people in. A hash carries its own parameters, so servers the
    tests start (browser, command line) check these hashes, and their own, as in production;
    tests/unit/test_password_hashing.py holds the production cost to RFC 9106's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            use_cases.passwords, "HASHER", PasswordHasher.from_parameters(profiles.CHEAPEST)
        )
        yield


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
