"""The province's figures equal the till's own day report: the till's report is the oracle.

A real till database lives a realistic day (tenders with cash rounding, VAT-exempt rice,
weighed garlic, a discount, a void, refunds, sales either side of midnight); its journal
goes to the server's ingest in small batches, signed as the till signs them; then
`otop-pos server report --json` must print the same figures as `otop-pos report day --json`.
Each test runs on a SQLite file and on a real PostgreSQL server.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import MANAGER_PIN, make_centre
from server_helpers import ROOT, _env, server_cli
from weighed_helpers import WEIGHT_LABEL, add_garlic

from otop_pos.db import journal
from otop_pos.db.projections import record
from otop_pos.db.store import open_store
from otop_pos.db.sync import outbox
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.selling.tenders import Tender, TenderKind
from otop_pos.domain.thai.thaidate import to_iso
from otop_pos.operations import auth
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, line_prices, refunds
from otop_pos.operations.session import Session
from otop_pos.sync.signing import signed_headers
from otop_server.db import figures, keys, migrations, tables
from otop_server.db.engine import Database
from otop_server.operations import batches, enrolment
from otop_server.operations import figures as figures_ops

DAY = date(2026, 3, 14)
BKK = timedelta(hours=7)
CENTRE = "SSK01"
SILK, TEA, TEAGLASS = "8850000000014", "8850000000021", "TEAGLASS"
RICE, BAG = "RICE01", "BAG01"

RICE_PRODUCER = {
    "code": "P03", "name": "กลุ่มข้าวหอมมะลิทุ่งกุลา", "type": "community_enterprise",
    "district": "ราษีไศล", "province": "ศรีสะเกษ", "contact": "", "commission_bp": 1000,
    "active": 1,
}  # fmt: skip
EXTRA_PRODUCTS = [
    {
        "sku": RICE, "name_th": "ข้าวหอมมะลิ 1 กก.", "name_en": "Hom mali rice 1 kg",
        "category": "food", "stars": 5, "producer_code": "P03", "price_satang": 4710,
        "vat_applicable": False, "ownership": "consigned", "quick_key": None, "active": True,
        "barcodes": [],
    },
    {
        "sku": BAG, "name_th": "ถุงผ้าศูนย์", "name_en": "Centre tote bag",
        "category": "household", "stars": None, "producer_code": None, "price_satang": 3500,
        "vat_applicable": True, "ownership": "owned", "quick_key": None, "active": True,
        "barcodes": [],
    },
]  # fmt: skip


def at(day: date, hh: int, mm: int) -> datetime:
    """A Bangkok wall-clock time on a day, as the aware UTC instant the till records."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC) - BKK


# -- the database under test: a SQLite file, or a fresh database on a real PostgreSQL --------


@pytest.fixture
def server_db(database: str) -> Iterator[Database]:
    """The shared `database` fixture (SQLite, then a fresh PostgreSQL database), migrated."""
    db = Database(database)
    migrations.migrate(db)
    db.cli_url = database  # type: ignore[attr-defined]
    yield db
    db.dispose()


# -- a till, enrolled and uploading ----------------------------------------------------------


def make_till(path: Path, pos_id: str = "POS01") -> Session:
    """A VAT-registered till rounding cash to the quarter baht, logged in as the manager."""
    store = open_store(path)
    session = make_centre(store, cash_rounding="quarter", pos_id=pos_id)
    auth.login(session, 1, MANAGER_PIN)
    add_garlic(session)
    stamp = to_iso(at(DAY - timedelta(days=2), 8, 0))
    with store.transaction():
        record.record(store, "T01", "producer_upsert", stamp, 1, {"producers": [RICE_PRODUCER]})
        record.record(store, "T01", "product_upsert", stamp, 1, {"products": EXTRA_PRODUCTS})
    return session


