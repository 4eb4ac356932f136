"""Issue 28, acceptance for item 4: a council's published scheme with a condition on the vacancy
(Melton's Veterans and Reservists scheme, "for roles that are advertised externally"), written
as YAML from its text (tests/published_schemes/), and its boundary cases run through
`python -m exports shortlist --json` with the post advertised externally, internally only, and
not recorded."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from criteria.loader import Catalogue
from exports.__main__ import main

POLICY = (
    Path(__file__).resolve().parents[1] / "published_schemes/melton_veterans_and_reservists.yaml"
)
ROLE = "darlington-housing-income-management-officer"
HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement,armed_forces_reservist,armed_forces_last_long_term_employer"
).split(",")
# reference, status, whose, date, reservist flag, last long-term employer, fails an essential
APPLICANTS = {
    "M01": ("none", "", "", "", "", False),  # first on merit (the one place)
    "V01": ("left", "self", "2024-05-01", "", "yes", False),  # veteran
    "V02": ("left", "self", "2024-05-01", "", "no", False),  # the forces were not the last
    "V03": ("reservist", "self", "", "", "", False),
    "V04": ("left", "self", "2024-05-01", "", "", False),  # last employer not answered
    "V05": ("left", "self", "2024-05-01", "", "yes", True),  # fails an essential
    "V06": ("serving", "self", "2026-06-01", "", "yes", False),  # not yet left
    "V07": ("left", "self", "1990-01-01", "", "yes", False),  # no time limit
    "V08": ("none", "self", "", "yes", "", False),  # a Reservist by the optional column
    "N01": ("none", "", "", "", "", False),
}
UNDER, NOT, INFO, MERIT = (
    "shortlisted_under_scheme",
    "not_shortlisted",
    "needs_information",
    "shortlisted_on_merit",
)
EXPECTED = {  # advertised: external, internal only, not recorded
    "M01": (MERIT, MERIT, MERIT),
    "V01": (UNDER, NOT, INFO),
    "V02": (NOT, NOT, NOT),  # no route could take them in: the advert changes nothing
    "V03": (UNDER, NOT, INFO),
    "V04": (INFO, NOT, INFO),  # an internal advert decides whatever the missing answer
    "V05": (NOT, NOT, NOT),
    "V06": (NOT, NOT, NOT),
    "V07": (UNDER, NOT, INFO),
    "V08": (UNDER, NOT, INFO),
    "N01": (NOT, NOT, NOT),
}
ADVERTS = (("--advertised", "external"), ("--advertised", "internal"), ())


@pytest.fixture
def inputs(tmp_path: Path, catalogue: Catalogue) -> list[str]:
    role = catalogue.role(ROLE)
    scored = [c for c in role.criteria if c.stage.value == "application"]
    essential = next(c.id for c in scored if c.is_essential)
    apps, scores = tmp_path / "applications.csv", tmp_path / "scores.csv"
    with apps.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for ref, (status, whose, when, reservist, last, _) in APPLICANTS.items():
            out.writerow([ref, "2026-01-20", ref, "Applicant", "", "no", "no", status, whose,
                          when, "", "", "A statement.", reservist, last])  # fmt: skip
    with scores.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["application_id", "criterion_id", "panel_member", "score"])
        for ref, (*_, fails) in APPLICANTS.items():
            for c in scored:
                value = 3 if ref == "M01" else 1 if fails and c.id == essential else 2
                out.writerows([ref, c.id, member, value] for member in ("m1", "m2"))
    return [
        "shortlist", "--role", ROLE, "--applications", str(apps), "--scores", str(scores),
        "--slots", "1", "--closing-date", "2026-01-30", "--policy", str(POLICY),
        "--out", str(tmp_path / "out.xlsx"), "--json",
    ]  # fmt: skip


@pytest.mark.parametrize("advert", range(3), ids=["external", "internal-only", "not-recorded"])
def test_melton_boundary_cases_by_how_the_post_is_advertised(
    inputs: list[str], advert: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*inputs, *ADVERTS[advert]]) == 0
    decided = {d["application_id"]: d for d in json.loads(capsys.readouterr().out)}
    assert {ref: d["decision"] for ref, d in decided.items()} == {
        ref: expected[advert] for ref, expected in EXPECTED.items()
    }
    if advert == 1:
        for ref in ("V01", "V03", "V07", "V08"):
            assert (
                "it covers only posts advertised externally; this post is advertised "
                "internally only"
            ) in decided[ref]["reason"]
    if advert == 2:
        assert "Record it on the vacancy" in decided["V01"]["reason"]
        both = decided["V04"]["reason"]
        assert "last long-term" in both and "how this post is advertised" in both
