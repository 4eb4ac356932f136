"""The shortlist workbook's Summary: the vacancy, its scoring settings and schemes, when and by
whom it was exported, the decisions and schemes counted, and the human review's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from criteria.policy_minimum import EveryEssential
from exports.local_time import uk_local
from exports.model import ShortlistExport
from exports.workbook_tables import SECTION, Sheets, guarded, row_heights, when
from scoring.rules.guaranteed_interview import routes_in_words
from scoring.rules.human_review import review_figures
from scoring.rules.shortlist import Outcome
from scoring.rules.vacancy_cover import facts_in_words, uncovered_lines
from scoring.words.minimum_asked import minimum_in_words


def _policy_rows(data: ShortlistExport) -> list[tuple[str, Any]]:
    """One row per scheme, in the policy's order of precedence, with its routes."""
    policy, s = data.policy, data.scheme
    if policy.records_no_scheme:
        return [("Schemes", "none recorded: no guaranteed-interview or priority scheme applies")]
    rows: list[tuple[str, Any]] = []
    for n, scheme in enumerate(policy.schemes, start=1):
        kind = "priority round (considered first)" if scheme.is_priority else "guaranteed interview"
        text = f"{n}. {kind}; any one route: {routes_in_words(scheme)}"
        if not isinstance(scheme.minimum, EveryEssential):  # else the minimum criteria
            text += f"; its own minimum: {minimum_in_words(scheme.minimum)}"
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
    if any(s.covers is not None for s in policy.schemes):
        rows.append(("The post, for the schemes", facts_in_words(data.post)))
        rows += [("Schemes and this vacancy", line) for line in uncovered_lines(
            policy.schemes, data.post
        )]  # fmt: skip
    return rows


def _audit_head(data: ShortlistExport) -> list[tuple[str, Any]]:
    """The audit log's newest entry as this workbook's data was read: kept with the workbook,
    it shows later whether the log has been cut short or rewritten since (README, Security)."""
    if data.audit_head is None:
        return []
    entry, digest = data.audit_head.split(":")
    return [
        (
            "Audit log at export",
            f"entry {entry}, hash {digest}: check it with "
            f"python -m storage verify-audit --head {data.audit_head}",
        )
    ]


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
        *([("Shortlist version", data.shortlist_version)] if data.shortlist_version else []),
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
        ("Exported on (UK time)", when(uk_local(data.exported_at))),
        ("Exported by", data.exported_by),
        *_audit_head(data),
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


def summary_sheet(
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
        rows += [*review_figures(v), ("Shortlist signed off by", signed)]  # as on the page
    records = [guarded({"Item": item, "Value": value}) for item, value in rows]
    heights = row_heights([((str(value), 90),) for _, value in rows])
    sheets.table(
        "Summary", records, (44, 90), wrap=("Value",), heights=heights, autofilter=False,
        row_formats=dict.fromkeys(sections, SECTION),
    )  # fmt: skip
