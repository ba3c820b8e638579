"""Files in a backup folder: written under a temporary name, synced, then renamed.

A rename within one folder is atomic, so a folder only ever holds complete
backups and ``.partial`` files that never parse as one; a lock file keeps two
backups (the timer's and a Z's, or two processes) from writing one folder at
once, and whoever holds it removes the partial files a killed backup left.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from otop_pos.domain.backups.thinning import (
    BackupName,
    is_partial,
    parse,
    partial_name,
    to_delete,
)

LOCK_NAME = ".backup.lock"
FOLDER_NAME = "backups"  # beside the database: the till's own backups

try:  # POSIX; on Windows two backups at once are kept apart by their names only
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (directories cannot be opened for sync on Windows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold the folder's backup lock; stale partial files are removed under it."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_NAME).open("a") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            remove_partials(folder)
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def remove_partials(folder: Path) -> int:
    """Delete what a backup cut short left behind (only ever called under the lock)."""
    removed = 0
    for path in folder.iterdir():
        if is_partial(path.name):
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
    return removed


def folder_problem(folder: Path) -> str | None:
    """None when backups can be written here; else "missing", "not_folder" or "not_writable"."""
    if not folder.exists():
        return "missing"
    if not folder.is_dir():
        return "not_folder"
    probe = folder / ".backup-probe.partial"
    try:
        with probe.open("wb") as f:
            f.write(b"ok")
        probe.unlink()
    except OSError:
        return "not_writable"
    return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def written_whole(folder: Path, name: str) -> Iterator[Path]:
    """Under the folder's lock, the ``.partial`` path to write, sync and check; leaving the
    block normally renames it to ``name`` (and syncs the folder), any failure removes it."""
    with locked(folder):
        temp = folder / partial_name(name)
        try:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            yield temp
            os.replace(temp, folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
        fsync_folder(folder)


def copy_checked(source: Path, folder: Path) -> Path:
    """Copy a finished backup into another folder the same way, compared byte for byte."""
    with written_whole(folder, source.name) as temp:
        shutil.copyfile(source, temp)
        fsync_file(temp)
        if _sha256(temp) != _sha256(source):
            raise OSError(f"the copy in {folder} differs from {source}")
    return folder / source.name


def backups_in(folder: Path) -> list[BackupName]:
    """Our backups in a folder, oldest first (nothing else is listed)."""
    if not folder.is_dir():
        return []
    found = [b for p in folder.iterdir() if (b := parse(p.name)) is not None and p.is_file()]
    return sorted(found, key=lambda b: (b.taken_at, b.name))


def thin(folder: Path, now: datetime) -> list[str]:
    """Remove the backups thinning lets go; returns their names."""
    names = [b.name for b in backups_in(folder)]
    gone = to_delete(names, now)
    for name in gone:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    return gone
