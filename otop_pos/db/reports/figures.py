"""Sales figures over a scope: a terminal's journal range (X, Z) or a time range.

Every figure comes from the projected tables with one aggregate query each,
filtered on indexed columns: (terminal_id, seq) for a Z, occurred_at for a
date range. Voided sales are in gross and taken out as voids; refunds are
taken out of the tender, category, producer and cashier breakdowns, so each
breakdown adds up to the net (tenders to the net plus cash rounding).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from otop_pos.db.store import Store


@dataclass(frozen=True)
class Scope:
    """What a report covers: seq in (after_seq, upto_seq] of one terminal, or [start, end)."""

    terminal_id: str | None = None
    after_seq: int | None = None
    upto_seq: int | None = None
    start_iso: str | None = None
    end_iso: str | None = None

    def where(self, alias: str, time_column: str) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.terminal_id is not None:
            clauses.append(f"{alias}.terminal_id = ?")
            params.append(self.terminal_id)
        if self.after_seq is not None:
            clauses.append(f"{alias}.seq > ?")
            params.append(self.after_seq)
        if self.upto_seq is not None:
            clauses.append(f"{alias}.seq <= ?")
            params.append(self.upto_seq)
        if self.start_iso is not None:
            clauses.append(f"{alias}.{time_column} >= ?")
            params.append(self.start_iso)
        if self.end_iso is not None:
            clauses.append(f"{alias}.{time_column} < ?")
            params.append(self.end_iso)
        return (" AND ".join(clauses) or "1"), params


def _int(value: Any) -> int:
    return int(value or 0)


def totals(store: Store, scope: Scope) -> dict[str, Any]:
    """Counts and money for the whole scope (satang)."""
    w, p = scope.where("s", "occurred_at")
    sale = store.one(
        "SELECT count(*) AS n, min(s.seq) AS first_seq, max(s.seq) AS last_seq,"
        " sum(s.total_satang) AS total,"
        " sum(CASE WHEN s.status = 'completed' THEN s.vat_satang ELSE 0 END) AS vat,"
        " sum(CASE WHEN s.status = 'completed' THEN s.exempt_satang ELSE 0 END) AS exempt,"
        " sum(CASE WHEN s.status = 'completed' THEN s.rounding_satang ELSE 0 END) AS rounding"
        f" FROM sales s WHERE {w}",
        p,
    )
    lines = store.one(
        "SELECT sum(l.amount_satang + l.discount_satang) AS gross,"  # qty x price, weights too
        " sum(l.discount_satang) AS discounts"
        f" FROM sales s JOIN sale_lines l ON l.sale_id = s.id WHERE {w}",
        p,
    )
    wv, pv = scope.where("v", "voided_at")
    voids = store.one(
        "SELECT count(*) AS n, sum(s.total_satang) AS total, sum(s.vat_satang) AS vat"
        f" FROM sale_voids v JOIN sales s ON s.id = v.sale_id WHERE {wv}",
        pv,
    )
    wr, pr = scope.where("r", "occurred_at")
    refunds = store.one(
        "SELECT count(*) AS n, sum(r.total_satang) AS total, sum(r.vat_satang) AS vat,"
        f" sum(r.exempt_satang) AS exempt FROM refunds r WHERE {wr}",
        pr,
    )
    assert sale is not None and lines is not None and voids is not None and refunds is not None
    first = last = None
    if sale["n"]:
        first, last = _receipt_range(store, scope, sale["first_seq"], sale["last_seq"])
    gross, discounts = _int(lines["gross"]), _int(lines["discounts"])
    voided, refunded = _int(voids["total"]), _int(refunds["total"])
    return {
        "sales_count": _int(sale["n"]),
        "first_receipt": first,
        "last_receipt": last,
        "gross": gross,
        "discounts": discounts,
        "voids": voided,
        "voids_count": _int(voids["n"]),
        "refunds": refunded,
        "refunds_count": _int(refunds["n"]),
        "net": gross - discounts - voided - refunded,
        "vat": _int(sale["vat"]) - _int(refunds["vat"]),
        "exempt": _int(sale["exempt"]) - _int(refunds["exempt"]),
        "rounding": _int(sale["rounding"]),
    }


def _receipt_range(
    store: Store, scope: Scope, first_seq: int, last_seq: int
) -> tuple[str | None, str | None]:
    if scope.terminal_id is None:  # several terminals: the earliest and latest by time
        w, p = scope.where("s", "occurred_at")
        row = store.one(
            f"SELECT (SELECT receipt_no FROM sales s WHERE {w} ORDER BY occurred_at LIMIT 1),"
            f" (SELECT receipt_no FROM sales s WHERE {w} ORDER BY occurred_at DESC LIMIT 1)",
            p + p,
        )
    else:
        row = store.one(
            "SELECT (SELECT receipt_no FROM sales WHERE terminal_id = ? AND seq = ?),"
            " (SELECT receipt_no FROM sales WHERE terminal_id = ? AND seq = ?)",
            (scope.terminal_id, first_seq, scope.terminal_id, last_seq),
        )
    assert row is not None
    return row[0], row[1]


def by_tender(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Per tender: payments of completed sales less refunds paid out by that tender."""
    w, p = scope.where("s", "occurred_at")
    wr, pr = scope.where("r", "occurred_at")
    return [
        dict(r)
        for r in store.query(
            "SELECT tender AS key, sum(n) AS count, sum(amount) AS amount FROM ("
            " SELECT pm.tender, count(*) AS n, sum(pm.amount_satang) AS amount"
            " FROM sales s JOIN payments pm ON pm.sale_id = s.id"
            f" WHERE {w} AND s.status = 'completed' GROUP BY pm.tender"
            " UNION ALL SELECT r.tender, 0, -sum(r.total_satang)"
            f" FROM refunds r WHERE {wr} GROUP BY r.tender)"
            " GROUP BY tender ORDER BY amount DESC",
            p + pr,
        )
    ]


