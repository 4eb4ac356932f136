"""`python -m exports shortlist` on the sample vacancies, and its errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exports.__main__ import main

PROJECT = Path(__file__).resolve().parents[2]
SAMPLES = PROJECT / "data" / "samples"
GOLDEN = PROJECT / "tests" / "golden"
DARLINGTON = SAMPLES / "darlington-housing-income-management-officer"
DARTFORD = SAMPLES / "dartford-housing-scheme-officer"


def darlington_args(out: Path) -> list[str]:
    return [
        "shortlist", "--role", "darlington-housing-income-management-officer",
        "--applications", str(DARLINGTON / "applications.csv"),
        "--scores", str(DARLINGTON / "panel_scores.csv"),
        "--agreed", str(DARLINGTON / "agreed_scores.csv"),
        "--slots", "4", "--closing-date", "2026-01-30", "--out", str(out), "--json",
    ]  # fmt: skip


def darlington_under_dartford_policy(out: Path) -> list[str]:
    """Darlington records no scheme; its sample was built to exercise Dartford's."""
    return [*darlington_args(out), "--policy", str(PROJECT / "data/organisations/dartford.yaml")]


def dartford_args(out: Path) -> list[str]:
    return [
        "shortlist", "--role", "dartford-housing-scheme-officer",
        "--applications", str(DARTFORD / "applications.xlsx"),
        "--scores", str(DARTFORD / "panel_scores.csv"),
        "--pass-mark", "30", "--closing-date", "2025-12-28", "--out", str(out), "--json",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "golden"),
    [
        (darlington_args, "shortlist_darlington.json"),
        (darlington_under_dartford_policy, "shortlist_darlington_under_dartford_policy.json"),
        (dartford_args, "shortlist_dartford.json"),
    ],
)
def test_the_cli_on_the_sample_data_matches_the_checked_in_decisions(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args,
    golden: str,  # type: ignore[no-untyped-def]
) -> None:
    out = tmp_path / "shortlist.xlsx"
    assert main(args(out)) == 0
    decisions = json.loads(capsys.readouterr().out)
    assert decisions == json.loads((GOLDEN / golden).read_text())
    assert set(decisions[0]) == {
        "application_id",
        "decision",
        "schemes",
        "total",
        "rank",
        "failed_essentials",
        "reason",
        "scheme_outcomes",
    }
    book = load_workbook(out)
    assert book.sheetnames[:4] == ["Summary", "Shortlist", "Not shortlisted", "Score matrix"]
    listed = [r[1] for r in book["Shortlist"].iter_rows(min_row=2, values_only=True)]
    listed += [r[0] for r in book["Not shortlisted"].iter_rows(min_row=2, values_only=True)]
    assert sorted(listed) == sorted(d["application_id"] for d in decisions)


def test_the_darlington_sample_under_a_policy_with_schemes_exercises_every_decision(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Darlington records no scheme; tried with a draft policy of Dartford's shape (--policy),
    its sample applications reach every decision."""
    draft = PROJECT / "data" / "organisations" / "dartford.yaml"
    assert main([*darlington_args(tmp_path / "x.xlsx"), "--policy", str(draft)]) == 0
    kinds = {d["decision"] for d in json.loads(capsys.readouterr().out)}
    assert kinds == {
        "shortlisted_on_merit", "shortlisted_under_scheme", "tied_at_cut_off",
        "needs_information", "not_shortlisted", "withdrawn",
    }  # fmt: skip


def test_the_dartford_sample_is_provisional_and_says_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    args = [a for a in dartford_args(tmp_path / "x.xlsx") if a != "--json"]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "Provisional, not final: 1 score differs by 2 or more" in captured.out
    assert "note: Not finished scoring: officer2." in captured.err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["--role", "nope"], "There is no role 'nope'"),
        (["--slots", "-1"], "the scoring settings are not valid"),
    ],
)
def test_bad_arguments_exit_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: list[str], message: str
) -> None:
    args = darlington_args(tmp_path / "x.xlsx")
    i = args.index(change[0])
    args[i : i + 2] = change
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_a_bad_scores_file_exits_with_status_2_naming_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "scores.csv"
    lines = (DARLINGTON / "panel_scores.csv").read_text().splitlines()
    lines[5] = lines[5].replace(",3,", ",7,").replace(",2,", ",7,")
    bad.write_text("\n".join(lines) + "\n")
    args = darlington_args(tmp_path / "x.xlsx")
    args[args.index("--scores") + 1] = str(bad)
    assert main(args) == 2
    assert (
        "scores.csv, row 6, column score: '7' is not on the 0-3 evidence scale"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "x.xlsx").exists(), "no workbook is written from bad input"


def test_out_must_be_an_xlsx(capsys: pytest.CaptureFixture[str]) -> None:
    args = darlington_args(Path("decisions.csv"))
    assert main(args) == 2
    assert "--out must name an .xlsx file" in capsys.readouterr().err


def test_the_module_runs_from_the_command_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "exports", *darlington_args(tmp_path / "x.xlsx")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 17


def test_darlington_records_no_scheme_so_no_declaration_gives_an_interview(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(darlington_args(tmp_path / "x.xlsx")) == 0
    decisions = json.loads(capsys.readouterr().out)
    assert not any(d["schemes"] for d in decisions)
    assert {d["decision"] for d in decisions}.isdisjoint(
        {"shortlisted_under_scheme", "needs_information"}
    )
    told = [d for d in decisions if "policy records no such scheme" in d["reason"]]
    assert len(told) == 8  # every declaration, told plainly (also to those failing an essential)


def test_a_broken_draft_policy_is_named_with_its_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    draft = tmp_path / "draft.yaml"
    draft.write_text(
        "version: draft\nsource: HR\nschemes:\n  - id: forces\n    name: Forces\n"
        "    explanation: x\n    routes:\n      - id: r\n        conditions:\n"
        "          - left_within: three years\n"
    )
    assert main([*darlington_args(tmp_path / "x.xlsx"), "--policy", str(draft)]) == 2
    error = capsys.readouterr().err
    assert "draft.yaml, field 'schemes.0.routes.0.conditions.0.left_within.left_within'" in error
    assert "write the window as '36 months', '5 years' or 'no limit'" in error
