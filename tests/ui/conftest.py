"""AppTest runs the real app against a throw-away SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from criteria.loader import load_catalogue
from settings import get_settings
from storage.store import open_store
from use_cases import Services, deployment
from use_cases.demo import Demo, create_demo

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def isolated_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("SHORTLISTING_DEMO", raising=False)
    fresh_deployment()
    yield url
    fresh_deployment()


def fresh_deployment() -> None:
    """Settings and the deployment's services read again (a new database, a new mode)."""
    import streamlit as st

    get_settings.cache_clear()
    deployment.reset()
    st.cache_resource.clear()


@pytest.fixture
def demo_mode(isolated_database: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app run as the demo (SHORTLISTING_DEMO=1) on the test's database."""
    monkeypatch.setenv("SHORTLISTING_DEMO", "1")
    fresh_deployment()
    return isolated_database


@pytest.fixture
def demo(demo_mode: str) -> Demo:
    services = Services(open_store(demo_mode, load_catalogue(), demo=True))
    made = create_demo(services)
    rosa = next(a for a in made.accounts if a.username == "demo-panel-1")
    # the demo leaves Rosa's names-only declaration to her; these tests start after it
    services.declarations.declare_conflicts(
        services.accounts.authenticate(rosa.username, rosa.password), 1, []
    )
    services.store.engine.dispose()
    return made
