"""The province's figures: each centre's day summed per terminal by tender, category, producer
and district, so the dashboard reads a few hundred sums, never the millions of entries.

`project` runs over a terminal's entries in seq order, moved forward by db/projector.py
after each batch is acknowledged (the sums commit with the projector's progress, so an
entry is summed once, and a replayed batch, storing nothing new, adds nothing). The rules are the till's day report's
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
CHUNK = 500  # keys per IN (...) and entries per rebuild step

log = logging.getLogger(__name__)


def project(conn: Connection, terminal: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Add a terminal's newly stored entries (seq order) to its days' figures."""
    wanted = []
    for r in rows:
        kind = r["kind"]
        if kind not in READERS or r["problems"] is not None:
            continue
        try:
            at = r["occurred_at"]
            wanted.append((kind, at, business_day(at), READERS[kind](json.loads(r["payload"]))))
        except (ValueError, KeyError, TypeError, AttributeError):  # readable, not as numbers
            log.warning("figures: %s seq %s (%s) has values the sums cannot take; left out",
                        r["terminal_id"], r["seq"], kind)  # fmt: skip
    if wanted:
        batch = _Batch(conn, terminal["terminal_id"], terminal["centre"])
        batch.load(wanted)
        for kind, at, day, read in wanted:
            getattr(batch, kind)(at, day, read)
        batch.flush()


# -- reading a payload: only what the sums take, checked in the same pass ---------------------
#
# An entry is flagged on arrival only when its structure fails: contract.old_problems reads
# an old entry's plain values as written. So the values the sums take are checked here, and a
# sale whose amount is text is left out rather than allowed to refuse its batch. The
# defaults are the declaration's, looked up once.


class Unfit(ValueError):
    """A value of the wrong type where the sums need a number or a text."""


def _default(kind: str, *path: str) -> Any:
    fields = kinds.declaration(kind).shape.fields
    for name in path[:-1]:
        shape = next(f for f in fields if f.name == name).shape
        assert shape is not None
        fields = shape.fields
    return next(f for f in fields if f.name == path[-1]).default


SKU_DEFAULT = _default("sale", "lines", "sku")
UNIT_DEFAULT = _default("sale", "lines", "unit")
SALE_EXEMPT_DEFAULT = _default("sale", "exempt")
REFUND_EXEMPT_DEFAULT = _default("refund", "exempt")
DISTRICT_DEFAULT = _default("producer_upsert", "producers", "district")
NO_CODE: Any = object()  # a line sold before lines were stamped with their producer


def _int(v: Any) -> int:
    if type(v) is not int:  # a flag (bool) is no amount either
        raise Unfit(repr(v))
    return v


def _text(v: Any) -> str:
    if type(v) is not str:
        raise Unfit(repr(v))
    return v


def _text_or_none(v: Any) -> str | None:
    return None if v is None else _text(v)


def _list(v: Any) -> list[Any]:
    if type(v) is not list:
        raise Unfit(repr(v))
    return v


def _read_sale(p: dict[str, Any]) -> tuple[Any, ...]:
    """(receipt, total, vat, exempt, rounding, lines, payments); each line is
    (product_id, sku, qty, amount, discount, by the piece, producer code or NO_CODE)."""
    lines = [
        (_int(ln["product_id"]), _text(ln.get("sku", SKU_DEFAULT)), _int(ln["qty"]),
         _int(ln["amount"]), _int(ln["discount"]), _text(ln.get("unit", UNIT_DEFAULT)) == "piece",
         _text_or_none(ln["producer_code"]) if "producer_code" in ln else NO_CODE)
        for ln in _list(p["lines"])
    ]  # fmt: skip
    payments = [(_text(t["tender"]), _int(t["amount"])) for t in _list(p["payments"])]
    return (_text(p["receipt_no"]), _int(p["total"]), _int(p["vat"]),
            _int(p.get("exempt", SALE_EXEMPT_DEFAULT)), _int(p["rounding"]), lines, payments)  # fmt: skip


def _read_refund(p: dict[str, Any]) -> tuple[Any, ...]:
    """(receipt, tender, total, vat, exempt, lines of (sale line no, qty, amount))."""
    lines = [(_int(ln["sale_line_no"]), _int(ln["qty"]), _int(ln["amount"]))
             for ln in _list(p["lines"])]  # fmt: skip
    return (_text(p["receipt_no"]), _text(p["tender"]), _int(p["total"]), _int(p["vat"]),
            _int(p.get("exempt", REFUND_EXEMPT_DEFAULT)), lines)  # fmt: skip


READERS: dict[str, Any] = {
    "sale": _read_sale,
    "sale_void": lambda p: _text(p["receipt_no"]),
    "refund": _read_refund,
    "product_upsert": lambda p: [
        (_text(x["sku"]), _text(x["category"]), _text_or_none(x["producer_code"]))
        for x in _list(p["products"])
    ],
    "producer_upsert": lambda p: [
        (_text(x["code"]), _text(x["name"]), _text(x.get("district", DISTRICT_DEFAULT)))
        for x in _list(p["producers"])
    ],
}


def _learn_id(sku: str, pid: int, product: dict[str, Any]) -> bool:
    """Note the till's product id a line names beside its SKU; True when it is news."""
    if product["product_id"] == pid:
        return False
    product["product_id"] = pid
    return True


