"""Read-side tables derived from journal entries.

`apply` runs in the same transaction as `journal.append`, so the tables and
the journal can never disagree; `rebuild` replays the journal from scratch,
which is also how a test proves the tables are only a projection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from otop_pos.db import journal
from otop_pos.db.projections import catalogue, consignment, refunds, selling, shifts, stock
from otop_pos.db.projections.errors import ProjectionError
from otop_pos.db.store import Store


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
    # stock
    "stock_count": stock.stock_count,
    "stock_adjust": stock.stock_adjust,
    # consignment
    "goods_received": consignment.goods_received,
    "producer_return": consignment.producer_return,
    "settlement": consignment.settlement,
    "payout": consignment.payout,
}

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
    "stock_month_sums",
    "stock_movements",
    *shifts.TABLES_AFTER_SALES,
)


def apply(store: Store, entry: journal.Entry) -> None:
    try:
        handler = HANDLERS[entry.kind]
    except KeyError as exc:
        raise ProjectionError(f"unknown journal kind {entry.kind!r}") from exc
    handler(store, entry)


def record(
    store: Store,
    terminal_id: str,
    kind: str,
    occurred_at: str,
    user_id: int | None,
    payload: dict[str, Any],
) -> journal.Entry:
    """Append an entry and project it: the only way business data is written."""
    entry = journal.append(store, terminal_id, kind, occurred_at, user_id, payload)
    apply(store, entry)
    return entry


def rebuild(store: Store) -> int:
    """Clear the read-side tables and replay every journal entry in order."""
    with store.transaction():
        for table in PROJECTED_TABLES:
            store.conn.execute(f"DELETE FROM {table}")
        replayed = 0
        terminals = [r[0] for r in store.query("SELECT DISTINCT terminal_id FROM journal")]
        for terminal_id in sorted(terminals):
            for entry in journal.entries(store, terminal_id):
                if entry.kind in ("producer_upsert", "product_upsert"):
                    continue  # catalogue rows keep their ids; upserts are idempotent
                apply(store, entry)
                replayed += 1
        return replayed