def by_category_and_producer(
    store: Store, scope: Scope
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Net line amounts per category and per producer, from one pass over the lines.

    Counts are pieces, a weighed line counting as one item (grams never add to pieces).

    The producer is the one stamped on the line when it was sold (as in a
    consignment statement), not the product's producer today. The lines are
    summed per product, then per (category, producer) once
    (a materialized CTE); both breakdowns are summed from that in SQL, so
    the few hundred rows a report shows reach Python, not the thousands of
    category-and-producer pairs.
    """
    w, p = scope.where("s", "occurred_at")
    wr, pr = scope.where("r", "occurred_at")
    rows = store.query(
        "WITH x AS MATERIALIZED (SELECT pr.category AS category, y.producer_id AS producer_id,"
        " sum(y.qty) AS qty, sum(y.amount) AS amount FROM ("
        " SELECT l.product_id, l.producer_id, sum(iif(l.unit = 'piece', l.qty, 1)) AS qty,"
        " sum(l.amount_satang) AS amount FROM sales s JOIN sale_lines l ON l.sale_id = s.id"
        f" WHERE {w} AND s.status = 'completed' GROUP BY l.product_id, l.producer_id"
        " UNION ALL SELECT rl.product_id, l.producer_id, -sum(iif(l.unit = 'piece', rl.qty, 0)),"
        " -sum(rl.amount_satang)"
        " FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id"
        " JOIN sale_lines l ON l.sale_id = r.sale_id AND l.line_no = rl.sale_line_no"
        f" WHERE {wr} GROUP BY rl.product_id, l.producer_id) y"
        " JOIN products pr ON pr.id = y.product_id GROUP BY pr.category, y.producer_id)"
        " SELECT 0 AS side, category AS key, '' AS label, sum(qty) AS count,"
        " sum(amount) AS amount FROM x GROUP BY category"
        " UNION ALL SELECT 1, coalesce(pd.code, ''), coalesce(pd.name, ''), sum(x.qty),"
        " sum(x.amount) FROM x LEFT JOIN producers pd ON pd.id = x.producer_id"
        " GROUP BY x.producer_id",
        p + pr,
    )
    sides: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for r in rows:
        sides[int(r["side"])].append(dict(r))
    return sides


def by_cashier(store: Store, scope: Scope) -> list[dict[str, Any]]:
    """Per user: completed sales they rang up less refunds they paid out."""
    w, p = scope.where("s", "occurred_at")
    wr, pr = scope.where("r", "occurred_at")
    return [
        dict(r)
        for r in store.query(
            "SELECT x.user_id AS key, coalesce(u.name, '') AS label, sum(x.n) AS count,"
            " sum(x.amount) AS amount FROM ("
            " SELECT s.cashier_id AS user_id, count(*) AS n,"
            " sum(s.total_satang) AS amount FROM sales s"
            f" WHERE {w} AND s.status = 'completed' GROUP BY s.cashier_id"
            " UNION ALL SELECT r.user_id, 0, -sum(r.total_satang) FROM refunds r"
            f" WHERE {wr} GROUP BY r.user_id) x LEFT JOIN users u ON u.id = x.user_id"
            " GROUP BY x.user_id ORDER BY amount DESC",
            p + pr,
        )
    ]


def by_time(store: Store, scope: Scope, unit: str) -> list[dict[str, Any]]:
    """Net sales per Bangkok hour of day ('hour') or per Bangkok date ('day')."""
    fmt = {"hour": "%H", "day": "%Y-%m-%d"}[unit]
    w, p = scope.where("s", "occurred_at")
    wr, pr = scope.where("r", "occurred_at")
    return [
        dict(r)
        for r in store.query(
            "SELECT key, sum(n) AS count, sum(amount) AS amount FROM ("
            f" SELECT strftime('{fmt}', s.occurred_at, '+7 hours') AS key, count(*) AS n,"
            f" sum(s.total_satang) AS amount FROM sales s WHERE {w} AND s.status = 'completed'"
            " GROUP BY key UNION ALL"
            f" SELECT strftime('{fmt}', r.occurred_at, '+7 hours'), 0, -sum(r.total_satang)"
            f" FROM refunds r WHERE {wr} GROUP BY 1) GROUP BY key ORDER BY key",
            p + pr,
        )
    ]
