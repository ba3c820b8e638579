"""Settled statements and payouts: the producer's account with the centre."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from otop_pos.db.store import Store


def last_settlements(store: Store, producer_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """producer id -> its latest statement's period_to and covers."""
    rows = store.query(
        "SELECT s.producer_id, s.period_to, s.covers FROM settlements s"
        " JOIN (SELECT producer_id, max(period_to) AS last FROM settlements"
        "  WHERE producer_id IN (SELECT value FROM json_each(?)) GROUP BY producer_id) m"
        " ON m.producer_id = s.producer_id AND m.last = s.period_to",
        (json.dumps(list(producer_ids)),),
    )
    return {int(r[0]): {"period_to": str(r[1]), "covers": json.loads(r[2])} for r in rows}


def balances(store: Store, producer_ids: Sequence[int]) -> dict[int, int]:
    """Settled amounts less payouts, in satang, per producer."""
    ids = json.dumps(list(producer_ids))
    out: dict[int, int] = {}
    for pid, amount in store.query(
        "SELECT producer_id, sum(payable_satang) FROM settlements"
        " WHERE producer_id IN (SELECT value FROM json_each(?)) GROUP BY producer_id",
        (ids,),
    ):
        out[int(pid)] = int(amount)
    for pid, amount in store.query(
        "SELECT producer_id, sum(amount_satang) FROM payouts"
        " WHERE producer_id IN (SELECT value FROM json_each(?)) GROUP BY producer_id",
        (ids,),
    ):
        out[int(pid)] = out.get(int(pid), 0) - int(amount)
    return out


def of_producer(store: Store, producer_id: int, limit: int = 24) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT settlement_no, period_from, period_to, payable_satang, settled_at"
            " FROM settlements WHERE producer_id = ? ORDER BY period_to DESC LIMIT ?",
            (producer_id, limit),
        )
    ]


def by_no(store: Store, settlement_no: str) -> dict[str, Any] | None:
    row = store.one("SELECT * FROM settlements WHERE settlement_no = ?", (settlement_no,))
    if row is None:
        return None
    out = dict(row)
    out["figures"] = json.loads(out["figures"])
    out["covers"] = json.loads(out["covers"])
    return out


def payouts_of(store: Store, producer_id: int, limit: int = 24) -> list[dict[str, Any]]:
    return [
        dict(r)
        for r in store.query(
            "SELECT payout_no, paid_at, method, amount_satang, reference FROM payouts"
            " WHERE producer_id = ? ORDER BY paid_at DESC LIMIT ?",
            (producer_id, limit),
        )
    ]


def last_payout(store: Store, producer_id: int) -> dict[str, Any] | None:
    row = store.one(
        "SELECT payout_no, paid_at, method, amount_satang FROM payouts WHERE producer_id = ?"
        " ORDER BY paid_at DESC LIMIT 1",
        (producer_id,),
    )
    return None if row is None else dict(row)
