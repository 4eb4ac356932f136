"""A test run killed in any way leaves no PostgreSQL server running and no cluster on disk
(tests/pg.py): the cluster's watchdog stops and removes it as soon as the run's process is
gone, and a cluster whose run and watchdog were both killed is removed by the next run."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.integration.conftest import REQUIRE_POSTGRES
from tests.pg import OWNER, PREFIX, cluster, server_binaries, started

PROJECT = Path(__file__).resolve().parents[2]
WAIT = 60  # seconds: an immediate stop takes well under one, on a busy machine too

# A test run, as far as the cluster can tell: it starts one, says so, and waits to be killed.
# Ctrl-C stops it as it stops a run started at a terminal, even when this run itself was
# started in the background by a shell, which starts such jobs with Ctrl-C ignored.
RUN = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from tests.pg import cluster
with cluster() as url:
    print(url, flush=True)
    sys.stdin.read()
"""

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def postgres_installed() -> None:
    if server_binaries() is None:
        if REQUIRE_POSTGRES:
            pytest.fail("PostgreSQL is required for this run but its server is not installed")
        pytest.skip("PostgreSQL server not installed (scripts/test.sh installs it)")


class Run:
    """A run of the tests in a process of its own, with the cluster it started."""

    def __init__(self, process: subprocess.Popen[str], url: str) -> None:
        self.process = process
        self.url = url
        (self.base,) = [
            base
            for base in Path(tempfile.gettempdir()).glob(f"{PREFIX}*")
            if (base / OWNER).exists() and (base / OWNER).read_text().split()[0] == str(process.pid)
        ]
        self.postmaster = int((self.base / "data" / "postmaster.pid").read_text().split()[0])
        wanted = f"\0watch\0{self.base}\0".encode()
        (self.watchdog,) = [
            int(entry.name)
            for entry in Path("/proc").iterdir()
            if entry.name.isdigit() and wanted in read_or_nothing(entry / "cmdline")
        ]

    def kill(self, how: signal.Signals = signal.SIGKILL, *, group: bool = False) -> None:
        """Send the run `how`, or its whole process group as a terminal's Ctrl-C does; wait
        for it to end (as the shell that started it does)."""
        if group:
            os.killpg(self.process.pid, how)
        else:
            self.process.send_signal(how)
        self.process.wait()


def read_or_nothing(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the process ended as we looked
        return b""


@pytest.fixture
def run() -> Iterator[Run]:
    process = subprocess.Popen(
        [sys.executable, "-c", RUN], cwd=PROJECT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        start_new_session=True,  # a group of its own, as a run started from a terminal
    )  # fmt: skip
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()  # once the server accepts connections
        assert url.startswith("postgresql+psycopg://"), "the run did not start its cluster"
        yield Run(process, url)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def ends_within(pid: int, seconds: float) -> bool:
    """Whether the process ends within `seconds`, waiting on the process itself (a pidfd is
    readable once it has ended), not on a clock."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], seconds)[0])
    finally:
        os.close(fd)


def serves(url: str) -> bool:
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql") + "/postgres") as conn:
        return conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.parametrize(
    ("how", "group"),
    [
        pytest.param(signal.SIGKILL, False, id="SIGKILL"),
        pytest.param(signal.SIGKILL, True, id="SIGKILL-to-its-process-group"),
        pytest.param(signal.SIGTERM, False, id="SIGTERM"),
        pytest.param(signal.SIGINT, True, id="Ctrl-C"),
    ],
)
def test_a_killed_run_leaves_no_server_and_no_cluster(
    run: Run, how: signal.Signals, group: bool
) -> None:
    assert serves(run.url) and started(run.postmaster) is not None
    run.kill(how, group=group)
    assert ends_within(run.postmaster, WAIT), "the server outlived the run"
    assert ends_within(run.watchdog, WAIT), "the watchdog is still at work"
    assert not run.base.exists(), "the cluster is left on disk"


def test_a_cluster_whose_run_and_watchdog_were_killed_is_removed_by_the_next_run(
    run: Run,
) -> None:
    os.kill(run.watchdog, signal.SIGKILL)
    assert ends_within(run.watchdog, WAIT)
    run.kill()
    assert started(run.postmaster) is not None, "nothing was left to stop it: it still runs"
    with cluster() as url:  # the next run
        assert not run.base.exists(), "the next run removed the orphaned cluster"
        assert ends_within(run.postmaster, WAIT), "and stopped its server"
        assert serves(url)
