"""A shortlist export whose totals cover every case the workbook must show as the tool does:
complete, scoring incomplete (no total) and withdrawn (no total). Used by the workbook's unit
tests and by the LibreOffice recalculation test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.build import export_from_result
from exports.model import ShortlistExport
from formats.interchange import read_applications, read_panel_scores
from scoring.rules.decisions import merge_decisions
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy

SAMPLE = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "samples"
    / "darlington-housing-income-management-officer"
)
INCOMPLETE = "D006"  # its scores for two criteria are taken away
WITHDRAWN = "D013"  # withdrawn in the sample
SUMMER = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 on UK clocks (BST)


def export_with_gaps(catalogue: Catalogue) -> ShortlistExport:
    role = catalogue.role("darlington-housing-income-management-officer")
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)),
        Scheme(slots=4),
        date(2026, 1, 30),
    )
    apps = read_applications(
        SAMPLE / "applications.csv", criterion_ids=[c.id for c in vacancy.criteria]
    )
    ids = [a.application_id for a in apps.applications]
    scores = read_panel_scores(SAMPLE / "panel_scores.csv", vacancy, ids)
    taken = [c.id for c in vacancy.scored_criteria[:2]]
    scores = scores[
        ~((scores["application_id"] == INCOMPLETE) & scores["criterion_id"].isin(taken))
    ]
    result = shortlist(vacancy, apps.applications, scores.reset_index(drop=True))
    return export_from_result(
        result,
        merge_decisions(result, {}, finalised=False),
        scores.reset_index(drop=True),
        organisation="Darlington Borough Council",
        role_id=role.id,
        level=None,
        grade=None,
        exported_by="Hilary HR",
        exported_at=SUMMER,
    )
