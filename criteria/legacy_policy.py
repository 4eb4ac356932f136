"""Policies stored before schemes became routes (vacancy snapshots made before December 2026):
read as the routes they meant, so a live vacancy keeps deciding as it did.

The earlier format had three fixed schemes, each on unless switched off, with parameters
(`armed_forces.serving_window_weeks` and so on), and `further_schemes` declared on the form.
Only stored snapshots are upgraded: a catalogue file must be written in the current format.
"""

from __future__ import annotations

from typing import Any

from criteria.policy import GuaranteedInterviewPolicy


def is_legacy(data: Any) -> bool:
    return isinstance(data, dict) and "schemes" not in data and "version" not in data


def _forces_routes(p: dict[str, Any]) -> list[dict[str, Any]]:
    whose = ["self", "spouse_or_civil_partner"] if p.get("spouses_count", True) else ["self"]
    weeks = p.get("serving_window_weeks", 12)
    months = p.get("leaver_window_months", 60)
    last = (
        [{"forces_last_long_term_employer": True}]
        if p.get("must_be_last_long_term_employer")
        else []
    )
    wish = {"wishes_to_be_considered": "armed_forces"}
    routes = [
        {
            "id": "serving",
            "name": f"serving and within {weeks} weeks of discharge",
            "conditions": [
                {"armed_forces": "serving"},
                {"whose_service": whose},
                {"within_weeks_before_discharge": weeks},
                wish,
            ],
        },
        {
            "id": "left",
            "name": "long-term service in the armed forces within the leaver window",
            "conditions": [
                {"armed_forces": "left"},
                {"whose_service": whose},
                {"long_term_service": True},
                {"left_within": months},
                *last,
                wish,
            ],
        },
    ]
    if p.get("reservists_count"):
        routes.append(
            {
                "id": "reservist",
                "name": "a member of the Reservists",
                "conditions": [{"armed_forces": "reservist"}, {"whose_service": whose}, wish],
            }
        )
    return routes


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The earlier format's policy (every scheme on unless `enabled: false`) as routes."""
    schemes: list[dict[str, Any]] = []
    disability = data.get("disability") or {}
    if disability.get("enabled", True):
        schemes.append(
            {
                "id": "disability",
                "name": "Disability Confident",
                "explanation": "Applicants who indicate a disability and meet the minimum "
                "criteria are offered an interview.",
                "volume_mode": disability.get("volume_mode", "off"),
                "routes": [
                    {
                        "id": "disabled",
                        "name": "a disabled applicant",
                        "conditions": [{"disability_declared": True}],
                    }
                ],
            }
        )
    carers = data.get("care_leaver") or {}
    if carers.get("enabled", True):
        age = carers.get("max_age")
        if age is not None and carers.get("max_age_inclusive", True) is False:
            age -= 1
        schemes.append(
            {
                "id": "care_leaver",
                "name": "Care leavers",
                "explanation": "Care leavers who tell us at application time and meet the "
                "minimum criteria are offered an interview.",
                "routes": [
                    {
                        "id": "care-leaver",
                        "name": "a care leaver",
                        "conditions": [{"care_leaver": True}]
                        + ([{"aged_at_most": age}] if age is not None else []),
                    }
                ],
            }
        )
    forces = data.get("armed_forces") or {}
    if forces.get("enabled", True):
        schemes.append(
            {
                "id": "armed_forces",
                "name": "Armed Forces Covenant",
                "explanation": "Offered to armed forces applicants who meet the minimum criteria "
                "and confirm they wish to be considered.",
                "routes": _forces_routes(forces),
            }
        )
    declarations = []
    for further in data.get("further_schemes") or ():
        declarations.append({"id": further["id"], "question": further["declaration"]})
        schemes.append(
            {
                "id": further["id"],
                "name": further["name"],
                "explanation": further["explanation"],
                "routes": [
                    {"id": "declared", "conditions": [{"declared": further["id"]}]},
                ],
            }
        )
    return {
        "version": "stored before schemes were written as routes",
        "source": data.get("source") or "not recorded",
        "schemes": schemes,
        "declarations": declarations,
    }


def stored_policy(data: Any) -> GuaranteedInterviewPolicy:
    """A policy as stored with a vacancy or organisation, in either format."""
    return GuaranteedInterviewPolicy.model_validate(upgrade(data) if is_legacy(data) else data)
