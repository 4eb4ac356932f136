"""Issue 28, acceptance for items 1-2: a council's published armed forces scheme with a time limit
after leaving, the applicant's own service only, a serving route and Reservists (Blaby District
Council's Guaranteed Interview Scheme, tests/published_schemes/blaby_guaranteed_interview.yaml,
written from its text), its boundary cases run once through `python -m exports shortlist --json`
and checked one by one.

Every applicant meets every essential except LFA and is scored below M01, who takes the one merit
place, so a scheme alone decides whether each is interviewed. Dates are calendar arithmetic as the
README gives it: "no more than three years" holds up to the third anniversary of leaving,
inclusive (29 February 2024 + 3 years is 28 February 2027)."""

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

POLICY = Path(__file__).resolve().parents[1] / "published_schemes/blaby_guaranteed_interview.yaml"
ROLE = "darlington-housing-income-management-officer"
HEADER = (
    "application_id,received_date,first_name,last_name,email,disability_gis,care_leaver,"
    "armed_forces_status,armed_forces_relationship,armed_forces_date,armed_forces_long_term,"
    "armed_forces_gis,statement,armed_forces_reservist,armed_forces_last_long_term_employer"
).split(",")
R = "2026-01-20"  # received; the closing date is 2026-01-30
# reference: received, status, whose, date, last long-term employer, disabled, fails an essential
APPLICANTS = {
    "M01": (R, "none", "", "", "", "no", False),  # first on merit (the one place)
    "L3Y": (R, "left", "self", "2023-01-20", "yes", "no", False),  # exactly three years
    "L3D": (R, "left", "self", "2023-01-19", "yes", "no", False),  # three years and a day
    "FUT": (R, "left", "self", "2026-06-01", "yes", "no", False),  # future: serving, 19 weeks
    "F12": (R, "left", "self", "2026-04-14", "yes", "no", False),  # future: serving, 12 weeks
    "LPA": ("2027-02-28", "left", "self", "2024-02-29", "yes", "no", False),  # leap day + 3 years
    "LPB": ("2027-03-01", "left", "self", "2024-02-29", "yes", "no", False),  # a day more
    "LPC": ("2028-02-29", "left", "self", "2025-03-01", "yes", "no", False),  # received on 29 Feb
    "LPD": ("2028-02-29", "left", "self", "2025-02-28", "yes", "no", False),  # anniversary 28 Feb
    "LPE": ("2028-02-28", "left", "self", "2025-02-28", "yes", "no", False),  # on the anniversary
    "NDT": (R, "left", "self", "", "yes", "no", False),  # no date of leaving
    "NWH": (R, "left", "", "2024-05-01", "yes", "no", False),  # whose service: blank
    "SPO": (R, "left", "spouse_or_civil_partner", "2024-05-01", "yes", "no", False),
    "CL0": ("", "left", "self", "2023-01-30", "yes", "no", False),  # closing date, 3 years
    "CL1": ("", "left", "self", "2023-01-29", "yes", "no", False),  # closing date, and a day
    "S12": (R, "serving", "self", "2026-04-14", "", "no", False),  # 12 weeks to discharge
    "S13": (R, "serving", "self", "2026-04-15", "", "no", False),  # 12 weeks and a day
    "SPA": (R, "serving", "self", "2025-06-01", "yes", "no", False),  # discharge date has passed
    "RES": (R, "reservist", "self", "", "", "no", False),
    "RNW": (R, "reservist", "", "", "", "no", False),  # a Reservist, whose service blank
    "LNO": (R, "left", "self", "2024-05-01", "no", "no", False),  # forces not the last employer
    "LFA": (R, "left", "self", "2024-05-01", "yes", "no", True),  # fails an essential
    "DIS": (R, "none", "", "", "", "yes", False),  # Disability Confident
}
UNDER, NOT, INFO, MERIT = (
    "shortlisted_under_scheme",
    "not_shortlisted",
    "needs_information",
    "shortlisted_on_merit",
)
THREE = "the Armed Forces were their last long-term substantive employer, left no more than three"
TWELVE = "currently serving and within 12 weeks of their discharge date"
FUTURE = "declared as left, but the date of leaving given, {}, is after 20 January 2026"
F12 = FUTURE.format("14 April 2026")
WHOSE = "whose service it is (own, or a spouse's or civil partner's)"
# reference: (decision, the armed forces route that holds, words the reason must have)
EXPECTED: dict[str, tuple[str, str | None, str]] = {
    "M01": (MERIT, None, "Shortlisted on merit"),
    "L3Y": (UNDER, "veteran", f"scheme ({THREE} years ago): left the armed forces, own service"),
    "L3D": (NOT, None, "left on 19 January 2023, more than three years before 20 January 2026"),
    "FUT": (NOT, None, "discharge on 1 June 2026 is more than 12 weeks after 20 January 2026"),
    "F12": (UNDER, "serving", f"({TWELVE}): serving in the armed forces ({F12})"),
    "LPA": (UNDER, "veteran", "left on 29 February 2024, within three years"),
    "LPB": (NOT, None, "left on 29 February 2024, more than three years before 1 March 2027"),
    "LPC": (UNDER, "veteran", "left on 1 March 2025, within three years"),
    "LPD": (NOT, None, "left on 28 February 2025, more than three years before 29 February 2028"),
    "LPE": (UNDER, "veteran", "left on 28 February 2025, within three years"),
    "NDT": (INFO, None, "cannot be decided without the date of leaving the armed forces"),
    "NWH": (INFO, None, f"cannot be decided without {WHOSE}"),
    "SPO": (NOT, None, "a spouse's or civil partner's service, which this route does not cover"),
    "CL0": (UNDER, "veteran", "left on 30 January 2023, within three years"),
    "CL1": (NOT, None, "left on 29 January 2023, more than three years before 30 January 2026"),
    "S12": (UNDER, "serving", f"({TWELVE}): serving in the armed forces, own service, discharge"),
    "S13": (NOT, None, "discharge on 15 April 2026 is more than 12 weeks after 20 January 2026"),
    "SPA": (UNDER, "veteran", "left the armed forces (the discharge date has passed), own service"),
    "RES": (UNDER, "reservist", "scheme (a Reservist): a member of the Reservists, own service"),
    "RNW": (INFO, None, f"cannot be decided without {WHOSE}"),
    "LNO": (NOT, None, "the armed forces were not the last long-term substantive employer"),
    "LFA": (NOT, "veteran", "applies only to applicants who meet every application-stage"),
    "DIS": (UNDER, None, "Offered an interview under the Disability Confident scheme"),
}


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("blaby")
    scored = [c for c in catalogue.role(ROLE).criteria if c.stage.value == "application"]
    essential = next(c.id for c in scored if c.is_essential)
    apps, scores = tmp / "applications.csv", tmp / "scores.csv"
    with apps.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for ref, (received, status, whose, when, last, disabled, _) in APPLICANTS.items():
            out.writerow([ref, received, ref, "Applicant", "", disabled, "no", status, whose,
                          when, "", "", "A statement.", "", last])  # fmt: skip
    with scores.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["application_id", "criterion_id", "panel_member", "score"])
        for ref, (*_, fails) in APPLICANTS.items():
            for c in scored:
                value = 3 if ref == "M01" else 1 if fails and c.id == essential else 2
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


