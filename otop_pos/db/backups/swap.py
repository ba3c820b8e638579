"""Putting a backup in place of the centre's file, atomically, with nobody on it.

The backup is first copied beside the database under a ``.partial`` name
(the same folder, so the final rename is atomic). Before the rename the
current file is switched out of WAL: SQLite allows that only when no other
connection is open, so a till still running on the file is found, and the
WAL is folded in and removed rather than left to be read into the restored
file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from otop_pos.db.backups.folders import fsync_file, fsync_folder
from otop_pos.db.backups.snapshot import copy_pages
from otop_pos.domain.backups.thinning import partial_name


class FileInUse(RuntimeError):
    """Another connection (a till window, a command) has the database open."""


def stage(candidate: Path, db: Path) -> Path:
    """A complete copy of `candidate` beside `db`, under a name never taken for a database."""
    temp = db.parent / partial_name(f"restore-{db.name}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    src = sqlite3.connect(f"{Path(candidate).resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy_pages(src, temp)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        src.close()
    fsync_file(temp)
    return temp


def swap_in(temp: Path, db: Path) -> None:
    """Rename `temp` over `db` once nobody else has `db` open; FileInUse otherwise."""
    conn = None
    if db.exists():
        conn = sqlite3.connect(db, isolation_level=None, timeout=0.2)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            conn.close()
            raise FileInUse(str(exc)) from exc
        if str(mode).lower() != "delete":
            conn.close()
            raise FileInUse(f"journal mode stayed {mode}")
    try:
        os.replace(temp, db)
        fsync_folder(db.parent)
    finally:
        if conn is not None:
            conn.close()
    for extra in (
        "-wal",
        "-shm",
        "-journal",
    ):  # none should exist; never read them into the new file
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db}{extra}").unlink()
