"""Dartford's Housing Scheme Officer: three panel members, applications as an Excel workbook
(real date cells), a disagreement left open and a member who has not finished."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook

from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from scripts.samples.rows import COLUMNS, SCORE_COLUMNS, Marks, base_row, scores_for, write_csv


def dartford(catalogue_dir: Path, samples_dir: Path) -> None:
    """Housing Scheme Officer, pass mark 30, closing 28 December 2025; applications as XLSX."""
    catalogue = load_catalogue(catalogue_dir)
    role = catalogue.role("dartford-housing-scheme-officer")
    variant = effective_criteria(role, catalogue.organisation_of(role))
    scored = [c.id for c in variant.criteria if c.stage.value == "application"]
    essentials = [c.id for c in variant.criteria if c.rules_out_at_shortlisting]
    members = ["hmanager", "officer1", "officer2"]

    def profile(ess: int, other: int) -> Marks:
        marks: Marks = {c: (ess, ess, ess) for c in essentials}
        return marks | {c: (other, other, other) for c in scored if c not in essentials}

    apps, scores = [], []

    def add(app: dict[str, str], marks: Marks) -> None:
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
    out = samples_dir / "dartford-housing-scheme-officer"
    out.mkdir(parents=True, exist_ok=True)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "applications"
    columns = COLUMNS
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
    write_csv(out / "panel_scores.csv", scores, SCORE_COLUMNS)
