"""Golden: each seed council's recorded policy on both sample applications files, every scheme
outcome with its route or missing facts. Regenerate after a deliberate change with
`SHORTLISTING_UPDATE_GOLDEN=1 pytest tests/unit/test_seed_policies_golden.py` and read the diff."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from criteria.loader import Catalogue
from formats.interchange import read_applications
from scoring.rules.guaranteed_interview import assess_schemes, reference_date

PROJECT = Path(__file__).resolve().parents[2]
GOLDEN = PROJECT / "tests" / "golden" / "seed_policies_on_samples.json"
SAMPLES = {
    "darlington": (
        PROJECT / "data/samples/darlington-housing-income-management-officer/applications.csv",
        date(2026, 1, 30),
    ),
    "dartford": (
        PROJECT / "data/samples/dartford-housing-scheme-officer/applications.xlsx",
        date(2025, 12, 28),
    ),
}


def outcomes(catalogue: Catalogue) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for org_id, org in sorted(catalogue.organisations.items()):
        policy = org.guaranteed_interview
        for sample, (path, closing) in SAMPLES.items():
            apps = read_applications(path, criterion_ids=None).applications
            found[f"{org_id} policy on the {sample} sample"] = {
                a.application_id: [
                    {
                        "scheme": o.scheme_id,
                        "status": o.status.value,
                        "route": o.route_id,
                        "missing": list(o.missing),
                        "reason": o.reason,
                    }
                    for o in assess_schemes(
                        a.declarations, policy, reference_date(a.received_date, closing)
                    )
                ]
                for a in apps
                if assess_schemes(a.declarations, policy, reference_date(a.received_date, closing))
            }
    return found


def test_each_seed_policy_on_the_sample_applications(catalogue: Catalogue) -> None:
    found = outcomes(catalogue)
    if os.environ.get("SHORTLISTING_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    assert found == json.loads(GOLDEN.read_text())
    # The councils whose documents publish no scheme give no applicant a scheme.
    for org in ("ashford", "darlington", "medway"):
        for sample in SAMPLES:
            for listed in found[f"{org} policy on the {sample} sample"].values():
                assert {o["status"] for o in listed} == {"switched_off"}
