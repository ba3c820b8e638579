"""Tampering with the journal file is detected at the exact first broken seq.

The tampering is done the way someone with the file would do it: a raw
sqlite3 connection, no foreign keys, no help from the store.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from durability_checks import check_store, run_cli_verify

from otop_pos.db import journal
from otop_pos.db.projections import record
from otop_pos.db.store import Store, open_store
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout
from otop_pos.operations.session import Session

SALES = [
    ["8850000000014", "2*8850000000021"],
    ["3*8850000000038"],
    ["8850000000021", "8850000000014", "8850000000038"],
    ["5*8850000000014"],
]


@pytest.fixture
def sold(cashier: Session, db_path: Path) -> Iterator[tuple[Path, list[int]]]:
    """A centre with four cash sales and one voided cart; -> (file, sale seqs)."""
    seqs = []
    for i, codes in enumerate(SALES):
        cart = Cart()
        for code in codes:
            selling.scan(cashier, cart, code)
        seqs.append(checkout.complete_cash_sale(cashier, cart, cart.total + Money(i * 1000)).seq)
        if i == 1:
            cart = Cart()
            selling.scan(cashier, cart, "8850000000021")
            selling.void_cart(cashier, cart)
    assert journal.verify(cashier.store).ok
    yield db_path, seqs


def _raw(db: Path) -> sqlite3.Connection:
    return sqlite3.connect(db, isolation_level=None)


def _verify(db: Path) -> journal.VerifyResult:
    store = open_store(db)
    try:
        return journal.verify(store)
    finally:
        store.close()


def _assert_broken_at(db: Path, seq: int) -> None:
    result = _verify(db)
    assert not result.ok
    assert (result.terminal_id, result.broken_seq) == ("T01", seq), result
    assert result.reason
    cli = run_cli_verify(db)
    assert cli.returncode == 1, cli
    assert f"terminal T01 seq {seq}:" in cli.stderr, cli.stderr
    assert "journal OK" not in cli.stdout


def test_untouched_journal_verifies(sold: tuple[Path, list[int]]) -> None:
    db, _ = sold
    result = _verify(db)
    assert result.ok and result.broken_seq is None
    assert (
        result.checked == 2 + 3 + len(SALES) + 1
    )  # users, catalogue, products, stock, sales, void
    cli = run_cli_verify(db)
    assert cli.returncode == 0, cli.stderr
    assert f"journal OK: {result.checked} entries verified" in cli.stdout


def test_one_changed_payload_byte_breaks_that_seq(sold: tuple[Path, list[int]]) -> None:
    db, seqs = sold
    seq = seqs[1]
    with _raw(db) as conn:
        payload = conn.execute("SELECT payload FROM journal WHERE seq = ?", (seq,)).fetchone()[0]
        i = payload.index('"total":') + len('"total":')
        new_digit = "9" if payload[i] != "9" else "8"
        conn.execute(
            "UPDATE journal SET payload = substr(payload, 1, ?) || ? || substr(payload, ?)"
            " WHERE seq = ?",
            (i, new_digit, i + 2, seq),
        )
        changed = conn.execute("SELECT payload FROM journal WHERE seq = ?", (seq,)).fetchone()[0]
    conn.close()
    assert len(changed) == len(payload)
    assert sum(a != b for a, b in zip(changed, payload, strict=True)) == 1
    _assert_broken_at(db, seq)


def test_any_single_character_change_anywhere_in_a_payload_is_caught(
    sold: tuple[Path, list[int]],
) -> None:
    """Every position of every entry's payload, a sample of replacement characters."""
    db, _ = sold
    rng = random.Random(7)
    conn = _raw(db)
    store = open_store(db)
    try:
        rows = conn.execute("SELECT seq, payload FROM journal ORDER BY seq").fetchall()
        for seq, payload in rows:
            positions = range(len(payload))
            for i in rng.sample(positions, min(20, len(payload))):
                for ch in sorted({'"', "0", "9", "x", "ก", " "} - {payload[i]}):
                    tampered = payload[:i] + ch + payload[i + 1 :]
                    conn.execute("UPDATE journal SET payload = ? WHERE seq = ?", (tampered, seq))
                    result = journal.verify(store)
                    assert (result.ok, result.broken_seq) == (False, seq), (seq, i, ch)
            conn.execute("UPDATE journal SET payload = ? WHERE seq = ?", (payload, seq))
        assert journal.verify(store).ok
    finally:
        store.close()
        conn.close()


def test_deleted_middle_entry_breaks_at_its_seq(sold: tuple[Path, list[int]]) -> None:
    db, seqs = sold
    seq = seqs[2]
    conn = _raw(db)
    with conn:
        assert conn.execute("DELETE FROM journal WHERE seq = ?", (seq,)).rowcount == 1
    conn.close()
    _assert_broken_at(db, seq)
    assert "missing seq" in _verify(db).reason