def sell(session: Session, *codes: str, when: datetime, tenders: list[Tender] | None = None,
         discount: tuple[int, Money] | None = None) -> str:  # fmt: skip
    """Scan and pay (cash, round thousands handed over, unless tenders are given)."""
    cart = Cart()
    for code in codes:
        selling.scan(session, cart, code)
    if discount is not None:
        line_prices.discount_line(session, cart, *discount)
    if tenders is None:
        handed = Money(-(-cart.total.satang // 100_000) * 100_000)  # the next 1,000 baht up
        return checkout.complete_cash_sale(session, cart, handed, when).receipt_no
    return checkout.complete_sale(session, cart, tenders, when).receipt_no


def card(amount: Money) -> Tender:
    return Tender(TenderKind.CARD, amount, approval_code="A1B2C3", card_last4="4242")


def promptpay(amount: Money) -> Tender:
    return Tender(TenderKind.PROMPTPAY, amount, reference="PP1")


def realistic_day(s: Session) -> None:
    """The day before, THE day (with a void and refunds) and the day after, around midnight."""
    before, after = DAY - timedelta(days=1), DAY + timedelta(days=1)
    sell(s, TEA, when=at(before, 23, 30))  # the day before, half an hour to midnight
    sell(s, TEAGLASS, when=at(DAY, 0, 10))  # ten past midnight: the day itself
    sell(s, SILK, TEA, when=at(DAY, 9, 5))
    rice = sell(s, RICE, RICE, WEIGHT_LABEL, when=at(DAY, 9, 30))  # exempt, rounded, weighed
    sell(s, SILK, when=at(DAY, 10, 0), discount=(0, Money.baht(100)),
         tenders=[card(Money.baht(1400))])  # fmt: skip
    tea3 = sell(s, TEA, TEA, TEA, when=at(DAY, 11, 0), tenders=[promptpay(Money(3 * 8550))])
    wrong = sell(s, BAG, RICE, when=at(DAY, 12, 0))  # rounded, partly exempt, then voided
    refunds.void_sale(s, wrong, "สแกนผิด", now=at(DAY, 12, 10))
    mixed = sell(s, SILK, RICE, TEA, BAG, when=at(DAY, 13, 0),
                 tenders=[card(Money.baht(1000)), Tender(TenderKind.CASH, Money.baht(1000))])  # fmt: skip
    refunds.refund(s, mixed, [refunds.ReturnItem(3, 1), refunds.ReturnItem(2, 1)],
                   "ลูกค้าเปลี่ยนใจ", tender="card", now=at(DAY, 15, 0))  # fmt: skip
    refunds.refund(s, rice, [refunds.ReturnItem(2, 200)], "เน่า",
                   now=at(DAY, 15, 30))  # 200 g of the garlic back: money, no item  # fmt: skip
    late = sell(s, SILK, when=at(DAY, 20, 0), tenders=[card(Money.baht(1500))])
    refunds.void_sale(s, late, "บัตรถูกปฏิเสธ", now=at(after, 9, 0))  # voided the next day
    refunds.refund(
        s, tea3, [refunds.ReturnItem(1, 1)], "ชำรุด", tender="promptpay", now=at(after, 10, 0)
    )  # refunded the next day
    sell(s, TEA, TEAGLASS, when=at(after, 11, 0))


class Uploader:
    """A till's upload as the protocol has it: enrolled once, then signed batches."""

    def __init__(self, db: Database, session: Session, pos_id: str = "POS01") -> None:
        self.db, self.store, self.chain = db, session.store, session.terminal_id
        now = time.time()
        code = enrolment.make_code(db, CENTRE, pos_id, now)
        first = self.store.one("SELECT hash FROM journal WHERE terminal_id = ? AND seq = 1",
                               (self.chain,))  # fmt: skip
        body = {"code": code, "pos_id": pos_id, "chain_id": self.chain,
                "first_entry_hash": first[0] if first else None, "client": "test"}  # fmt: skip
        got = enrolment.redeem(db, body, "127.0.0.1", now, enrolment.WrongCodes(), "key")
        self.terminal_id, self.secret = got["terminal_id"], base64.b64decode(got["secret"])
        self.acked = 0
        self.key = keys.signing_key(db)

    def send(self, entries: list[dict[str, Any]]) -> dict[str, Any]:
        path = f"/v1/terminals/{self.terminal_id}/batches"
        body = json.dumps({
            "terminal_id": self.terminal_id, "from_seq": entries[0]["seq"],
            "to_seq": entries[-1]["seq"], "head": {"seq": entries[-1]["seq"],
                                                   "hash": entries[-1]["hash"]},
            "entries": entries}).encode()  # fmt: skip
        now = time.time()
        headers = signed_headers(self.terminal_id, self.secret, "POST", path, body, int(now))
        answer = batches.receive(self.db, self.terminal_id, path, headers, body, now, self.key)
        self.acked = answer["acknowledged"]["seq"]
        return answer

    def upload(self, size: int = 7) -> int:
        """Everything not yet acknowledged, `size` entries a batch; the batches sent."""
        sent = 0
        while entries := outbox.next_batch(self.store, self.chain, self.acked, size):
            self.send(entries)
            sent += 1
        return sent


# -- the two reports -------------------------------------------------------------------------


def till_report(db_path: Path, day: date) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "otop_pos.cli.main", "report", "day", "--date", day.isoformat(),
         "--json", "--db", str(db_path), "--user", "1", "--pin", MANAGER_PIN],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=_env(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def server_report(db: Database, day: date) -> dict[str, Any]:
    out = server_cli("report", "--centre", CENTRE, "--date", day.isoformat(), "--json",
                     database=db.cli_url)  # type: ignore[attr-defined]  # fmt: skip
    return json.loads(out)


def comparable(till_figures: dict[str, Any]) -> dict[str, Any]:
    """The till's figures the server keeps (no cashiers, no hours)."""
    return {k: v for k, v in till_figures.items() if k not in ("cashiers", "hours")}


def without_districts(server_figures: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in server_figures.items() if k != "districts"}


# -- the tests -------------------------------------------------------------------------------


def test_the_server_report_equals_the_till_day_report(server_db: Database,
                                                       tmp_path: Path) -> None:  # fmt: skip
    till_path = tmp_path / "till.sqlite"
    till = make_till(till_path)
    realistic_day(till)
    assert Uploader(server_db, till).upload(size=7) > 3  # several batches, days split across

    for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1)):
        mine = till_report(till_path, day)["figures"]
        theirs = server_report(server_db, day)
        assert without_districts(theirs["figures"]) == comparable(mine), day
        assert theirs["amounts_in"] == "satang" and theirs["date"] == day.isoformat()

    # The day itself shows everything the test meant to put there, so the equality is not
    # two empty reports agreeing: every tender, exempt rice, rounding, a void, refunds.
    f = server_report(server_db, DAY)["figures"]
    assert f["sales_count"] == 8 and f["voids_count"] == 1 and f["refunds_count"] == 2
    assert f["discounts"] > 0 and f["exempt"] > 0 and f["rounding"] != 0
    assert {t["key"] for t in f["tenders"]} == {"cash", "card", "promptpay"}
    assert {c["key"] for c in f["categories"]} == {"food", "drink", "textile", "household"}
    # Districts: the producers' own, '' for the tote bag that has no producer; they add up
    # to the same net as the producers do.
    assert {d["key"] for d in f["districts"]} == {"กันทรลักษ์", "ขุขันธ์", "ราษีไศล", ""}
    assert sum(d["amount"] for d in f["districts"]) == sum(p["amount"] for p in f["producers"])
    after = server_report(server_db, DAY + timedelta(days=1))["figures"]
    assert after["voids_count"] == 1 and after["refunds_count"] == 1

    # A rebuild from the stored entries gives the same figures again.
    before = figures_ops.centre_day(server_db, CENTRE, DAY)
    assert figures.rebuild(server_db) == till.store.one("SELECT count(*) FROM journal")[0]
    assert figures_ops.centre_day(server_db, CENTRE, DAY) == before


