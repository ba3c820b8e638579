"""Backups and restore on real files: round trip, refusals, the second folder."""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from backup_helpers import every_table, sell
from helpers import MANAGER_PIN, make_centre

from otop_pos.db import journal
from otop_pos.db import settings as settings_db
from otop_pos.db.store import open_store
from otop_pos.domain.backups.thinning import parse
from otop_pos.operations import auth, centre_settings
from otop_pos.operations.backups import restore, snapshots
from otop_pos.operations.errors import OperationError
from otop_pos.operations.session import Session


def test_backup_then_restore_gives_back_every_table_row_for_row(
    manager: Session, db_path: Path
) -> None:
    sell(manager)
    done = snapshots.backup_now(manager)
    assert done.path.parent == db_path.parent / "backups"
    assert parse(done.path.name) is not None and done.facts.problem is None
    at_backup = every_table(done.path)
    assert at_backup["sales"] and at_backup["journal"]
    first_receipt = manager.store.scalar("SELECT receipt_no FROM sales")
    seq_at_backup = journal.head(manager.store, "T01")[0]

    later = [sell(manager) for _ in range(3)]
    assert manager.store.scalar("SELECT count(*) FROM sales") == 4

    result = restore.restore(manager, done.path)
    assert manager.user is None, "a restore logs out"
    assert every_table(db_path) == at_backup
    assert manager.store.scalar("SELECT receipt_no FROM sales") == first_receipt
    assert journal.verify(manager.store).ok
    assert result.plan.last is not None and result.plan.last.seq == seq_at_backup
    assert result.plan.lost == 3
    text = result.plan.summary()
    assert f"ลำดับที่ {seq_at_backup}" in text and "sale" in text and "/25" in text  # B.E. year
    assert "เซิร์ฟเวอร์จังหวัด" in text
    assert "provincial server" in result.plan.summary("en")
    # the file replaced was backed up first, whole
    with sqlite3.connect(result.before.path) as kept:
        assert {r[0] for r in kept.execute("SELECT receipt_no FROM sales")} >= set(later)
    kept.close()
    # and the till sells on the restored file (its numbers go on from the backup's)
    auth.login(manager, 1, MANAGER_PIN)
    assert sell(manager) == later[0]
    assert journal.verify(manager.store).ok
    assert not list(db_path.parent.glob(".*partial*"))


def _copy_of(manager: Session, tmp_path: Path, name: str) -> Path:
    done = snapshots.backup_now(manager)
    target = tmp_path / name
    shutil.copyfile(done.path, target)
    return target


