"""The shortlist workbook HR sends on: Summary, Shortlist, Not shortlisted, Score matrix,
Criteria, Panel scores, Guaranteed interviews, Human review, Audit. Name-blind unless HR chose
to add names.

Written with rustpy-xlsxwriter (Rust's rust_xlsxwriter), chosen by measurement: it writes the
panel scores about eight times as fast as XlsxWriter and fourteen times as fast as openpyxl
(README, "Exports"), so a 10,000-application vacancy keeps its panel scores inside the
workbook. Each sheet is one table. The only formulas are the score matrix's totals, written on
purpose and, by exports/xlsx_package.py, with the tool's own figure as their cached result."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import pandas as pd
import rustpy_xlsxwriter as xlsx
from openpyxl.utils import get_column_letter

from exports.cells import safe, safe_frame
from exports.local_time import uk_local
from exports.model import DecisionLine, ShortlistExport
from exports.xlsx_package import Properties, Result, finish_package
from scoring.guaranteed_interview import routes_in_words
from scoring.shortlist import Outcome

SHEET_ROWS = 1_048_576  # a worksheet's row limit, in Excel and LibreOffice
PANEL_SCORES_ROW_LIMIT = SHEET_ROWS - 1  # the header takes one row
HEADER = xlsx.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#1F4E79")
HEADER.set_text_wrap().set_align("vcenter")
SECTION = xlsx.Format().set_bold().set_background_color("#D9E1F2")
WRAP = xlsx.Format().set_text_wrap().set_align("top")
ESSENTIAL = xlsx.Format().set_bold().set_font_color("#FFFFFF").set_background_color("#C00000")
DATE = xlsx.Format().set_num_format("DD/MM/YYYY")
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
LINE_HEIGHT = 15.0
MATRIX_TOP = 3  # header, requirement and weight rows above the first application
NO_TOTAL = "No total because"


@dataclass(frozen=True)
class WrittenWorkbook:
    panel_scores_in_workbook: bool
    panel_scores_rows: int


def wrapped_height(*wrapped: tuple[str, float]) -> float | None:
    """The height a row needs for its wrapped texts (text, column width), or None for one line:
    without it LibreOffice and Excel show and print wrapped text one line tall."""
    lines = max(
        (math.ceil(len(text) / max(width * 1.15, 1)) for text, width in wrapped if text), default=1
    )
    return min(lines, 20) * LINE_HEIGHT if lines > 1 else None


class Sheets:
    """The workbook's sheets, each a table with its header, widths, frozen header, filter and
    print set-up (landscape, fitted to the page width, the header on every page)."""

    def __init__(self, target: io.BytesIO) -> None:
        self.book = xlsx.FastExcel(target).format(datetime_format=DATETIME_FORMAT)

    def table(
        self,
        title: str,
        records: Sequence[dict[str, Any]] | Any,
        widths: Sequence[float],
        *,
        wrap: Sequence[str] = (),
        heights: dict[int, float] | None = None,
        header_rows: int = 1,
        freeze_columns: int = 0,
        **options: Any,
    ) -> None:
        formats = {name: WRAP for name in wrap} | options.pop("column_formats", {})
        self.book.sheet(
            title,
            records,
            column_widths=list(widths),
            column_formats=formats or None,
            header_format=HEADER,
            row_heights=heights or None,
            autofilter=options.pop("autofilter", True),
            page_setup={
                "landscape": True,
                "fit_to_pages": (1, 0),
                "repeat_rows": (0, header_rows - 1) if header_rows > 1 else 0,
            },
            **options,
        )
        self.book.freeze(row=header_rows, col=freeze_columns or None, sheet=title)

    def save(self) -> None:
        self.book.save()


def _when(at: datetime) -> str:
    return f"{at.day} {at:%B %Y} at {at:%H:%M}"


def _guarded(record: dict[str, Any]) -> dict[str, Any]:
    """Every text value through the one formula guard (exports/cells.py)."""
    return {key: safe(value) for key, value in record.items()}


def _heights(
    texts: Sequence[tuple[tuple[str, float], ...]], first_row: int = 1
) -> dict[int, float]:
    out = {}
    for i, wrapped in enumerate(texts):
        height = wrapped_height(*wrapped)
        if height is not None:
            out[first_row + i] = height
    return out


SHORTLIST_COLUMNS = ["Rank", "Reference", "Decision", "Schemes", "Total", "Reason"]
REGRET_COLUMNS = ["Reference", "Decision", "Total", "Reason (fit for feedback)"]
SCHEME_COLUMNS = [
    "Reference",
    "Scheme",
    "Status",
    "Applied",
    "Why",
    "Decision",
    "Route (or what is missing)",
]
REVIEW_COLUMNS = ["Reference", "Panel member", "Opened", "Minutes", "Views", "Scored", "Noted"]
AUDIT_COLUMNS = ["When (UK time)", "Who", "What", "Record", "Record id", "Old value", "New value"]


def _or_header(
    records: list[dict[str, Any]], columns: Sequence[str], personal: Sequence[str] = ()
) -> Any:
    """The records, or, when there are none, an empty table that still shows its header."""
    if records:
        return records
    at = columns.index("Reference") + 1 if personal else 0  # names follow the reference
    names = [*columns[:at], *personal, *columns[at:]]
    return pd.DataFrame(columns=names)


def write_shortlist_workbook(
    data: ShortlistExport, target: Path | IO[bytes], *, panel_scores_csv: Path | None = None
) -> WrittenWorkbook:
    """Write the workbook to `target`. Panel scores beyond a worksheet's row limit go, in the
    interchange format, to `panel_scores_csv` (required then) instead."""
    n_panel = len(data.panel_scores)
    in_workbook = n_panel <= PANEL_SCORES_ROW_LIMIT
    if not in_workbook and panel_scores_csv is None:
        raise ValueError("a companion CSV path is needed for a vacancy this large")
    raw = io.BytesIO()
    sheets = Sheets(raw)
    _summary(sheets, data, in_workbook, panel_scores_csv)
    _decisions(sheets, data)
    totals = _matrix(sheets, data)
    _criteria(sheets, data)
    if in_workbook:
        _panel_scores(sheets, data)
    else:
        assert panel_scores_csv is not None
        # every text field guarded and every field quoted: a line break inside a note stays
        # inside its record, and no field can start a formula
        safe_frame(data.panel_scores).to_csv(
            panel_scores_csv, index=False, encoding="utf-8", quoting=csv.QUOTE_ALL
        )
    _schemes(sheets, data)
    if data.review is not None:
        _human_review(sheets, data)
    _audit(sheets, data)
    sheets.save()
    finished = finish_package(
        raw.getvalue(), properties=_properties(data), results={"Score matrix": totals}
    )
    if isinstance(target, Path):
        target.write_bytes(finished)
    else:
        target.write(finished)
    return WrittenWorkbook(in_workbook, n_panel)


def _properties(data: ShortlistExport) -> Properties:
    return Properties(
        title=safe(f"Shortlist: {data.title}"),
        subject=safe(f"{data.organisation} shortlist ({data.status})"),
        creator="Shortlisting tool",
        last_modified_by=safe(data.exported_by),
        keywords="shortlist; includes personal data"
        if data.include_personal
        else "shortlist; name-blind",
        description=(
            "Names and contact details included at HR's choice."
            if data.include_personal
            else "Name-blind: no names or contact details."
        ),
        created=data.exported_at.replace(tzinfo=None),
    )


def _policy_rows(data: ShortlistExport) -> list[tuple[str, Any]]:
    """One row per scheme, in the policy's order of precedence, with its routes."""
    policy, s = data.policy, data.scheme
    if policy.records_no_scheme:
        return [("Schemes", "none recorded: no guaranteed-interview or priority scheme applies")]
    rows: list[tuple[str, Any]] = []
    for n, scheme in enumerate(policy.schemes, start=1):
        kind = "priority round (considered first)" if scheme.is_priority else "guaranteed interview"
        text = f"{n}. {kind}; any one route: {routes_in_words(scheme)}"
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


