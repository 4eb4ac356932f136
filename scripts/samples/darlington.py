"""Darlington's Housing Income Management Officer: two panel members, applications as CSV, an
agreed score settling a disagreement. Each applicant shows one rule (the comment beside it)."""

from __future__ import annotations

from pathlib import Path

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from scripts.samples.rows import COLUMNS, SCORE_COLUMNS, Marks, base_row, scores_for, write_csv


def darlington(catalogue_dir: Path, samples_dir: Path) -> None:
    """Housing Income Management Officer, 4 interview places, closing 30 January 2026."""
    catalogue = load_catalogue(catalogue_dir)
    role = catalogue.role("darlington-housing-income-management-officer")
    variant = effective_criteria(role, catalogue.organisation_of(role))
    essentials = [c.id for c in variant.criteria if c.rules_out_at_shortlisting]
    desirables = [
        c.id for c in variant.criteria if c.stage.value == "application" and not c.is_essential
    ]
    scored = essentials + desirables
    members = ["rpatel", "sokafor"]

    def profile(ess: int, des: int) -> Marks:
        marks: Marks = {c: (ess, ess) for c in essentials}
        return marks | {c: (des, des) for c in desirables}

    apps, scores = [], []

    def add(app: dict[str, str], marks: Marks) -> None:
        apps.append(app)
        scores.extend(scores_for(app["application_id"], scored, members, (0, 0), marks))

    add(base_row("D001", "2026-01-12", "Amina", "Hassan", 0), profile(3, 3))  # merit, rank 1
    add(base_row("D002", "2026-01-14", "Ben", "Carter", 1), profile(3, 2))  # merit
    # Fails criterion 21 (spoken English, assessed at interview): never rules out at the sift.
    marks = profile(3, 1)
    add(base_row("D003", "2026-01-15", "Chloe", "Evans", 2), marks)
    scores.extend(scores_for("D003", ["c21"], members, (0, 0), {}))
    add(
        base_row("D004", "20/01/2026", "Daniel", "Okoro", 3), profile(2, 3)
    )  # tie at the cut-off (47)
    marks = (
        profile(3, 0)
        | {c: (2, 2) for c in ("c9", "c10", "c11", "c12")}
        | {c: (1, 1) for c in ("c1", "c2", "c6")}
    )
    add(base_row("D005", "2026-01-21", "Ella", "Fraser", 0), marks)  # tie at the cut-off (47)
    add(base_row("D006", "2026-01-22", "Farid", "Gill", 1), profile(2, 1))  # below the cut-off
    add(
        base_row("D007", "2026-01-22", "Grace", "Hughes", 2), profile(3, 3) | {"c7": (0, 0)}
    )  # no evidence for 7
    add(
        base_row("D008", "2026-01-23", "Harry", "Irwin", 3, disability_gis="yes"), profile(2, 0)
    )  # disability
    add(  # armed forces: left long-term service within five years
        base_row(
            "D009",
            "2026-01-20",
            "Isla",
            "Jones",
            0,
            armed_forces_status="left",
            armed_forces_relationship="self",
            armed_forces_date="2022-03-15",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 0),
    )
    add(  # armed forces: serving, but discharge more than 12 weeks after the application
        base_row(
            "D010",
            "2026-01-20",
            "Jack",
            "Khan",
            1,
            armed_forces_status="serving",
            armed_forces_relationship="self",
            armed_forces_date="2026-04-25",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 0),
    )
    add(  # care leaver who fails an essential: the scheme needs the minimum criteria
        base_row("D011", "2026-01-24", "Kira", "Lewis", 2, care_leaver="yes"),
        profile(3, 2) | {"c3": (1, 1)},
    )
    add(  # armed forces claim without the date: needs information, never a silent no
        base_row(
            "D012",
            "2026-01-25",
            "Liam",
            "Murphy",
            3,
            armed_forces_status="left",
            armed_forces_relationship="self",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 0),
    )
    add(
        base_row("D013", "2026-01-26", "Maya", "Nowak", 0, withdrawn="yes"), profile(3, 3)
    )  # withdrawn
    add(  # spouse of a serving member within 12 weeks of discharge
        base_row(
            "D014",
            "2026-01-20",
            "Noah",
            "Owen",
            1,
            armed_forces_status="serving",
            armed_forces_relationship="spouse_or_civil_partner",
            armed_forces_date="2026-04-10",
            armed_forces_gis="yes",
        ),
        profile(2, 0),
    )
    add(
        base_row("D015", "2026-01-27", "Olivia", "Price", 2), profile(2, 2) | {"c4": (0, 3)}
    )  # disagreement, moderated
    add(  # disabled applicant who fails an essential
        base_row("D016", "2026-01-28", "Peter", "Quinn", 3, disability_gis="yes"),
        profile(3, 1) | {"c11": (1, 0)},
    )
    add(  # no received date: the closing date is the reference; left exactly five years before it
        base_row(
            "D017",
            "",
            "Rosa",
            "Singh",
            0,
            armed_forces_status="left",
            armed_forces_relationship="self",
            armed_forces_date="2021-01-30",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 0),
    )
    out = samples_dir / "darlington-housing-income-management-officer"
    out.mkdir(parents=True, exist_ok=True)
    columns = COLUMNS + ["withdrawn"]
    write_csv(out / "applications.csv", apps, columns)
    write_csv(out / "panel_scores.csv", scores, SCORE_COLUMNS)
    agreed = [
        {
            "application_id": "D015",
            "criterion_id": "c4",
            "score": 2,
            "note": "Evidence of negotiating payment plans; meets the criterion.",
        }
    ]
    write_csv(
        out / "agreed_scores.csv", agreed, ["application_id", "criterion_id", "score", "note"]
    )
