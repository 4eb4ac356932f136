"""Write the sample vacancies under data/samples/ (deterministic; rerun after changing this file).

Each applicant is built to exercise one rule; the comment beside it says which.
Run: .venv/bin/python scripts/build_samples.py
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from criteria.effective import effective_criteria  # noqa: E402
from criteria.loader import load_catalogue  # noqa: E402
from formats.interchange import APPLICATION_COLUMNS  # noqa: E402

STATEMENTS = [
    "I have worked in a housing association income team for three years, managing a patch of "
    "about 400 rent accounts and agreeing payment plans with tenants in arrears.",
    "In my current post I support tenants moving onto Universal Credit, checking their claims "
    "and liaising with the DWP to set up managed payments where they are needed.",
    "I volunteer with a debt advice charity, completing income and expenditure forms with "
    "clients and referring them to specialist advice.",
    "I prepare possession cases for the county court, keeping accurate case notes and "
    "attending hearings with the team leader.",
]


def base_row(
    app_id: str, received: str, first: str, last: str, statement: int, **extra: str
) -> dict[str, str]:
    row = dict.fromkeys(APPLICATION_COLUMNS, "")
    row.update(
        application_id=app_id,
        received_date=received,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}.{last.lower()}@example.org",
        disability_gis="no",
        care_leaver="no",
        armed_forces_status="none",
        statement=STATEMENTS[statement % len(STATEMENTS)],
    )
    row.update(extra)
    return row


def scores_for(
    app_id: str,
    criteria: list[str],
    members: list[str],
    base: tuple[int, ...],
    overrides: dict[str, tuple[int, ...]],
) -> list[dict[str, object]]:
    rows = []
    for cid in criteria:
        values = overrides.get(cid, base)
        for member, value in zip(members, values, strict=False):
            if value < 0:
                continue  # not scored yet
            rows.append(
                {
                    "application_id": app_id,
                    "criterion_id": cid,
                    "panel_member": member,
                    "score": value,
                    "note": "",
                }
            )
    return rows


def write_csv(path: Path, rows: Sequence[Mapping[str, object]], columns: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def darlington(catalogue_dir: Path) -> None:
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

    def profile(ess: int, des: int) -> dict[str, tuple[int, ...]]:
        marks: dict[str, tuple[int, ...]] = {c: (ess, ess) for c in essentials}
        return marks | {c: (des, des) for c in desirables}

    apps, scores = [], []

    def add(app: dict[str, str], marks: dict[str, tuple[int, ...]]) -> None:
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
    out = ROOT / "data" / "samples" / "darlington-housing-income-management-officer"
    out.mkdir(parents=True, exist_ok=True)
    columns = list(APPLICATION_COLUMNS) + ["withdrawn"]
    write_csv(out / "applications.csv", apps, columns)
    write_csv(
        out / "panel_scores.csv",
        scores,
        ["application_id", "criterion_id", "panel_member", "score", "note"],
    )
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


def dartford(catalogue_dir: Path) -> None:
    """Housing Scheme Officer, pass mark 30, closing 28 December 2025; applications as XLSX."""
    catalogue = load_catalogue(catalogue_dir)
    role = catalogue.role("dartford-housing-scheme-officer")
    variant = effective_criteria(role, catalogue.organisation_of(role))
    scored = [c.id for c in variant.criteria if c.stage.value == "application"]
    essentials = [c.id for c in variant.criteria if c.rules_out_at_shortlisting]
    members = ["hmanager", "officer1", "officer2"]

    def profile(ess: int, other: int) -> dict[str, tuple[int, ...]]:
        marks: dict[str, tuple[int, ...]] = {c: (ess, ess, ess) for c in essentials}
        return marks | {c: (other, other, other) for c in scored if c not in essentials}

    apps, scores = [], []

    def add(app: dict[str, str], marks: dict[str, tuple[int, ...]]) -> None:
        apps.append(app)
        scores.extend(scores_for(app["application_id"], scored, members, (0, 0, 0), marks))

    add(base_row("H001", "2025-12-01", "Sam", "Taylor", 0), profile(3, 3))  # merit
    add(base_row("H002", "2025-12-03", "Tara", "Usman", 1), profile(3, 2))  # merit
    add(base_row("H003", "2025-12-05", "Uma", "Vance", 2), profile(2, 1))  # below the pass mark
    add(
        base_row("H004", "2025-12-08", "Victor", "Walsh", 3), profile(3, 3) | {"spec-2": (0, 0, 0)}
    )  # no rota
    add(
        base_row("H005", "2025-12-10", "Wendy", "Xu", 0, disability_gis="yes"), profile(2, 1)
    )  # disability
    add(  # left the forces exactly five years before the application: inside the window
        base_row(
            "H006",
            "2025-12-20",
            "Yusuf",
            "Young",
            1,
            armed_forces_status="left",
            armed_forces_relationship="self",
            armed_forces_date="2020-12-20",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 1),
    )
    add(  # five years and a day: outside the window
        base_row(
            "H007",
            "2025-12-20",
            "Zara",
            "Adams",
            2,
            armed_forces_status="left",
            armed_forces_relationship="self",
            armed_forces_date="2020-12-19",
            armed_forces_long_term="yes",
            armed_forces_gis="yes",
        ),
        profile(2, 1),
    )
    add(
        base_row("H008", "2025-12-21", "Adam", "Brooks", 3, care_leaver="yes"), profile(2, 1)
    )  # care leaver
    add(
        base_row("H009", "2025-12-22", "Bella", "Cole", 0), profile(3, 2) | {"exp-3": (1, 3, 3)}
    )  # needs agreement
    add(
        base_row("H010", "2025-12-23", "Carl", "Dunn", 1),
        profile(3, 2) | dict.fromkeys(scored, (3, 2, -1)),
    )  # officer2 unfinished
    out = ROOT / "data" / "samples" / "dartford-housing-scheme-officer"
    out.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "applications"
    columns = list(APPLICATION_COLUMNS)
    sheet.append(columns)
    for app in apps:
        values: list[object] = []
        for column in columns:
            value = app[column]
            if column.endswith("_date") and value and "/" not in value:
                values.append(date.fromisoformat(value))  # a real Excel date cell
            else:
                values.append(value)
        sheet.append(values)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    book.properties.creator = "Shortlisting sample builder"
    book.save(out / "applications.xlsx")
    write_csv(
        out / "panel_scores.csv",
        scores,
        ["application_id", "criterion_id", "panel_member", "score", "note"],
    )


if __name__ == "__main__":
    darlington(ROOT / "data")
    dartford(ROOT / "data")
    print("samples written under data/samples/")  # noqa: T201
