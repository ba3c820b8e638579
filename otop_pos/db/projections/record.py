"""Read-side tables derived from journal entries.

`apply` runs in the same transaction as `journal.append`, so the tables and
the journal can never disagree; `rebuild` replays the journal from scratch,
which is also how a test proves the tables are only a projection.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from otop_pos.db import journal
from otop_pos.db.projections import (
    audit,
    catalogue,
    consignment,
    refunds,
    selling,
    shifts,
    staff,
    stock,
)
from otop_pos.db.projections.errors import ProjectionError
from otop_pos.db.store import Store
from otop_pos.domain.journal import kinds


def _no_projection(store: Store, entry: journal.Entry) -> None:
    """Audit-only kinds (e.g. a cart voided before payment) change no table."""


HANDLERS: dict[str, Callable[[Store, journal.Entry], None]] = {
    # catalogue
    "producer_upsert": catalogue.producer_upsert,
    "product_upsert": catalogue.product_upsert,
    "barcode_assign": catalogue.barcode_assign,
    # selling
    "sale": selling.sale,
    "cart_void": _no_projection,
    "tax_invoice": selling.tax_invoice,
    "sale_void": refunds.sale_void,
    "refund": refunds.refund,
    # shifts
    "shift_open": shifts.shift_open,
    "cash_move": shifts.cash_move,
    "shift_close": shifts.shift_close,
    "z_close": shifts.z_close,
    "drawer_open": shifts.drawer_open,
    "books_acknowledged": shifts.books_acknowledged,
    # stock
    "stock_count": stock.stock_count,
    "stock_adjust": stock.stock_adjust,
    # consignment
    "goods_received": consignment.goods_received,
    "producer_return": consignment.producer_return,
    "settlement": consignment.settlement,
    "payout": consignment.payout,
    # settings
    "settings_changed": audit.settings_changed,
    # staff
    "user_added": staff.user_added,
    "user_changed": staff.user_changed,
    "pin_reset": staff.pin_reset,
    "user_unlocked": staff.user_unlocked,
    "approval_refused": staff.approval_refused,
}

CATALOGUE_TABLES = ("price_history", "barcodes", "product_search", "products", "producers")
"""Derived from producer_upsert, product_upsert and barcode_assign; cleared after the rest."""

PROJECTED_TABLES = (
    *consignment.TABLES,
    *shifts.TABLES_BEFORE_SALES,
    "buyers",
    "tax_invoices",
    "payments",
    "sale_month_sums",
    "sale_lines",
    "sale_days",
    "sales",
    "stock_levels",
    "stock_month_sums",
    "stock_movements",
    *shifts.TABLES_AFTER_SALES,
    *CATALOGUE_TABLES,
)
"""Every table that follows from the journal, in the order a rebuild clears them."""

TERMINAL_TABLES = (
    "settings",
    "users",
    "producer_pins",
    "journal",
    "doc_counters",
    "print_log",
    "held_sales",
    "sync_state",
)
"""The terminal's own state, not derived from the journal: a rebuild never touches it."""


def apply(store: Store, entry: journal.Entry, *, checked: bool = False) -> None:
    """Project one stored entry, read through its kind's declaration (any version).

    ``checked``: the payload was checked against the current version just now
    (``record``), so only the defaults are filled in.
    """
    try:
        handler = HANDLERS[entry.kind]
    except KeyError as exc:
        raise ProjectionError(f"unknown journal kind {entry.kind!r}") from exc
    read = kinds.written if checked else kinds.to_read
    handler(store, replace(entry, payload=read(entry.kind, entry.payload)))


def record(
    store: Store,
    terminal_id: str,
    kind: str,
    occurred_at: str,
    user_id: int | None,
    payload: dict[str, Any],
) -> journal.Entry:
    """Append an entry and project it: the only way business data is written.

    The payload is checked against its kind's declaration first and stamped
    with the kind's version; one that does not match is refused before
    anything is written (`ContractError`).
    """
    checked = kinds.to_write(kind, payload)
    entry = journal.append(store, terminal_id, kind, occurred_at, user_id, checked)
    apply(store, entry, checked=True)
    return entry


def in_order(store: Store) -> Iterator[journal.Entry]:
    """Every entry in the order it was applied: each terminal's chain by seq.

    With one terminal (every till today) that is exactly the recording order,
    so a replay gives every row its old id. Several terminals' chains are
    merged by time, each kept in its own seq order.
    """
    terminals = journal.terminal_ids(store)

    def chain(terminal_id: str) -> Iterator[tuple[str, str, journal.Entry]]:
        for entry in journal.stream(store, terminal_id):
            yield entry.occurred_at, entry.terminal_id, entry

    for _, _, entry in heapq.merge(*(chain(t) for t in sorted(terminals))):
        yield entry


class ReplayError(ProjectionError):
    """An entry of the journal that cannot be applied on a replay."""

    def __init__(self, entry: journal.Entry, reason: str) -> None:
        super().__init__(f"entry {entry.terminal_id}/{entry.seq} ({entry.kind}): {reason}")
        self.entry = entry
        self.reason = reason


def replay(store: Store) -> int:
    """Apply every entry in order to empty read tables; the caller holds the transaction."""
    replayed = 0
    for entry in in_order(store):
        try:
            apply(store, entry)
        except (ValueError, KeyError, TypeError, sqlite3.IntegrityError) as exc:
            raise ReplayError(entry, str(exc) or type(exc).__name__) from exc
        replayed += 1
    return replayed


def rebuild(store: Store) -> int:
    """Clear every read table, the catalogue too, and replay the whole journal in order.

    Catalogue rows get their old ids back (payloads name products by id), so
    the terminal's own tables that point at them (kiosk PINs) are checked
    only at the commit: a producer the journal never created fails it.
    """
    with store.transaction():
        store.conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in PROJECTED_TABLES:
            store.conn.execute(f"DELETE FROM {table}")
        return replay(store)
