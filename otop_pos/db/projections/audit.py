"""The audit rows written beside every approved action, in the same transaction."""

from __future__ import annotations

import json
from typing import Any

from otop_pos.db import journal
from otop_pos.db.store import Store


def audit(
    store: Store, entry: journal.Entry, action: str, approved_by: int | None, detail: dict[str, Any]
) -> None:
    store.conn.execute(
        "INSERT INTO audit_log (terminal_id, seq, occurred_at, action, asked_by, approved_by,"
        " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.terminal_id,
            entry.seq,
            entry.occurred_at,
            action,
            entry.user_id,
            approved_by,
            json.dumps(detail, ensure_ascii=False, sort_keys=True),
        ),
    )


def sale_approvals(store: Store, entry: journal.Entry) -> None:
    """Discounts over the limit and price overrides on a sale's lines, into the log."""
    for ln in entry.payload["lines"]:
        approval = ln["approval"]
        if approval:
            audit(
                store,
                entry,
                approval["action"],
                approval["approved_by"],
                {
                    "receipt_no": entry.payload["receipt_no"],
                    "sku": ln["sku"],
                    "name": ln["name_th"],
                    "list_price": approval["list_price"],
                    "unit_price": ln["unit_price"],
                    "discount": ln["discount"],
                },
            )


def settings_changed(store: Store, entry: journal.Entry) -> None:
    """Only the audit row: who changed which settings, from what to what."""
    changes = [{k: c[k] for k in ("key", "old", "new")} for c in entry.payload["changes"]]
    audit(store, entry, "settings_changed", None, {"changes": changes})