def _facts(
    data: ShortlistExport, in_workbook: bool, csv_path: Path | None
) -> list[tuple[str, Any]]:
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
        ("Closing date", f"{data.closing_date:%d %B %Y}" if data.closing_date else "none set"),
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
        ("Exported on (UK time)", _when(uk_local(data.exported_at))),
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
                f"{len(data.panel_scores):,} rows: more than a worksheet holds; exported with this workbook as {where} (interchange format).",
            )
        )
    facts.extend(("Open issue", issue) for issue in data.issues)
    return facts


def _summary(
    sheets: Sheets, data: ShortlistExport, in_workbook: bool, csv_path: Path | None
) -> None:
    rows: list[tuple[str, Any]] = _facts(data, in_workbook, csv_path)
    sections: list[int] = []

    def section(item: str, value: str) -> None:
        rows.append(("", ""))
        sections.append(len(rows) + 1)  # the sheet row (0-based) of the section's heading
        rows.append((item, value))

    section("Decision", "Applications")
    for decision, count in sorted(
        data.decision_counts().items(), key=lambda kv: list(Outcome).index(kv[0])
    ):
        rows.append((decision.label, count))
    rows.append(("All applications", len(data.lines)))
    section("Guaranteed interview scheme", "Claimed / applied / needs information")
    per_scheme: dict[str, list[int]] = {}
    for line in data.scheme_lines:
        tally = per_scheme.setdefault(line.scheme, [0, 0, 0])
        tally[0] += 1
        tally[1] += line.applied
        tally[2] += line.status == "needs_information"
    for scheme, (claimed, applied, info) in sorted(per_scheme.items()):
        rows.append((scheme, f"{claimed} claimed, {applied} applied, {info} need information"))
    if data.review is not None:
        v = data.review.vacancy
        section("Human review", "Figures (per application: the Human review sheet)")
        signed = (
            f"{v.signed_off_by} on {uk_local(v.signed_off_at):%d %B %Y}"
            if v.signed_off_by and v.signed_off_at
            else "not signed off yet"
        )
        rows += [
            ("Applications", v.applications),
            ("Read by two or more members", v.read_by_two_or_more),
            ("Median reading time (minutes, all members)", v.median_minutes),
            (
                "Decisions overridden by a person",
                f"{v.overrides} of {v.decisions} ({v.override_rate:.0%})",
            ),
            ("Shortlist signed off by", signed),
        ]
    records = [_guarded({"Item": item, "Value": value}) for item, value in rows]
    heights = _heights([((str(value), 90),) for _, value in rows])
    sheets.table(
        "Summary", records, (44, 90), wrap=("Value",), heights=heights, autofilter=False,
        row_formats=dict.fromkeys(sections, SECTION),
    )  # fmt: skip


