"""The audit chain's checkpoint file (storage/audit_checkpoint.py): shared by several app
processes, it only moves forward and always holds a whole head; a checkpoint that cannot be
written never undoes the save it follows."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from criteria.loader import load_catalogue
from storage.audit_chain import Head
from storage.audit_checkpoint import Checkpoint, CheckpointUnreadable, default_path
from storage.store import open_store
from use_cases import Services

WRITERS, HEADS = 4, 300
PROJECT = Path(__file__).resolve().parents[2]
# Each writer imports only the checkpoint, not this test module and the app it imports:
# a writer that started seconds after the others would not write beside them.
WRITER = f"""
import random
from pathlib import Path
from storage.audit_chain import Head
from storage.audit_checkpoint import Checkpoint

def write_heads(path, writer):
    mine = [n for n in range(1, {HEADS} + 1) if n % {WRITERS} == writer]
    random.Random(writer).shuffle(mine)
    checkpoint = Checkpoint(Path(path))
    for n in mine:
        checkpoint.advance(Head(n, f"{{n:064x}}"))
"""


def digest(n: int) -> str:
    return f"{n:064x}"


def test_the_checkpoint_never_moves_back(tmp_path: Path) -> None:
    checkpoint = Checkpoint(tmp_path / "new" / "log.audit-head")
    assert checkpoint.read() is None
    checkpoint.advance(Head(11, digest(11)))
    checkpoint.advance(Head(10, digest(10)))
    found = checkpoint.read()
    assert found is not None and found.head == Head(11, digest(11))


def test_processes_sharing_a_checkpoint_leave_the_newest_head_readable_throughout(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shared.audit-head"
    # Separate interpreters, as app servers are (a spawned multiprocessing child would re-run
    # whatever script the test process last ran as __main__, such as an AppTest page)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", f"{WRITER}\nwrite_heads({str(path)!r}, {w})"], cwd=PROJECT
        )
        for w in range(WRITERS)
    ]
    seen = 0
    checkpoint = Checkpoint(path)
    while any(w.poll() is None for w in writers):
        found = checkpoint.read()  # never torn: raises CheckpointUnreadable if it were
        if found is not None:
            assert found.head.entry_id >= seen and found.head.hash == digest(found.head.entry_id)
            seen = found.head.entry_id
    for w in writers:
        assert w.wait() == 0
    found = checkpoint.read()
    assert found is not None and found.head == Head(HEADS, digest(HEADS))


def test_a_checkpoint_that_holds_no_head_is_unreadable_and_an_empty_one_is_none(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.audit-head"
    path.write_text("")
    assert Checkpoint(path).read() is None
    path.write_text("not a head")
    with pytest.raises(CheckpointUnreadable, match="does not hold a head"):
        Checkpoint(path).read()


def test_each_database_has_its_own_default_checkpoint(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert default_path(f"sqlite:///{tmp_path / 'a.db'}", data) == tmp_path / "a.db.audit-head"
    assert default_path("sqlite://", data) is None
    assert default_path("postgresql://app:pw@db.council:5433/shortlisting", data) == (
        data / "audit-heads" / "db.council-5433-shortlisting.json"
    )


def test_a_checkpoint_that_cannot_be_written_leaves_the_save_and_logs_an_incident(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    store = open_store(
        f"sqlite:///{tmp_path / 'db.sqlite'}", load_catalogue(), checkpoint=blocked / "head"
    )
    with caplog.at_level(logging.ERROR, logger="shortlisting"):
        Services(store).accounts.bootstrap_admin(
            username="admin", display_name="Admin", password="a password of my own"
        )
    assert "audit checkpoint: NotADirectoryError" in caplog.text
    assert Services(store).accounts.authenticate("admin", "a password of my own")
