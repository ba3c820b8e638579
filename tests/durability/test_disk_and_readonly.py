"""Full disk, read-only files, newer files and migrations: told plainly, nothing lost.

The design promise: when the disk is full or the file is read-only the sale
is not taken (and the cashier is told so in Thai), never half taken and never
silently lost; the cart stays so the cashier can try again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from durability_checks import check_store, run_cli_verify, table_counts
from helpers import CASHIER_PIN, make_centre

from otop_pos.db import journal
from otop_pos.db.schema import migrations
from otop_pos.db.schema.migrations import TooNewError
from otop_pos.db.store import Store, StoreError, open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import auth
from otop_pos.operations.errors import OperationError, user_message
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session

DISK_FULL_TH = "ดิสก์เต็ม"
READ_ONLY_TH = "อ่านอย่างเดียว"


def _big_cart(session: Session, lines: int = 150) -> Cart:
    """Alternate two products so every scan is its own line (lots of new pages)."""
    cart = Cart()
    for i in range(lines):
        selling.scan(session, cart, f"{i % 7 + 1}*8850000000014" if i % 2 else "8850000000021")
    assert len(cart.lines) == lines
    return cart


def _assert_refused_cleanly(
    session: Session, cart: Cart, counts: dict[str, int], thai: str
) -> StoreError:
    snapshot = cart.to_dict()
    with pytest.raises(StoreError) as err:
        checkout.complete_cash_sale(session, cart, cart.total + Money.baht(100))
    exc = err.value
    assert thai in exc.thai
    assert "ยังไม่ถูกบันทึก" in exc.thai  # "not saved": the cashier knows the sale was not taken
    assert user_message(exc) == exc.thai
    assert user_message(exc, "en") == exc.english
    assert cart.to_dict() == snapshot, "the cart must stay for a retry"
    store = session.store
    assert not store.conn.in_transaction
    assert table_counts(store) == counts, "something was written"
    assert journal.verify(store).ok
    return exc


# --- disk full --------------------------------------------------------------------------


@pytest.mark.parametrize("spare_pages", [0, 1, 2, 5, 10])
def test_disk_full_refuses_the_sale_and_keeps_the_cart(cashier: Session, spare_pages: int) -> None:
    """max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk does.

    Different margins make the failure land on different statements of the
    sale (counter, journal, sale row, lines, stock movements).
    """
    store = cashier.store
    cart = _big_cart(cashier)
    counts = table_counts(store)
    pages = store.scalar("PRAGMA page_count")
    assert store.scalar(f"PRAGMA max_page_count = {pages + spare_pages}") == pages + spare_pages

    exc = _assert_refused_cleanly(cashier, cart, counts, DISK_FULL_TH)
    assert "disk is full" in exc.english
    # Reads still work (the till can show the catalogue and the last receipts).
    assert selling.scan(cashier, Cart(), "8850000000038").product.sku == "TEA01"
    # A second try while still full is refused the same way.
    _assert_refused_cleanly(cashier, cart, counts, DISK_FULL_TH)

    store.scalar("PRAGMA max_page_count = 1073741823")
    result = checkout.complete_cash_sale(cashier, cart, cart.total)
    assert cart.is_empty
    assert result.receipt_no.endswith("0001"), "a failed attempt must not burn a number"
    facts = check_store(store)
    assert facts["receipts"] == {result.receipt_no}


def test_disk_full_surfaces_through_user_message_not_a_traceback(cashier: Session) -> None:
    """What the UI does with any refusal: one call, a Thai sentence."""
    cart = _big_cart(cashier, 60)
    pages = cashier.store.scalar("PRAGMA page_count")
    cashier.store.scalar(f"PRAGMA max_page_count = {pages}")
    try:
        checkout.complete_cash_sale(cashier, cart, cart.total)
    except (OperationError, StoreError) as exc:
        text = user_message(exc)
    else:
        pytest.fail("a sale was taken on a full disk")
    assert DISK_FULL_TH in text and "sqlite" not in text.lower()


@contextlib.contextmanager
def _tiny_tmpfs(where: Path, size: str) -> Iterator[Path]:
    where.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        pytest.skip("no mount command")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace')}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to mount")
def test_really_full_filesystem(tmp_path: Path) -> None:
    """The same on a real ENOSPC: a 1 MB tmpfs filled up by another file."""
    with _tiny_tmpfs(tmp_path / "small", "1m") as mnt:
        db = mnt / "centre.sqlite"
        store = open_store(db)
        try:
            session = make_centre(store)
            auth.login(session, 2, CASHIER_PIN)
            cart = _big_cart(session, 100)
            counts = table_counts(store)
            filler = mnt / "filler"
            with filler.open("wb", buffering=0) as f, contextlib.suppress(OSError):
                while True:
                    f.write(b"\0" * 4096)
            _assert_refused_cleanly(session, cart, counts, DISK_FULL_TH)
            store.close()
            store = open_store(db)  # as after a restart: still consistent
            assert table_counts(store) == counts
            check_store(store)
            session = Session.open(store)
            auth.login(session, 2, CASHIER_PIN)
            filler.unlink()  # the manager frees some space
            result = checkout.complete_cash_sale(session, cart, cart.total)
            assert result.receipt_no.endswith("0001")
            check_store(store)
        finally:
            store.close()


# --- read-only ------------------------------------------------------------------------


def _read_only_refusal(path: Path, *, read_only: bool) -> None:
    with sqlite3.connect(path) as raw:
        before = hashlib.sha256(
            raw.execute("SELECT group_concat(hash) FROM journal").fetchone()[0].encode()
        ).hexdigest()
    raw.close()
    store = open_store(path, read_only=read_only)
    try:
        session = Session.open(store)
        auth.login(session, 2, CASHIER_PIN)
        cart = Cart()
        selling.scan(session, cart, "2*8850000000014")
        selling.scan(session, cart, "8850000000021")
        counts = table_counts(store)
        exc = _assert_refused_cleanly(session, cart, counts, READ_ONLY_TH)
        assert "read-only" in exc.english
        with pytest.raises(StoreError) as err:
            selling.void_cart(session, cart)
        assert READ_ONLY_TH in err.value.thai
        assert not cart.is_empty
    finally:
        store.close()
    store = open_store(path, read_only=True)
    try:
        check_store(store)
        assert store.scalar("SELECT count(*) FROM sales") == 0
        after = hashlib.sha256(
            store.scalar("SELECT group_concat(hash) FROM journal").encode()
        ).hexdigest()
        assert after == before
    finally:
        store.close()


def _closed_centre(path: Path) -> None:
    store = open_store(path)
    make_centre(store)
    store.close()


def test_read_only_open_refuses_the_sale(tmp_path: Path) -> None:
    db = tmp_path / "centre.sqlite"
    _closed_centre(db)
    _read_only_refusal(db, read_only=True)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores file permissions"
)
def test_read_only_file_refuses_the_sale(tmp_path: Path) -> None:
    db = tmp_path / "centre.sqlite"
    _closed_centre(db)
    db.chmod(0o444)
    try:
        _read_only_refusal(db, read_only=False)
    finally:
        db.chmod(0o644)


# --- newer files and migrations ---------------------------------------------------------


def _open_fds_on(path: Path) -> list[str]:
    fd_dir = Path("/proc/self/fd")
    found = []
    for fd in fd_dir.iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith(str(path.resolve())):
                found.append(target)
    return found


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("read_only", [False, True])
def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path, read_only: bool) -> None:
    db = tmp_path / "centre.sqlite"
    _closed_centre(db)
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as raw:
        raw.execute("PRAGMA journal_mode = DELETE")  # as a newer release might leave it
        raw.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    digest = _file_digest(db)

    with pytest.raises(TooNewError) as err:
        open_store(db, read_only=read_only)
    assert "รุ่นใหม่กว่า" in str(err.value)
    assert user_message(err.value) == str(err.value)
    assert _file_digest(db) == digest, "a refused file must not be written to"
    if Path("/proc/self/fd").is_dir():
        assert not _open_fds_on(db), "a refused file must not be left open"
    with contextlib.closing(sqlite3.connect(db)) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST + 1
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    cli = run_cli_verify(db)
    assert cli.returncode == 2
    assert "รุ่นใหม่กว่า" in cli.stderr


def test_a_file_that_is_not_a_database_is_refused_plainly(tmp_path: Path) -> None:
    db = tmp_path / "centre.sqlite"
    db.write_bytes(b"PK\x03\x04 this is a zip, not a till database" * 100)
    digest = _file_digest(db)
    with pytest.raises(StoreError) as err:
        open_store(db)
    assert "ฐานข้อมูล" in err.value.thai
    assert _file_digest(db) == digest
    if Path("/proc/self/fd").is_dir():
        assert not _open_fds_on(db)
    cli = run_cli_verify(db)
    assert cli.returncode == 2 and "Traceback" not in cli.stderr


def test_an_old_empty_file_is_migrated_to_latest(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with contextlib.closing(sqlite3.connect(db)) as raw:
        raw.execute("CREATE TABLE leftover (x)")  # some content, but schema version 0
        raw.commit()
        assert raw.execute("PRAGMA user_version").fetchone()[0] == 0
    store = open_store(db)
    try:
        assert migrations.current_version(store) == migrations.LATEST
        tables = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"journal", "sales", "sale_lines", "payments", "stock_movements"} <= tables
        assert store.scalar("PRAGMA journal_mode") == "wal"
        assert store.scalar("PRAGMA foreign_keys") == 1
        assert store.scalar("PRAGMA synchronous") == 2  # FULL
    finally:
        store.close()
    store = open_store(db)  # opening again is a no-op
    try:
        assert migrations.current_version(store) == migrations.LATEST
        make_centre(store)
        check_store(store)
    finally:
        store.close()


def _schema(db: Path) -> list[tuple[str, str]]:
    with contextlib.closing(sqlite3.connect(db)) as raw:
        return sorted(raw.execute("SELECT type, name FROM sqlite_master").fetchall())


def _version(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as raw:
        return int(raw.execute("PRAGMA user_version").fetchone()[0])


class Boom(RuntimeError):
    pass


def _failing_python(store: Store) -> None:
    store.conn.execute("CREATE TABLE half_done (x INTEGER)")
    store.conn.execute("INSERT INTO half_done VALUES (1)")
    raise Boom("migration failed half way")


def _failing_sql(store: Store) -> None:
    store.conn.execute("CREATE TABLE half_done (x INTEGER)")
    store.conn.execute("ALTER TABLE no_such_table ADD COLUMN y")


@pytest.mark.parametrize(("step", "error"), [(_failing_python, Boom), (_failing_sql, StoreError)])
@pytest.mark.parametrize("start", ["latest", "empty"])
def test_a_failing_migration_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: object, error: type, start: str
) -> None:
    db = tmp_path / "centre.sqlite"
    if start == "latest":
        _closed_centre(db)
    else:
        sqlite3.connect(db).close()
    shutil.copy(db, tmp_path / "before.sqlite")
    version, schema = _version(db), _schema(db)
    assert version == (migrations.LATEST if start == "latest" else 0)

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(migrations, "LATEST", len(migrations.MIGRATIONS))
    with pytest.raises(error):
        open_store(db)
    if Path("/proc/self/fd").is_dir():
        assert not _open_fds_on(db), "the failed open must close the file"
    assert _version(db) == version
    assert _schema(db) == schema  # m001 of an empty file is rolled back too
    monkeypatch.undo()

    store = open_store(db)  # the old program still opens it normally
    try:
        assert migrations.current_version(store) == migrations.LATEST
        if start == "latest":
            check_store(store)
            assert store.scalar("SELECT count(*) FROM users") == 2
    finally:
        store.close()