def test_restore_refuses_a_damaged_file(manager: Session, tmp_path: Path) -> None:
    sell(manager)
    bad = _copy_of(manager, tmp_path, "damaged.sqlite")
    size = bad.stat().st_size
    with bad.open("r+b") as f:  # scribble over the middle pages
        f.seek(size // 2)
        f.write(os.urandom(8192))
    before = every_table(Path(manager.store.path))
    with pytest.raises(OperationError) as err:
        restore.restore(manager, bad)
    assert "เสียหาย" in err.value.thai or "สมุดบันทึก" in err.value.thai
    assert every_table(Path(manager.store.path)) == before


def test_restore_refuses_an_edited_journal(manager: Session, tmp_path: Path) -> None:
    sell(manager)
    edited = _copy_of(manager, tmp_path, "edited.sqlite")
    with sqlite3.connect(edited) as conn:
        conn.execute("UPDATE journal SET occurred_at = '2020-01-01' WHERE seq = 2")
    conn.close()
    with pytest.raises(OperationError) as err:
        restore.check_file(manager, edited)
    assert "สมุดบันทึก" in err.value.thai


def test_restore_refuses_what_is_not_a_centre(manager: Session, tmp_path: Path) -> None:
    for name, content in (("notes.sqlite", b"hello, not sqlite at all" * 200),
                          ("empty.sqlite", b"")):  # fmt: skip
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(OperationError) as err:
            restore.check_file(manager, path)
        assert "ไม่ใช่ข้อมูลของศูนย์" in err.value.thai


def _foreign(tmp_path: Path, name: str, **overrides: object) -> Path:
    path = tmp_path / name
    store = open_store(path)
    try:
        session = make_centre(store)
        settings_db.save(store, replace(session.settings, **overrides))  # type: ignore[arg-type]
    finally:
        store.close()
    return path


def test_restore_refuses_another_centre_and_another_terminal(
    manager: Session, tmp_path: Path
) -> None:
    other_centre = _foreign(tmp_path, "other-centre.sqlite", tax_id="0105536092641")
    with pytest.raises(OperationError) as err:
        restore.check_file(manager, other_centre)
    assert "ศูนย์อื่น" in err.value.thai
    other_terminal = _foreign(tmp_path, "other-terminal.sqlite", terminal_id="T02")
    with pytest.raises(OperationError) as err:
        restore.check_file(manager, other_terminal)
    assert "เครื่อง T02" in err.value.thai
    # same centre, same terminal name, but another till's chain
    twin = _foreign(tmp_path, "twin.sqlite")
    with pytest.raises(OperationError) as err:
        restore.check_file(manager, twin)
    assert "เริ่มต้นต่าง" in err.value.thai


def test_restore_needs_a_manager(cashier: Session, tmp_path: Path) -> None:
    with pytest.raises(OperationError):
        restore.check_file(cashier, tmp_path / "x.sqlite")


def test_restore_refuses_while_another_connection_has_the_file(
    manager: Session, db_path: Path
) -> None:
    done = snapshots.backup_now(manager)
    sell(manager)
    other = open_store(db_path)  # a till window left open on the same file
    try:
        with pytest.raises(OperationError) as err:
            restore.restore(manager, done.path)
        assert "เปิดฐานข้อมูลนี้อยู่" in err.value.thai
        assert manager.store.scalar("SELECT count(*) FROM sales") == 1, "nothing swapped"
    finally:
        other.close()
    assert not list(db_path.parent.glob(".*partial*"))


def test_a_missing_second_folder_is_a_warning_and_a_present_one_gets_a_copy(
    manager: Session, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    centre_settings.update(manager, {"backup_dir2": str(usb)})
    done = snapshots.backup_now(manager)
    assert done.path.exists() and done.copies == ()
    assert "ไม่พบโฟลเดอร์สำรองที่สอง" in done.warning_text()
    assert "missing" in done.warning_text("en")
    usb.mkdir()
    done = snapshots.backup_now(manager)
    assert done.warnings == ()
    assert [p.name for p in done.copies] == [done.path.name]
    assert done.copies[0].read_bytes() == done.path.read_bytes()
    usb.chmod(0o500)  # present but not writable (root ignores modes: then it is written)
    try:
        done = snapshots.backup_now(manager)
        if os.geteuid() != 0:
            assert "เขียนไฟล์ลงโฟลเดอร์สำรองที่สอง" in done.warning_text()
    finally:
        usb.chmod(0o700)


def test_a_backup_of_a_cashier_is_refused(cashier: Session) -> None:
    with pytest.raises(OperationError):
        snapshots.backup_now(cashier)


def test_a_file_whose_journal_was_edited_is_still_backed_up_faithfully(manager: Session) -> None:
    """Tampering the books check has found must not stop the backups: each copy is faithful
    (its chain breaks where the till's own does) and says so; a copy broken elsewhere is not."""
    sell(manager)
    sell(manager)
    with manager.store.transaction():
        manager.store.conn.execute("UPDATE journal SET occurred_at = '2020-01-01' WHERE seq = 2")
    broken = journal.verify(manager.store)
    assert not broken.ok and broken.broken_seq == 2
    result = snapshots.take_backup(manager.store, "manual")
    assert every_table(result.path) == every_table(Path(manager.store.path))
    assert result.facts.problem == "chain" and "seq 2" in result.facts.detail
    assert any("ขาดความต่อเนื่อง" in th for th, _en in result.warnings)
    assert snapshots.quietly(manager.store, "z") is not None  # the Z's backup goes on too
    with pytest.raises(OperationError):  # such a copy is still never restored over a till
        restore.check_file(manager, result.path)