def test_changed_hash_breaks_at_that_seq(sold: tuple[Path, list[int]]) -> None:
    db, seqs = sold
    seq = seqs[0]
    conn = _raw(db)
    with conn:
        digest = conn.execute("SELECT hash FROM journal WHERE seq = ?", (seq,)).fetchone()[0]
        forged = ("0" if digest[0] != "0" else "1") + digest[1:]
        conn.execute("UPDATE journal SET hash = ? WHERE seq = ?", (forged, seq))
    conn.close()
    _assert_broken_at(db, seq)


def test_changed_last_hash_is_caught(sold: tuple[Path, list[int]]) -> None:
    db, _ = sold
    conn = _raw(db)
    with conn:
        last = conn.execute("SELECT max(seq) FROM journal").fetchone()[0]
        conn.execute("UPDATE journal SET hash = upper(hash) WHERE seq = ?", (last,))
    conn.close()
    _assert_broken_at(db, last)


def test_rehashed_edit_breaks_at_the_next_seq(sold: tuple[Path, list[int]]) -> None:
    """Editing a sale and recomputing its own hash still breaks the link to the next one."""
    db, seqs = sold
    seq = seqs[1]
    conn = _raw(db)
    with conn:
        row = conn.execute(
            "SELECT terminal_id, kind, occurred_at, user_id, payload, prev_hash FROM journal"
            " WHERE seq = ?",
            (seq,),
        ).fetchone()
        terminal_id, kind, occurred_at, user_id, payload_json, prev_hash = row
        payload = json.loads(payload_json)
        payload["total"] -= 100
        new_json = journal.canonical_json(payload)
        digest = journal.entry_hash(
            prev_hash, terminal_id, seq, kind, occurred_at, user_id, new_json
        )
        conn.execute(
            "UPDATE journal SET payload = ?, hash = ? WHERE seq = ?", (new_json, digest, seq)
        )
    conn.close()
    _assert_broken_at(db, seq + 1)


def _projection_content(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """The projected tables without their autoincrement ids (sale_id -> receipt_no)."""
    return {
        "sales": sorted(
            tuple(r)
            for r in store.query(
                "SELECT terminal_id, seq, receipt_no, occurred_at, cashier_id, total_satang,"
                " vat_satang, rounding_satang, tendered_satang, change_satang, status FROM sales"
            )
        ),
        "sale_lines": sorted(
            tuple(r)
            for r in store.query(
                "SELECT s.receipt_no, l.line_no, l.product_id, l.name_th, l.qty,"
                " l.unit_price_satang, l.discount_satang, l.amount_satang"
                " FROM sale_lines l JOIN sales s ON s.id = l.sale_id"
            )
        ),
        "payments": sorted(
            tuple(r)
            for r in store.query(
                "SELECT s.receipt_no, p.line_no, p.tender, p.amount_satang, p.reference"
                " FROM payments p JOIN sales s ON s.id = p.sale_id"
            )
        ),
        "stock_movements": sorted(
            tuple(r)
            for r in store.query(
                "SELECT product_id, qty, reason, terminal_id, seq, occurred_at FROM stock_movements"
            )
        ),
        "counts": [
            tuple(store.scalar(f"SELECT count(*) FROM {t}") for t in record.PROJECTED_TABLES)
        ],
    }


def test_rebuild_reproduces_the_projected_tables(sold: tuple[Path, list[int]]) -> None:
    db, _ = sold
    store = open_store(db)
    try:
        before = _projection_content(store)
        assert len(before["sales"]) == len(SALES)
        assert len(before["sale_lines"]) == 7
        replayed = record.rebuild(store)
        assert replayed == 2 + 3 + len(SALES) + 1  # users, catalogue, stock, sales, cart_void
        assert _projection_content(store) == before
        check_store(store)
        assert journal.verify(store).ok
        # Rebuilding twice changes nothing either.
        record.rebuild(store)
        assert _projection_content(store) == before
    finally:
        store.close()


@pytest.mark.parametrize(
    "tear",
    [
        "DELETE FROM stock_movements WHERE id = (SELECT max(id) FROM stock_movements)",
        "DELETE FROM payments WHERE sale_id = (SELECT max(id) FROM sales)",
        "DELETE FROM sale_lines WHERE sale_id = (SELECT max(id) FROM sales) AND line_no = 1",
        "DELETE FROM sales WHERE id = (SELECT max(id) FROM sales)",
        "UPDATE sale_lines SET amount_satang = amount_satang + 1 WHERE line_no = 1",
        "UPDATE doc_counters SET last_no = last_no + 1",
        "INSERT INTO stock_movements (product_id, qty, reason, terminal_id, seq, occurred_at)"
        " VALUES (1, -1, 'sale', 'T01', 999, '2026-01-01T00:00:00+00:00')",
    ],
)
def test_the_consistency_checker_catches_a_torn_sale(
    sold: tuple[Path, list[int]], tear: str
) -> None:
    """The kill -9 test relies on check_store; prove it fails on a half-written sale."""
    db, _ = sold
    store = open_store(db)
    try:
        check_store(store)
        store.conn.execute("PRAGMA foreign_keys = OFF")
        store.conn.execute(tear)
        with pytest.raises(AssertionError):
            check_store(store)
    finally:
        store.close()
