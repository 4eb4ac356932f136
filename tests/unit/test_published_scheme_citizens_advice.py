"""Issue 28, acceptance for item 3: a published scheme with its own score rule (Citizens Advice's
Guaranteed Interview Scheme, a charity's disability scheme: "an aggregate score of 60 % of the
total possible marks across the essential criteria", on its 1-5 ratings), written as YAML from its
text (tests/published_schemes/citizens_advice_gis.yaml), its boundary cases run once through
`python -m exports shortlist --json` and checked one by one.

The Darlington role has 16 application-stage essentials: on the 1-5 scale 80 possible marks, and
60% is 48. An essential is met at 3 ("acceptable evidence"); the five desirables add to the total
(not to the share). M01 alone takes the one merit place."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.__main__ import main

POLICY = Path(__file__).resolve().parents[1] / "published_schemes/citizens_advice_gis.yaml"
ROLE = "darlington-housing-income-management-officer"
HEADER = [
    "application_id", "received_date", "first_name", "last_name", "email", "disability_gis",
    "care_leaver", "armed_forces_status", "armed_forces_relationship", "armed_forces_date",
    "armed_forces_long_term", "armed_forces_gis", "statement", "withdrawn",
]  # fmt: skip
THREES = [3] * 14
# reference: (asked for the GIS, withdrawn, the 16 essentials' scores, the desirables' score)
APPLICANTS: dict[str, tuple[bool, bool, list[int], int]] = {
    "M01": (False, False, [5] * 16, 5),  # first on merit
    "E48": (True, False, [3] * 16, 1),  # every essential met, exactly 60%
    "E47": (True, False, [2, 3, *THREES], 1),  # 47 of 80: just below
    "T48": (True, False, [2, 4, *THREES], 1),  # fails one essential, 60% exactly
    "T49": (True, False, [2, 5, *THREES], 1),  # fails one essential, 61.25%
    "O47": (True, False, [1, 4, *THREES], 1),  # a 1, and below the share
    "D47": (True, False, [2, 3, *THREES], 5),  # desirables at the top do not count
    "A32": (True, False, [2] * 16, 1),  # 40%
    "A16": (True, False, [1] * 16, 1),  # the lowest mark counts as a mark: 20%
    "E80": (True, False, [5] * 16, 1),  # 100%, ranked below M01
    "N48": (False, False, [2, 4, *THREES], 1),  # did not ask for the GIS
    "W48": (True, True, [2, 4, *THREES], 1),  # withdrew
    "I48": (True, False, [2, 4, *THREES], 1),  # a score not yet given (below)
    "ONE": (True, False, [1, 4, 4, 3, *[3] * 12], 1),  # a 1, but 48 of 80
    "ONE76": (True, False, [1, *[5] * 15], 1),  # a 1, but 95%
}
INCOMPLETE = "I48"
UNDER, NOT, MERIT = "shortlisted_under_scheme", "not_shortlisted", "shortlisted_on_merit"
ASKS = "; the scheme asks 60%; and the lowest score on an essential"
NOT_1 = "the scheme asks at least 2 (weak) on each"
NO_EVIDENCE = "Not shortlisted: the panel found no evidence for essential criterion"
# reference: (decision, whether the GIS gave the interview, words the reason must have)
EXPECTED: dict[str, tuple[str, bool, str]] = {
    "M01": (MERIT, False, "Shortlisted on merit"),
    "E48": (UNDER, True, f"is 3 (moderate); {NOT_1}. Total 53, ranked 3 of 3 on merit."),
    "E47": (NOT, False, f"its minimum is not met: 58.7% of the essentials' marks (47 of 80){ASKS}"),
    "T48": (UNDER, True, f"(48 of 80){ASKS}"),
    "T49": (UNDER, True, f"61.2% of the essentials' marks (49 of 80){ASKS}"),
    "O47": (NOT, False, f"58.7% of the essentials' marks (47 of 80){ASKS}"),
    "D47": (NOT, False, f"58.7% of the essentials' marks (47 of 80){ASKS}"),
    "A32": (NOT, False, f"40% of the essentials' marks (32 of 80){ASKS}"),
    "A16": (NOT, False, f"20% of the essentials' marks (16 of 80){ASKS}"),
    "E80": (UNDER, True, f"100% of the essentials' marks (80 of 80){ASKS}"),
    "N48": (NOT, False, "Not shortlisted: essential criterion"),
    "W48": ("withdrawn", False, "Withdrawn by the applicant."),
    "I48": ("scoring_incomplete", False, "Scoring incomplete"),
    "ONE": (NOT, False, f"not met: 60% of the essentials' marks (48 of 80){ASKS}"),
    "ONE76": (NOT, False, f"not met: 95% of the essentials' marks (76 of 80){ASKS}"),
}
CASES = list(EXPECTED)


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("citizens_advice")
    role = catalogue.role(ROLE)
    effective = effective_criteria(role, catalogue.organisation_of(role)).criteria
    scored = [c for c in effective if c.stage == "application"]
    essentials = [c.id for c in scored if c.is_essential]
    assert len(essentials) == 16
    apps, scores = tmp / "applications.csv", tmp / "panel_scores.csv"
    with apps.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for ref, (asked, withdrawn, *_) in APPLICANTS.items():
            gis, gone = "yes" if asked else "no", "yes" if withdrawn else ""
            out.writerow([ref, "2026-01-20", "", "", "", gis, "no", "none", *[""] * 5, gone])
    with scores.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["application_id", "criterion_id", "panel_member", "score"])
        for ref, (_, _, marks, desirable) in APPLICANTS.items():
            given = dict(zip(essentials, marks, strict=True))
            for c in scored:
                if ref == INCOMPLETE and c.id == essentials[-1]:
                    continue  # nobody has scored it yet
                value = given.get(c.id, desirable)
                out.writerows([ref, c.id, member, value] for member in ("m1", "m2"))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main([
            "shortlist", "--role", ROLE, "--applications", str(apps), "--scores", str(scores),
            "--scale", "1-5", "--threshold", "3", "--slots", "1", "--closing-date", "2026-01-30",
            "--policy", str(POLICY), "--out", str(tmp / "out.xlsx"), "--json",
        ])  # fmt: skip
    assert code == 0
    return {d["application_id"]: d for d in json.loads(printed.getvalue())}


@pytest.mark.parametrize("ref", CASES)
def test_citizens_advice_boundary_case(decided: dict[str, Any], ref: str) -> None:
    decision, applied, words = EXPECTED[ref]
    got = decided[ref]
    assert got["decision"] == decision, got["reason"]
    assert words in got["reason"], got["reason"]
    outcomes = got["scheme_outcomes"]
    if APPLICANTS[ref][0]:
        assert [(o["scheme"], o["applied"]) for o in outcomes] == [("disability", applied)]
    else:
        assert outcomes == []


def test_the_scheme_name_is_not_given_another_scheme(decided: dict[str, Any]) -> None:
    assert set(decided) == set(APPLICANTS)
    reason = decided["E48"]["reason"]
    assert reason.startswith("Offered an interview under the Guaranteed Interview Scheme (GIS) (")
    assert "(GIS) scheme" not in " ".join(d["reason"] for d in decided.values())
    refused = decided["E47"]["scheme_outcomes"][0]
    assert (refused["status"], refused["applied"]) == ("applies", False)
