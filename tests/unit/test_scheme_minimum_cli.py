"""Issue 28, item 3, end to end: a scheme asking "an aggregate score of 60% of the total possible
marks across the essential criteria" (tests/schemes/aggregate_share_60.yaml), tried with
`python -m exports shortlist --policy ... --json` on the Darlington role, whose 16
application-stage essentials on the 0-5 scale make 80 possible marks: 48 is 60% exactly."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.__main__ import main

ROLE = "darlington-housing-income-management-officer"
POLICY = Path(__file__).resolve().parents[1] / "schemes" / "aggregate_share_60.yaml"
HEADER = [
    "application_id", "received_date", "first_name", "last_name", "email", "disability_gis",
    "care_leaver", "armed_forces_status", "armed_forces_relationship", "armed_forces_date",
    "armed_forces_long_term", "armed_forces_gis", "statement", "withdrawn",
]  # fmt: skip

# id: (disabled, withdrawn, marks on the 16 essentials, how many essentials scored 0, a score
# missing, the decision, words the reason must have)
CASES = {
    "M01": (False, False, 80, 0, False, "shortlisted_on_merit", "Shortlisted on merit"),
    "S48": (
        True,
        False,
        48,
        1,
        False,
        "shortlisted_under_scheme",
        "60% of the essentials' marks (48 of 80); the scheme asks 60%. Total 48, not shortlisted on merit",
    ),  # fmt: skip
    "S47": (
        True,
        False,
        47,
        1,
        False,
        "not_shortlisted",
        "its minimum is not met: 58.7% of the essentials' marks (47 of 80); the scheme asks 60%.",
    ),  # fmt: skip
    "S44": (
        True,
        False,
        44,
        2,
        False,
        "not_shortlisted",
        "55% of the essentials' marks (44 of 80); the scheme asks 60%.",
    ),  # fmt: skip
    "S32": (
        True,
        False,
        32,
        6,
        False,
        "not_shortlisted",
        "40% of the essentials' marks (32 of 80); the scheme asks 60%.",
    ),  # fmt: skip
    "S00": (True, False, 0, 16, False, "not_shortlisted", "0% of the essentials' marks (0 of 80)"),
    "S49": (
        True,
        False,
        49,
        3,
        False,
        "shortlisted_under_scheme",
        "61.2% of the essentials' marks (49 of 80)",
    ),  # fmt: skip
    "MET": (
        True,
        False,
        48,
        0,
        False,
        "shortlisted_under_scheme",
        "60% of the essentials' marks (48 of 80); the scheme asks 60%. Total 48, ranked 3 of 3 on merit.",
    ),  # fmt: skip
    "N48": (
        False,
        False,
        48,
        1,
        False,
        "not_shortlisted",
        "Not shortlisted: the panel found no evidence for essential criterion 3",
    ),  # fmt: skip
    "W48": (True, True, 48, 1, False, "withdrawn", "Withdrawn by the applicant."),
    "I48": (True, False, 48, 1, True, "scoring_incomplete", "Scoring incomplete"),
    "T80": (
        True,
        False,
        80,
        0,
        False,
        "shortlisted_under_scheme",
        "100% of the essentials' marks (80 of 80); the scheme asks 60%. Total 80, ranked 2 of 3 on merit.",
    ),  # fmt: skip
}


def essential_scores(marks: int, zeros: int, n: int) -> list[int]:
    """`zeros` essentials at 0, the rest sharing `marks` as evenly as the 0-5 scale allows."""
    rest = n - zeros
    base, extra = divmod(marks, rest) if rest else (0, 0)
    assert base + (extra > 0) <= 5
    return [0] * zeros + [base + (k < extra) for k in range(rest)]


def write_inputs(tmp: Path, catalogue: Catalogue) -> tuple[Path, Path]:
    role = catalogue.role(ROLE)
    scored = [c for c in effective_criteria(role, catalogue.organisation_of(role)).criteria if c.stage == "application"]  # fmt: skip
    essentials = [c.id for c in scored if c.is_essential]
    assert len(essentials) == 16
    apps, scores = tmp / "applications.csv", tmp / "panel_scores.csv"
    with apps.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for x, (disabled, withdrawn, *_) in CASES.items():
            disability, gone = "yes" if disabled else "no", "yes" if withdrawn else ""
            w.writerow([x, "2026-01-20", "", "", "", disability, "no", "none", *[""] * 5, gone])
    with scores.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["application_id", "criterion_id", "panel_member", "score"])
        for x, (_, _, marks, zeros, missing, *_) in CASES.items():
            given = dict(zip(essentials, essential_scores(marks, zeros, 16), strict=True))
            for c in scored:
                for member in ("rpatel", "sokafor"):
                    if missing and c.id == essentials[-1]:
                        continue  # nobody has scored it yet
                    desirable = 5 if x == "M01" else 0  # M01 alone is first on merit
                    w.writerow([x, c.id, member, given.get(c.id, desirable)])
    return apps, scores


def test_a_60_percent_scheme_through_the_command_line(
    tmp_path: Path, catalogue: Catalogue, capsys: pytest.CaptureFixture[str]
) -> None:
    apps, scores = write_inputs(tmp_path, catalogue)
    args = [
        "shortlist", "--role", ROLE, "--applications", str(apps), "--scores", str(scores),
        "--scale", "0-5", "--threshold", "3", "--slots", "1", "--closing-date", "2026-01-30",
        "--policy", str(POLICY), "--out", str(tmp_path / "out.xlsx"), "--json",
    ]  # fmt: skip
    assert main(args) == 0
    decided = {d["application_id"]: d for d in json.loads(capsys.readouterr().out)}
    for x, (*_, decision, words) in CASES.items():
        assert (x, decided[x]["decision"]) == (x, decision)
        assert words in decided[x]["reason"], (x, decided[x]["reason"])
    assert decided["S48"]["failed_essentials"] and decided["S49"]["schemes"] == ["disability"]
