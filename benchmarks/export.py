"""Time the shortlist workbook export of a large synthetic vacancy, and its peak memory (the
peak resident size of a process that builds the vacancy and exports it)."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class ExportFigures:
    applications: int
    seconds: float
    peak_mb: float
    workbook_mb: float
    panel_scores_in_workbook: bool


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: ru_maxrss survives exec and
    would report the parent's peak for a child started by subprocess."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def export_once(applications: int, criteria: int = 30, seed: int = 11) -> dict[str, float | bool]:
    """From the engine's result to the file on disk: rows, every reason, and the workbook with
    every panel score inside it."""
    from benchmarks.engine import bench_vacancy
    from exports.build import export_from_result
    from exports.shortlist_workbook import write_shortlist_workbook
    from fixtures.synthetic import synthetic_vacancy
    from scoring.rules.decisions import merge_decisions
    from scoring.rules.shortlist import shortlist

    data = synthetic_vacancy(bench_vacancy(criteria), applications, seed=seed)
    result = shortlist(data.vacancy, data.applications, data.panel_scores)
    scores = data.panel_scores.assign(note="")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "shortlist.xlsx"
        start = time.perf_counter()
        export = export_from_result(
            result,
            merge_decisions(result, {}, finalised=False),
            scores,
            organisation="Medway Council",
            role_id="bench",
            level="C",
            grade=None,
            exported_by="benchmark",
            exported_at=datetime.now(UTC),
        )
        written = write_shortlist_workbook(
            export, out, panel_scores_csv=Path(folder) / "panel_scores.csv"
        )
        seconds = time.perf_counter() - start
        size = out.stat().st_size / 1024 / 1024
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "workbook_mb": size,
        "in_workbook": written.panel_scores_in_workbook,
    }


def measure_export(applications: int) -> ExportFigures:
    """Run in a fresh process so the peak memory is this export's alone."""
    code = f"import json; from benchmarks.export import export_once; print(json.dumps(export_once({applications})))"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    return ExportFigures(
        applications,
        figures["seconds"],
        figures["peak_mb"],
        figures["workbook_mb"],
        figures["in_workbook"],
    )
