"""Hole 1: on a new database an anonymous visitor clicked "Start the demo", was shown the
admin's password and signed in as administrator; the council's create-admin then failed. The
demo now runs only on its own database, and a real deployment starts with create-admin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from criteria.loader import load_catalogue
from storage.store import WrongDeployment, open_store
from tests.ui.conftest import demo_mode, isolated_database  # noqa: F401  (fixtures)
from tests.ui.helpers import APP
from use_cases import Services
from use_cases.access import Role
from use_cases.demo import create_demo
from use_cases.errors import InvalidInput

PROJECT = Path(__file__).resolve().parents[2]


def test_the_real_app_on_an_empty_database_offers_no_demo_and_says_how_to_start(
    isolated_database: str,  # noqa: F811
) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert not [b for b in at.button if b.key and b.key.startswith("home_demo")]
    assert any("create-admin" in c.value for c in at.code)
    done = subprocess.run(
        [sys.executable, "-m", "storage", "--database-url", isolated_database, "create-admin",
         "--username", "council-admin", "--password-stdin"],
        input="a long council passphrase\n", capture_output=True, text=True, cwd=PROJECT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_demo_refuses_a_real_database_and_the_real_app_a_demo_one(tmp_path: Path) -> None:
    real = f"sqlite:///{tmp_path / 'real.db'}"
    services = Services(open_store(real, load_catalogue(), demo=False))
    with pytest.raises(InvalidInput, match="own database"):
        create_demo(services)
    with pytest.raises(WrongDeployment, match="real database"):
        open_store(real, load_catalogue(), demo=True)
    demo = f"sqlite:///{tmp_path / 'demo.db'}"
    create_demo(Services(open_store(demo, load_catalogue(), demo=True)))
    with pytest.raises(WrongDeployment, match="holds the demo"):
        open_store(demo, load_catalogue(), demo=False)


def test_demo_account_names_cannot_be_made_on_a_real_database(tmp_path: Path) -> None:
    services = Services(open_store(f"sqlite:///{tmp_path / 'real.db'}", load_catalogue()))
    services.accounts.bootstrap_admin(
        username="boss", display_name="Boss", password="a long council passphrase"
    )
    boss = services.accounts.authenticate("boss", "a long council passphrase")
    with pytest.raises(InvalidInput, match="belong to the demo"):
        services.accounts.create_user(
            boss, username="demo-hr", display_name="Hilary", role=Role.HR,
            password="a long council passphrase", organisation_id="darlington",
        )  # fmt: skip


def test_the_demo_shows_its_banner_on_every_page(demo_mode: str) -> None:  # noqa: F811
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert any("Demo data" in w.value for w in at.warning)
    at.switch_page("app_pages/catalogue.py").run()
    assert any("Demo data" in w.value for w in at.warning)


def test_the_run_command_starts_the_real_app_and_the_demo_has_its_own(tmp_path: Path) -> None:
    run = (PROJECT / "scripts" / "run.sh").read_text()
    demo = (PROJECT / "scripts" / "demo.sh").read_text()
    assert "SHORTLISTING_DEMO" not in run and "server.py" in run
    assert "SHORTLISTING_DEMO=1" in demo and "unset DATABASE_URL" in demo
