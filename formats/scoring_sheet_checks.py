"""One row of a returned scoring sheet, checked (formats/scoring_sheet_rows.py reads the rows):
what the member typed in its Score and Note cells, against what the hidden columns say the
row held when the sheet was downloaded. Every typed thing is answered: a score on the scale
is taken; a formula, a number off the scale, a note without a score, and a score cleared
where one was stored are each refused naming the cell and what to do; a row whose hidden
columns were edited is refused as a stale one is. And the rows not in the sheet at all (a
row deleted) are named, one application and criterion each."""

from __future__ import annotations

import hmac
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from formats.scoring_sheet_problems import SheetProblem
from scoring.rules.scheme import Scale
from scoring.words.cell_guard import unguard
from scoring.words.scoring_sheet_layout import SCORES, fingerprint, signature

GONE = (
    "{rows} deleted (or the application reached the panel after the sheet was downloaded), "
    "so nothing was checked or stored for it. Undo the deletion and save the sheet again, or "
    "download a new sheet and copy your scores into it."
)


@dataclass(frozen=True, slots=True)
class SheetScore:
    panel_code: str
    criterion_id: str
    score: int
    note: str
    drawn_version: int | None  # the score's version when the sheet was made (None: no score)
    changed: bool  # the member changed the score or note in the sheet
    cell: str  # where the score is, e.g. "E17"


def checked_row(
    number: int,
    where: tuple[str, str],
    score: Any,
    note: Any,
    drawn: tuple[Any, Any, Any],
    *,
    vacancy_id: int,
    member: str,
    scale: Scale,
    key: bytes,
) -> SheetScore | SheetProblem | None:
    """The score in row `number` (None: nothing to take), or what is wrong with it. `drawn`:
    the hidden columns (version, fingerprint as downloaded, signature)."""
    version, downloaded, signed = drawn
    text = unguard(str(note)).strip() if note not in (None, "") else ""
    type_one = f"a whole number from {scale.minimum} to {scale.maximum}"
    if score is None or (isinstance(score, str) and not score.strip()):
        if version not in (None, ""):
            return SheetProblem(
                SCORES,
                f"E{number}",
                None,
                f"is blank, but you had scored {where[0]} / {where[1]} when the sheet was "
                f"downloaded; a score cannot be removed in the sheet. Type it again, or a "
                f"new score ({type_one}).",
            )
        if text and fingerprint(None, text) != downloaded:
            return SheetProblem(
                SCORES,
                f"F{number}",
                _short(text),
                f"is a note without a score; a note is kept with its score. Type a score in "
                f"E{number} ({type_one}), or delete the note.",
            )
        return None
    if isinstance(score, str) and score.strip().startswith("="):
        return SheetProblem(
            SCORES,
            f"E{number}",
            score.strip(),
            f"is a formula; the sheet takes the score itself. Type the score as a number "
            f"({type_one}).",
        )
    value = _whole_number(score)
    if value is None or not scale.minimum <= value <= scale.maximum:
        return SheetProblem(
            SCORES, f"E{number}", score, f"is not on the {scale.name} scale; type {type_one}."
        )
    drawn_version = _whole_number(version) if version not in (None, "") else None
    made = signature(
        key, vacancy_id=vacancy_id, member=member, panel_code=where[0], criterion_id=where[1],
        version=drawn_version, downloaded=str(downloaded or ""),
    )  # fmt: skip
    if (drawn_version is None and version not in (None, "")) or not hmac.compare_digest(
        made, str(signed or "")
    ):
        return SheetProblem(
            SCORES,
            f"E{number}",
            score,
            f"the hidden columns G{number}:I{number}, which say what this score was when "
            "the sheet was downloaded, were changed, so the score cannot be checked "
            "against the one stored now; nothing was stored. Download a fresh scoring "
            "sheet and copy your scores into it.",
        )
    text = unguard(str(note)) if note is not None else ""
    changed = fingerprint(value, text) != downloaded
    return SheetScore(where[0], where[1], value, text, drawn_version, changed, f"E{number}")


def not_in_sheet(
    expected: Sequence[tuple[str, str]], seen: Collection[tuple[str, str]]
) -> list[SheetProblem]:
    """Each application and criterion the sheet should have a row for and has not: one
    problem for an application none of whose rows is in the sheet, else one a row."""
    criteria: dict[str, list[str]] = {}
    for code, criterion in expected:
        criteria.setdefault(code, []).append(criterion)
    problems = []
    for code, wanted in criteria.items():
        missing = [c for c in wanted if (code, c) not in seen]
        if len(missing) == len(wanted) and len(wanted) > 1:
            gone = GONE.format(rows="its rows were")
            problems.append(SheetProblem(SCORES, "", code, f"is not in this sheet: {gone}"))
        else:
            gone = GONE.format(rows="its row was")
            problems += [
                SheetProblem(SCORES, "", f"{code} / {c}", f"is not in this sheet: {gone}")
                for c in missing
            ]
    return problems


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None
