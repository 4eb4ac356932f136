"""The shortlist workbook HR sends on: Summary, Shortlist, Not shortlisted, Score matrix,
Panel scores, Guaranteed interviews, Audit. Name-blind unless HR chose to add names.

Written in openpyxl's write-only mode so a 10,000-application vacancy exports in seconds.
The only formulas are the totals of the score matrix, written on purpose."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties

from exports.cells import Formula, cell, guard_properties, row, safe_frame
from exports.model import ShortlistExport
from scoring.guaranteed_interview import routes_in_words
from scoring.shortlist import Outcome

PANEL_SCORES_ROW_LIMIT = 100_000  # ~1,100 applications at 30 criteria x 3 members
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
ESSENTIAL_FILL = PatternFill("solid", fgColor="C00000")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


@dataclass(frozen=True)
class WrittenWorkbook:
    panel_scores_in_workbook: bool
    panel_scores_rows: int


def _header(
    sheet: WriteOnlyWorksheet,
    titles: Sequence[str],
    fills: Sequence[PatternFill | None] | None = None,
) -> None:
    sheet.append(
        row(
            sheet,
            [
                cell(
                    sheet,
                    title,
                    font=HEADER_FONT,
                    fill=(fills[i] if fills and fills[i] else None) or HEADER_FILL,
                    alignment=Alignment(wrap_text=True, vertical="center"),
                )
                for i, title in enumerate(titles)
            ],
        )
    )


def _table_sheet(book: Workbook, title: str, widths: Sequence[float], header_rows: int = 1) -> Any:
    """A sheet set up for reading on screen and printing: widths, frozen header, print titles,
    landscape fitted to the page width."""
    sheet: Any = book.create_sheet(title)  # write-only: the stubs miss its print and view set-up
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = f"A{header_rows + 1}"
    sheet.print_title_rows = f"1:{header_rows}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    return sheet


def _wrapped(sheet: WriteOnlyWorksheet, value: str) -> Cell:
    return cell(sheet, value, alignment=WRAP)


LINE_HEIGHT = 15.0


def _fit(sheet: Any, number: int, *wrapped: tuple[str, float]) -> None:
    """Give row `number` (about to be written) the height its wrapped text needs: write-only
    rows carry no height, and without one LibreOffice and Excel print wrapped text overlapping."""
    lines = max(
        (math.ceil(len(text) / max(width * 1.15, 1)) for text, width in wrapped if text), default=1
    )
    if lines > 1:
        sheet.row_dimensions[number].height = min(lines, 20) * LINE_HEIGHT


def _date_cell(sheet: WriteOnlyWorksheet, value: Any, fmt: str = DATE_FORMAT) -> Any:
    if value is None:
        return None
    return cell(sheet, value, number_format=fmt)


def _filter(sheet: Any, columns: int, header_row: int, last_row: int) -> None:
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row)}"


def write_shortlist_workbook(
    data: ShortlistExport, target: Path | IO[bytes], *, panel_scores_csv: Path | None = None
) -> WrittenWorkbook:
    """Write the workbook to `target`. If the panel scores exceed PANEL_SCORES_ROW_LIMIT rows
    they go, in the interchange format, to `panel_scores_csv` (required then) instead."""
    n_panel = len(data.panel_scores)
    in_workbook = n_panel <= PANEL_SCORES_ROW_LIMIT
    if not in_workbook and panel_scores_csv is None:
        raise ValueError("a companion CSV path is needed for a vacancy this large")
    book = Workbook(write_only=True)
    _summary(book, data, in_workbook, panel_scores_csv)
    _decisions(book, data)
    _matrix(book, data)
    if in_workbook:
        _panel_scores(book, data)
    else:
        assert panel_scores_csv is not None
        # every text field guarded and every field quoted: a line break inside a note stays
        # inside its record, and no field can start a formula
        safe_frame(data.panel_scores).to_csv(
            panel_scores_csv, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL
        )
    _schemes(book, data)
    if data.review is not None:
        _human_review(book, data)
    _audit(book, data)
    props = book.properties
    props.title = f"Shortlist: {data.title}"
    props.subject = f"{data.organisation} shortlist ({data.status})"
    props.creator = "Shortlisting tool"
    props.lastModifiedBy = data.exported_by
    props.created = data.exported_at.replace(tzinfo=None)
    props.modified = data.exported_at.replace(tzinfo=None)
    props.keywords = (
        "shortlist; name-blind"
        if not data.include_personal
        else "shortlist; includes personal data"
    )
    props.description = (
        "Names and contact details included at HR's choice."
        if data.include_personal
        else "Name-blind: no names or contact details."
    )
    guard_properties(book)
    book.save(target)
    return WrittenWorkbook(in_workbook, n_panel)


def _policy_rows(data: ShortlistExport) -> list[tuple[str, Any]]:
    """One row per scheme, in the policy's order of precedence, with its routes."""
    policy, s = data.policy, data.scheme
    if policy.records_no_scheme:
        return [("Schemes", "none recorded: no guaranteed-interview or priority scheme applies")]
    rows: list[tuple[str, Any]] = []
    for n, scheme in enumerate(policy.schemes, start=1):
        kind = "priority round (considered first)" if scheme.is_priority else "guaranteed interview"
        routes = routes_in_words(scheme)
        text = f"{n}. {kind}; any one route: {routes}"
        if scheme.volume_mode == "limited":
            places = s.disability_limited_places
            text += (
                f"; high-volume mode: interviews offered to the {places} applicants who best "
                "meet the minimum criteria"
                if places is not None
                else "; high-volume mode allowed, no limit set on this vacancy"
            )
            if s.disability_zero_reason:
                text += f" (recorded reason: {s.disability_zero_reason})"
        rows.append((scheme.name, text))
    return rows


