"""Write the sample vacancies under data/samples/ (deterministic; rerun after changing
scripts/samples/). The CSV files come out byte for byte the same; the Excel workbook differs
only in its created and modified times.

Each applicant is built to exercise one rule; the comment beside it says which.
Run: .venv/bin/python scripts/build_samples.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.samples.darlington import darlington  # noqa: E402
from scripts.samples.dartford import dartford  # noqa: E402

if __name__ == "__main__":
    darlington(ROOT / "data", ROOT / "data" / "samples")
    dartford(ROOT / "data", ROOT / "data" / "samples")
    print("samples written under data/samples/")  # noqa: T201
