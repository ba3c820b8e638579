"""The province's figures: each centre's day summed per terminal by tender, category, producer
and district, so the dashboard reads a few hundred sums, never the millions of entries.

`project` runs inside a batch's transaction (operations/batches.py) over the entries just
stored, in seq order, so the sums commit with the entries or not at all, and a replayed batch
(nothing new) adds nothing. The rules are the till's day report's
(otop_pos/db/reports/figures.py), so `otop-pos server report` equals `otop-pos report day`:

- a sale counts on its Bangkok day: sales_count, gross and discounts always; its VAT, exempt
  value, cash rounding, tenders and lines only while it is not voided;
- a void takes the sale's VAT, rounding, tenders and lines back out of the sale's day and adds
  the sale's total to voids on the void's day;
- a refund subtracts on its own day: its total from its tender, each line's amount (and pieces;
  a weighed line counted as one item when sold, none when returned) from the sold line's
  category, producer and district; its VAT and exempt part from the day's;
- entries flagged on arrival (their payload failed its declaration) are not summed: they are
  for review, and so is a void or refund of a sale the server did not sum.

A line's category and district are those the journal had when it was sold (the till's own
report shows today's category: they differ only after a product changed category). Each
batch's changes are added up in memory and every touched row is written once, as an
INSERT ... ON CONFLICT DO UPDATE that adds to what is there (SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, bindparam, case, func, select
from sqlalchemy.dialects import postgresql, sqlite

from otop_pos.domain.journal import kinds
from otop_pos.domain.thai.thaidate import bangkok_date, from_iso
from otop_server.db import tables
from otop_server.db.engine import Database

TOTALS = tables.FIGURE_TOTALS
DIMENSIONS = ("tender", "category", "producer", "district")
KINDS = frozenset({"sale", "sale_void", "refund", "product_upsert", "producer_upsert"})
CHUNK = 500  # keys per IN (...) and entries per rebuild step

log = logging.getLogger(__name__)


def project(conn: Connection, terminal: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Add a terminal's newly stored entries (seq order) to its days' figures."""
    wanted = []
    for r in rows:
        if r["kind"] not in KINDS or r["problems"] is not None:
            continue
        p = _payload(r)
        if _fits(_NEEDS[r["kind"]], p):
            wanted.append((r, p))
        else:  # readable, but not as numbers: summing it would refuse the batch
            log.warning("figures: %s seq %s (%s) has values the sums cannot take; left out",
                        r["terminal_id"], r["seq"], r["kind"])  # fmt: skip
    if wanted:
        batch = _Batch(conn, terminal["terminal_id"], terminal["centre"])
        batch.load(wanted)
        for row, p in wanted:
            getattr(batch, row["kind"])(row, p)
        batch.flush()


def _payload(row: dict[str, Any]) -> dict[str, Any]:
    # Unflagged payloads passed their declaration on arrival: fill defaults, skip re-checking.
    return kinds.written(row["kind"], json.loads(row["payload"]))


_INT, _TEXT, _TEXT_OR_NULL = "integer", "text", "text or null"
_NEEDS: dict[str, dict[str, Any]] = {
    "sale": {"receipt_no": _TEXT, "total": _INT, "vat": _INT, "exempt": _INT, "rounding": _INT,
             "lines": {"product_id": _INT, "sku": _TEXT, "qty": _INT, "amount": _INT,
                       "discount": _INT, "unit": _TEXT, "producer_code": _TEXT_OR_NULL},
             "payments": {"tender": _TEXT, "amount": _INT}},
    "sale_void": {"receipt_no": _TEXT},
    "refund": {"receipt_no": _TEXT, "tender": _TEXT, "total": _INT, "vat": _INT, "exempt": _INT,
               "lines": {"sale_line_no": _INT, "qty": _INT, "amount": _INT}},
    "product_upsert": {"products": {"sku": _TEXT, "category": _TEXT,
                                    "producer_code": _TEXT_OR_NULL}},
    "producer_upsert": {"producers": {"code": _TEXT, "name": _TEXT, "district": _TEXT}},
}  # fmt: skip
"""What the sums read of each kind. An entry is flagged on arrival only when its structure
fails (contract.old_problems reads old plain values as written), so the values are checked
here: a sale whose amount is text is left out, not allowed to refuse the batch."""
_CHECK = {
    _INT: lambda v: isinstance(v, int) and not isinstance(v, bool),
    _TEXT: lambda v: isinstance(v, str),
    _TEXT_OR_NULL: lambda v: v is None or isinstance(v, str),
}


