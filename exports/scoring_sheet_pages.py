"""The scoring sheet's other pages (exports/scoring_sheet.py writes the Scores sheet): "How to
score", the anonymised Evidence read down the page, and the hidden About sheet that ties the
workbook to its vacancy and member; and the cell styles they share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

from criteria.schema import Criterion
from exports.sheet_finish import in_words, passages
from exports.streamed_sheet import StreamedBook
from scoring.rules.scheme import Scale
from scoring.words.scoring_sheet_layout import ABOUT, EVIDENCE, FORMAT, HOW, SCORES

UNLOCKED = Protection(locked=False)
EDITABLE_FILL = PatternFill("solid", fgColor="FFF2CC")
TOP = Alignment(vertical="top")  # a label beside wrapped text sits level with its first line
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)  # printed: a box to write in
STATEMENT = "Supporting statement"
EVIDENCE_COLUMNS = ("Panel code", "Evidence for", "Evidence")
EVIDENCE_WIDTHS = (12, 40, 100)


def how_sheet(
    book: StreamedBook,
    vacancy_title: str,
    member: str,
    member_name: str,
    scale: Scale,
    made_at: datetime | None,
) -> None:
    made = [f"Made on {in_words(made_at)} (UK time)."] if made_at else []
    lines = (
        f"Scoring sheet for {member_name} ({member}): {vacancy_title}",
        *made,
        "",
        f"Score each application on the '{SCORES}' sheet: type a whole number in the yellow Score column, and a note if you wish.",
        "Leave a score blank if you have not scored it yet. Do not change the other columns or add rows.",
        "To sort the rows (by score or by criterion, say), click a cell in that column and press Sort Ascending or Sort Descending on the toolbar; there is no need to remove the protection. Each row keeps its application and criterion wherever it goes.",
        f"The evidence for each application is on the '{EVIDENCE}' sheet. Applications are anonymised.",
        "When you have finished, give the file back to be imported: every cell is checked, and nothing is stored unless all of it is right.",
        "",
        "The scale:",
        *[f"  {p.value}: {p.label}" for p in scale.points],
    )
    how = book.sheet(HOW, widths=(110,), rows=len(lines), wrap=(0,))
    title, text = (
        how.style(font=Font(bold=True, size=13), alignment=WRAP),
        how.style(alignment=WRAP),
    )
    for number, line in enumerate(lines):
        how.append([line], [text if number else title])


def _evidence_rows(
    criteria: Sequence[Criterion], applications: Sequence[Any]
) -> Iterator[tuple[str, str, str]]:
    for app in applications:
        answers = [(f"Answer to {c.id}: {c.text}", app.evidence.get(c.id)) for c in criteria]
        for title, text in [(STATEMENT, app.statement), *answers]:
            if title != STATEMENT and not (text and text.strip()):
                continue  # no answer given: nothing to read or print
            for i, passage in enumerate(passages(text or "", EVIDENCE_WIDTHS[2])):
                yield app.panel_code, f"{title} (continued)" if i else title, passage


def evidence_sheet(
    book: StreamedBook, criteria: Sequence[Criterion], applications: Sequence[Any]
) -> None:
    """One row for each application's supporting statement and each answer it gave, read
    down the page (a long statement over several rows, each as tall as its text): printed,
    the sheet's three columns fit across the page however many criteria there are."""
    rows = list(_evidence_rows(criteria, applications))
    evidence = book.sheet(
        EVIDENCE, widths=EVIDENCE_WIDTHS, rows=1 + len(rows), header=EVIDENCE_COLUMNS,
        freeze="A2", wrap=(1, 2),
    )  # fmt: skip
    styles = (evidence.style(alignment=TOP), *[evidence.style(alignment=WRAP)] * 2)
    for code, title, passage in rows:
        evidence.append((code, title, passage or None), styles)
    evidence.sheet.protection.sheet = True


def about_sheet(book: StreamedBook, vacancy_id: int, member: str, scale: Scale) -> None:
    facts = (
        ("format", FORMAT),
        ("vacancy_id", vacancy_id),
        ("member", member),
        ("scale", f"{scale.minimum}-{scale.maximum}"),
    )
    about = book.sheet(ABOUT, widths=(12, 30), rows=len(facts))
    for name, value in facts:
        about.append((name, value), (0, 0))
    about.sheet.sheet_state = "hidden"
    about.sheet.protection.sheet = True
