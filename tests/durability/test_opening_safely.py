"""Opening a file that is not a centre's, or one on read-only media: refused or read, plainly.

A 0-byte file (a failed copy, a typo'd `touch`) used to crash `journal verify`
and be silently turned into a new, empty centre by `run`; a USB stick set to
read-only could not even be verified. Every refusal here is a Thai sentence
and exit code 2, never a traceback, and the file is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from durability_checks import run_cli_verify
from helpers import make_centre

from otop_pos.cli.main import main
from otop_pos.db.store import StoreError, open_store
from otop_pos.operations.startup import open_session

NOT_A_CENTRE = "ไม่ใช่ไฟล์ของศูนย์"


def _foreign_sqlite(path: Path) -> Path:
    with contextlib.closing(sqlite3.connect(path)) as raw:
        raw.execute("CREATE TABLE photos (name TEXT)")
        raw.execute("PRAGMA user_version = 3")
        raw.commit()
    return path


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    text = tmp_path / "notes.sqlite"
    text.write_text("รายการสินค้า\n", encoding="utf-8")
    return {"empty": empty, "text": text, "foreign": _foreign_sqlite(tmp_path / "photos.sqlite")}


@pytest.mark.parametrize("which", ["empty", "text", "foreign"])
def test_journal_verify_refuses_a_file_that_is_not_a_centres(tmp_path: Path, which: str) -> None:
    path = _bad_files(tmp_path)[which]
    before = path.read_bytes()
    done = run_cli_verify(path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert NOT_A_CENTRE in done.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("which", ["empty", "foreign"])
@pytest.mark.parametrize(
    "command",
    [["journal", "verify"], ["journal", "rebuild", "--check"], ["tenders"], ["settings"]],
)
def test_every_command_refuses_a_file_that_is_not_a_centres(
    tmp_path: Path, which: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_files(tmp_path)[which]
    before = path.read_bytes()
    assert main([*command, "--db", str(path)]) == 2
    assert NOT_A_CENTRE in capsys.readouterr().err
    assert path.read_bytes() == before


def test_the_till_does_not_turn_an_empty_file_into_a_new_centre(tmp_path: Path) -> None:
    empty = tmp_path / "centre.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(StoreError) as refused:
        open_session(empty)
    assert NOT_A_CENTRE in refused.value.thai
    assert empty.stat().st_size == 0


def test_the_till_refuses_a_database_without_a_centre(tmp_path: Path) -> None:
    """Tables but no centre in them (a file left by an old, interrupted start): refused too."""
    path = tmp_path / "centre.sqlite"
    open_store(path).close()
    with pytest.raises(StoreError) as refused:
        open_session(path)
    assert NOT_A_CENTRE in refused.value.thai


def test_run_on_an_empty_file_refuses_without_opening_a_window(tmp_path: Path) -> None:
    empty = tmp_path / "centre.sqlite"
    empty.write_bytes(b"")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "otop_pos.cli.main", "run", "--db", str(empty)],
            capture_output=True, text=True, timeout=60, check=False, env=env,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("`otop-pos run` opened a window on a 0-byte file instead of refusing it")
    assert done.returncode == 2, done.stderr
    assert NOT_A_CENTRE in done.stderr and "Traceback" not in done.stderr
    assert empty.stat().st_size == 0


def test_a_folder_that_is_a_file_is_a_plain_refusal(tmp_path: Path) -> None:
    """ "unable to open database file" at open: Thai and English, never an OSError."""
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError) as refused:
        open_store(blocker / "centre.sqlite")
    assert refused.value.kind == "cantopen"
    assert "เปิดไฟล์ฐานข้อมูลไม่ได้" in refused.value.thai


def test_a_folder_given_as_the_database_is_a_plain_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite would say "disk I/O error" for a directory: the command says what it is."""
    folder = tmp_path / "centre.sqlite"
    folder.mkdir()
    assert main(["journal", "verify", "--db", str(folder)]) == 2
    err = capsys.readouterr().err
    assert NOT_A_CENTRE in err and "Traceback" not in err


@contextlib.contextmanager
def _read_only_media(where: Path) -> Iterator[Path]:
    """A small tmpfs holding a real centre, then remounted read-only (a locked USB stick)."""
    where.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(where)],
            capture_output=True, check=False,
        )  # fmt: skip
    except FileNotFoundError:
        pytest.skip("no mount command")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        store = open_store(where / "centre.sqlite")
        make_centre(store)
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
        yield where / "centre.sqlite"
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to mount")
def test_journal_verify_reads_a_centre_on_read_only_media(tmp_path: Path) -> None:
    with _read_only_media(tmp_path / "stick") as db:
        done = run_cli_verify(db)
        assert done.returncode == 0, done.stderr
        assert "journal OK" in done.stdout
        assert sorted(p.name for p in db.parent.iterdir()) == ["centre.sqlite"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_journal_verify_reads_a_centre_in_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    store = open_store(folder / "centre.sqlite")
    make_centre(store)
    store.close()
    (folder / "centre.sqlite").chmod(0o444)
    folder.chmod(0o555)
    try:
        done = run_cli_verify(folder / "centre.sqlite")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "journal OK" in done.stdout
