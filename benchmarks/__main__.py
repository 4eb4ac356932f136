"""`python -m benchmarks [--quick]`: measure the product at 100, 2,000 and 10,000 applications
and print each figure beside its target. It prints; it never fails on a slow machine."""

from __future__ import annotations

import argparse
import os
import platform
import sys
from pathlib import Path

from benchmarks.engine import measure_engine
from benchmarks.export import measure_export
from benchmarks.hostile_files import TARGET_MB, TARGET_SECONDS, measure_hostile_files
from benchmarks.scoring_sheets import TARGETS as SHEET_TARGETS
from benchmarks.scoring_sheets import measure_scoring_sheet
from benchmarks.storage import (
    WRITERS,
    measure_import,
    measure_postgres_writes,
    measure_sqlite_writes,
)
from benchmarks.writers import measure_writers

BROWSER = Path("/usr/bin/chromium")


def machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"


def row(measure: str, n: int, figure: str, target: str = "-", met: bool | None = None) -> None:
    verdict = "-" if met is None else ("yes" if met else "NO")
    print(f"| {measure} | {n:,} | {figure} | {target} | {verdict} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smaller runs for a CI smoke step (under two minutes)"
    )
    args = parser.parse_args(argv)
    sizes = [100, 2_000] if args.quick else [100, 2_000, 10_000]
    print(f"Machine: {machine()}{' (quick run)' if args.quick else ''}\n")
    print("| measure | applications | figure | target | met |")
    print("|---|---:|---:|---|---|")
    for n in sizes:
        top = n == 10_000  # the targets are set at 10,000 applications

        def goal(target: str, met: bool, *, top: bool = top) -> tuple[str, bool | None]:
            return (target, met) if top else ("-", None)

        f = measure_engine(n)
        row(
            f"engine, {f.criteria} criteria x {f.members} members",
            n,
            f"{f.engine_seconds * 1000:.0f} ms",
            *goal("< 500 ms", f.engine_seconds < 0.5),
        )
        row(
            "engine vs row-by-row reference",
            n,
            f"{f.ratio:.0f}x (reference {f.reference_seconds:.2f} s)",
            *goal(">= 20x", f.ratio >= 20),
        )
        row(
            "all reason sentences rendered (on first read)", n, f"{f.reasons_seconds * 1000:.0f} ms"
        )
        i = measure_import(n)
        row(
            f"import applications, CSV ({i.csv_mb:.1f} MB)",
            n,
            f"{i.csv_seconds:.2f} s",
            *goal("< 5 s", i.csv_seconds < 5),
        )
        row(
            "import applications, XLSX",
            n,
            f"{i.xlsx_seconds:.2f} s",
            *goal("< 5 s", i.xlsx_seconds < 5),
        )
        e = measure_export(n)
        target = {2_000: 2.0, 10_000: 8.0}.get(n)
        row(
            "export workbook, panel scores inside"
            + ("" if e.panel_scores_in_workbook else " (NOT: in a companion CSV)"),
            n,
            f"{e.seconds:.2f} s, {e.workbook_mb:.1f} MB file",
            *(
                (f"< {target:g} s", e.seconds < target and e.panel_scores_in_workbook)
                if target
                else ("-", None)
            ),
        )
        row(
            "export peak memory (whole process)",
            n,
            f"{e.peak_mb:.0f} MB",
            *goal("< 500 MB", e.peak_mb < 500),
        )
        scoring_sheet_rows(n)
        if n == 2_000:
            for w in measure_writers(180_000 if not args.quick else 30_000):
                row(
                    f"XLSX writer, panel scores sheet: {w.writer} ({w.rows:,} rows)", n,
                    f"{w.rows_per_second:,.0f} rows a second ({w.seconds:.2f} s)",
                )  # fmt: skip
    n, scored = sizes[-1], 20 if args.quick else 100
    for s in (measure_sqlite_writes(n, scored), measure_postgres_writes(n, scored)):
        if s is None:
            print(
                "| PostgreSQL score writes | - | skipped: Debian's postgresql is not installed | - | - |"
            )
            continue
        row(
            f"{s.database}: score saves, {WRITERS} members at once ({s.scores:,} saves)",
            n,
            f"{s.per_second:,.0f} a second ({s.seconds * 1000 / s.scores * WRITERS:.1f} ms each)",
        )
    for h in measure_hostile_files(quick=args.quick):  # each refused, in a fresh process
        row(
            f"hostile file: {h.name}", 0,
            f"{h.seconds:.2f} s, {h.peak_mb:.0f} MB" + ("" if h.refused else ", NOT refused"),
            f"< {TARGET_SECONDS:g} s, < {TARGET_MB:g} MB", h.met,
        )  # fmt: skip
    if not BROWSER.exists():
        print("| browser figures | - | skipped: Debian's chromium is not installed | - | - |")
        return 0
    browser_rows(args.quick)
    return 0