def test_two_tills_of_a_centre_add_up(server_db: Database, tmp_path: Path) -> None:
    one, two = make_till(tmp_path / "one.sqlite"), make_till(tmp_path / "two.sqlite", "POS02")
    sell(one, SILK, TEA, when=at(DAY, 8, 0))
    sell(two, RICE, WEIGHT_LABEL, when=at(DAY, 9, 0), tenders=[promptpay(Money(4710 + 5850))])
    r = sell(one, TEA, BAG, when=at(DAY, 10, 0))
    refunds.refund(one, r, [refunds.ReturnItem(2, 1)], "คืน", now=at(DAY, 11, 0))
    sell(two, SILK, when=at(DAY, 12, 0), tenders=[card(Money.baht(1500))])
    for till, pos in ((one, "POS01"), (two, "POS02")):
        Uploader(server_db, till, pos).upload(size=50)

    tills = [till_report(tmp_path / f"{n}.sqlite", DAY)["figures"] for n in ("one", "two")]
    got = server_report(server_db, DAY)["figures"]
    assert without_districts(got) == added(*tills)
    assert got["first_receipt"].startswith("POS01") and got["last_receipt"].startswith("POS02")
    assert len(server_report(server_db, DAY)["terminals"]) == 2
    server_cli("rebuild-figures", database=server_db.cli_url)  # type: ignore[attr-defined]
    assert server_report(server_db, DAY)["figures"]["tenders"] == got["tenders"]


