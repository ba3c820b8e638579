"""A backup killed with SIGKILL at any point loses nothing.

A worker backs up a centre of several megabytes in steps of pages, slowed
between steps, and is killed at a quarter, a half, three quarters and the
end of the copy (the check and the rename come after the last step). Each
time: the earlier backup is byte for byte as it was and still checks out,
no file in the folder reads as a backup that is not one (a copy cut short
is only ever a ``.partial``), the database is sound, and the next backup
works and sweeps the partial away.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import make_centre

from otop_pos.db import journal
from otop_pos.db.backups.file_check import inspect
from otop_pos.db.store import open_store
from otop_pos.domain.backups.thinning import is_partial, parse
from otop_pos.operations.backups.snapshots import take_backup

WORKER = Path(__file__).with_name("backup_worker.py")
TIMEOUT_S = 60.0

pytestmark = pytest.mark.slow


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _centre(db: Path) -> None:
    store = open_store(db)
    try:
        make_centre(store)
    finally:
        store.close()
    with sqlite3.connect(db) as raw:  # bulk, so the copy takes many steps of pages
        raw.execute("CREATE TABLE ballast (b BLOB)")
        raw.executemany("INSERT INTO ballast VALUES (randomblob(65536))", [()] * 150)
    raw.close()


def _run_until(db: Path, out: Path, fraction: float) -> list[str]:
    """Start a backup, SIGKILL it once `fraction` of its pages are copied; its lines."""
    with out.open("w") as stdout:
        proc = subprocess.Popen([sys.executable, str(WORKER), str(db)], stdout=stdout,
                                stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while True:
            lines = out.read_text().splitlines()
            steps = [tuple(map(int, ln.split()[1:])) for ln in lines if ln.startswith("STEP")]
            if steps and steps[-1][0] >= fraction * steps[-1][1]:
                break
            if proc.poll() is not None:
                pytest.fail(f"the backup ended before its kill: {proc.stderr.read()!r}")  # type: ignore[union-attr]
            if time.monotonic() > deadline:
                pytest.fail("the backup did not get going")
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stderr.close()  # type: ignore[union-attr]
    lines = out.read_text().splitlines()
    finished = any(ln.startswith("DONE") for ln in lines)  # at the very end it may win the race
    assert proc.returncode == -signal.SIGKILL or (finished and proc.returncode == 0)
    return lines


def test_a_backup_killed_anywhere_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "centre.sqlite"
    _centre(db)
    store = open_store(db)
    try:
        earlier = take_backup(store, "z").path
    finally:
        store.close()
    folder = earlier.parent
    kept = _digest(earlier)
    killed_mid_copy = 0
    for n, fraction in enumerate((0.25, 0.5, 0.75, 1.0)):
        lines = _run_until(db, tmp_path / f"out{n}.txt", fraction)
        if not any(ln.startswith("DONE") for ln in lines):
            killed_mid_copy += 1
        assert _digest(earlier) == kept, "the earlier backup is untouched"
        assert inspect(earlier).problem is None
        for path in folder.iterdir():
            if parse(path.name) is not None:
                assert inspect(path).problem is None, f"{path.name} reads as a backup but is not"
            else:
                assert is_partial(path.name) or path.name.startswith(".backup"), path.name
        store = open_store(db)
        try:
            assert journal.verify(store).ok
        finally:
            store.close()
    assert killed_mid_copy >= 3, "the kills landed in the middle of copies"
    store = open_store(db)
    try:
        after = take_backup(store, "manual")
    finally:
        store.close()
    assert after.facts.problem is None and after.path.exists()
    assert not [p for p in folder.iterdir() if is_partial(p.name)], "the next backup swept up"
