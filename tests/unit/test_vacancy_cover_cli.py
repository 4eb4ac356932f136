"""Issue 28, item 4, on the command line: `python -m exports shortlist` takes the post's facts
(--advertised, --salary-from/--salary-to, --role-family) so a policy with `covers` can be tried;
the decisions, the notes and the workbook's Summary say when a scheme does not cover the post."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from criteria.__main__ import main as criteria_main
from exports.__main__ import main
from tests.unit.test_shortlist_cli import darlington_args

PROJECT = Path(__file__).resolve().parents[2]


def policy_file(tmp_path: Path, covers: dict[str, Any]) -> Path:
    """Dartford's policy, its Disability Confident scheme covering only `covers`."""
    data = yaml.safe_load((PROJECT / "data/organisations/dartford.yaml").read_text())
    policy = data["guaranteed_interview"]
    next(s for s in policy["schemes"] if s["id"] == "disability")["covers"] = covers
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(policy, sort_keys=False))
    return path


def run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], covers: dict[str, Any], *post: str
) -> tuple[dict[str, dict[str, Any]], str]:
    out = tmp_path / "shortlist.xlsx"
    args = [*darlington_args(out), "--policy", str(policy_file(tmp_path, covers)), *post]
    assert main(args) == 0
    captured = capsys.readouterr()
    return {d["application_id"]: d for d in json.loads(captured.out)}, captured.err


def summary(tmp_path: Path) -> dict[str, str]:
    sheet = load_workbook(tmp_path / "shortlist.xlsx")["Summary"]
    return {str(r[0]): str(r[1]) for r in sheet.iter_rows(values_only=True) if r[0]}


def test_an_external_only_scheme_tried_on_an_internal_advert(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    external = {"advertised": "externally"}
    decided, _ = run(tmp_path, capsys, external, "--advertised", "external")
    assert decided["D008"]["decision"] == "shortlisted_under_scheme"

    decided, notes = run(tmp_path, capsys, external, "--advertised", "internal")
    assert decided["D008"]["decision"] == "not_shortlisted"
    assert (
        "The Disability Confident scheme did not apply: it covers only posts advertised "
        "externally; this post is advertised internally only."
    ) in decided["D008"]["reason"]
    assert "note: Disability Confident: it covers only posts advertised externally" in notes
    assert summary(tmp_path)["Schemes and this vacancy"].endswith(
        "No interview is offered under it."
    )
    assert summary(tmp_path)["The post, for the schemes"].startswith(
        "advertised internally only; salary not recorded; grade "
    )


def test_left_out_the_advert_is_not_recorded_and_needs_hrs_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    decided, notes = run(tmp_path, capsys, {"advertised": "externally"})
    assert decided["D008"]["decision"] == "needs_information"
    assert "Record it on the vacancy" in decided["D008"]["reason"]
    assert "does not record how this post is advertised" in notes


def test_a_salary_ceiling_and_a_role_family(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    covers = {"salary_up_to": "£33,000", "role_families": ["Income"]}
    over = ("--salary-from", "31182", "--salary-to", "£33,958", "--role-family", "Income")
    decided, _ = run(tmp_path, capsys, covers, *over)
    assert "this post is paid £31,182 to £33,958 a year" in decided["D008"]["reason"]
    within = ("--salary-from", "31182", "--salary-to", "33000", "--role-family", "income")
    decided, _ = run(tmp_path, capsys, covers, *within)
    assert decided["D008"]["decision"] == "shortlisted_under_scheme"


def test_a_salary_range_the_wrong_way_round_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shortlist.xlsx"
    args = [*darlington_args(out), "--salary-from", "40000", "--salary-to", "30000"]
    assert main(args) == 2
    assert "give the lower figure first" in capsys.readouterr().err


def test_criteria_check_explains_a_mistake_in_each_covers_construct(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = data_copy / "organisations" / "dartford.yaml"
    data = yaml.safe_load(path.read_text())
    disability, care, forces = data["guaranteed_interview"]["schemes"]
    disability["covers"] = {"advertised": "publicly", "salary_up_to": "about 40k"}
    care["covers"] = {"salary_from": 50000, "salary_up_to": 40000}
    forces["covers"] = {"advertized": "externally", "grades": [], "role_families": [""]}
    path.write_text(yaml.safe_dump(data, sort_keys=False))

    assert criteria_main(["check", "--catalogue", str(data_copy)]) == 1
    said = capsys.readouterr().err
    for expected in (
        "scheme disability, field 'covers.advertised': write 'advertised: externally' (posts "
        "advertised outside the council) or 'advertised: internally only'",
        "scheme disability, field 'covers.salary_up_to': write the salary as pounds a year, "
        "e.g. 45000 or £45,000 (found 'about 40k')",
        "scheme care_leaver, field 'covers': 'covers' has salary_from £50,000 above "
        "salary_up_to £40,000, so it covers no post; swap the two figures",
        "scheme armed_forces, field 'covers.advertized': is not a field the catalogue knows "
        "(did you mean 'advertised'?)",
        "scheme armed_forces, field 'covers.grades': needs at least 1 entry",
    ):
        assert expected in said
    assert "an empty entry names nothing" in said
