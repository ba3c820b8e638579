"""A backup through SQLite's online backup API, checked before it gets its name.

The copy runs in steps of pages while the till keeps selling, is written to
a ``.partial`` name, synced, opened again and checked (``integrity_check``
and the whole journal chain: a chain may break only where the till's own
file breaks), and only then renamed to its final name. A
kill at any instant leaves the earlier backups as they were and at worst a
``.partial`` file, which the next backup removes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from otop_pos.db import journal
from otop_pos.db.backups.file_check import FileFacts, chain_break, inspect
from otop_pos.db.backups.folders import FOLDER_NAME, fsync_file, written_whole
from otop_pos.db.store import Store
from otop_pos.domain.backups.thinning import backup_name
from otop_pos.domain.thai.thaidate import utc_now

Progress = Callable[[int, int], None]
"""(pages copied, pages in all)."""

PAGES_PER_STEP = 256  # 1 MB of 4 KB pages between two looks at the till's writes


class BackupFailed(RuntimeError):
    """The copy was written but did not check out; nothing was renamed."""

    def __init__(self, facts: FileFacts) -> None:
        super().__init__(f"backup check failed: {facts.problem} {facts.detail}")
        self.facts = facts


def copy_pages(
    conn: sqlite3.Connection, target: Path, progress: Progress | None = None,
    pages: int = PAGES_PER_STEP,
) -> None:  # fmt: skip
    """Copy the open database into `target` (a new file), a step of pages at a time."""

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)

    dst = sqlite3.connect(target, isolation_level=None)
    try:
        conn.backup(dst, pages=pages, progress=step)
        # a copy of a WAL file is a WAL file; the backup is one self-contained file
        dst.execute("PRAGMA journal_mode = DELETE")
    finally:
        dst.close()


def write_snapshot(
    conn: sqlite3.Connection, folder: Path, name: str, progress: Progress | None = None,
    pages: int = PAGES_PER_STEP,
) -> tuple[Path, FileFacts]:  # fmt: skip
    """Back up the database of `conn` as `folder/name`, checked; the facts of the copy."""
    with written_whole(folder, name) as temp:
        copy_pages(conn, temp, progress, pages)
        fsync_file(temp)
        facts = inspect(temp)
        if facts.problem is not None and not _same_break(conn, facts):
            raise BackupFailed(facts)
    return folder / name, facts


def _same_break(conn: sqlite3.Connection, facts: FileFacts) -> bool:
    """A copy whose chain breaks exactly where the till's own file does is faithful: the
    break is the books check's news for the manager, never a reason to stop backing up."""
    if facts.problem != "chain":
        return False
    checked = journal.verify(Store(conn, ""))
    return not checked.ok and chain_break(checked) == facts.detail


def before_migration(store: Store) -> Path:
    """The copy `open_store` takes of a centre's file before migrating it."""
    terminal = store.scalar("SELECT value FROM settings WHERE key = 'terminal_id'") or "T01"
    folder = Path(store.path).resolve().parent / FOLDER_NAME
    now = utc_now()
    n = 0
    while (folder / (name := backup_name(str(terminal), now, "migrate", n))).exists():
        n += 1
    return write_snapshot(store.conn, folder, name)[0]
