"""The rows the samples are made of: an application, a member's scores, a CSV of them."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from formats.interchange import APPLICATION_COLUMNS

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
COLUMNS = list(APPLICATION_COLUMNS)  # the interchange format's, in its order
SCORE_COLUMNS = ["application_id", "criterion_id", "panel_member", "score", "note"]
Marks = dict[str, tuple[int, ...]]  # criterion id -> each member's score (-1: not scored yet)


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
    overrides: Marks,
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
