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
        top = n == 10_000
        f = measure_engine(n)
        row(
            f"engine, {f.criteria} criteria x {f.members} members",
            n,
            f"{f.engine_seconds * 1000:.0f} ms",
            "< 500 ms" if top else "-",
            f.engine_seconds < 0.5 if top else None,
        )
        row(
            "engine vs row-by-row reference",
            n,
            f"{f.ratio:.0f}x (reference {f.reference_seconds:.2f} s)",
            ">= 20x" if top else "-",
            f.ratio >= 20 if top else None,
        )
        row(
            "all reason sentences rendered (on first read)", n, f"{f.reasons_seconds * 1000:.0f} ms"
        )
        e = measure_export(n)
        where = (
            "in the workbook" if e.panel_scores_in_workbook else "panel scores in a companion CSV"
        )
        row(
            f"export workbook ({where})",
            n,
            f"{e.seconds:.2f} s, {e.workbook_mb:.1f} MB file",
            "< 5 s" if top else "-",
            e.seconds < 5 if top else None,
        )
        row(
            "export peak memory (whole process)",
            n,
            f"{e.peak_mb:.0f} MB",
            "< 500 MB" if top else "-",
            e.peak_mb < 500 if top else None,
        )
    if not BROWSER.exists():
        print("| browser figures | - | skipped: Debian's chromium is not installed | - | - |")
        return 0
    from benchmarks.browser import measure_browser

    n = 200 if args.quick else 2_000
    b = measure_browser(n, presses=10 if args.quick else 60)
    full = not args.quick
    row(
        "app cold start to first page (browser)",
        n,
        f"{b.cold_start_seconds:.1f} s",
        "< 5 s",
        b.cold_start_seconds < 5,
    )
    row(
        f"key press to saved score, median of {b.presses} (browser)",
        n,
        f"{b.median_ms:.0f} ms (p90 {b.p90_ms:.0f} ms)",
        "< 300 ms" if full else "-",
        b.median_ms < 300 if full else None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
