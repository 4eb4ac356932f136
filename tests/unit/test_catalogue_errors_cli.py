"""Issue 18, item 7: the command lines read the officer's catalogue (CATALOGUE_DIR, as the app
reads it, or `--catalogue DIR`), say which folder they checked, and refuse a folder that is
missing or empty by name."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from criteria.__main__ import CatalogueSetting
from criteria.__main__ import main as criteria_main
from exports.__main__ import main as exports_main
from settings import Settings, get_settings

PROJECT = Path(__file__).resolve().parents[2]
DARLINGTON = PROJECT / "data" / "samples" / "darlington-housing-income-management-officer"
BROKEN = "roles/darlington/housing-income-management-officer.yaml"
EXTRA_ID = "darlington-senior-income-officer"


@pytest.fixture(autouse=True)
def no_catalogue_setting(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Neither the developer's CATALOGUE_DIR nor the cached settings leak in or out."""
    monkeypatch.delenv("CATALOGUE_DIR", raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run(
    *argv: str, catalogue: Path | None, cwd: Path = PROJECT
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CATALOGUE_DIR"}
    env["PYTHONPATH"] = str(PROJECT)
    if catalogue is not None:
        env["CATALOGUE_DIR"] = str(catalogue)
    return subprocess.run(
        [sys.executable, "-m", *argv], cwd=cwd, env=env, capture_output=True, text=True
    )


def with_extra_role(data_copy: Path) -> Path:
    """The officer's catalogue: the shipped one plus a role of their own."""
    source = data_copy / BROKEN
    text = source.read_text().replace(
        "id: darlington-housing-income-management-officer", f"id: {EXTRA_ID}"
    )
    text = text.replace("title: Housing Income Management Officer", "title: Senior Income Officer")
    (data_copy / "roles" / "darlington" / "senior-income-officer.yaml").write_text(text)
    return data_copy


def break_one_file(data_copy: Path) -> Path:
    path = data_copy / BROKEN
    path.write_text(path.read_text().replace("dbs_check: enhanced", "dbs_check: full"))
    return data_copy


def shortlist_args(role: str, out: Path) -> list[str]:
    return [
        "shortlist", "--role", role,
        "--applications", str(DARLINGTON / "applications.csv"),
        "--scores", str(DARLINGTON / "panel_scores.csv"),
        "--slots", "4", "--closing-date", "2026-01-30", "--out", str(out), "--json",
    ]  # fmt: skip


# --- CATALOGUE_DIR, in a real process -----------------------------------------------------------


def test_check_reads_catalogue_dir_and_reports_its_broken_file(data_copy: Path) -> None:
    done = run("criteria", "check", catalogue=break_one_file(data_copy))

    assert done.returncode == 1
    assert f"error: data/{BROKEN}, field 'dbs_check'" in done.stderr
    assert f"in {data_copy}: 1 problem in 1 file" in done.stdout


def test_check_says_which_folder_it_checked(data_copy: Path) -> None:
    done = run("criteria", "check", catalogue=data_copy)

    roles = len(list((data_copy / "roles").rglob("*.yaml")))
    organisations = len(list((data_copy / "organisations").glob("*.yaml")))
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"Checked {roles} roles and {organisations} organisations in {data_copy}: no problems.\n"
    )


def test_show_finds_a_role_of_the_officers_catalogue(data_copy: Path) -> None:
    done = run("criteria", "show", EXTRA_ID, "--json", catalogue=with_extra_role(data_copy))

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["role"]["title"] == "Senior Income Officer"


def test_the_shortlist_finds_a_role_of_the_officers_catalogue(
    data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shortlist.xlsx"
    catalogue = with_extra_role(data_copy)

    done = run("exports", *shortlist_args(EXTRA_ID, out), catalogue=catalogue)

    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 17 and out.exists()
    without = run("exports", *shortlist_args(EXTRA_ID, out), catalogue=None)
    assert without.returncode == 2 and f"There is no role '{EXTRA_ID}'" in without.stderr


def test_a_catalogue_dir_in_a_dot_env_file_is_read_as_the_app_reads_it(
    data_copy: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / ".env").write_text(f"CATALOGUE_DIR={with_extra_role(data_copy)}\n")

    done = run("criteria", "show", EXTRA_ID, catalogue=None, cwd=work)

    assert done.returncode == 0, done.stderr
    assert "Senior Income Officer" in done.stdout


# --- --catalogue DIR ----------------------------------------------------------------------------


def test_the_catalogue_option_overrides_catalogue_dir(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CATALOGUE_DIR", str(PROJECT / "data"))

    assert criteria_main(["show", EXTRA_ID, "--catalogue", str(with_extra_role(data_copy))]) == 0
    assert "Senior Income Officer" in capsys.readouterr().out
    assert criteria_main(["show", EXTRA_ID]) == 2


def test_the_shortlist_takes_the_catalogue_option(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = shortlist_args(EXTRA_ID, tmp_path / "x.xlsx")

    assert exports_main([*args, "--catalogue", str(with_extra_role(data_copy))]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 17


def test_the_shortlist_reads_catalogue_dir_through_the_apps_settings(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CATALOGUE_DIR", str(with_extra_role(data_copy)))
    assert exports_main(shortlist_args(EXTRA_ID, tmp_path / "x.xlsx")) == 0


# --- The same setting as the app's --------------------------------------------------------------


def test_the_criteria_command_reads_catalogue_dir_exactly_as_settings_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """criteria/ may not import settings (test_layers.py); its copy must not drift."""
    assert CatalogueSetting().catalogue_dir == Settings().catalogue_dir
    assert CatalogueSetting.model_config["env_file"] == Settings.model_config["env_file"]
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("CATALOGUE_DIR=from-dot-env\n")
    assert CatalogueSetting().catalogue_dir == Settings().catalogue_dir == Path("from-dot-env")
    monkeypatch.setenv("catalogue_dir", "from-environment")
    assert CatalogueSetting().catalogue_dir == Settings().catalogue_dir
    assert Settings().catalogue_dir == Path("from-environment")


# --- A missing or empty folder ------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["list"], ["show", EXTRA_ID], ["ids"]])
def test_a_missing_folder_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    missing = tmp_path / "no-such-catalogue"

    assert criteria_main([*command, "--catalogue", str(missing)]) == 2

    err = capsys.readouterr().err
    assert f"error: the catalogue folder {missing} does not exist" in err
    assert "CATALOGUE_DIR" in err


def test_an_empty_folder_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "roles").mkdir()

    assert criteria_main(["check", "--catalogue", str(tmp_path)]) == 2
    assert f"the catalogue folder {tmp_path} holds no organisations" in capsys.readouterr().err


def test_the_shortlist_names_a_missing_catalogue_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    args = shortlist_args(EXTRA_ID, tmp_path / "x.xlsx")

    assert exports_main([*args, "--catalogue", str(missing)]) == 2
    assert f"the catalogue folder {missing} does not exist" in capsys.readouterr().err