def _summary(
    book: Workbook, data: ShortlistExport, in_workbook: bool, csv_path: Path | None
) -> None:
    sheet = _table_sheet(book, "Summary", (34, 90))
    sheet.freeze_panes = None
    s = data.scheme
    facts: list[tuple[str, Any]] = [
        ("Vacancy", data.title),
        ("Organisation", data.organisation),
        (
            "Role id",
            data.role_id
            + (f" (level {data.level})" if data.level else "")
            + (f" (grade {data.grade})" if data.grade else ""),
        ),
        ("Closing date", data.closing_date),
        ("Panel", ", ".join(data.panel) or "none assigned"),
        ("Status", data.status),
        ("Scale", f"{s.scale.name}: " + "; ".join(f"{p.value} {p.label}" for p in s.scale.points)),
        (
            "An essential is met at",
            f"{s.essential_threshold} ({s.scale.label(s.essential_threshold)})",
        ),
        ("Agreed score when the panel records none", s.moderation.value.replace("_", " ")),
        ("Scores needing an agreed score", f"{s.disagreement_spread} or more apart"),
        ("Interview places (merit)", s.slots if s.slots is not None else "not limited"),
        ("Pass mark", s.pass_mark if s.pass_mark is not None else "none"),
        ("Interview schemes (policy)", f"{data.policy.version}: {data.policy.source}"),
        *_policy_rows(data),
        ("Exported on", data.exported_at.replace(tzinfo=None)),
        ("Exported by", data.exported_by),
        (
            "Names and contact details",
            "included (HR's choice, recorded in the audit log)"
            if data.include_personal
            else "not included (name-blind)",
        ),
    ]
    if not in_workbook:
        where = csv_path.name if csv_path else "a separate CSV file"
        facts.append(
            (
                "Panel scores",
                f"{len(data.panel_scores):,} rows: too many for a worksheet; exported with this workbook as {where} (interchange format).",
            )
        )
    for issue in data.issues:
        facts.append(("Open issue", issue))
    _header(sheet, ["Item", "Value"])
    for key, value in facts:
        if hasattr(value, "year"):
            sheet.append(
                row(
                    sheet,
                    [
                        key,
                        _date_cell(
                            sheet,
                            value,
                            DATETIME_FORMAT if hasattr(value, "hour") else DATE_FORMAT,
                        ),
                    ],
                )
            )
        else:
            sheet.append(row(sheet, [key, value]))
    sheet.append([])
    _header(sheet, ["Decision", "Applications"])
    for decision, count in sorted(
        data.decision_counts().items(), key=lambda kv: list(Outcome).index(kv[0])
    ):
        sheet.append(row(sheet, [decision.label, count]))
    sheet.append(row(sheet, ["All applications", len(data.lines)]))
    sheet.append([])
    _header(sheet, ["Guaranteed interview scheme", "Claimed / applied / needs information"])
    per_scheme: dict[str, list[int]] = {}
    for line in data.scheme_lines:
        tally = per_scheme.setdefault(line.scheme, [0, 0, 0])
        tally[0] += 1
        tally[1] += line.applied
        tally[2] += line.status == "needs_information"
    for scheme, (claimed, applied, info) in sorted(per_scheme.items()):
        sheet.append(
            row(sheet, [scheme, f"{claimed} claimed, {applied} applied, {info} need information"])
        )


