"""`python -m storage create-admin | migrate | purge`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from criteria.loader import load_catalogue
from storage.store import open_store
from use_cases import Services

PROJECT = Path(__file__).resolve().parents[2]


def run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "storage", "--database-url", url, *args],
        cwd=PROJECT, input=stdin, capture_output=True, text=True,
    )  # fmt: skip


def test_the_first_administrator_is_created_by_command_with_their_own_password(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    done = run(
        url,
        "create-admin",
        "--username",
        "jo",
        "--name",
        "Jo Admin",
        "--password-stdin",
        stdin="a password of my own\n",
    )
    assert done.returncode == 0, done.stderr
    assert "Administrator 'jo' created" in done.stdout
    services = Services(open_store(url, load_catalogue()))
    assert services.accounts.authenticate("jo", "a password of my own").role == "admin"


def test_there_is_no_default_password_and_short_ones_are_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    done = run(url, "create-admin", "--username", "jo", "--password-stdin", stdin="short\n")
    assert done.returncode == 2
    assert "A password needs at least 12 characters" in done.stderr


def test_a_second_administrator_cannot_be_bootstrapped(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert (
        run(
            url,
            "create-admin",
            "--username",
            "jo",
            "--password-stdin",
            stdin="a password of my own\n",
        ).returncode
        == 0
    )
    done = run(
        url,
        "create-admin",
        "--username",
        "sam",
        "--password-stdin",
        stdin="another password here\n",
    )
    assert done.returncode == 2
    assert "An administrator exists already" in done.stderr


def test_migrate_and_purge_run(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert "Database is up to date" in run(url, "migrate").stdout
    done = run(url, "purge", "--today", "2030-01-01")
    assert done.returncode == 0 and "Purged 0 vacancies" in done.stdout


def test_the_first_administrator_is_invited_to_single_sign_on_from_the_server(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    made = run(
        url, "create-admin", "--username", "jo", "--email", "Jo@Council.example",
        "--password-stdin", stdin="a password of my own\n",
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert run(url, "invite-sign-on", "--username", "nobody").returncode == 2
    done = run(url, "invite-sign-on", "--username", "jo")
    assert done.returncode == 0, done.stderr
    services = Services(open_store(url, load_catalogue()))
    jo = services.sign_on.actor_for_identity(
        {"iss": "https://login.example", "sub": "jo-1", "email": "jo@council.example",
         "email_verified": True}
    )  # fmt: skip
    assert jo.username == "jo" and jo.role == "admin"
