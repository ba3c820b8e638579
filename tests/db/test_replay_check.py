"""Replay is exact: the journal alone gives back every read table, row for row.

`rebuild()` on the live file must reproduce every derived table exactly
(ids, caches, month sums), and `otop-pos journal rebuild --check` must pass
on an untouched file and name the first table and row that an edit of the
read tables (not the journal) made differ. The commands run as the real CLI
in a separate process, on real files.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from books_helpers import mixed_day, raw_update
from shift_helpers import SILK, TEA, sell

from otop_pos.db import journal
from otop_pos.db.projections import record, replay_check
from otop_pos.db.store import open_store
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.session import Session


def run_check(db: Path) -> subprocess.CompletedProcess[str]:
    command = ["journal", "rebuild", "--check", "--db", str(db)]
    return subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", *command],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def day(manager: Session, db_path: Path) -> Path:
    """A centre after a day of every kind of entry, its connection closed."""
    mixed_day(manager, "P01", "P02")
    manager.store.close()
    return db_path


def test_every_table_is_either_derived_or_the_terminals_own(store) -> None:  # type: ignore[no-untyped-def]
    names = {
        r[0]
        for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith(("sqlite_", "product_search_"))
    }
    assert set(record.PROJECTED_TABLES) | set(record.TERMINAL_TABLES) == names
    assert not set(record.PROJECTED_TABLES) & set(record.TERMINAL_TABLES)
    assert sorted(replay_check.CHECKED_TABLES) == sorted(record.PROJECTED_TABLES)


def test_rebuild_reproduces_every_table_exactly(day: Path, tmp_path: Path) -> None:
    kinds = {r[0] for r in sqlite3.connect(day).execute("SELECT DISTINCT kind FROM journal")}
    assert kinds == set(record.HANDLERS) - {
        "books_acknowledged"
    }  # see tests/operations/test_books.py
    before = tmp_path / "before.sqlite"
    shutil.copy(day, before)
    store = open_store(day)
    try:
        replayed = record.rebuild(store)
        assert replayed == store.scalar("SELECT count(*) FROM journal")
        assert journal.verify(store).ok
    finally:
        store.close()
    assert replay_check.compare(before, day) is None
    raw_update(before, "UPDATE sale_days SET last_id = last_id + 1")
    found = replay_check.compare(before, day)
    assert found is not None and found.table == "sale_days"  # the comparison itself bites


def test_the_check_passes_on_an_untouched_file(day: Path) -> None:
    done = run_check(day)
    assert done.returncode == 0, done.stderr
    assert "tables OK" in done.stdout


@pytest.mark.parametrize(
    ("edit", "table", "column"),
    [
        ("UPDATE sales SET total_satang = total_satang + 100 WHERE id = 2", "sales", "total_satang"),
        ("UPDATE sale_lines SET producer_id = 2 WHERE sale_id = 1 AND line_no = 1", "sale_lines",
         "producer_id"),
        ("UPDATE payments SET tender = 'cash' WHERE sale_id = 2", "payments", "tender"),
        ("UPDATE products SET price_satang = 1 WHERE id = 1", "products", "price_satang"),
        ("UPDATE stock_levels SET qty = qty + 5 WHERE product_id = 2", "stock_levels", "qty"),
        ("UPDATE sale_month_sums SET amount_satang = 0", "sale_month_sums", "amount_satang"),
        ("UPDATE z_reports SET grand_total_satang = 1", "z_reports", "grand_total_satang"),
        ("UPDATE product_search SET name_th = 'x' WHERE rowid = 1", "product_search", "name_th"),
        ("UPDATE audit_log SET approved_by = NULL WHERE action = 'refund'", "audit_log",
         "approved_by"),
    ],
)  # fmt: skip
def test_an_edited_read_table_is_named_with_its_row(
    day: Path, edit: str, table: str, column: str
) -> None:
    assert raw_update(day, edit) >= 1
    store = open_store(day, read_only=True)
    try:
        found = replay_check.check(store)
        assert journal.verify(store).ok  # the journal itself is untouched
    finally:
        store.close()
    assert found is not None and found.table == table, found
    assert column in found.columns
    assert found.live is not None and found.replayed is not None


def test_the_command_names_the_edited_sale_and_its_entry(day: Path) -> None:
    seq = sqlite3.connect(day).execute("SELECT seq FROM sales WHERE id = 2").fetchone()[0]
    raw_update(day, "UPDATE sales SET total_satang = total_satang + 100 WHERE id = 2")
    done = run_check(day)
    assert done.returncode == 1, done.stdout
    assert "tables DIFFER: table sales row id=2" in done.stderr
    assert f"(journal entry T01/{seq})" in done.stderr and "total_satang live" in done.stderr
    assert "ตาราง sales" in done.stderr


def test_a_deleted_and_an_added_row_are_named(day: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    shutil.copy(day, other)
    raw_update(day, "DELETE FROM refund_lines WHERE refund_id = 1")
    done = run_check(day)
    assert done.returncode == 1 and "table refund_lines row refund_id=1, line_no=1" in done.stderr
    assert "missing from the live table" in done.stderr
    raw_update(
        other,
        "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at)"
        " VALUES (1, 3, 'intake', 'T01', 1, '2026-01-01T00:00:00+00:00')",
    )
    done = run_check(other)
    assert done.returncode == 1 and "table stock_movements" in done.stderr
    assert "the journal never wrote it" in done.stderr


def test_an_unreplayable_journal_is_named_by_its_entry(manager: Session, db_path: Path) -> None:
    store = manager.store
    with store.transaction():  # a payout nobody settled: refused when it was written...
        entry = journal.append(store, "T01", "payout", to_iso(utc_now()), 1, {
            "payout_no": "PY1", "producer_code": "P01", "method": "cash", "amount": 100,
        })  # fmt: skip
    store.close()
    done = run_check(db_path)  # ...so replaying it fails, and says where
    assert done.returncode == 1
    assert f"journal (journal entry T01/{entry.seq}) cannot be replayed" in done.stderr


def test_an_old_unstamped_sale_replays_with_the_catalogue_of_its_day(manager: Session) -> None:
    """Sale lines written before the till stamped them (schema 4's first sales) read the
    catalogue as the journal had it then, not as it is after the product moved."""
    store = manager.store
    pid = store.scalar("SELECT id FROM products WHERE sku = 'SILK01'")
    now = to_iso(utc_now())
    line = {"product_id": pid, "sku": "SILK01", "name_th": "ผ้าไหม", "qty": 1,
            "unit_price": 150_000, "discount": 0, "amount": 150_000}  # fmt: skip
    old_sale = {"receipt_no": "POS01-69010001", "pos_id": "POS01", "lines": [line],
                "total": 150_000, "rounding": 0, "vat": 9813, "vat_base": 140_187,
                "payments": [{"tender": "cash", "amount": 150_000}], "tendered": 150_000,
                "change": 0}  # fmt: skip
    with store.transaction():  # as the till wrote it then: no version, no declaration
        record.apply(store, journal.append(store, "T01", "sale", now, 2, old_sale))
    silk = dict(store.one("SELECT * FROM products WHERE id = ?", (pid,)))
    moved = {k: v for k, v in silk.items() if k not in ("id", "producer_id")}
    with store.transaction():
        record.record(store, "T01", "product_upsert", now, 1, {
            "products": [moved | {"producer_code": "P02", "barcodes": [SILK]}],
        })  # fmt: skip
    sell(manager, TEA)
    assert replay_check.check(store) is None
    record.rebuild(store)
    assert (
        store.scalar(
            "SELECT r.code FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
            " JOIN producers r ON r.id = l.producer_id WHERE s.receipt_no = 'POS01-69010001'"
        )
        == "P01"
    )