def _person(data: ShortlistExport) -> list[str]:
    return ["Name", "E-mail"] if data.include_personal else []


def _decisions(book: Workbook, data: ShortlistExport) -> None:
    personal = _person(data)
    invite = [x for x in data.lines if x.invited]
    regret = [x for x in data.lines if not x.invited]
    sheet = _table_sheet(book, "Shortlist", [7, 14, *([24, 30] if personal else []), 30, 22, 8, 90])
    _header(sheet, ["Rank", "Reference", *personal, "Decision", "Schemes", "Total", "Reason"])
    for number, x in enumerate(invite, start=2):
        _fit(sheet, number, (x.reason, 90))
        who = [x.name or "", x.email or ""] if personal else []
        sheet.append(
            row(
                sheet,
                [
                    x.rank,
                    x.reference,
                    *who,
                    x.decision.label,
                    ", ".join(x.schemes),
                    x.total,
                    _wrapped(sheet, x.reason),
                ],
            )
        )
    _filter(sheet, 6 + len(personal), 1, len(invite) + 1)

    sheet = _table_sheet(book, "Not shortlisted", [14, *([24, 30] if personal else []), 26, 8, 100])
    _header(sheet, ["Reference", *personal, "Decision", "Total", "Reason (fit for feedback)"])
    for number, x in enumerate(regret, start=2):
        _fit(sheet, number, (x.reason, 100))
        who = [x.name or "", x.email or ""] if personal else []
        sheet.append(
            row(
                sheet,
                [x.reference, *who, x.decision.label, x.total, _wrapped(sheet, x.reason)],
            )
        )
    _filter(sheet, 4 + len(personal), 1, len(regret) + 1)


def _matrix(book: Workbook, data: ShortlistExport) -> None:
    criteria = data.criteria
    width = len(criteria)
    sheet = _table_sheet(book, "Score matrix", [14, *([7] * width), 9], header_rows=3)
    sheet.freeze_panes = "B4"
    fills = [
        None,
        *[ESSENTIAL_FILL if c.rules_out_at_shortlisting else None for c in criteria],
        None,
    ]
    _header(
        sheet,
        ["Reference", *[f"{c.number}" if c.number else c.id for c in criteria], "Total"],
        fills,
    )
    sheet.append(
        row(
            sheet,
            [
                "Requirement",
                *["Essential" if c.is_essential else "Desirable" for c in criteria],
                None,
            ],
        )
    )
    sheet.append(row(sheet, ["Weight", *data.weights, None]))
    first, last = get_column_letter(2), get_column_letter(width + 1)
    rows = data.agreed.tolist()
    for i, (reference, values) in enumerate(zip(data.matrix_references, rows, strict=True)):
        r = i + 4
        scores = [None if v != v else v for v in values]  # NaN -> empty cell
        total = Formula(f"=SUMPRODUCT(${first}$3:${last}$3,{first}{r}:{last}{r})")
        sheet.append(row(sheet, [reference, *scores, total]))
    end = len(rows) + 3
    if rows:
        sheet.conditional_formatting.add(
            f"{first}4:{last}{end}",
            ColorScaleRule(  # type: ignore[no-untyped-call]
                start_type="num",
                start_value=data.scheme.scale.minimum,
                start_color="F8696B",
                mid_type="num",
                mid_value=data.scheme.essential_threshold,
                mid_color="FFEB84",
                end_type="num",
                end_value=data.scheme.scale.maximum,
                end_color="63BE7B",
            ),
        )
    _filter(sheet, width + 2, 3, end)
    legend = book.create_sheet("Criteria")
    for i, w in enumerate((10, 12, 14, 12, 90), start=1):
        legend.column_dimensions[get_column_letter(i)].width = w
    legend.freeze_panes = "A2"
    _header(legend, ["Column", "Criterion id", "Requirement", "Assessed at", "Criterion"])
    for number, c in enumerate(criteria, start=2):
        _fit(legend, number, (c.text, 90))
        legend.append(
            row(
                legend,
                [
                    f"{c.number}" if c.number else c.id,
                    c.id,
                    "Essential" if c.is_essential else "Desirable",
                    c.stage.value,
                    _wrapped(legend, c.text),
                ],
            )
        )


