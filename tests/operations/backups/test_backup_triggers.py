"""When backups happen on their own: after a Z, before a migration, once a day; the commands."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backup_helpers import every_table, sell
from helpers import MANAGER_PIN

from otop_pos.cli.main import main
from otop_pos.db.backups.file_check import inspect
from otop_pos.db.schema.migrations import LATEST
from otop_pos.db.store import StoreError, open_store
from otop_pos.domain.backups.thinning import parse
from otop_pos.operations import centre_settings
from otop_pos.operations.backups import snapshots
from otop_pos.operations.session import Session
from otop_pos.operations.shifts import day_close

FIXTURES = Path(__file__).parent.parent.parent / "fixtures"


def _backups(db: Path) -> list[str]:
    folder = db.parent / "backups"
    return sorted(p.name for p in folder.iterdir() if parse(p.name)) if folder.is_dir() else []


def test_every_z_is_followed_by_a_backup(manager: Session, db_path: Path) -> None:
    sell(manager)
    z = day_close.close_day(manager)
    names = _backups(db_path)
    assert len(names) == 1 and names[0].endswith("-z.sqlite")
    copy = every_table(db_path.parent / "backups" / names[0])
    assert any(row for row in copy["z_reports"]), "the Z itself is in its backup"
    assert z.z_no == 1


def test_a_failed_backup_never_fails_the_z(manager: Session, db_path: Path) -> None:
    sell(manager)
    (db_path.parent / "backups").write_text("a file where the folder should be")
    z = day_close.close_day(manager)
    assert z.z_no == 1
    assert manager.store.scalar("SELECT count(*) FROM z_reports") == 1


def test_a_centre_file_is_backed_up_before_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite"
    with gzip.open(FIXTURES / "schema5-centre.sqlite.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    old_rows = every_table(path)
    store = open_store(path)
    store.close()
    names = _backups(path)
    assert len(names) == 1 and names[0].endswith("-migrate.sqlite")
    kept = path.parent / "backups" / names[0]
    assert inspect(kept).schema == 5 < LATEST
    assert every_table(kept) == old_rows
    open_store(path).close()  # already migrated: no second copy
    assert len(_backups(path)) == 1


def test_no_migration_without_its_backup(tmp_path: Path) -> None:
    path = tmp_path / "centre.sqlite"
    with gzip.open(FIXTURES / "schema5-centre.sqlite.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    (tmp_path / "backups").write_text("not a folder")
    before = path.read_bytes()
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert "สำรองข้อมูลก่อนปรับรุ่น" in err.value.thai
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 5
    raw.close()
    assert path.read_bytes() == before


def test_a_daily_backup_is_due_once_per_bangkok_day(manager: Session, db_path: Path) -> None:
    late = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)  # 23:30 in Bangkok
    assert snapshots.due(db_path, "T01", late)
    snapshots.take_backup(manager.store, "daily", now=late)
    assert not snapshots.due(db_path, "T01", late + timedelta(minutes=20))
    assert snapshots.due(db_path, "T01", late + timedelta(minutes=31)), "a new Bangkok day"


def test_backup_and_restore_commands(manager: Session, db_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    sell(manager)
    usb = tmp_path / "usb"
    centre_settings.update(manager, {"backup_dir2": str(usb)})
    manager.store.close()
    assert main(["backup", "--db", str(db_path)]) == 0
    out, err = capsys.readouterr()
    assert "สำรองข้อมูลแล้ว" in out and "ไม่พบโฟลเดอร์สำรองที่สอง" in err
    assert main(["backup", "--db", str(db_path), "--to", str(tmp_path / "elsewhere")]) == 0
    taken = next((tmp_path / "elsewhere").iterdir())
    store = open_store(db_path)
    session = Session.open(store)
    from otop_pos.operations import auth

    auth.login(session, 1, MANAGER_PIN)
    sell(session)
    store.close()
    argv = ["restore", str(taken), "--db", str(db_path), "--user", "1", "--yes"]
    assert main([*argv, "--pin", "0000"]) != 0
    capsys.readouterr()
    assert main([*argv, "--pin", MANAGER_PIN]) == 0
    out, _ = capsys.readouterr()
    assert "สมุดบันทึกที่นำกลับมาสิ้นสุดที่รายการลำดับที่" in out and "1 รายการ" in out
    assert every_table(db_path)["sales"] == every_table(taken)["sales"]
    # a disk that died: the backup becomes the database, the PIN checked against it
    gone = tmp_path / "new-pc" / "centre.sqlite"
    assert main(["restore", str(taken), "--db", str(gone), "--pin", MANAGER_PIN]) == 0
    assert every_table(gone)["journal"] == every_table(taken)["journal"]


def test_an_old_file_with_an_edited_journal_is_still_backed_up_and_migrated(
    tmp_path: Path,
) -> None:
    """The break is the books check's news after the upgrade, not a reason to refuse it."""
    path = tmp_path / "centre.sqlite"
    with gzip.open(FIXTURES / "schema5-centre.sqlite.gz") as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE journal SET occurred_at = '2020-01-01' WHERE seq = 3")
    raw.close()
    old_rows = every_table(path)
    open_store(path).close()
    [name] = _backups(path)
    kept = path.parent / "backups" / name
    assert inspect(kept).problem == "chain" and every_table(kept) == old_rows
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST
    raw.close()
