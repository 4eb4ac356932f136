"""Which sheet of a workbook (XLSX or ODS) an interchange file is read from (README,
"Interchange formats"): the sheet named as the format is (`applications`), its name matched
without regard to case ("Applications", "APPLICATIONS"), else the first sheet."""

from __future__ import annotations

from collections.abc import Sequence


def is_named(sheet: str, wanted: str) -> bool:
    """The sheet's name is the one wanted, in any case and without spaces around it."""
    return sheet.strip().casefold() == wanted.strip().casefold()


def chosen_sheet(names: Sequence[str], wanted: str | None) -> str:
    """The sheet named `wanted` (exactly, else in any case), else the first sheet."""
    if wanted is not None:
        if wanted in names:
            return wanted
        for sheet in names:
            if is_named(sheet, wanted):
                return sheet
    return names[0]


def fallback_note(names: Sequence[str], wanted: str | None, chosen: str) -> str:
    """When another sheet than the one named `wanted` was read from a workbook of several: which,
    and why (added to a problem with the columns, so the person knows which sheet was read)."""
    if wanted is None or len(names) < 2 or is_named(chosen, wanted):
        return ""
    return (
        f"read from the first sheet, '{chosen}', as no sheet is named '{wanted}' (sheets: "
        f"{', '.join(names)}); name the sheet of {wanted} '{wanted}' or put it first"
    )
