"""Whole-database consistency checks shared by the durability tests.

Every check compares the read-side tables with the journal (the truth) and
with each other, so a half-written sale, a lost stock movement or a burned
receipt number shows up as a precise assertion message.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from otop_pos.db import journal
from otop_pos.db.stock import levels
from otop_pos.db.store import Store, open_store
from otop_pos.domain.numbering import parse_doc_number


def run_cli_verify(db_path: Path) -> subprocess.CompletedProcess[str]:
    """`python -m otop_pos.cli.main journal verify --db PATH`, as a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", "journal", "verify", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def table_counts(store: Store) -> dict[str, int]:
    tables = ("journal", "sales", "sale_lines", "payments", "stock_movements", "doc_counters")
    return {t: int(store.scalar(f"SELECT count(*) FROM {t}")) for t in tables}


def check_store(store: Store) -> dict[str, Any]:
    """Assert that the tables are exactly the projection of a valid journal.

    Returns a few facts (receipts, sale count) for the caller's own checks.
    """
    assert store.scalar("PRAGMA integrity_check") == "ok"
    assert store.scalar("PRAGMA foreign_key_check") is None

    verified = journal.verify(store)
    assert verified.ok, f"journal broken: {verified}"

    entries: dict[tuple[str, int], tuple[str, dict[str, Any]]] = {
        (r["terminal_id"], r["seq"]): (r["kind"], json.loads(r["payload"]))
        for r in store.query("SELECT terminal_id, seq, kind, payload FROM journal")
    }
    sale_keys = {k for k, (kind, _) in entries.items() if kind == "sale"}
    sales = {(r["terminal_id"], r["seq"]): r for r in store.query("SELECT * FROM sales")}
    assert set(sales) == sale_keys, (
        f"sales rows without a journal entry: {sorted(set(sales) - sale_keys)[:5]}; "
        f"journal sales without a row: {sorted(sale_keys - set(sales))[:5]}"
    )
    assert len(sales) == len(sale_keys)

    lines: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for r in store.query("SELECT * FROM sale_lines ORDER BY sale_id, line_no"):
        lines[r["sale_id"]].append(
            (
                r["product_id"],
                r["name_th"],
                r["qty"],
                r["unit_price_satang"],
                r["discount_satang"],
                r["amount_satang"],
            )
        )
    payments: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for r in store.query("SELECT * FROM payments ORDER BY sale_id, line_no"):
        payments[r["sale_id"]].append((r["tender"], r["amount_satang"], r["reference"]))
    movements: dict[tuple[str, int], list[tuple[Any, ...]]] = defaultdict(list)
    for r in store.query("SELECT * FROM stock_movements"):
        movements[(r["terminal_id"], r["seq"])].append((r["product_id"], r["qty"], r["reason"]))

    sale_ids = {int(r["id"]) for r in sales.values()}
    assert set(lines) <= sale_ids, "sale_lines rows belong to no sale"
    assert set(payments) <= sale_ids, "payments rows belong to no sale"

    numbers: dict[str, list[int]] = defaultdict(list)
    for key, sale in sales.items():
        receipt = sale["receipt_no"]
        payload = entries[key][1]
        got_lines = lines.get(sale["id"], [])
        assert got_lines, f"sale {receipt} has no lines"
        assert got_lines == [
            (
                ln["product_id"],
                ln["name_th"],
                ln["qty"],
                ln["unit_price"],
                ln["discount"],
                ln["amount"],
            )
            for ln in payload["lines"]
        ], f"sale {receipt}: lines differ from its journal entry"
        assert sum(ln[5] for ln in got_lines) == sale["total_satang"] == payload["total"]
        assert receipt == payload["receipt_no"]
        assert (sale["vat_satang"], sale["rounding_satang"]) == (
            payload["vat"],
            payload["rounding"],
        )
        assert (sale["tendered_satang"], sale["change_satang"]) == (
            payload["tendered"],
            payload["change"],
        )
        got_payments = payments.get(sale["id"], [])
        assert got_payments == [
            (t["tender"], t["amount"], t.get("reference", "")) for t in payload["payments"]
        ], f"sale {receipt}: payments differ from its journal entry"
        paid = sum(p[1] for p in got_payments)
        assert paid == sale["total_satang"] + sale["rounding_satang"]
        assert sale["tendered_satang"] - paid == sale["change_satang"] >= 0
        expected_moves = Counter((ln[0], -ln[2], "sale") for ln in got_lines)
        assert Counter(movements.pop(key, [])) == expected_moves, (
            f"sale {receipt}: stock movements differ from its lines"
        )
        _pos, period, n = parse_doc_number(receipt)
        numbers[period].append(n)

    for key, moves in movements.items():
        assert key in entries, f"stock movements for {key} with no journal entry"
        kind, payload = entries[key]
        assert kind == "stock_adjust", f"stock movements for a {kind!r} entry {key}"
        assert Counter(moves) == Counter(
            (i["product_id"], i["qty"], payload["reason"]) for i in payload["items"]
        )

    # Receipt numbers: gap-free per period and never taken without a sale.
    counters = {
        r["period"]: r["last_no"]
        for r in store.query("SELECT period, last_no FROM doc_counters WHERE series = 'receipt'")
    }
    for period, ns in numbers.items():
        assert sorted(ns) == list(range(1, len(ns) + 1)), f"receipt numbers of {period} gap"
        assert counters.get(period) == len(ns), f"receipt counter of {period} ran ahead"
    assert set(counters) <= set(numbers), "a receipt counter moved without any sale"

    # Stock on hand is opening stock minus what was sold, counted three ways:
    # the movements, the journal's sale payloads and the sale_lines rows.
    opening: Counter[int] = Counter()
    sold_journal: Counter[int] = Counter()
    for kind, payload in entries.values():
        if kind == "stock_adjust":
            for i in payload["items"]:
                opening[i["product_id"]] += i["qty"]
        elif kind == "sale":
            for ln in payload["lines"]:
                sold_journal[ln["product_id"]] += ln["qty"]
    sold_rows: Counter[int] = Counter()
    for sale_lines in lines.values():
        for ln in sale_lines:
            sold_rows[ln[0]] += ln[2]
    assert +sold_rows == +sold_journal
    on_hand = levels.on_hand_all(store)
    assert set(on_hand) == set(opening) | set(sold_journal)
    for product_id, qty in on_hand.items():
        assert qty == opening[product_id] - sold_journal[product_id], f"stock of {product_id}"
        assert levels.on_hand(store, product_id) == qty

    return {
        "receipts": {s["receipt_no"] for s in sales.values()},
        "sales": len(sales),
        "journal_sales": len(sale_keys),
        "entries": len(entries),
    }


def check_file(db_path: Path, *, cli: bool = True) -> dict[str, Any]:
    """Open the file as the till would after a crash and check everything."""
    store = open_store(db_path)
    try:
        facts = check_store(store)
    finally:
        store.close()
    if cli:
        result = run_cli_verify(db_path)
        assert result.returncode == 0, f"CLI verify failed: {result.stdout}{result.stderr}"
        assert f"{facts['entries']} entries verified" in result.stdout
    return facts