def scoring_sheet_rows(n: int) -> None:
    """A member's offline scoring sheet: built (downloaded) and, every score filled in,
    imported, through the service on SQLite; targets at 2,000 and 10,000 applications."""
    s = measure_scoring_sheet(n)
    build, imported = SHEET_TARGETS.get(n, (None, None))
    row(
        f"scoring sheet built, {s.criteria} criteria ({s.sheet_mb:.1f} MB file)", n,
        f"{s.build_seconds:.2f} s",
        *((f"< {build:g} s", s.build_seconds < build) if build else ("-", None)),
    )  # fmt: skip
    row(
        f"scoring sheet imported, every score filled ({s.recorded:,} recorded)", n,
        f"{s.import_seconds:.2f} s",
        *((f"< {imported:g} s", s.import_seconds < imported) if imported else ("-", None)),
    )  # fmt: skip
    row(
        "scoring sheet peak memory (whole process)", n, f"{s.peak_mb:.0f} MB",
        *(("< 500 MB", s.peak_mb < 500) if build else ("-", None)),
    )  # fmt: skip


def browser_rows(quick: bool) -> None:
    from benchmarks.browser import measure_browser
    from benchmarks.pages import HR_PAGES, PANEL_PAGES, measure_pages

    n = 200 if quick else 2_000
    b, typing = measure_browser(
        n, presses=10 if quick else 60, gaps=(100,) if quick else (20, 40, 100),
        typed=1 if quick else 3,
    )  # fmt: skip
    full = not quick
    row(
        "app cold start to first page (browser)",
        n,
        f"{b.cold_start_seconds:.1f} s",
        "< 5 s",
        b.cold_start_seconds < 5,
    )
    row(
        f"key press to saved score, median of {b.presses} (browser)", n, f"{b.median_ms:.0f} ms",
        "< 150 ms" if full else "-", b.median_ms < 150 if full else None,
    )  # fmt: skip
    row(
        f"key press to saved score, p95 of {b.presses} (browser)", n, f"{b.p95_ms:.0f} ms",
        "< 300 ms" if full else "-", b.p95_ms < 300 if full else None,
    )  # fmt: skip
    for t in typing:
        row(
            f"typed at {t.gap_ms} ms between keys: lost, on the wrong criterion (browser)", n,
            f"{t.lost} lost, {t.wrong} wrong of {t.presses}", "0 of 0", t.lost == t.wrong == 0,
        )  # fmt: skip
    sizes = [(200, HR_PAGES[:2], PANEL_PAGES[:1], 3)] if quick else [
        (2_000, HR_PAGES, PANEL_PAGES, 20), (10_000, ("Shortlist",), PANEL_PAGES, 20),
    ]  # fmt: skip
    for n, hr_pages, panel_pages, loads in sizes:
        target = 1.5 if n <= 2_000 else 3.0
        for f in measure_pages(n, hr_pages=hr_pages, panel_pages=panel_pages, loads=loads):
            who = "HR" if f.who == "hr" else "panel"
            row(
                f"page load, {who}: {f.page} (p95 of {f.loads}; slowest {max(f.times):.1f} s)", n,
                f"{f.p95_seconds:.2f} s", f"< {target:g} s" if full else "-",
                f.p95_seconds < target if full else None,
            )  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