def _fits(needs: dict[str, Any], value: Any) -> bool:
    if not isinstance(value, dict):
        return False
    for name, want in needs.items():
        if name not in value:
            if want == _TEXT_OR_NULL:
                continue  # absent on an old sale line: the reader decides
            return False
        v = value[name]
        if isinstance(want, dict):
            if not isinstance(v, list) or not all(_fits(want, item) for item in v):
                return False
        elif not _CHECK[want](v):
            return False
    return True


def business_day(occurred_at: str) -> str:
    """The Bangkok calendar day of a UTC ISO time, as the till's day_bounds cut it."""
    return bangkok_date(from_iso(occurred_at)).isoformat()


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(values))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


class _Batch:
    """One batch's changes, added up in memory; `flush` writes each touched row once."""

    def __init__(self, conn: Connection, terminal_id: str, centre: str) -> None:
        self.conn, self.tid, self.centre = conn, terminal_id, centre
        self.days: dict[str, dict[str, Any]] = {}
        self.sums: dict[tuple[str, str, str], list[int]] = {}
        self.products: dict[str, dict[str, Any]] = {}  # sku -> product_id, category, producer
        self.by_id: dict[int, str] = {}  # the till's product id -> sku
        self.producers: dict[str, dict[str, Any]] = {}  # code -> name, district, updated_at
        self.sales: dict[str, dict[str, Any]] = {}  # receipt -> day, voided, body
        self.changed_products: set[str] = set()
        self.changed_producers: set[str] = set()
        self.new_sales: set[str] = set()
        self.voided: set[str] = set()

    # -- what the batch needs of what is held, read once ----------------------------------

    def load(self, wanted: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
        skus, ids, codes, receipts = set(), set(), set(), set()
        for row, p in wanted:
            if row["kind"] == "sale":
                for ln in p["lines"]:
                    if ln["sku"]:
                        skus.add(ln["sku"])
                    else:
                        ids.add(int(ln["product_id"]))
                    if ln.get("producer_code"):
                        codes.add(ln["producer_code"])
            elif row["kind"] in ("sale_void", "refund"):
                receipts.add(p["receipt_no"])
        t = tables.fig_products
        for part in _chunks(skus):
            self._keep_products(self.conn.execute(select(t).where(
                t.c.terminal_id == self.tid, t.c.sku.in_(part))).mappings())  # fmt: skip
        for part in _chunks(ids - set(self.by_id)):
            self._keep_products(self.conn.execute(select(t).where(
                t.c.terminal_id == self.tid, t.c.product_id.in_(part))).mappings())  # fmt: skip
        codes |= {p["producer_code"] for p in self.products.values() if p["producer_code"]}
        pr = tables.fig_producers
        for part in _chunks(codes):
            for r in self.conn.execute(select(pr).where(
                    pr.c.terminal_id == self.tid, pr.c.code.in_(part))).mappings():  # fmt: skip
                self.producers[r["code"]] = {"name": r["name"], "district": r["district"],
                                             "updated_at": r["updated_at"]}  # fmt: skip
        s = tables.fig_sales
        for part in _chunks(receipts):
            for r in self.conn.execute(select(s).where(
                    s.c.terminal_id == self.tid, s.c.receipt_no.in_(part))).mappings():  # fmt: skip
                self.sales[r["receipt_no"]] = {"day": r["day"], "voided": bool(r["voided"]),
                                               "body": json.loads(r["body"])}  # fmt: skip

    def _keep_products(self, rows: Iterable[Any]) -> None:
        for r in rows:
            self.products[r["sku"]] = {"product_id": r["product_id"], "category": r["category"],
                                       "producer_code": r["producer_code"]}  # fmt: skip
            if r["product_id"] is not None:
                self.by_id[int(r["product_id"])] = r["sku"]

    # -- the kinds ---------------------------------------------------------------------------

    def producer_upsert(self, row: dict[str, Any], p: dict[str, Any]) -> None:
        for pr in p["producers"]:
            self.producers[pr["code"]] = {"name": pr["name"], "district": pr["district"],
                                          "updated_at": row["occurred_at"]}  # fmt: skip
            self.changed_producers.add(pr["code"])

    def product_upsert(self, row: dict[str, Any], p: dict[str, Any]) -> None:
        for pr in p["products"]:
            old = self.products.get(pr["sku"], {})
            self.products[pr["sku"]] = {"product_id": old.get("product_id"),
                                        "category": pr["category"],
                                        "producer_code": pr.get("producer_code")}  # fmt: skip
            self.changed_products.add(pr["sku"])

    def sale(self, row: dict[str, Any], p: dict[str, Any]) -> None:
        day, at = business_day(row["occurred_at"]), row["occurred_at"]
        lines = []
        for ln in p["lines"]:
            pid = int(ln["product_id"])
            sku = ln["sku"] or self.by_id.get(pid, "")
            product = self.products.get(sku)
            if product is not None and ln["sku"] and product["product_id"] != pid:
                product["product_id"] = pid  # learnt, for lines that name only the id
                self.by_id[pid] = sku
                self.changed_products.add(sku)
            if "producer_code" in ln:  # stamped as sold (version 2)
                code = ln["producer_code"] or ""
            else:  # an older line: the product's producer as the journal had it then
                code = (product or {}).get("producer_code") or ""
            district = self.producers.get(code, {}).get("district", "") if code else ""
            category = product["category"] if product is not None else ""
            lines.append([category, code, district, ln["unit"] == "piece", ln["qty"],
                          ln["amount"]])  # fmt: skip
        body = {"total": p["total"], "vat": p["vat"], "exempt": p["exempt"],
                "rounding": p["rounding"], "lines": lines,
                "tenders": [[t["tender"], t["amount"]] for t in p["payments"]]}  # fmt: skip
        d = self._day(day)
        d["sales_count"] += 1
        d["discounts"] += sum(ln["discount"] for ln in p["lines"])
        d["gross"] += sum(ln["amount"] + ln["discount"] for ln in p["lines"])
        receipt = p["receipt_no"]
        if d["first_at"] is None or at < d["first_at"]:  # a tie keeps the earlier seq
            d["first_at"], d["first_receipt"] = at, receipt
        if d["last_at"] is None or at >= d["last_at"]:
            d["last_at"], d["last_receipt"] = at, receipt
        self._completed(day, body, 1)
        self.sales[receipt] = {"day": day, "voided": False, "body": body}
        self.new_sales.add(receipt)

    def sale_void(self, row: dict[str, Any], p: dict[str, Any]) -> None:
        sale = self.sales.get(p["receipt_no"])
        if sale is None or sale["voided"]:
            return  # a sale the server did not sum (flagged): its void is for review too
        sale["voided"] = True
        self.voided.add(p["receipt_no"])
        self._completed(sale["day"], sale["body"], -1)
        d = self._day(business_day(row["occurred_at"]))
        d["voids"] += sale["body"]["total"]
        d["voids_count"] += 1

    def refund(self, row: dict[str, Any], p: dict[str, Any]) -> None:
        sale = self.sales.get(p["receipt_no"])
        if sale is None:
            return
        day = business_day(row["occurred_at"])
        d = self._day(day)
        d["refunds"] += p["total"]
        d["refunds_count"] += 1
        d["vat"] -= p["vat"]
        d["exempt"] -= p["exempt"]
        self._add(day, "tender", p["tender"], 0, -p["total"], 1)
        sold = sale["body"]["lines"]
        for ln in p["lines"]:
            n = ln["sale_line_no"]
            if not 1 <= n <= len(sold):
                continue
            category, code, district, piece, _qty, _amount = sold[n - 1]
            pieces = ln["qty"] if piece else 0
            for dim, key in (("category", category), ("producer", code), ("district", district)):
                self._add(day, dim, key, -pieces, -ln["amount"], 1)

    # -- adding up ---------------------------------------------------------------------------

    def _day(self, day: str) -> dict[str, Any]:
        d = self.days.get(day)
        if d is None:
            d = self.days[day] = dict.fromkeys(TOTALS, 0)
            d.update(first_at=None, first_receipt=None, last_at=None, last_receipt=None)
        return d

    def _add(self, day: str, dim: str, key: str, count: int, amount: int, members: int) -> None:
        acc = self.sums.setdefault((day, dim, key), [0, 0, 0])
        acc[0] += count
        acc[1] += amount
        acc[2] += members

    def _completed(self, day: str, body: dict[str, Any], sign: int) -> None:
        """What a sale adds while it stands (sign 1), or takes back when voided (-1)."""
        d = self._day(day)
        d["vat"] += sign * body["vat"]
        d["exempt"] += sign * body["exempt"]
        d["rounding"] += sign * body["rounding"]
        for tender, amount in body["tenders"]:
            self._add(day, "tender", tender, sign, sign * amount, sign)
        for category, code, district, piece, qty, amount in body["lines"]:
            n = sign * (qty if piece else 1)
            for dim, key in (("category", category), ("producer", code), ("district", district)):
                self._add(day, dim, key, n, sign * amount, sign)

    # -- writing -----------------------------------------------------------------------------

    def flush(self) -> None:
        conn, tid, centre = self.conn, self.tid, self.centre
        if self.changed_producers:
            _replace(conn, tables.fig_producers, ("terminal_id", "code"), [
                {"terminal_id": tid, "code": c, **self.producers[c]}
                for c in sorted(self.changed_producers)])  # fmt: skip
        if self.changed_products:
            _replace(conn, tables.fig_products, ("terminal_id", "sku"), [
                {"terminal_id": tid, "sku": s, **self.products[s]}
                for s in sorted(self.changed_products)], keep=("product_id",))  # fmt: skip
        if self.new_sales:
            conn.execute(tables.fig_sales.insert(), [
                {"terminal_id": tid, "receipt_no": r, "day": self.sales[r]["day"],
                 "voided": int(self.sales[r]["voided"]), "body": json.dumps(
                     self.sales[r]["body"], ensure_ascii=False, separators=(",", ":"))}
                for r in sorted(self.new_sales)])  # fmt: skip
        held = sorted(self.voided - self.new_sales)
        if held:
            s = tables.fig_sales
            conn.execute(
                s.update().where(s.c.terminal_id == tid, s.c.receipt_no == bindparam("r"))
                .values(voided=1), [{"r": r} for r in held])  # fmt: skip
        if self.days:
            _add_days(conn, [{"centre": centre, "day": day, "terminal_id": tid, **d}
                             for day, d in sorted(self.days.items())])  # fmt: skip
        if self.sums:
            _add_sums(conn, [
                {"centre": centre, "day": day, "terminal_id": tid, "dimension": dim, "key": key,
                 "count": v[0], "amount": v[1], "members": v[2]}
                for (day, dim, key), v in sorted(self.sums.items())])  # fmt: skip


def _insert(conn: Connection, table: Table) -> Any:
    """INSERT ... ON CONFLICT in the connection's own dialect (both speak it alike)."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def _replace(conn: Connection, table: Table, key: tuple[str, ...], rows: list[dict[str, Any]],
             keep: tuple[str, ...] = ()) -> None:  # fmt: skip
    """Upsert whole rows; a `keep` column holds its value when the new row has none."""
    stmt = _insert(conn, table)
    sets = {c.name: stmt.excluded[c.name] for c in table.c if c.name not in key}
    for name in keep:
        sets[name] = func.coalesce(stmt.excluded[name], table.c[name])
    conn.execute(stmt.on_conflict_do_update(index_elements=list(key), set_=sets), rows)


def _add_days(conn: Connection, rows: list[dict[str, Any]]) -> None:
    t = tables.fig_days
    stmt = _insert(conn, t)
    x = stmt.excluded
    sets: dict[str, Any] = {name: t.c[name] + x[name] for name in TOTALS}
    earlier = (t.c.first_at.is_(None)) | (x.first_at < t.c.first_at)
    later = x.last_at.is_not(None) & (t.c.last_at.is_(None) | (x.last_at >= t.c.last_at))
    for end, cond in (("first", earlier), ("last", later)):
        for col in (f"{end}_at", f"{end}_receipt"):
            sets[col] = case((cond, x[col]), else_=t.c[col])
    keys = ["centre", "day", "terminal_id"]
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=sets), rows)


def _add_sums(conn: Connection, rows: list[dict[str, Any]]) -> None:
    t = tables.fig_sums
    stmt = _insert(conn, t)
    x = stmt.excluded
    sets = {name: t.c[name] + x[name] for name in ("count", "amount", "members")}
    keys = ["centre", "day", "terminal_id", "dimension", "key"]
    conn.execute(stmt.on_conflict_do_update(index_elements=keys, set_=sets), rows)


# -- reading ---------------------------------------------------------------------------------


def day_report(db: Database, centre: str, day: str | date, lang: str = "th") -> dict[str, Any]:
    """A centre's Bangkok day summed over its terminals, shaped as the till's `report day`.

    The "figures" part has the till's fields (less cashiers and hours) with the same
    numbers and order, plus districts; "terminals" says how far each till's upload is.
    """
    from otop_pos.operations.reports.sales_report import category_name
    from otop_pos.operations.shifts.tender_totals import day_bounds, tender_name

    day = day if isinstance(day, date) else date.fromisoformat(day)
    d, s, t = tables.fig_days, tables.fig_sums, tables.terminals
    with db.read() as conn:
        days = (
            conn.execute(select(d).where(d.c.centre == centre, d.c.day == day.isoformat()))
            .mappings()
            .all()
        )
        sums = conn.execute(
            select(s.c.dimension, s.c.key, func.sum(s.c.count).label("count"),
                   func.sum(s.c.amount).label("amount"))
            .where(s.c.centre == centre, s.c.day == day.isoformat())
            .group_by(s.c.dimension, s.c.key).having(func.sum(s.c.members) > 0)
        ).mappings().all()  # fmt: skip
        names = _producer_names(conn, centre)
        terminals = conn.execute(
            select(t.c.terminal_id, t.c.pos_id, t.c.acked_seq, t.c.last_contact_at)
            .where(t.c.centre == centre).order_by(t.c.terminal_id)).mappings().all()  # fmt: skip
    total = {name: sum(int(r[name]) for r in days) for name in TOTALS}
    firsts = sorted((r["first_at"], r["first_receipt"]) for r in days if r["first_at"])
    lasts = sorted((r["last_at"], r["last_receipt"]) for r in days if r["last_at"])
    no_producer = "No producer" if lang == "en" else "ไม่ระบุผู้ผลิต"
    labels = {
        "tender": lambda k: tender_name(k, lang),
        "category": lambda k: category_name(k, lang),
        "producer": lambda k: names.get(k) or no_producer,
        "district": lambda k: k,
    }
    breakdowns: dict[str, list[dict[str, Any]]] = {dim: [] for dim in DIMENSIONS}
    for r in sums:
        dim, key = r["dimension"], r["key"]
        breakdowns[dim].append({"key": key, "label": labels[dim](key),
                                "count": int(r["count"]), "amount": int(r["amount"])})  # fmt: skip
    for rows in breakdowns.values():
        rows.sort(key=lambda b: (-b["amount"], b["key"]))
    net = total["gross"] - total["discounts"] - total["voids"] - total["refunds"]
    figures = {
        "sales_count": total["sales_count"],
        "first_receipt": firsts[0][1] if firsts else None,
        "last_receipt": lasts[-1][1] if lasts else None,
        **{k: total[k] for k in ("gross", "discounts", "voids", "voids_count", "refunds",
                                 "refunds_count")},
        "net": net,
        **{k: total[k] for k in ("vat", "exempt", "rounding")},
        "tenders": breakdowns["tender"],
        "categories": breakdowns["category"],
        "producers": breakdowns["producer"],
        "districts": breakdowns["district"],
    }  # fmt: skip
    start, end = day_bounds(day)
    return {
        "centre": centre,
        "date": day.isoformat(),
        "period_start": start,
        "period_end": end,
        "terminals": [dict(r) for r in terminals],
        "figures": figures,
        "amounts_in": "satang",
    }


def _producer_names(conn: Connection, centre: str) -> dict[str, str]:
    """Each producer's latest name among the centre's tills (the till shows today's name)."""
    p, t = tables.fig_producers, tables.terminals
    rows = conn.execute(
        select(p.c.code, p.c.name).join(t, t.c.terminal_id == p.c.terminal_id)
        .where(t.c.centre == centre).order_by(p.c.updated_at, p.c.terminal_id)
    ).all()  # fmt: skip
    return {code: name for code, name in rows}


def province_day(db: Database, day: str | date) -> list[dict[str, Any]]:
    """Every centre's totals of one day: the dashboard's first screen, one grouped query."""
    day = day if isinstance(day, date) else date.fromisoformat(day)
    d = tables.fig_days
    cols = [func.sum(d.c[name]).label(name) for name in TOTALS]
    with db.read() as conn:
        rows = conn.execute(select(d.c.centre, *cols).where(d.c.day == day.isoformat())
                            .group_by(d.c.centre).order_by(d.c.centre)).mappings().all()  # fmt: skip
    out = []
    for r in rows:
        row = {"centre": r["centre"], **{name: int(r[name] or 0) for name in TOTALS}}
        row["net"] = row["gross"] - row["discounts"] - row["voids"] - row["refunds"]
        out.append(row)
    return out


def rebuild(db: Database) -> int:
    """Project every stored entry again, from nothing (entries are the truth); the count read.

    One transaction: the dashboard sees the old figures or the new, never half. Each
    terminal is replayed in seq order, CHUNK entries at a time, as its batches were.
    """
    e, t = tables.entries, tables.terminals
    done = 0
    with db.write() as conn:
        for table in (tables.fig_days, tables.fig_sums, tables.fig_products,
                      tables.fig_producers, tables.fig_sales):  # fmt: skip
            conn.execute(table.delete())
        terminals = conn.execute(select(t).order_by(t.c.terminal_id)).mappings().all()
        for terminal in terminals:
            after = 0
            while True:
                rows = [dict(r) for r in conn.execute(
                    select(e).where(e.c.terminal_id == terminal["terminal_id"], e.c.seq > after)
                    .order_by(e.c.seq).limit(CHUNK)).mappings()]  # fmt: skip
                if not rows:
                    break
                project(conn, dict(terminal), rows)
                done += len(rows)
                after = rows[-1]["seq"]
    return done