def _person(line: DecisionLine, data: ShortlistExport) -> dict[str, Any]:
    if not data.include_personal:
        return {}
    return {"Name": line.name or "", "E-mail": line.email or ""}


def _decisions(sheets: Sheets, data: ShortlistExport) -> None:
    personal = [24, 30] if data.include_personal else []
    invite = [x for x in data.lines if x.invited]
    regret = [x for x in data.lines if not x.invited]
    records = [
        _guarded(
            {"Rank": x.rank, "Reference": x.reference, **_person(x, data),
             "Decision": x.decision.label, "Schemes": ", ".join(x.schemes), "Total": x.total,
             "Reason": x.reason}
        )
        for x in invite
    ]  # fmt: skip
    names = ["Name", "E-mail"] if personal else []
    sheets.table(
        "Shortlist", _or_header(records, SHORTLIST_COLUMNS, names), [7, 14, *personal, 30, 22, 8, 90], wrap=("Reason",),
        heights=_heights([((x.reason, 90),) for x in invite]),
    )  # fmt: skip
    records = [
        _guarded(
            {"Reference": x.reference, **_person(x, data), "Decision": x.decision.label,
             "Total": x.total, "Reason (fit for feedback)": x.reason}
        )
        for x in regret
    ]  # fmt: skip
    sheets.table(
        "Not shortlisted", _or_header(records, REGRET_COLUMNS, names), [14, *personal, 26, 8, 100],
        wrap=("Reason (fit for feedback)",), heights=_heights([((x.reason, 100),) for x in regret]),
    )  # fmt: skip


def _matrix(sheets: Sheets, data: ShortlistExport) -> dict[str, Result]:
    """The agreed scores, one row per application, under a row of requirements and a row of
    weights; the total is a formula with the tool's own figure cached, and blank (with the
    reason beside it) exactly where the tool has no total."""
    criteria = data.criteria
    headers = [f"{c.number}" if c.number else c.id for c in criteria]
    width = len(criteria)
    first, last = get_column_letter(2), get_column_letter(width + 1)
    why, total = get_column_letter(width + 2), get_column_letter(width + 3)
    lines = {x.reference: x for x in data.lines}
    records = [
        {"Reference": "Requirement", **{h: "Essential" if c.is_essential else "Desirable" for h, c in zip(headers, criteria, strict=True)}, NO_TOTAL: None},
        {"Reference": "Weight", **dict(zip(headers, data.weights, strict=True)), NO_TOTAL: None},
    ]  # fmt: skip
    results: dict[str, Result] = {f"{total}2": None, f"{total}3": None}
    for i, (reference, values) in enumerate(
        zip(data.matrix_references, data.agreed.tolist(), strict=True)
    ):
        scores = [None if v != v else v for v in values]  # NaN -> empty cell
        line = lines.get(reference)
        tool_total = line.total if line is not None else None
        reason = None
        if tool_total is None:
            missing = sum(v is None for v in scores)
            reason = (
                "withdrawn"
                if line is not None and line.decision is Outcome.WITHDRAWN
                else f"scoring incomplete: {missing} of {width} criteria have no agreed score"
                if missing
                else "no total recorded"
            )
        records.append(
            _guarded(
                {
                    "Reference": reference,
                    **dict(zip(headers, scores, strict=True)),
                    NO_TOTAL: reason,
                }
            )
        )
        results[f"{total}{i + MATRIX_TOP + 1}"] = "" if tool_total is None else tool_total
    weights = f"${first}$3:${last}$3"
    sheets.table(
        "Score matrix", records, [14, *([7] * width), 22, 9], header_rows=MATRIX_TOP,
        freeze_columns=1,
        formula_columns={"Total": f'=IF(${why}{{row}}="",SUMPRODUCT({weights},{first}{{row}}:{last}{{row}}),"")'},
        conditional_formats={
            h: {"type": "text", "criteria": "begins_with", "value": "Essential", "format": ESSENTIAL}
            for h in headers
        },
    )  # fmt: skip
    return results