def forces_outcome(decision: dict[str, Any]) -> dict[str, Any] | None:
    return next((o for o in decision["scheme_outcomes"] if o["scheme"] == "armed_forces"), None)


@pytest.mark.parametrize("ref", list(EXPECTED))
def test_blaby_boundary_case(decided: dict[str, Any], ref: str) -> None:
    decision, route, words = EXPECTED[ref]
    got = decided[ref]
    assert got["decision"] == decision, got["reason"]
    assert words in got["reason"], got["reason"]
    outcome = forces_outcome(got)
    if APPLICANTS[ref][1] in ("none", ""):
        assert outcome is None
        return
    assert outcome is not None
    assert (outcome["applied"], outcome["route"]) == (decision == UNDER, route), outcome
    status = {UNDER: "applies", INFO: "needs_information"}.get(decision, "does_not_apply")
    assert outcome["status"] == ("applies" if ref == "LFA" else status), outcome


def test_every_case_is_decided_and_nothing_else(decided: dict[str, Any]) -> None:
    assert set(decided) == set(APPLICANTS) == set(EXPECTED)
    assert "discharge on 14 April 2026, within 12 weeks;" in decided["S12"]["reason"]
    assert decided["NWH"]["scheme_outcomes"][0]["missing"] == [WHOSE]
    assert decided["NDT"]["scheme_outcomes"][0]["missing"] == [
        "the date of leaving the armed forces"
    ]


def test_a_future_leaving_date_is_explained_once(decided: dict[str, Any]) -> None:
    assert decided["F12"]["reason"].count(F12) == 1