def added(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two tills' figures as one centre's: sums, and breakdowns merged by key."""
    out: dict[str, Any] = {}
    for k, v in comparable(a).items():
        if isinstance(v, int):
            out[k] = v + b[k]
        elif isinstance(v, list):
            rows: dict[str, dict[str, Any]] = {}
            for row in v + b[k]:
                have = rows.setdefault(row["key"], {**row, "count": 0, "amount": 0})
                have["count"] += row["count"]
                have["amount"] += row["amount"]
            out[k] = sorted(rows.values(), key=lambda r: (-r["amount"], r["key"]))
    out["first_receipt"], out["last_receipt"] = a["first_receipt"], b["last_receipt"]
    return out


def test_a_replayed_batch_adds_nothing(server_db: Database, tmp_path: Path) -> None:
    till = make_till(tmp_path / "till.sqlite")
    sell(till, SILK, TEA, when=at(DAY, 9, 0))
    sell(till, RICE, when=at(DAY, 10, 0))
    up = Uploader(server_db, till)
    up.upload(size=500)
    once = figures_ops.centre_day(server_db, CENTRE, DAY)
    everything = outbox.next_batch(till.store, till.terminal_id, 0, 500)
    answer = up.send(everything)  # the till lost the answer and sends it all again
    assert answer["stored"] == 0 and answer["already_held"] == len(everything)
    up.send(everything[-2:])
    again = figures_ops.centre_day(server_db, CENTRE, DAY)  # the terminals' last contact moved on
    assert again["figures"] == once["figures"]
    assert once["figures"]["sales_count"] == 2


def test_a_flagged_entry_is_not_summed(server_db: Database, tmp_path: Path) -> None:
    till = make_till(tmp_path / "till.sqlite")
    good = sell(till, TEA, when=at(DAY, 9, 0))
    up = Uploader(server_db, till)
    up.upload()
    clean = figures_ops.centre_day(server_db, CENTRE, DAY)["figures"]
    bad = json.loads(till.store.one("SELECT payload FROM journal WHERE kind = 'sale'")[0])
    bad["receipt_no"] = good + "X"
    del bad["vat_base"]  # required, and not read by the sums: only the flag keeps it out
    with till.store.transaction():  # written past the till's own checks, as a bad build might
        journal.append(till.store, till.terminal_id, "sale", to_iso(at(DAY, 9, 30)), 1, bad)
    with till.store.transaction():  # and a void of it: nothing to take back out either
        journal.append(till.store, till.terminal_id, "sale_void", to_iso(at(DAY, 9, 40)), 1,
                       {"receipt_no": bad["receipt_no"], "total": bad["total"], "reason": "x",
                        "approved_by": 1, "lines": []})  # fmt: skip
    answers = []
    while entries := outbox.next_batch(till.store, till.terminal_id, up.acked, 500):
        answers.append(up.send(entries))
    assert [f["seq"] for a in answers for f in a["flagged"]] == [up.acked - 1]
    assert figures_ops.centre_day(server_db, CENTRE, DAY)["figures"] == clean


def test_an_amount_written_as_text_is_left_out_and_the_batch_kept(server_db: Database,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    """A current-version sale is checked as the till checks it before writing: an amount in
    text is flagged. An old one is read as written (only its structure is checked on
    arrival), so it arrives unflagged: the sums leave it out. The batch lands either way."""
    till = make_till(tmp_path / "till.sqlite")
    sell(till, TEA, when=at(DAY, 9, 0))
    up = Uploader(server_db, till)
    up.upload()
    clean = figures_ops.centre_day(server_db, CENTRE, DAY)["figures"]
    odd = json.loads(till.store.one("SELECT payload FROM journal WHERE kind = 'sale'")[0])
    odd["receipt_no"] += "X"
    odd["lines"][0]["amount"] = str(odd["lines"][0]["amount"])
    old = {k: v for k, v in odd.items() if k != "v"} | {"receipt_no": odd["receipt_no"] + "1"}
    with till.store.transaction():
        now = journal.append(till.store, till.terminal_id, "sale", to_iso(at(DAY, 9, 30)), 1, odd)
        journal.append(till.store, till.terminal_id, "sale", to_iso(at(DAY, 9, 31)), 1, old)
    sell(till, SILK, when=at(DAY, 10, 0), tenders=[card(Money.baht(1500))])
    entries = outbox.next_batch(till.store, till.terminal_id, up.acked, 500)
    answer = up.send(entries)
    assert answer["stored"] == len(entries)
    assert [f["seq"] for f in answer["flagged"]] == [now.seq]  # the old one is not flagged
    assert "lines[0].amount" in answer["flagged"][0]["problems"][0]
    got = figures_ops.centre_day(server_db, CENTRE, DAY)["figures"]
    assert got["sales_count"] == clean["sales_count"] + 1  # the silk, not the odd sale
    assert got["gross"] == clean["gross"] + 150000


def test_a_sale_keeps_the_category_it_was_sold_in(server_db: Database, tmp_path: Path) -> None:
    """The server sums a line under the category its product had when sold; the till's own
    report reads today's category, so after a recategorisation the two differ, on purpose."""
    till = make_till(tmp_path / "till.sqlite")
    sell(till, TEA, when=at(DAY, 9, 0))
    up = Uploader(server_db, till)
    up.upload()
    moved = dict(till.store.one("SELECT payload FROM journal WHERE kind = 'product_upsert'"
                                " AND payload LIKE '%TEA01%'"))  # fmt: skip
    product = next(p for p in json.loads(moved["payload"])["products"] if p["sku"] == "TEA01")
    product = {k: v for k, v in product.items() if k != "v"} | {"category": "food"}
    with till.store.transaction():
        record.record(till.store, till.terminal_id, "product_upsert",
                      to_iso(at(DAY, 18, 0)), 1, {"products": [product]})  # fmt: skip
    sell(till, TEA, when=at(DAY, 19, 0))
    up.upload()
    server = {c["key"]: c["count"] for c in figures_ops.centre_day(
        server_db, CENTRE, DAY)["figures"]["categories"]}  # fmt: skip
    assert server == {"drink": 1, "food": 1}
    till_side = {c["key"]: c["count"] for c in till_report(tmp_path / "till.sqlite", DAY)[
        "figures"]["categories"]}  # fmt: skip
    assert till_side == {"food": 2}


def test_province_day_sums_each_centre(server_db: Database, tmp_path: Path) -> None:
    till = make_till(tmp_path / "till.sqlite")
    sell(till, SILK, when=at(DAY, 9, 0))
    Uploader(server_db, till).upload()
    [row] = figures_ops.province_day(server_db, DAY)
    report = figures_ops.centre_day(server_db, CENTRE, DAY)["figures"]
    assert row["centre"] == CENTRE and row["net"] == report["net"] == 150000
    with server_db.read() as conn:
        assert conn.execute(tables.fig_days.select()).first() is not None


def test_catching_up_at_once_from_several_processes_sums_each_entry_once(
    server_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers of one server each catch up after their batches: the progress row is the lock."""
    import threading

    from otop_server.db import projector

    monkeypatch.setattr(projector, "STEP", 3)  # many small steps: many chances to collide

    till = make_till(tmp_path / "till.sqlite")
    realistic_day(till)
    Uploader(server_db, till).upload(size=7)
    others = [Database(server_db.cli_url) for _ in range(3)]  # type: ignore[attr-defined]
    counts: list[int] = []
    gate = threading.Barrier(len(others))

    def catch_up(db: Database) -> None:
        gate.wait(10)
        counts.append(projector.catch_up(db))

    threads = [threading.Thread(target=catch_up, args=(db,)) for db in others]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for db in others:
        db.dispose()
    held = till.store.one("SELECT count(*) FROM journal")[0]
    assert sum(counts) == held  # every entry projected by exactly one of them
    once = figures.day_report(server_db, CENTRE, DAY)["figures"]
    figures.rebuild(server_db)
    assert figures.day_report(server_db, CENTRE, DAY)["figures"] == once


def test_a_figures_fault_never_refuses_a_batch(server_db: Database, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """Acknowledging a till does not wait on the sums: a projection bug leaves the till alone."""
    from otop_server.db import projector

    till = make_till(tmp_path / "till.sqlite")
    sell(till, SILK, TEA, when=at(DAY, 10, 0))

    def broken(*_args: object) -> None:
        raise RuntimeError("a bug in the sums")

    monkeypatch.setattr(figures, "project", broken)
    uploader = Uploader(server_db, till)
    uploader.upload(size=7)
    assert uploader.acked == till.store.one("SELECT max(seq) FROM journal")[0]
    with pytest.raises(RuntimeError):
        projector.catch_up(server_db)
    monkeypatch.undo()  # the bug fixed: the sums catch up with everything held
    report = figures_ops.centre_day(server_db, CENTRE, DAY)["figures"]
    assert report["sales_count"] == 1
    assert comparable(till_report(tmp_path / "till.sqlite", DAY)["figures"]) == without_districts(
        report
    )