def _panel_scores(book: Workbook, data: ShortlistExport) -> None:
    sheet = _table_sheet(book, "Panel scores", (14, 14, 18, 8, 80))
    _header(sheet, ["Reference", "Criterion id", "Panel member", "Score", "Note"])
    frame = data.panel_scores
    notes = frame["note"].tolist() if "note" in frame else [""] * len(frame)
    for number, (ref, crit, member, score, note) in enumerate(
        zip(
            frame["application_id"].astype(str).tolist(),
            frame["criterion_id"].astype(str).tolist(),
            frame["panel_member"].astype(str).tolist(),
            frame["score"].tolist(),
            notes,
            strict=True,
        ),
        start=2,
    ):
        if note:
            _fit(sheet, number, (str(note), 80))
        sheet.append(
            row(
                sheet,
                [ref, crit, member, int(score), _wrapped(sheet, note) if note else None],
            )
        )
    _filter(sheet, 5, 1, len(frame) + 1)


def _schemes(book: Workbook, data: ShortlistExport) -> None:
    personal = ["Name"] if data.include_personal else []
    sheet = _table_sheet(
        book, "Guaranteed interviews", [14, *([24] if personal else []), 24, 18, 9, 70, 26, 50]
    )
    _header(
        sheet,
        [
            "Reference",
            *personal,
            "Scheme",
            "Status",
            "Applied",
            "Why",
            "Decision",
            "Route (or what is missing)",
        ],
    )
    for number, x in enumerate(data.scheme_lines, start=2):
        _fit(sheet, number, (x.reason, 70))
        who = [x.name or ""] if personal else []
        sheet.append(
            row(
                sheet,
                [
                    x.reference,
                    *who,
                    x.scheme,
                    x.status.replace("_", " "),
                    "Yes" if x.applied else "No",
                    _wrapped(sheet, x.reason),
                    x.decision.label,
                    x.route,
                ],
            )
        )
    _filter(sheet, 7 + len(personal), 1, len(data.scheme_lines) + 1)


def _human_review(book: Workbook, data: ShortlistExport) -> None:
    """The proof of human review: the vacancy's figures, then who opened each application, for
    how long, and what they scored and noted."""
    review = data.review
    assert review is not None
    v = review.vacancy
    sheet = _table_sheet(book, "Human review", (16, 26, 10, 10, 8, 10, 8), header_rows=0)
    signed = (
        f"{v.signed_off_by} on {v.signed_off_at:%d %B %Y}"
        if v.signed_off_by and v.signed_off_at
        else "not signed off yet"
    )
    for label, value in (
        ("Applications", v.applications),
        ("Read by two or more members", v.read_by_two_or_more),
        ("Median reading time (minutes, all members)", v.median_minutes),
        (
            "Decisions overridden by a person",
            f"{v.overrides} of {v.decisions} ({v.override_rate:.0%})",
        ),
        ("Shortlist signed off by", signed),
    ):
        sheet.append(row(sheet, [label, value]))
    sheet.append([])
    _header(sheet, ["Reference", "Panel member", "Opened", "Minutes", "Views", "Scored", "Noted"])
    for line in review.applications:
        for m in line.members:
            sheet.append(
                row(
                    sheet,
                    [
                        line.reference, m.member, "Yes" if m.opened else "No",
                        round(m.seconds / 60, 1), m.views, m.scored, m.noted,
                    ],
                )
            )  # fmt: skip


def _audit(book: Workbook, data: ShortlistExport) -> None:
    sheet = _table_sheet(book, "Audit", (17, 18, 20, 16, 18, 45, 45))
    _header(sheet, ["When", "Who", "What", "Record", "Record id", "Old value", "New value"])
    for number, e in enumerate(data.audit, start=2):
        old = "" if e.old is None else json.dumps(e.old, default=str)
        new = "" if e.new is None else json.dumps(e.new, default=str)
        _fit(sheet, number, (old, 45), (new, 45))
        sheet.append(
            row(
                sheet,
                [
                    _date_cell(sheet, e.at.replace(tzinfo=None), DATETIME_FORMAT),
                    e.actor,
                    e.action.replace("_", " "),
                    e.entity,
                    e.entity_id or "",
                    _wrapped(sheet, old),
                    _wrapped(sheet, new),
                ],
            )
        )
    if data.audit_score_events:
        sheet.append(
            row(
                sheet,
                [
                    None,
                    None,
                    f"{data.audit_score_events:,} individual score saves are in the audit log and not listed here.",
                ],
            )
        )
    _filter(sheet, 7, 1, len(data.audit) + 1)
