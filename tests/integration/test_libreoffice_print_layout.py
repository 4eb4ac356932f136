"""Where things land on paper (issue 29, item 7): the shortlist workbook of the small Dartford
campaign (tests/integration/dartford.py: criteria known by ids such as
"beh-adaptability-flexibility", Eve's reason many lines long), printed to PDF by LibreOffice,
read with each line's place on its page. A label beside wrapped text prints level with the
text's first line, not at the foot of its row beside the next applicant's text; the score
matrix's headings print whole, above its first row, none over another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
import pypdf
import pytest

from criteria.effective import effective_criteria
from criteria.loader import Catalogue
from exports.build import export_from_result
from exports.model import ShortlistExport
from exports.shortlist_workbook import write_shortlist_workbook
from formats.interchange import read_applications
from scoring.rules.decisions import merge_decisions
from scoring.rules.scheme import Scheme
from scoring.rules.shortlist import shortlist
from scoring.vacancy import Vacancy
from tests.integration.dartford import EVE, PEOPLE, ROLE, applications_csv
from tests.integration.libreoffice import calc as calc  # the fixture
from tests.integration.libreoffice import run_calc

pytestmark = pytest.mark.usefixtures("calc")

PDF = "calc_pdf_Export"
PANEL = ("Hana Manager", "Omar Officer")


@dataclass(frozen=True)
class Line:
    page: int
    y: float  # from the foot of the page: a larger y prints higher
    x: float
    text: str


def dartford_export(catalogue: Catalogue) -> ShortlistExport:
    """As tests/integration/dartford.py scores it: D001 3s, D002 3s and one 2, D003 and D004
    2s, Eve 1s; worked out by the engine, without a database."""
    role = catalogue.role(ROLE)
    vacancy = Vacancy.from_variant(
        effective_criteria(role, catalogue.organisation_of(role)), Scheme(slots=2),
        date(2026, 1, 30),
    )  # fmt: skip
    apps = read_applications(
        applications_csv(), name="applications.csv", criterion_ids=[c.id for c in vacancy.criteria]
    )
    plan = {"D001": 3, "D002": 3, "D003": 2, "D004": 2, EVE: 1}
    assert set(plan) == {ref for ref, _, _ in PEOPLE}
    scores = pd.DataFrame(
        [(ref, c.id, member, 2 if ref == "D002" and k == 0 else value, "")
         for ref, value in plan.items() for k, c in enumerate(vacancy.scored_criteria)
         for member in PANEL],
        columns=["application_id", "criterion_id", "panel_member", "score", "note"],
    )  # fmt: skip
    result = shortlist(vacancy, apps.applications, scores)
    return export_from_result(
        result, merge_decisions(result, {}, finalised=False), scores,
        organisation="Dartford Borough Council", role_id=ROLE, level=None, grade=None,
        exported_by="Hilary Hughes", exported_at=datetime(2026, 2, 3, 10, 30, tzinfo=UTC),
    )  # fmt: skip


@dataclass(frozen=True)
class Printed:
    data: ShortlistExport
    lines: list[Line]


@pytest.fixture(scope="module")
def dartford_print(
    calc: None, catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> Printed:
    folder = tmp_path_factory.mktemp("dartford-print")
    data = dartford_export(catalogue)
    path, pdf = folder / "shortlist.xlsx", folder / "shortlist.pdf"
    write_shortlist_workbook(data, path)
    run_calc(path, save=[{"path": pdf, "filter": PDF}])
    lines: list[Line] = []
    for number, page in enumerate(pypdf.PdfReader(pdf).pages):

        def seen(text: str, cm: list[float], tm: list[float], *_: object, n: int = number) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                lines.append(Line(n, y, x, " ".join(text.split())))

        page.extract_text(visitor_text=seen)
    return Printed(data, lines)


def plain(text: str) -> str:
    """A heading as printed: its lines joined, a word wrapped after its hyphen joined again."""
    return " ".join(text.split()).replace("- ", "-")


def test_not_shortlisted_labels_print_level_with_the_first_line_of_their_reason(
    dartford_print: Printed,
) -> None:
    regret = [x for x in dartford_print.data.lines if not x.invited]
    assert EVE in {x.reference for x in regret}  # her reason takes many lines
    headings = [x for x in dartford_print.lines if x.text == "Reason (fit for feedback)"]
    pages, column = {x.page for x in headings}, headings[0].x
    for line in regret:
        (label,) = [x for x in dartford_print.lines if x.text == line.reference and x.page in pages]
        # the first line of its reason: the nearest at or above the label (a label at the
        # foot of its row is below it; the rows above start higher still)
        first = min(
            (x for x in dartford_print.lines
             if x.page == label.page and abs(x.x - column) < 1 and x.y > label.y - 1
             and line.reason.startswith(x.text)),
            key=lambda x: x.y - label.y,
        )  # fmt: skip
        level = {
            x.text for x in dartford_print.lines if x.page == label.page and abs(x.y - first.y) < 1
        }
        assert {line.reference, line.decision.label} <= level, (line.reference, sorted(level))


def test_the_score_matrix_headings_print_whole_above_its_first_row(
    dartford_print: Printed,
) -> None:
    data = dartford_print.data
    (weight,) = [x for x in dartford_print.lines if x.text == "Weight"]
    (requirement,) = [
        x for x in dartford_print.lines if x.text == "Requirement" and x.page == weight.page
    ]
    pitch = requirement.y - weight.y
    page = [x for x in dartford_print.lines if x.page == requirement.page]
    header = [x for x in page if x.y > requirement.y + pitch / 2]
    columns: dict[int, list[Line]] = {}
    for x in header:
        columns.setdefault(round(x.x), []).append(x)
    printed = [
        plain(" ".join(x.text for x in sorted(lines, key=lambda x: -x.y)))
        for _, lines in sorted(columns.items())
    ]
    assert printed == ["Reference", *(c.id for c in data.criteria), "No total because", "Total"]
    # nothing of a heading reaches down into the requirements' row
    level = {x.text for x in page if abs(x.y - requirement.y) <= pitch / 2}
    assert level <= {"Requirement", "Essential", "Desirable"}, level