def business_day(occurred_at: str, _seen: dict[str, str] = {}) -> str:  # noqa: B006
    """The Bangkok calendar day of a UTC ISO time, as the till's day_bounds cut it.

    Bangkok is UTC+7 all year, so the day follows from the UTC date and hour: remembered
    per hour, a batch reads a clock once an hour instead of once an entry.
    """
    if not occurred_at.endswith(("+00:00", "Z")):  # another offset: read it in full
        return bangkok_date(from_iso(occurred_at)).isoformat()
    hour = occurred_at[:13]
    day = _seen.get(hour)
    if day is None:
        day = bangkok_date(from_iso(occurred_at)).isoformat()
        if len(_seen) > 100_000:
            _seen.clear()
        _seen[hour] = day
    return day


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

    def load(self, wanted: list[tuple[str, str, str, Any]]) -> None:
        skus, ids, codes, receipts = set(), set(), set(), set()
        for kind, _at, _day, read in wanted:
            if kind == "sale":
                for pid, sku, _qty, _amount, _discount, _piece, code in read[5]:
                    if sku:
                        skus.add(sku)
                    else:
                        ids.add(pid)
                    if code and code is not NO_CODE:
                        codes.add(code)
            elif kind == "sale_void":
                receipts.add(read)
            elif kind == "refund":
                receipts.add(read[0])
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

    def producer_upsert(self, at: str, _day: str, read: list[tuple[str, str, str]]) -> None:
        for code, name, district in read:
            self.producers[code] = {"name": name, "district": district, "updated_at": at}
            self.changed_producers.add(code)

    def product_upsert(self, _at: str, _day: str, read: list[tuple[str, str, str | None]]) -> None:
        for sku, category, code in read:
            old = self.products.get(sku, {})
            self.products[sku] = {"product_id": old.get("product_id"), "category": category,
                                  "producer_code": code}  # fmt: skip
            self.changed_products.add(sku)

    def sale(self, at: str, day: str, read: tuple[Any, ...]) -> None:
        receipt, total, vat, exempt, rounding, sold, payments = read
        lines = []
        gross = discounts = 0
        for pid, sku, qty, amount, discount, piece, stamped in sold:
            gross += amount + discount
            discounts += discount
            if not sku:
                sku = self.by_id.get(pid, "")
            product = self.products.get(sku)
            if product is not None and _learn_id(sku, pid, product):
                self.by_id[pid] = sku  # learnt, for lines that name only the id
                self.changed_products.add(sku)
            if stamped is not NO_CODE:  # the producer stamped on the line as sold
                code = stamped or ""
            else:  # an older line: the product's producer as the journal had it then
                code = (product or {}).get("producer_code") or ""
            district = self.producers[code]["district"] if code in self.producers else ""
            category = product["category"] if product is not None else ""
            lines.append([category, code, district, piece, qty, amount])
        body = {"total": total, "vat": vat, "exempt": exempt, "rounding": rounding,
                "lines": lines, "tenders": [list(t) for t in payments]}  # fmt: skip
        d = self._day(day)
        d["sales_count"] += 1
        d["gross"] += gross
        d["discounts"] += discounts
        if d["first_at"] is None or at < d["first_at"]:  # a tie keeps the earlier seq
            d["first_at"], d["first_receipt"] = at, receipt
        if d["last_at"] is None or at >= d["last_at"]:
            d["last_at"], d["last_receipt"] = at, receipt
        self._completed(day, body, 1)
        self.sales[receipt] = {"day": day, "voided": False, "body": body}
        self.new_sales.add(receipt)

    def sale_void(self, _at: str, day: str, receipt: str) -> None:
        sale = self.sales.get(receipt)
        if sale is None or sale["voided"]:
            return  # a sale the server did not sum (flagged): its void is for review too
        sale["voided"] = True
        self.voided.add(receipt)
        self._completed(sale["day"], sale["body"], -1)
        d = self._day(day)
        d["voids"] += sale["body"]["total"]
        d["voids_count"] += 1

    def refund(self, _at: str, day: str, read: tuple[Any, ...]) -> None:
        receipt, tender, total, vat, exempt, returned = read
        sale = self.sales.get(receipt)
        if sale is None:
            return
        d = self._day(day)
        d["refunds"] += total
        d["refunds_count"] += 1
        d["vat"] -= vat
        d["exempt"] -= exempt
        self._add(day, "tender", tender, 0, -total, 1)
        sold = sale["body"]["lines"]
        for n, qty, amount in returned:
            if not 1 <= n <= len(sold):
                continue
            category, code, district, piece, _qty, _amount = sold[n - 1]
            pieces = qty if piece else 0
            for dim, key in (("category", category), ("producer", code), ("district", district)):
                self._add(day, dim, key, -pieces, -amount, 1)

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
            # A receipt number seen twice keeps its first sale (the till refuses the second).
            keep_first = _insert(conn, tables.fig_sales).on_conflict_do_nothing()
            conn.execute(keep_first, [
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
    from otop_pos.domain.catalogue.categories import category_name
    from otop_pos.domain.selling.tenders import tender_name
    from otop_pos.domain.thai.thaidate import day_bounds

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
        # Every terminal's row locked first (PostgreSQL; SQLite has one writer anyway): a
        # batch arriving meanwhile waits, so no entry is summed twice or not at all.
        terminals = conn.execute(
            select(t).order_by(t.c.terminal_id).with_for_update()).mappings().all()  # fmt: skip
        for table in (tables.fig_days, tables.fig_sums, tables.fig_products,
                      tables.fig_producers, tables.fig_sales, tables.fig_progress):  # fmt: skip
            conn.execute(table.delete())
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
            conn.execute(tables.fig_progress.insert().values(
                terminal_id=terminal["terminal_id"], seq=after))  # fmt: skip
    return done
