"""The offline scoring sheet at size, through the service as the app uses it, on SQLite: a
panel member's sheet for a vacancy of `applications` x 20 criteria built (download), every
score filled in as a member would, and the returned sheet imported (read, checked, stored
with its audit entries). Run in a fresh process, so the peak memory is this run's alone."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass

from benchmarks.export import PROJECT, peak_mb
from benchmarks.storage import ROLE, applications_files, set_up, sqlite_url
from criteria.effective import effective_criteria
from criteria.loader import load_catalogue
from criteria.schema import Stage
from scoring.vacancy import Vacancy
from use_cases import VacancyRequest
from use_cases.vacancy_request import CriterionEdit

CRITERIA = 20
TARGETS = {2_000: (3.0, 5.0), 10_000: (15.0, 25.0)}  # seconds: build, import
BLANK_SCORE = re.compile(rb'<c r="E(\d+)" s="(\d+)"/>')


@dataclass(frozen=True)
class SheetFigures:
    applications: int
    criteria: int
    build_seconds: float
    import_seconds: float
    recorded: int
    sheet_mb: float
    peak_mb: float


def filled(sheet: bytes) -> bytes:
    """The sheet with every blank score filled in (row n: n % 4), the rest as downloaded; the
    Scores part rewritten a megabyte at a time (held whole, it was the run's peak memory)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(sheet)) as book,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as again,
    ):
        for info in book.infolist():
            with (
                book.open(info) as part,
                again.open(info.filename, "w", force_zip64=True) as written,
            ):
                carried = b""
                while chunk := part.read(1 << 20):
                    region = carried + chunk
                    end = region.rfind(b"</row>")
                    cut = end + len(b"</row>") if end >= 0 else 0  # whole rows only
                    written.write(_scored(region[:cut]))
                    carried = region[cut:]
                written.write(_scored(carried))
    return out.getvalue()


def _scored(region: bytes) -> bytes:
    return BLANK_SCORE.sub(
        lambda m: b'<c r="E%s" s="%s" t="n"><v>%d</v></c>' % (m[1], m[2], int(m[1]) % 4), region
    )


def twenty_criteria() -> VacancyRequest:
    """The benchmark role with its scored criteria after the 20th assessed at interview."""
    catalogue = load_catalogue()
    role = catalogue.role(ROLE)
    vacancy = Vacancy.from_variant(effective_criteria(role, catalogue.organisation_of(role)))
    later = vacancy.scored_criteria[CRITERIA:]
    edits = tuple(CriterionEdit(criterion_id=c.id, stage=Stage.INTERVIEW) for c in later)
    return VacancyRequest(role_id=ROLE, edits=edits)


def sheet_once(applications: int) -> dict[str, float]:
    with sqlite_url() as url:
        s = set_up(url, members=1, request=twenty_criteria())
        csv_bytes, _ = applications_files(applications)
        services, member = s.services, s.members[0]
        services.intake.import_applications(s.hr, s.vacancy_id, file_name="a.csv", data=csv_bytes)
        services.redaction.release_to_panel(s.hr, s.vacancy_id)
        services.declarations.declare_conflicts(member, s.vacancy_id, [])
        scored = len(services.vacancies.get_vacancy(s.hr, s.vacancy_id).scored_criteria)
        start = time.perf_counter()
        sheet = services.sheets.scoring_sheet(member, s.vacancy_id).content
        build = time.perf_counter() - start
        returned = filled(sheet)
        start = time.perf_counter()
        recorded = services.sheets.import_scoring_sheet(
            member, s.vacancy_id, data=returned, file_name="scoring-sheet.xlsx"
        )
        imported = time.perf_counter() - start
        services.store.engine.dispose()
    return {
        "criterion_count": scored, "build": build, "import": imported, "recorded": recorded,
        "sheet_mb": len(sheet) / 1024 / 1024, "peak_mb": peak_mb(),
    }  # fmt: skip


def measure_scoring_sheet(applications: int) -> SheetFigures:
    code = f"import json; from benchmarks.scoring_sheets import sheet_once; print(json.dumps(sheet_once({applications})))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    f = json.loads(done.stdout.strip().splitlines()[-1])
    return SheetFigures(
        applications, int(f["criterion_count"]), f["build"], f["import"], int(f["recorded"]),
        f["sheet_mb"], f["peak_mb"],
    )  # fmt: skip
