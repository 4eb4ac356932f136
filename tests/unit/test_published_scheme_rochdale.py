"""Issue 28, acceptance for items 1, 2 and 5: a second council's published armed forces scheme,
with a time limit in months, the applicant's own service only and no serving route (Rochdale
Borough Council's guaranteed interview for ex-armed forces personnel,
tests/published_schemes/rochdale_ex_armed_forces.yaml, written from its text), its boundary cases
run once through `python -m exports shortlist --json` and checked one by one.

Every applicant meets every essential and is scored below M01, who takes the one merit place.
"A maximum of 2 years (24 months)" holds up to the second anniversary of leaving, inclusive
(29 February 2024 + 24 months is 28 February 2026; 31 March 2024 + 24 months is 31 March 2026)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from criteria.loader import Catalogue
from exports.__main__ import main

POLICY = Path(__file__).resolve().parents[1] / "published_schemes/rochdale_ex_armed_forces.yaml"
ROLE = "darlington-housing-income-management-officer"
HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement,armed_forces_last_long_term_employer,scheme:job_seeking"
).split(",")
R = "2026-01-20"  # received; the closing date is 2026-01-30
# reference: received, status, whose, date, job seeking 6 months, last long-term employer
APPLICANTS = {
    "M01": (R, "none", "", "", "", ""),  # first on merit (the one place)
    "L24": (R, "left", "self", "2024-01-20", "yes", "yes"),  # exactly 24 months
    "L25": (R, "left", "self", "2024-01-19", "yes", "yes"),  # 24 months and a day
    "LPA": ("2026-02-28", "left", "self", "2024-02-29", "yes", "yes"),  # leap day + 24 months
    "LPB": ("2026-03-01", "left", "self", "2024-02-29", "yes", "yes"),  # and a day
    "M31": ("2025-12-31", "left", "self", "2023-12-31", "yes", "yes"),  # month end
    "M30": ("2026-02-28", "left", "self", "2024-03-31", "yes", "yes"),  # well within
    "SRV": (R, "serving", "self", "2026-03-01", "", ""),  # no serving route
    "FUT": (R, "left", "self", "2026-06-01", "yes", "yes"),  # a leaving date still ahead
    "JSN": (R, "left", "self", "2025-01-01", "no", "yes"),  # not job seeking 6 months
    "NLE": (R, "left", "self", "2025-01-01", "yes", ""),  # last employer not answered
    "SPO": (R, "left", "spouse_or_civil_partner", "2025-01-01", "yes", "yes"),
    "NWH": (R, "left", "", "2025-01-01", "yes", "yes"),  # whose service: blank
    "NDT": (R, "left", "self", "", "yes", "yes"),  # no date of leaving
    "CL0": ("", "left", "self", "2024-01-30", "yes", "yes"),  # the closing date, 24 months
    "CL1": ("", "left", "self", "2024-01-29", "yes", "yes"),  # the closing date, and a day
    "RES": (R, "reservist", "self", "", "", ""),  # no route for Reservists
    "SIX": (R, "left", "self", "2025-12-01", "yes", "yes"),  # left 7 weeks ago: not 6 months
}
UNDER, NOT, INFO, MERIT = (
    "shortlisted_under_scheme",
    "not_shortlisted",
    "needs_information",
    "shortlisted_on_merit",
)
SCHEME = "the Ex-Armed Forces guaranteed interview scheme"
UNDER_IT = f"Offered an interview under {SCHEME} (ex-armed forces, left no more than 24 months"
REFUSED = "The Ex-Armed Forces guaranteed interview scheme did not apply: no route applies"
NEEDS = "left the armed forces"
# reference: (decision, words the reason must have)
EXPECTED: dict[str, tuple[str, str]] = {
    "M01": (MERIT, "Shortlisted on merit"),
    "L24": (UNDER, "left on 20 January 2024, within two years"),
    "L25": (NOT, "left on 19 January 2024, more than two years before 20 January 2026"),
    "LPA": (UNDER, "left on 29 February 2024, within two years"),
    "LPB": (NOT, "left on 29 February 2024, more than two years before 1 March 2026"),
    "M31": (UNDER, "left on 31 December 2023, within two years"),
    "M30": (UNDER, "left on 31 March 2024, within two years"),
    "SRV": (
        NOT,
        f"{REFUSED} (ex-armed forces, left no more than 24 months ago: declared as serving",
    ),
    "FUT": (NOT, "still serving (declared as left, but the date of leaving given, 1 June 2026, is"),
    "JSN": (NOT, "did not answer yes to 'Have you been job seeking for at least 6 months since"),
    "NLE": (INFO, "cannot be decided without whether the armed forces were the last long-term"),
    "SPO": (NOT, "a spouse's or civil partner's service, which this route does not cover"),
    "NWH": (INFO, "cannot be decided without whose service it is"),
    "NDT": (INFO, "cannot be decided without the date of leaving the armed forces"),
    "CL0": (UNDER, "left on 30 January 2024, within two years"),
    "CL1": (NOT, "left on 29 January 2024, more than two years before 30 January 2026"),
    "RES": (NOT, f"{REFUSED} (ex-armed forces, left no more than 24 months ago: declared as a"),
    "SIX": (NOT, "6 months"),
}
CASES = list(EXPECTED)


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("rochdale")
    scored = [c for c in catalogue.role(ROLE).criteria if c.stage.value == "application"]
    apps, scores = tmp / "applications.csv", tmp / "scores.csv"
    with apps.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for ref, (received, status, whose, when, seeking, last) in APPLICANTS.items():
            out.writerow([ref, received, ref, "Applicant", "", "no", "no", status, whose, when,
                          "", "", "A statement.", last, seeking])  # fmt: skip
    with scores.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["application_id", "criterion_id", "panel_member", "score"])
        for ref in APPLICANTS:
            for c in scored:
                value = 3 if ref == "M01" else 2
                out.writerows([ref, c.id, member, value] for member in ("m1", "m2"))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main([
            "shortlist", "--role", ROLE, "--applications", str(apps), "--scores", str(scores),
            "--slots", "1", "--closing-date", "2026-01-30", "--policy", str(POLICY),
            "--out", str(tmp / "out.xlsx"), "--json",
        ])  # fmt: skip
    assert code == 0
    return {d["application_id"]: d for d in json.loads(printed.getvalue())}


@pytest.mark.parametrize("ref", CASES)
def test_rochdale_boundary_case(decided: dict[str, Any], ref: str) -> None:
    decision, words = EXPECTED[ref]
    got = decided[ref]
    assert got["decision"] == decision, got["reason"]
    assert words in got["reason"], got["reason"]
    if decision == UNDER:
        assert got["reason"].startswith(UNDER_IT), got["reason"]
    if decision == NOT:
        assert REFUSED in got["reason"], got["reason"]  # every claim is answered (item 5)
    outcomes = [(o["scheme"], o["applied"], o["status"]) for o in got["scheme_outcomes"]]
    status = {UNDER: "applies", INFO: "needs_information", NOT: "does_not_apply"}.get(decision)
    assert outcomes == ([] if ref == "M01" else [("armed_forces", decision == UNDER, status)])


def test_every_case_is_decided(decided: dict[str, Any]) -> None:
    assert set(decided) == set(APPLICANTS) == set(EXPECTED)
    assert decided["NLE"]["scheme_outcomes"][0]["missing"] == [
        "whether the armed forces were the last long-term substantive employer"
    ]
