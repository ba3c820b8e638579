"""The sales history for the day-close benchmark: generated once, cached, copied per run.

var/bench/history-N.sqlite is a copy of the catalogue with N past sales
(default 1,500,000) over the 300 Bangkok days before the build day, on T01
(70 %) and T02 (30 %), written in bulk (executemany, one transaction per 10
days, the app's pragmas, foreign keys on): journal rows (small payloads,
placeholder hashes: the chain is not measured), sales with 1-5 lines, 1-2
payments and stock movements, ~0.3 % voids and ~0.5 % refunds with their
audit rows, a shift and a Z per day and terminal, the document counters.

Consignment (schema 4): the centre has 500 producers (the demo's, then
generated ones through a `producer_upsert` entry) and every product with a
producer is dealt out among them, a few big and many small (the product
share of the producer ranked k is ~ 1/(k + 20)); 2 % of products get their
own commission rate. Sale lines are stamped with the producer, ownership
and rate as the app stamps them; the month sums and day bounds of schema 5
are kept by their triggers as the rows go in. Before each morning shift on T01, each
producer delivers goods about every 14 days and takes some back about every
60 (intakes and returns with their lines, movements and journal entries).
Then, through the app, a manager settles every producer from the first
history day to the end of the month before the last full month: their first
settlement, so the benchmark's month-end (bench/settlement.py) is a normal
one that starts where the previous statement ended.

Then "today" goes through the app on T01: open a shift, scan and pay 5,000
cash sales after the last Z, count the drawer out. A sidecar history-N.json
records the build; both are rebuilt when missing, stale (other sales count,
catalogue file, schema or builder FORMAT) or on --rebuild.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.catalogue import cache_path as catalogue_path
from bench.catalogue import ensure_catalogue
from bench.common import VAR

DAYS = 300
TODAY_SALES = 5_000
TERMINALS = (("T01", "POS01", 0.7), ("T02", "POS02", 0.3))
OPEN_US, CLOSE_US = 1 * 3_600_000_000, 12 * 3_600_000_000  # 08:00-19:00 Bangkok, in UTC
VOID_RATE, REFUND_RATE = 0.003, 0.005
BATCH_DAYS = 10
FLOAT = 200_000  # 2,000 baht in the drawer
LINE_WEIGHTS = (30, 30, 20, 12, 8)  # 1..5 lines
BUILD_CACHE_KIB = 2_000_000  # page cache of the build connection only (not stored)
FORMAT = 3  # what the builder writes; 3: producers, stamped lines, intakes, a settlement
PRODUCERS = 500  # the demo's producers, then generated ones up to this
PRODUCER_SKEW = 20  # the producer ranked k holds ~ 1/(k + 20) of the products
OWN_RATES = (1000, 1500, 2500)  # the 2 % of products with their own commission rate
INTAKE_DAYS, RETURN_DAYS = 14, 60  # each producer delivers / takes back about this often
MANAGER_PIN = "9999"  # the demo manager
VILLAGES = (
    "หนองห้าง", "โนนแย้", "หัวช้าง", "กระแชง", "ดู่", "โพธิ์", "ตาเกษ", "สำโรง", "ขะยูง",
    "ละลาย", "น้ำอ้อม", "ไพรบึง", "ห้วยทับทัน", "ปรางค์กู่", "กันทรารมย์", "ศรีแก้ว",
)  # fmt: skip
CRAFTS = (
    "ทอผ้าไหม", "ทอผ้าฝ้าย", "จักสานไม้ไผ่", "แปรรูปทุเรียน", "หอมแดง", "กระเทียม",
    "สมุนไพร", "ชาใบหม่อน", "เครื่องปั้นดินเผา", "ข้าวหอมมะลิ", "น้ำพริก", "สบู่สมุนไพร",
)  # fmt: skip

TABLES = {  # insert order: parents before children (foreign keys stay on)
    "journal": "terminal_id, seq, kind, occurred_at, user_id, payload, prev_hash, hash",
    "shifts": "id, terminal_id, open_seq, opened_at, opened_by, float_satang, float_count,"
    " blind, close_seq, closed_at, closed_by, expected, counted, cash_count,"
    " over_short_satang, note",
    "sales": "id, terminal_id, seq, receipt_no, occurred_at, cashier_id, total_satang,"
    " vat_satang, rounding_satang, tendered_satang, change_satang, status, shift_id",
    "sale_lines": "sale_id, line_no, product_id, name_th, qty, unit_price_satang,"
    " discount_satang, amount_satang, producer_id, ownership, commission_bp",
    "payments": "sale_id, line_no, tender, amount_satang, reference, approval_code,"
    " card_last4, scheme, customer_share_satang, government_share_satang, over_cap,"
    " confirmed_by",
    "sale_voids": "sale_id, terminal_id, seq, voided_at, voided_by, approved_by, shift_id, reason",
    "refunds": "id, terminal_id, seq, refund_no, sale_id, occurred_at, user_id, approved_by,"
    " shift_id, tender, total_satang, vat_satang, reason, credit_note_no",
    "refund_lines": "refund_id, line_no, sale_line_no, product_id, qty, amount_satang, disposition",
    "stock_movements": "product_id, qty, reason, terminal_id, seq, occurred_at, doc_no",
    "intakes": "id, terminal_id, seq, intake_no, producer_id, delivery_note, received_at,"
    " received_by, note",
    "intake_lines": "intake_id, line_no, product_id, qty, ownership, unit_cost_satang, lot, expiry",
    "producer_returns": "id, terminal_id, seq, return_no, producer_id, returned_at,"
    " returned_by, reason",
    "producer_return_lines": "return_id, line_no, product_id, qty, ownership",
    "audit_log": "terminal_id, seq, occurred_at, action, asked_by, approved_by, detail",
    "z_reports": "terminal_id, z_no, seq, closed_at, closed_by, from_seq, to_seq, figures,"
    " grand_total_satang",
}


def cache_path(sales: int, products: int) -> Path:
    return VAR / f"history-{sales}{'' if products == 200_000 else f'-p{products}'}.sqlite"


def read_info(db: Path) -> dict[str, Any]:
    info: dict[str, Any] = json.loads(db.with_suffix(".json").read_text())
    return info


def _remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), path.with_suffix(".json")):
        p.unlink(missing_ok=True)


_SCHEMA = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 2"


def _fingerprint(rows: list[tuple[Any, ...]]) -> str:
    return hashlib.sha256(json.dumps([list(r) for r in rows]).encode()).hexdigest()[:16]


def schema_fingerprint(db: Path | None = None) -> str:
    """A hash of the tables, indexes and triggers: of `db`, or of a new database.

    The schema version alone is not enough: an unreleased migration may be
    edited in place (a new index), and a cache built before must not be reused.
    """
    if db is None:
        from otop_pos.db.store import open_store

        store = open_store(":memory:")
        try:
            return _fingerprint([tuple(r) for r in store.query(_SCHEMA)])
        finally:
            store.close()
    with closing(sqlite3.connect(f"file:{db}?immutable=1", uri=True)) as conn:
        return _fingerprint(conn.execute(_SCHEMA).fetchall())


def _is_current(db: Path, sales: int, catalogue: Path) -> bool:
    """Same sales count, catalogue file, builder format and schema (version and fingerprint)."""
    from otop_pos.db.schema import migrations

    try:
        info = read_info(db)
        with closing(sqlite3.connect(f"file:{db}?immutable=1", uri=True)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except (OSError, ValueError, sqlite3.Error):
        return False
    same = info.get("sales") == sales and info.get("catalogue_mtime") == catalogue.stat().st_mtime
    same = same and info.get("format") == FORMAT and info.get("schema") == schema_fingerprint()
    return same and version == migrations.LATEST


def ensure_history(
    catalogue: Path, sales: int, products: int, rebuild: bool, log: Callable[[str], None]
) -> Path:
    """The cached history database for `sales` past sales, built if missing or stale."""
    from otop_pos.domain.thai.thaidate import bangkok_date, utc_now

    path = cache_path(sales, products)
    if not rebuild and path.exists() and _is_current(path, sales, catalogue):
        return path
    assert catalogue == catalogue_path(products)
    schema = schema_fingerprint()
    if schema_fingerprint(catalogue) != schema:  # same version, a migration edited in place
        log("the cached catalogue predates the current schema; rebuilding it first")
        catalogue = ensure_catalogue(products, True, log)
    VAR.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    _remove(building)
    log(f"generating {sales:,} past sales + {TODAY_SALES:,} of today in {path} (cached) ...")
    started = time.perf_counter()
    shutil.copyfile(catalogue, building)
    today = bangkok_date(utc_now())
    info = _History(building, today, log).build(sales)
    info["history_seconds"] = round(time.perf_counter() - started, 1)
    info |= _first_settlement(building, today, log)
    info |= _ring_up_today(building, TODAY_SALES, log)
    _remove(path)
    os.replace(building, path)
    info |= dict(sales=sales, catalogue_mtime=catalogue.stat().st_mtime, products=products)
    info |= dict(format=FORMAT, schema=schema)
    info |= dict(
        build_seconds=round(time.perf_counter() - started, 1), db_bytes=path.stat().st_size
    )
    path.with_suffix(".json").write_text(json.dumps(info, indent=1))
    _remove(building)
    took = f"{info['history_seconds']:.0f} s bulk, {info['today_seconds']:.0f} s today"
    log(f"built in {info['build_seconds']:.0f} s ({took}); {info['db_bytes'] / 1e6:,.0f} MB")
    return path


def _iso(day: str, us: int) -> str:
    s, micro = divmod(us, 1_000_000)
    return f"{day}T{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{micro:06d}+00:00"


_Sale = tuple[int, list[tuple[int, int, int]], list[tuple[str, int]], int]
"""(sale id, lines as (product id, qty, amount), payments as (tender, amount), total)"""


def _vat(total: int) -> int:
    return (2 * total * 7 + 107) // 214  # 7/107 of a VAT-inclusive amount, half up


class _History:
    """Bulk writer of past days; each terminal's seqs, numbers and hashes run on."""

    def __init__(self, path: Path, today: date, log: Callable[[str], None]) -> None:
        from otop_pos.db.store import open_store

        self.store = open_store(path)  # migrates a stale copy; the app's pragmas
        self.conn = self.store.conn
        self.conn.execute(f"PRAGMA cache_size = -{BUILD_CACHE_KIB}")
        self.today, self.log = today, log
        self.rng = random.Random(20_261_121)
        q = self.conn.execute
        self.producer_info = self._producers()
        self.products = q(
            "SELECT p.id, p.name_th, p.price_satang, p.producer_id, p.ownership,"
            " coalesce(p.commission_bp, r.commission_bp, 0) FROM products p"
            " LEFT JOIN producers r ON r.id = p.producer_id WHERE p.active"
        ).fetchall()  # the terms a sale stamps on its lines (catalog.sale_terms)
        stocked: dict[int, list[tuple[int, str]]] = {}
        for pid, _, _, producer, ownership, _ in self.products:
            if producer is not None:
                stocked.setdefault(producer, []).append((pid, ownership))
        codes = dict(q("SELECT id, code FROM producers").fetchall())
        self.stocked = [(p, codes[p], stocked[p]) for p in sorted(stocked)]
        vat = q("SELECT value FROM settings WHERE key = 'vat_registered'").fetchone()
        self.vat = bool(vat and vat[0] in ("1", "true"))
        self.cashiers = [r[0] for r in q("SELECT id FROM users WHERE role = 'cashier' AND active")]
        self.managers = [r[0] for r in q("SELECT id FROM users WHERE role = 'manager' AND active")]
        last = "SELECT coalesce(max(seq), 0) FROM journal WHERE terminal_id = ?"
        self.seq = {t: q(last, (t,)).fetchone()[0] for t, _, _ in TERMINALS}
        self.hash = {t: "0" * 64 for t, _, _ in TERMINALS}  # any hex: the chain is not checked
        self.z_no, self.grand = dict.fromkeys(self.seq, 0), dict.fromkeys(self.seq, 0)
        self.counters: dict[tuple[str, str, str], int] = {}
        self.next_id = {
            t: q(f"SELECT coalesce(max(id), 0) + 1 FROM {t}").fetchone()[0]
            for t in ("sales", "shifts", "refunds", "intakes", "producer_returns")
        }
        self.buf: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        self.count = 0
        self.t, self.pos, self.period, self.shift = "", "", "", 0  # the day being written
        self.kept: dict[str, int] = {}

    def _producers(self) -> dict[str, Any]:
        """Producers up to PRODUCERS (one journal entry), and every product dealt out to them.

        The catalogue was set up (its journal entries, its opening stock) the
        day before the first history day, not today: a statement or a view of
        this month must not find 200,000 opening movements in it. Products are
        reassigned with plain SQL (their catalogue entries keep the demo's
        producer): only the tables are read by what is measured.
        """
        from otop_pos.db.projections import record

        q, rng = self.conn.execute, random.Random(PRODUCERS)
        have = q("SELECT count(*) FROM producers").fetchone()[0]
        new = [_producer_payload(rng, n) for n in range(1, PRODUCERS - have + 1)]
        set_up = _iso((self.today - timedelta(days=DAYS + 1)).isoformat(), 0)  # 07:00 Bangkok
        with self.store.transaction():
            q("UPDATE journal SET occurred_at = ?", (set_up,))  # only the catalogue's, so far
            q("UPDATE stock_movements SET occurred_at = ?", (set_up,))  # its opening stock
            if new:
                entry = {"producers": new}
                record.record(self.store, TERMINALS[0][0], "producer_upsert", set_up, None, entry)
            ids = [r[0] for r in q("SELECT id FROM producers ORDER BY id")]
            rng.shuffle(ids)  # the rank: ids[0] is the biggest
            products = [r[0] for r in q("SELECT id FROM products WHERE producer_id IS NOT NULL")]
            rng.shuffle(products)
            weights = [1 / (k + PRODUCER_SKEW) for k in range(len(ids))]
            owners = ids[: len(products)]  # one product each at least, then by weight
            owners += rng.choices(ids, weights, k=len(products) - len(owners))
            rates = [rng.choice(OWN_RATES) if rng.random() < 0.02 else None for _ in products]
            q("CREATE TEMP TABLE bench_owner (id INTEGER PRIMARY KEY, producer INT, bp INT)")
            self.conn.executemany(
                "INSERT INTO bench_owner VALUES (?, ?, ?)",
                zip(products, owners, rates, strict=True),
            )
            q(
                "UPDATE products SET producer_id = o.producer, commission_bp = o.bp"
                " FROM bench_owner o WHERE o.id = products.id"
            )
            q("DROP TABLE bench_owner")
        return {"producers": len(ids), "producers_added": len(new)}

    def _take(self, table: str) -> int:
        n: int = self.next_id[table]
        self.next_id[table] = n + 1
        return n

    def _number(self, terminal: str, series: str, period: str) -> int:
        key = (terminal, series, period)
        self.counters[key] = n = self.counters.get(key, 0) + 1
        return n

    def _entry(self, terminal: str, kind: str, at: str, user: int, payload: str) -> int:
        self.seq[terminal] = seq = self.seq[terminal] + 1
        prev = self.hash[terminal]
        self.hash[terminal] = digest = hashlib.sha256(f"{prev}{seq}".encode()).hexdigest()
        self.buf["journal"].append((terminal, seq, kind, at, user, payload, prev, digest))
        return seq

    def build(self, sales: int) -> dict[str, Any]:
        started = time.perf_counter()
        per_day, extra = divmod(sales, DAYS)
        for k in range(DAYS):
            day = self.today - timedelta(days=DAYS - k)
            count = per_day + (k < extra)
            left = count
            for i, (terminal, pos_id, share) in enumerate(TERMINALS):
                n = left if i == len(TERMINALS) - 1 else round(count * share)
                left -= n
                self._day(day, terminal, pos_id, n)
            if (k + 1) % BATCH_DAYS == 0 or k == DAYS - 1:
                self._flush()
            if (k + 1) % 50 == 0:
                took = time.perf_counter() - started
                self.log(f"history: {k + 1}/{DAYS} days, {self.count:,} sales, {took:.0f} s")
        self.conn.executemany(
            "INSERT INTO doc_counters (terminal_id, series, period, last_no) VALUES (?, ?, ?, ?)"
            " ON CONFLICT(terminal_id, series, period)"
            " DO UPDATE SET last_no = max(last_no, excluded.last_no)",
            [(*key, n) for key, n in self.counters.items()],
        )
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.store.close()
        return {"today": self.today.isoformat(), "history_days": DAYS} | self.producer_info

    def _flush(self) -> None:
        with self.store.transaction():
            for table, rows in self.buf.items():
                cols = TABLES[table]
                marks = ", ".join("?" * (cols.count(",") + 1))
                self.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
                rows.clear()

    def _day(self, day: date, terminal: str, pos_id: str, count: int) -> None:
        rng, ds, buf = self.rng, day.isoformat(), self.buf
        self.t, self.pos, self.kept = terminal, pos_id, {}
        self.period = f"{(day.year + 543) % 100:02d}{day.month:02d}"
        self.shift = shift_id = self._take("shifts")
        cashier, manager = rng.choice(self.cashiers), rng.choice(self.managers)
        if terminal == TERMINALS[0][0]:
            self._deliveries(ds, manager)
        opened_at = _iso(ds, OPEN_US - 300_000_000)
        open_seq = self._entry(terminal, "shift_open", opened_at, cashier, f'{{"float":{FLOAT}}}')
        times = sorted(rng.randrange(OPEN_US, CLOSE_US) for _ in range(count))
        events = [(t, 0, i) for i, t in enumerate(times)]
        voids = int(count * VOID_RATE + rng.random())
        refunds = int(count * REFUND_RATE + rng.random())
        picked = rng.sample(range(count), min(count, voids + refunds))
        for n, i in enumerate(picked):  # a few minutes after the sale, before the shift closes
            later = min(times[i] + rng.randrange(60_000_000, 1_800_000_000), CLOSE_US + 240_000_000)
            events.append((later, 1 if n < voids else 2, i))
        events.sort()
        done: dict[int, _Sale] = {}
        voided = set(picked[:voids])
        net = 0
        for us, kind, i in events:
            at = _iso(ds, us)
            if kind == 0:
                done[i] = self._sale(at, i in voided)
                net += 0 if i in voided else done[i][3]
            elif kind == 1:
                sale_id, lines, pays, total = done[i]
                seq = self._entry(terminal, "sale_void", at, cashier, f'{{"sale_id":{sale_id}}}')
                why = "ลูกค้าเปลี่ยนใจ"
                buf["sale_voids"].append(
                    (sale_id, terminal, seq, at, cashier, manager, shift_id, why)
                )
                for pid, qty, _ in lines:
                    buf["stock_movements"].append((pid, qty, "void", terminal, seq, at, ""))
                for tender, amount in pays:
                    self.kept[tender] -= amount
                detail = json.dumps({"sale_id": sale_id, "total": total})
                buf["audit_log"].append((terminal, seq, at, "void_sale", cashier, manager, detail))
            else:
                net -= self._refund(at, done[i])
        closed_at = _iso(ds, CLOSE_US + 300_000_000)
        close_seq = self._entry(terminal, "shift_close", closed_at, cashier, "{}")
        exp = json.dumps(dict(self.kept, cash=FLOAT + self.kept.get("cash", 0)), sort_keys=True)
        opened = (shift_id, terminal, open_seq, opened_at, cashier, FLOAT, '{"100000":2}', 0)
        buf["shifts"].append((*opened, close_seq, closed_at, cashier, exp, exp, "{}", 0, ""))
        self.z_no[terminal] += 1
        self.grand[terminal] += net
        z_no, z_at = self.z_no[terminal], _iso(ds, CLOSE_US + 600_000_000)
        z = {"z_no": z_no, "from_seq": open_seq, "to_seq": close_seq, "figures": {}, "shifts": []}
        z |= {"period_start": opened_at, "grand_total": self.grand[terminal]}
        z["grand_total_before"] = self.grand[terminal] - net  # the app's payload keys
        z_seq = self._entry(terminal, "z_close", z_at, manager, json.dumps(z, sort_keys=True))
        grand = self.grand[terminal]
        buf["z_reports"].append(
            (terminal, z_no, z_seq, z_at, manager, open_seq, z_seq - 1, "{}", grand)
        )

    def _deliveries(self, ds: str, manager: int) -> None:
        """Before the shift opens: some producers deliver goods, a few take some back."""
        rng, buf, terminal = self.rng, self.buf, self.t
        us = OPEN_US - 1_800_000_000  # from 07:30 Bangkok
        for producer, code, products in self.stocked:
            r = rng.random()
            intake = r < 1 / INTAKE_DAYS
            if not intake and r >= 1 / INTAKE_DAYS + 1 / RETURN_DAYS:
                continue
            us = min(us + rng.randrange(5_000_000, 30_000_000), OPEN_US - 400_000_000)
            at = _iso(ds, us)
            picked = rng.sample(products, min(len(products), rng.randint(1, 6)))
            lines = [(pid, rng.randint(5, 40) if intake else rng.randint(1, 5), own)
                     for pid, own in picked]  # fmt: skip
            items = [{"product_id": p, "qty": q, "ownership": o} for p, q, o in lines]
            if intake:
                n = self._number(terminal, "intake", self.period)
                no = f"{self.pos}-RC-{self.period}{n:04d}"
                payload = {"intake_no": no, "producer_code": code, "lines": items}
                seq = self._entry(terminal, "goods_received", at, manager, json.dumps(payload))
                doc = self._take("intakes")
                buf["intakes"].append((doc, terminal, seq, no, producer, "", at, manager, ""))
                for k, (pid, qty, own) in enumerate(lines, start=1):
                    buf["intake_lines"].append((doc, k, pid, qty, own, None, "", None))
                    buf["stock_movements"].append((pid, qty, "intake", terminal, seq, at, no))
            else:
                n = self._number(terminal, "producer_return", self.period)
                no = f"{self.pos}-RT-{self.period}{n:04d}"
                why = "สินค้าใกล้หมดอายุ"
                payload = {"return_no": no, "producer_code": code, "lines": items, "reason": why}
                seq = self._entry(terminal, "producer_return", at, manager, json.dumps(payload))
                doc = self._take("producer_returns")
                buf["producer_returns"].append((doc, terminal, seq, no, producer, at, manager, why))
                for k, (pid, qty, own) in enumerate(lines, start=1):
                    buf["producer_return_lines"].append((doc, k, pid, qty, own))
                    buf["stock_movements"].append((pid, -qty, "return", terminal, seq, at, no))

    def _sale(self, at: str, voided: bool) -> _Sale:
        rng, buf, terminal = self.rng, self.buf, self.t
        cashier = rng.choice(self.cashiers)
        sale_id = self._take("sales")
        receipt = f"{self.pos}-{self.period}{self._number(terminal, 'receipt', self.period):04d}"
        payload = f'{{"receipt_no":"{receipt}","shift_id":{self.shift}}}'
        seq = self._entry(terminal, "sale", at, cashier, payload)
        lines: list[tuple[int, int, int]] = []
        for n in range(1, rng.choices((1, 2, 3, 4, 5), LINE_WEIGHTS)[0] + 1):
            pid, name, price, *terms = self.products[rng.randrange(len(self.products))]
            qty = rng.randint(1, 3)
            lines.append((pid, qty, qty * price))
            line = (sale_id, n, pid, name, qty, price, 0, qty * price, *terms)
            buf["sale_lines"].append(line)
            buf["stock_movements"].append((pid, -qty, "sale", terminal, seq, at, ""))
        total = sum(a for _, _, a in lines)
        pays = self._payments(sale_id, total, cashier)
        cash = sum(a for t, a in pays if t == "cash")
        tendered = 0 if not cash else cash if rng.random() < 0.3 else (cash // 10_000 + 1) * 10_000
        head = (sale_id, terminal, seq, receipt, at, cashier, total, _vat(total) if self.vat else 0)
        status = "voided" if voided else "completed"
        buf["sales"].append((*head, 0, tendered, tendered - cash, status, self.shift))
        for tender, amount in pays:
            self.kept[tender] = self.kept.get(tender, 0) + amount
        self.count += 1
        return sale_id, lines, pays, total

    def _payments(self, sale_id: int, total: int, cashier: int) -> list[tuple[str, int]]:
        """70 % cash, 12 % PromptPay, 8 % card, 4 % co-payment, 6 % half cash, half QR."""
        r = self.rng.random()
        half = total // 200 * 100  # whole baht
        if r < 0.70 or (r >= 0.94 and not half):
            pays = [("cash", total)]
        elif r < 0.94:
            pays = [("promptpay" if r < 0.82 else "card" if r < 0.90 else "copay", total)]
        else:
            pays = [("cash", half), ("promptpay", total - half)]
        for n, (tender, amount) in enumerate(pays, start=1):
            card = ("A1B2C3", "4242") if tender == "card" else ("", "")
            gov = min(amount // 2, 20_000) if tender == "copay" else 0
            copay = ("คนละครึ่งพลัส", amount - gov, gov) if gov else ("", 0, 0)
            confirmed = cashier if tender == "promptpay" else None
            row = (sale_id, n, tender, amount, "", *card, *copay, 0, confirmed)
            self.buf["payments"].append(row)
        return pays

    def _refund(self, at: str, sale: _Sale) -> int:
        """The first line of an earlier sale of the day comes back, to the sale's last tender."""
        terminal, user, manager = self.t, self.cashiers[0], self.managers[0]
        sale_id, lines, pays, _ = sale
        pid, qty, amount = lines[0]
        tender = pays[-1][0]
        refund_id = self._take("refunds")
        number = f"{self.pos}-RF-{self.period}{self._number(terminal, 'refund', self.period):04d}"
        seq = self._entry(terminal, "refund", at, user, f'{{"refund_no":"{number}"}}')
        head = (refund_id, terminal, seq, number, sale_id, at, user, manager, self.shift, tender)
        vat = _vat(amount) if self.vat else 0
        self.buf["refunds"].append((*head, amount, vat, "สินค้าชำรุด", None))
        self.buf["refund_lines"].append((refund_id, 1, 1, pid, qty, amount, "restock"))
        self.buf["stock_movements"].append((pid, qty, "refund", terminal, seq, at, ""))
        detail = json.dumps({"refund_no": number, "total": amount})
        self.buf["audit_log"].append((terminal, seq, at, "refund", user, manager, detail))
        self.kept[tender] = self.kept.get(tender, 0) - amount
        return amount


def _producer_payload(rng: random.Random, n: int) -> dict[str, Any]:
    """A generated producer, in the 'producer_upsert' form."""
    craft, village = rng.choice(CRAFTS), rng.choice(VILLAGES)
    kind = rng.choices(("community_enterprise", "single_owner", "sme"), (6, 3, 1))[0]
    name = (
        f"วิสาหกิจชุมชน{craft}บ้าน{village}"
        if kind == "community_enterprise"
        else (f"กลุ่ม{craft}บ้าน{village} ({n})")
    )
    phone = f"08{rng.randrange(10)}-{rng.randrange(1000):03d}-{rng.randrange(10_000):04d}"
    return {
        "code": f"BP{n:03d}",
        "name": name,
        "type": kind,
        "district": village,
        "province": "ศรีสะเกษ",
        "contact": phone,
        "commission_bp": rng.choice(range(1000, 3001, 250)),
        "active": True,
    }


def measured_month(today: date) -> tuple[date, date]:
    """The last full calendar month before `today`: what a month-end settlement covers."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def _first_settlement(path: Path, today: date, log: Callable[[str], None]) -> dict[str, Any]:
    """A manager settles every producer from the first history day up to the measured month."""
    from otop_pos.operations import auth
    from otop_pos.operations.consignment import statements
    from otop_pos.operations.startup import open_session

    start, end = today - timedelta(days=DAYS), measured_month(today)[0] - timedelta(days=1)
    log(f"settling every producer from {start} to {end} (their first settlement) ...")
    session = open_session(path)
    try:
        manager = session.store.scalar(
            "SELECT min(id) FROM users WHERE role = 'manager' AND active"
        )
        auth.login(session, int(manager), MANAGER_PIN)
        started = time.perf_counter()
        done = statements.settle(session, start, end)
        took = round(time.perf_counter() - started, 1)
        auth.logout(session)
        session.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        session.store.close()
    log(f"first settlement: {len(done.settled)} producers in {took:.1f} s")
    return {
        "settled_from": start.isoformat(),
        "settled_to": end.isoformat(),
        "first_settlement_seconds": took,
        "first_settlement_producers": len(done.settled),
        "first_settlement_skipped": len(done.skipped),
    }


def _close_shift(session: Any) -> None:
    """The cashier counts the drawer out: exactly what it should hold (the Z needs this)."""
    from otop_pos.domain.shifts.cash_count import DENOMINATIONS, CashCount
    from otop_pos.operations.shifts import shifts as shift_ops

    state = shift_ops.current_state(session)
    assert state is not None and state.expected is not None
    left, pieces = state.expected["cash"].satang, {}
    for d in DENOMINATIONS:
        pieces[d], left = divmod(left, d)
    other = {k: v for k, v in state.expected.items() if k != "cash"}
    shift_ops.close_shift(session, CashCount.of(pieces), other, note="benchmark")


def _ring_up_today(path: Path, count: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Open a shift, ring up `count` cash sales on T01 through the app, close the shift."""
    from otop_pos.db.shifts import day_close
    from otop_pos.domain.money import Money
    from otop_pos.domain.selling.cart import Cart
    from otop_pos.domain.shifts.cash_count import CashCount
    from otop_pos.operations import auth
    from otop_pos.operations.selling import cart as selling
    from otop_pos.operations.selling import checkout
    from otop_pos.operations.shifts import shifts as shift_ops
    from otop_pos.operations.startup import open_session

    started = time.perf_counter()
    session = open_session(path)
    store = session.store
    try:
        cashier = int(store.scalar("SELECT min(id) FROM users WHERE role = 'cashier' AND active"))
        auth.login(session, cashier, "1111")
        if shift_ops.current(session) is None:  # the cashier counts the float in
            shift_ops.open_shift(session, CashCount.of({100_000: FLOAT // 100_000}))
        last_z = day_close.last_z(store, session.terminal_id)
        one_each = "SELECT min(b.barcode) FROM barcodes b JOIN products p ON p.id = b.product_id"
        codes = [r[0] for r in store.query(f"{one_each} WHERE p.active GROUP BY b.product_id")]
        rng = random.Random(5_000)
        cart = Cart()
        first = None
        for i in range(count):
            for _ in range(rng.choices((1, 2, 3, 4, 5), LINE_WEIGHTS)[0]):
                qty = rng.randint(1, 3)
                code = rng.choice(codes)
                selling.scan(session, cart, f"{qty}*{code}" if qty > 1 else code)
            total = cart.total.satang
            done = checkout.complete_cash_sale(session, cart, Money((total // 10_000 + 1) * 10_000))
            first = first or done.seq
            if (i + 1) % 1000 == 0:
                log(f"today: {i + 1:,}/{count:,} sales through the app")
        _close_shift(session)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        took = round(time.perf_counter() - started, 1)
        info = dict(terminal_id=session.terminal_id, today_sales=count, today_seconds=took)
        return info | {"today_seqs": [first, done.seq], "last_z_seq": last_z["seq"]}
    finally:
        store.close()