def _criteria(sheets: Sheets, data: ShortlistExport) -> None:
    records = [
        _guarded(
            {"Column": f"{c.number}" if c.number else c.id, "Criterion id": c.id,
             "Requirement": "Essential" if c.is_essential else "Desirable",
             "Assessed at": c.stage.value, "Criterion": c.text}
        )
        for c in data.criteria
    ]  # fmt: skip
    sheets.table(
        "Criteria", records, (10, 12, 14, 12, 90), wrap=("Criterion",),
        heights=_heights([((c.text, 90),) for c in data.criteria]),
    )  # fmt: skip


PANEL_COLUMNS = {
    "application_id": "Reference",
    "criterion_id": "Criterion id",
    "panel_member": "Panel member",
    "score": "Score",
    "note": "Note",
}


def _panel_scores(sheets: Sheets, data: ShortlistExport) -> None:
    """Up to a worksheet's row limit, straight from the frame: the writer's fast path."""
    frame = data.panel_scores[list(PANEL_COLUMNS)]
    notes = frame["note"].astype(object)
    noted = notes.notna() & (notes != "")
    table = safe_frame(
        frame.assign(
            application_id=frame["application_id"].astype(str),
            criterion_id=frame["criterion_id"].astype(str),
            panel_member=frame["panel_member"].astype(str),
            score=frame["score"].astype("int64"),
            note=notes.where(noted, None),
        )
    ).rename(columns=PANEL_COLUMNS)
    positions = noted.to_numpy().nonzero()[0]
    heights = {
        int(p) + 1: h
        for p, text in zip(positions, notes[noted].astype(str).tolist(), strict=True)
        if (h := wrapped_height((text, 80))) is not None
    }
    sheets.table("Panel scores", table, (14, 14, 18, 8, 80), wrap=("Note",), heights=heights)


def _schemes(sheets: Sheets, data: ShortlistExport) -> None:
    personal = [24] if data.include_personal else []
    records = [
        _guarded(
            {"Reference": x.reference, **({"Name": x.name or ""} if personal else {}),
             "Scheme": x.scheme, "Status": x.status.replace("_", " "),
             "Applied": "Yes" if x.applied else "No", "Why": x.reason,
             "Decision": x.decision.label, "Route (or what is missing)": x.route}
        )
        for x in data.scheme_lines
    ]  # fmt: skip
    sheets.table(
        "Guaranteed interviews", _or_header(records, SCHEME_COLUMNS, ["Name"] if personal else []),
        [14, *personal, 24, 18, 9, 70, 26, 50], wrap=("Why",),
        heights=_heights([((x.reason, 70),) for x in data.scheme_lines]),
    )  # fmt: skip


def _human_review(sheets: Sheets, data: ShortlistExport) -> None:
    """Who opened each application, for how long, and what they scored and noted (the
    vacancy's figures are on the Summary)."""
    review = data.review
    assert review is not None
    records = [
        _guarded(
            {"Reference": line.reference, "Panel member": m.member,
             "Opened": "Yes" if m.opened else "No", "Minutes": round(m.seconds / 60, 1),
             "Views": m.views, "Scored": m.scored, "Noted": m.noted}
        )
        for line in review.applications
        for m in line.members
    ]  # fmt: skip
    sheets.table("Human review", _or_header(records, REVIEW_COLUMNS), (16, 26, 10, 10, 8, 10, 8))


def _audit(sheets: Sheets, data: ShortlistExport) -> None:
    records, texts = [], []
    for e in data.audit:
        old = "" if e.old is None else json.dumps(e.old, default=str)
        new = "" if e.new is None else json.dumps(e.new, default=str)
        texts.append(((old, 45), (new, 45)))
        records.append(
            _guarded(
                {"When (UK time)": uk_local(e.at), "Who": e.actor,
                 "What": e.action.replace("_", " "), "Record": e.entity,
                 "Record id": e.entity_id or "", "Old value": old, "New value": new}
            )
        )  # fmt: skip
    if data.audit_score_events:
        records.append(
            {"When (UK time)": None, "Who": None,
             "What": f"{data.audit_score_events:,} individual score saves are in the audit log and not listed here."}
        )  # fmt: skip
    sheets.table(
        "Audit", _or_header(records, AUDIT_COLUMNS), (17, 18, 20, 16, 18, 45, 45),
        wrap=("Old value", "New value"), heights=_heights(texts),
    )  # fmt: skip
