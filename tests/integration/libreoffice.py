"""LibreOffice Calc (headless) as a real client for the exports and imports: open a file,
recalculate, set or read cells, save as XLSX, ODS or CSV. The work happens in
tests/integration/calc_uno.py under Debian's python3, which has LibreOffice's `uno` module.
scripts/test.sh installs LibreOffice Calc and python3-uno; without them these tests skip, or
fail when SHORTLISTING_REQUIRE_LIBREOFFICE=1 (the test command sets it)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).with_name("calc_uno.py")
SYSTEM_PYTHON = Path("/usr/bin/python3")
REQUIRED = os.environ.get("SHORTLISTING_REQUIRE_LIBREOFFICE") == "1"

XLSX = "Calc MS Excel 2007 XML"
ODS = "calc8"
CSV = "Text - txt - csv (StarCalc)"
EN_GB = 2057  # LibreOffice's language id for English (UK)
EN_GB_LOCALE = "en_GB.UTF-8"  # an office set to English (UK): dates shown DD/MM/YY


def csv_options(
    separator: str = ",", *, as_shown: bool = True, charset: int = 76, language: int = EN_GB
) -> str:
    """LibreOffice's CSV filter tokens: separator, text delimiter ("), character set (76 is
    UTF-8, 65535 is UTF-16), first line, column formats, language, quoted as text, detect
    special numbers, save cell contents as shown."""
    sep = "9" if separator == "\t" else str(ord(separator))
    shown = "true" if as_shown else "false"
    return f"{sep},34,{charset},1,,{language},false,true,{shown}"


def available() -> bool:
    if shutil.which("soffice") is None or not SYSTEM_PYTHON.exists():
        return False
    probe = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


@pytest.fixture(scope="session")
def calc() -> None:
    """Skip (or fail, when required) unless LibreOffice Calc and its UNO bridge are here."""
    if not available():
        if REQUIRED:
            pytest.fail(
                "LibreOffice Calc and python3-uno are required (scripts/test.sh installs them)"
            )
        pytest.skip("LibreOffice Calc not installed (scripts/test.sh installs it)")


def run_calc(
    path: Path,
    *,
    steps: list[dict[str, Any]] = (),  # type: ignore[assignment]
    save: list[dict[str, Any]] = (),  # type: ignore[assignment]
    filter_name: str | None = None,
    filter_options: str | None = None,
    locale: str | None = None,
) -> dict[str, Any]:
    """One LibreOffice session on `path`: the steps in order, then each save. `locale` (for
    example EN_GB_LOCALE) is the office's own locale setting, as a person's LibreOffice has it
    from their system: it decides how dates are shown, so what a CSV saved "as shown" holds."""
    own = {"LC_ALL": locale, "LANG": locale} if locale else {}
    job = {
        "open": str(path),
        "filter": filter_name,
        "filter_options": filter_options,
        "steps": list(steps),
        "save": [{**s, "path": str(s["path"])} for s in save],
    }
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(SCRIPT)],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        timeout=240,
        env={
            **os.environ,
            "HOME": os.environ.get("HOME", "/tmp"),
            "SAL_USE_VCLPLUGIN": "svp",
            **own,
        },
    )
    if done.returncode != 0:
        raise AssertionError(f"LibreOffice job failed: {done.stderr[-2000:]}")
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def recalculated_copy(
    path: Path, out: Path, *, reads: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Open, recalculate every formula, read cells, and save as XLSX again (what the issue's
    reviewer did by hand)."""
    steps: list[dict[str, Any]] = [{"recalculate": True}]
    if reads:
        steps.append({"read": reads})
    return run_calc(path, steps=steps, save=[{"path": out, "filter": XLSX}])
