"""A throw-away PostgreSQL cluster on loopback, started by the tests themselves (Debian's
`postgresql` package; `scripts/test.sh` installs it).

A test run killed in any way leaves no server running: `pg_ctl` detaches the server from the
process that starts it, so each cluster has a watchdog, a process of its own (its own session,
out of reach of a Ctrl-C or a signal to the run's process group), that blocks on a pipe from
the test process. However the test process ends (its own teardown, Ctrl-C, SIGTERM, SIGKILL),
its end of the pipe closes; the watchdog then stops the server and removes the cluster. Each
cluster's folder names its owner (process id and start time); a cluster whose owner and
watchdog are both gone is stopped and removed by the next run that starts one.

Run as `python tests/pg.py watch FOLDER` it is the watchdog."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine.url import make_url

PREFIX = "shortlisting-pg-"
OWNER = "owner"  # in a cluster's folder: "<pid> <start time>" of the process that made it


def server_binaries() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3])
    )
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> list[str]:
    """initdb and the server refuse to run as root: as root, they run as 'postgres'."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def started(pid: int) -> str | None:
    """The process's start time (in clock ticks since boot), or None if it has ended (or
    never was): with its id, it names a process even after the id is used again."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # from field 3, after the command's name
    return None if fields[0] in "ZX" else fields[19]  # a zombie has ended; field 22: start


def owner_alive(base: Path) -> bool:
    """Whether the process that made the cluster in `base` is still running; a folder without
    an owner (made by an older version of this module, or still being made) counts as alive."""
    try:
        pid, start = (base / OWNER).read_text().split()
    except (OSError, ValueError):
        return True
    return started(int(pid)) == start


def stop_and_remove(base: Path) -> None:
    """Stop the cluster's server, if it runs, at once (no waiting for clients), and delete it."""
    binaries = server_binaries()
    if binaries is not None and (base / "data" / "postmaster.pid").exists():
        subprocess.run(
            [*_run_as(), str(binaries / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"],
            capture_output=True,
        )  # fmt: skip
    shutil.rmtree(base, ignore_errors=True)


def reap_orphans() -> None:
    """Stop and remove the clusters of earlier runs that were killed, watchdog and all."""
    for base in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        if not owner_alive(base) and not _watchdog_of(base):
            stop_and_remove(base)


def _watchdog_of(base: Path) -> bool:
    """Whether a watchdog for `base` still runs (it will remove the cluster itself)."""
    wanted = f"\0watch\0{base}\0".encode()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if wanted in (entry / "cmdline").read_bytes():
                    return True
            except OSError:
                continue
    return False


def watch(base: Path) -> None:
    """The watchdog: wait for the test process's end of the pipe on standard input to close,
    then stop and remove the cluster."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    while sys.stdin.buffer.read(4096):  # nothing is written; read returns b"" at the close
        pass
    stop_and_remove(base)


@contextmanager
def cluster() -> Iterator[str]:
    """Start a cluster; yield the base URL (without database name); stop and delete it."""
    binaries = server_binaries()
    if binaries is None:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    reap_orphans()
    base = Path(tempfile.mkdtemp(prefix=PREFIX))
    (base / OWNER).write_text(f"{os.getpid()} {started(os.getpid())}")
    watchdog = subprocess.Popen(
        [sys.executable, __file__, "watch", str(base)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    try:
        run_as = _run_as()
        if run_as:
            user = pwd.getpwnam("postgres")
            os.chown(base, user.pw_uid, user.pw_gid)
        data, port = base / "data", _free_port()
        subprocess.run(
            [
                *run_as,
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            ],
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c max_connections=100"
        subprocess.run(
            [
                *run_as,
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(base / "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
        )
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        assert watchdog.stdin is not None
        watchdog.stdin.close()  # as a killed run's would be: the watchdog stops and removes it
        try:
            watchdog.wait(timeout=120)
        except subprocess.TimeoutExpired:
            watchdog.kill()
            watchdog.wait()
        if base.exists():  # the watchdog was stopped before it could
            stop_and_remove(base)


def new_database(base_url: str) -> str:
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(
        base_url.replace("postgresql+psycopg", "postgresql") + "/postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


def as_app_role(owner_url: str) -> str:
    """The URL of a login role that is a member of `shortlisting_app` only, as the app runs in
    production: every table, but the audit log only to read and add to (migration 0005). The
    database at `owner_url` must be migrated first (by its owner)."""
    url = make_url(owner_url)
    role = f"app_{url.database}"
    with psycopg.connect(
        owner_url.replace("postgresql+psycopg", "postgresql"), autocommit=True
    ) as conn:
        conn.execute(
            f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB IN ROLE shortlisting_app'
        )
    return url.set(username=role).render_as_string(hide_password=False)


if __name__ == "__main__" and sys.argv[1:2] == ["watch"]:
    watch(Path(sys.argv[2]))
