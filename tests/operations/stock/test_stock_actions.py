"""Stock on hand, history, alerts, write-offs, returns to producers and counts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, PRODUCTS
from shift_helpers import SILK, TEA, sell

from otop_pos.db.projections import record
from otop_pos.db.stock import levels as stock_db
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import period_of
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import bangkok_date, to_iso, utc_now
from otop_pos.operations import approvals, auth
from otop_pos.operations.consignment import producer_returns
from otop_pos.operations.consignment.intake import IntakeLine, receive_goods
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import refunds
from otop_pos.operations.session import Session
from otop_pos.operations.stock import counts, on_hand, write_offs

HONEY = {
    "sku": "HONEY01", "name_th": "น้ำผึ้งป่า 250 มล.", "name_en": "Wild honey 250 ml",
    "category": "food", "stars": 4, "producer_code": "P02", "price_satang": 12000,
    "vat_applicable": 1, "ownership": "consigned", "quick_key": None, "active": 1,
    "barcodes": [],
}  # fmt: skip


def ids(store: Store) -> dict[str, int]:
    return {r["sku"]: r["id"] for r in store.query("SELECT id, sku FROM products")}


def state(store: Store) -> tuple[Any, ...]:
    """Everything a refused stock action must leave as it was."""
    return (
        store.scalar("SELECT count(*) FROM journal"),
        store.scalar("SELECT count(*) FROM stock_movements"),
        store.scalar("SELECT coalesce(sum(last_no), 0) FROM doc_counters"),
        stock_db.on_hand_all(store),
    )


def upsert(store: Store, *rows: dict[str, Any]) -> None:
    with store.transaction():
        record.record(
            store, "T01", "product_upsert", to_iso(utc_now()), None, {"products": list(rows)}
        )


def product(sku: str, **changes: Any) -> dict[str, Any]:
    return next(p for p in PRODUCTS if p["sku"] == sku) | changes


def as_cashier(session: Session) -> Session:
    auth.logout(session)
    auth.login(session, 2, CASHIER_PIN)
    return session


def test_on_hand_reads_the_cached_levels(manager: Session) -> None:
    store = manager.store
    silk = ids(store)["SILK01"]
    assert stock_db.on_hand(store, silk) == 50
    assert stock_db.on_hand(store, 9999) == 0
    store.conn.execute("UPDATE stock_levels SET qty = 7 WHERE product_id = ?", (silk,))
    assert stock_db.on_hand(store, silk) == 7  # the cache, not the movement sum
    assert stock_db.on_hand_all(store)[silk] == 7


def test_stock_on_hand_keeps_consigned_and_owned_apart(manager: Session) -> None:
    rows = {r.sku: r for r in on_hand.stock_on_hand(manager)}
    assert set(rows) == {"SILK01", "TEA01", "TEAGLASS", "OLD01"}  # OLD01: inactive, still 50
    assert (rows["TEA01"].ownership_th, rows["TEAGLASS"].ownership_th) == ("ฝากขาย", "ซื้อขาด")
    assert rows["SILK01"].value == Money(50 * 150000)
    p02 = {r.sku for r in on_hand.stock_on_hand(manager, producer_code="P02")}
    assert p02 == {"TEA01", "TEAGLASS"}
    assert [r.sku for r in on_hand.stock_on_hand(manager, category="textile")] == ["SILK01"]
    assert [r.sku for r in on_hand.stock_on_hand(manager, text="ไหมมัด")] == ["SILK01"]
    assert [r.sku for r in on_hand.stock_on_hand(manager, text="8850000000038")] == ["TEA01"]
    narrowed = on_hand.stock_on_hand(manager, "P02", "drink", "glass")
    assert [r.sku for r in narrowed] == ["TEAGLASS"]
    with pytest.raises(FieldError, match="ไม่มีหมวดสินค้า"):
        on_hand.stock_on_hand(manager, category="toys")
    with pytest.raises(FieldError, match="ไม่พบผู้ผลิต"):
        on_hand.stock_on_hand(manager, producer_code="P99")


def test_producer_summary_values_consigned_and_owned_separately(manager: Session) -> None:
    sell(manager, TEA, TEA)
    summary = {s.producer_code: s for s in on_hand.producer_stock(manager)}
    p02 = summary["P02"]
    assert (p02.consigned_qty, p02.consigned_value) == (48, Money(48 * 8550))
    assert (p02.owned_qty, p02.owned_value) == (50, Money(50 * 2500))
    assert (summary["P01"].consigned_qty, summary["P01"].owned_qty) == (50, 0)
    assert summary[""].producer_name == "ไม่ระบุผู้ผลิต" and summary[""].owned_qty == 50
    assert [s.producer_code for s in on_hand.producer_stock(manager, "P01")] == ["P01"]
    as_cashier(manager)  # "is there another one in the back?"
    assert on_hand.stock_on_hand(manager, text="SILK")[0].on_hand == 50


def test_low_stock_lists_active_products_at_or_below_their_minimum(manager: Session) -> None:
    store = manager.store
    upsert(store, product("TEA01", min_stock=50), product("OLD01", min_stock=100))
    assert [r.sku for r in on_hand.low_stock(manager)] == ["TEA01"]  # OLD01 is inactive
    receive_goods(manager, "P02", [IntakeLine(ids(store)["TEA01"], 1)])
    assert on_hand.low_stock(manager) == []
    sell(manager, TEA, TEA)
    low = on_hand.low_stock(manager)
    assert [(r.sku, r.on_hand, r.min_stock) for r in low] == [("TEA01", 49, 50)]


def test_history_reads_like_the_paper_trail(manager: Session) -> None:
    store = manager.store
    silk = ids(store)["SILK01"]
    start = utc_now()
    intake = receive_goods(
        manager, "P01", [IntakeLine(silk, 10)], "DN-7", now=start + timedelta(minutes=1)
    )
    sale = sell(manager, SILK, SILK, now=start + timedelta(minutes=2))
    void = sell(manager, SILK, now=start + timedelta(minutes=3))
    refunds.void_sale(manager, void.receipt_no, "ผิดรายการ", now=start + timedelta(minutes=4))
    refund = refunds.refund(
        manager, sale.receipt_no, [refunds.ReturnItem(1, 1, "damaged")], "ขาด",
        now=start + timedelta(minutes=5),
    )  # fmt: skip
    sheet = counts.start_count(manager, "P01")
    counts.set_counted(sheet, silk, "55")
    count_no = counts.post_count(manager, sheet, now=start + timedelta(minutes=6))
    rows = [(m.reason_th, m.qty, m.balance, m.doc_no) for m in on_hand.history(manager, silk)]
    assert rows == [
        ("ตรวจนับ", -3, 55, count_no),
        ("ชำรุด", -1, 58, refund.refund_no),
        ("รับคืนจากลูกค้า", 1, 59, refund.refund_no),
        ("ยกเลิกบิล", 1, 58, void.receipt_no),
        ("ขาย", -1, 57, void.receipt_no),
        ("ขาย", -2, 58, sale.receipt_no),
        ("รับเข้า", 10, 60, intake.intake_no),
        ("ยอดยกมา", 50, 50, ""),
    ]
    assert on_hand.history(manager, silk)[-2].note == "DN-7"
    assert rows[0][2] == stock_db.on_hand(store, silk)
    assert len(on_hand.history(manager, silk, limit=2)) == 2


def test_remaining_lots_are_the_newest() -> None:
    assert on_hand.remaining_newest_first(6, [4, 10]) == [4, 2]
    assert on_hand.remaining_newest_first(25, [10, 10]) == [10, 10]  # 5 opening stock
    assert on_hand.remaining_newest_first(-3, [10]) == [0]


def test_near_expiry_follows_first_in_first_out(manager: Session) -> None:
    store = manager.store
    upsert(store, HONEY)
    honey = ids(store)["HONEY01"]
    now = utc_now()
    today = bangkok_date(now)
    old_day = now - timedelta(days=2)
    receive_goods(
        manager, "P02", [IntakeLine(honey, 12, "A", today + timedelta(days=10))], now=old_day
    )
    receive_goods(manager, "P02", [IntakeLine(honey, 10, "B", today + timedelta(days=60))], now=now)
    lots = on_hand.near_expiry(manager, now=now)
    assert [(x.lot, x.days_left, x.qty) for x in lots] == [("A", 10, 12)]
    assert on_hand.near_expiry(manager, days=5, now=now) == []
    assert on_hand.near_expiry(manager, now=now, category="drink") == []
    assert len(on_hand.near_expiry(manager, now=now, category="food")) == 1
    assert [x.lot for x in on_hand.near_expiry(manager, days=90, now=now)] == ["A", "B"]

    sell(manager, *["HONEY01"] * 5)  # the oldest go first: 7 of lot A left
    assert [(x.lot, x.qty) for x in on_hand.near_expiry(manager, now=now)] == [("A", 7)]
    sell(manager, *["HONEY01"] * 8)  # lot A is gone; 9 of lot B remain
    assert on_hand.near_expiry(manager, now=now) == []
    assert [(x.lot, x.qty) for x in on_hand.near_expiry(manager, days=90, now=now)] == [("B", 9)]


def test_expired_lots_show_negative_days(manager: Session) -> None:
    store = manager.store
    upsert(store, HONEY)
    honey = ids(store)["HONEY01"]
    now = utc_now()
    long_ago = now - timedelta(days=40)
    expiry = bangkok_date(long_ago) + timedelta(days=35)
    receive_goods(manager, "P02", [IntakeLine(honey, 4, "OLD", expiry)], now=long_ago)
    [lot] = on_hand.near_expiry(manager, now=now)
    assert (lot.lot, lot.qty, lot.expiry) == ("OLD", 4, expiry)
    assert lot.days_left == (expiry - bangkok_date(now)).days < 0


def test_adjust_stock_writes_off_with_a_number_and_an_audit(manager: Session) -> None:
    store = manager.store
    silk, tea = ids(store)["SILK01"], ids(store)["TEA01"]
    now = utc_now()
    no = write_offs.adjust_stock(
        manager, "damaged", [(silk, 2), (tea, 1), (silk, 1)], "น้ำรั่ว", now=now
    )
    assert no == f"POS01-AJ-{period_of(now)}0001"
    assert (stock_db.on_hand(store, silk), stock_db.on_hand(store, tea)) == (47, 49)
    moves = store.query("SELECT product_id, qty, reason, note FROM stock_movements"
                        " WHERE doc_no = ? ORDER BY product_id", (no,))  # fmt: skip
    assert [tuple(m) for m in moves] == [
        (silk, -3, "damaged", "น้ำรั่ว"),
        (tea, -1, "damaged", "น้ำรั่ว"),
    ]
    audit = store.one("SELECT asked_by, approved_by FROM audit_log WHERE action = 'stock_adjust'")
    assert audit is not None and tuple(audit) == (1, 1)
    assert on_hand.ADJUST_REASONS["sample"] == "ตัวอย่าง"


def test_a_cashier_needs_a_manager_to_write_off(centre: Session) -> None:
    store = centre.store
    silk = ids(store)["SILK01"]
    auth.login(centre, 2, CASHIER_PIN)
    before = state(store)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        write_offs.adjust_stock(centre, "sample", [(silk, 1)])
    assert state(store) == before
    ok = approvals.approve(centre, MANAGER_PIN, Permission.ADJUST_STOCK)
    write_offs.adjust_stock(centre, "sample", [(silk, 1)], approval=ok)
    audit = store.one("SELECT asked_by, approved_by FROM audit_log WHERE action = 'stock_adjust'")
    assert audit is not None and tuple(audit) == (2, 1)
    assert stock_db.on_hand(store, silk) == 49


@pytest.mark.parametrize(
    ("reason", "items", "note", "message", "field"),
    [
        ("lost", [("SILK01", 1)], " ", "สินค้าสูญหายต้องใส่หมายเหตุ", "note"),
        ("stolen", [("SILK01", 1)], "", "กรุณาเลือกเหตุผล", "reason"),
        ("damaged", [], "", "ยังไม่มีรายการสินค้า", "items"),
        ("damaged", [("SILK01", 0)], "", "จำนวนต้องเป็นจำนวนเต็ม", "item_"),
        ("damaged", [("SILK01", 51)], "", "มีอยู่ 50 ชิ้น นำออก 51 ชิ้นไม่ได้", "item_"),
        ("expired", [("SILK01", 30), ("SILK01", 30)], "", "มีอยู่ 50 ชิ้น นำออก 60", "item_"),
        ("expired", [("TEA01", 1), ("NOPE", 1)], "", "ไม่พบสินค้า", "item_"),
    ],
)
def test_bad_write_offs_write_nothing(manager: Session, reason: str, items: Any, note: str,
                                      message: str, field: str) -> None:  # fmt: skip
    store = manager.store
    pairs = [(ids(store).get(s, 9999), q) for s, q in items]
    before = state(store)
    with pytest.raises(FieldError, match=message) as err:
        write_offs.adjust_stock(manager, reason, pairs, note)
    assert err.value.field.startswith(field)
    assert state(store) == before


def test_return_to_producer(manager: Session) -> None:
    store = manager.store
    tea, glass = ids(store)["TEA01"], ids(store)["TEAGLASS"]
    now = utc_now()
    result = producer_returns.return_to_producer(
        manager, "P02", [(tea, 5), (glass, 2)], "ขายไม่ออก", now
    )
    assert result.return_no == f"POS01-RT-{period_of(now)}0001"
    assert (result.producer_code, result.qty, result.reason) == ("P02", 7, "ขายไม่ออก")
    assert [ln.sku for ln in result.lines] == ["TEA01", "TEAGLASS"]
    assert (stock_db.on_hand(store, tea), stock_db.on_hand(store, glass)) == (45, 48)
    lines = store.query(
        "SELECT product_id, qty, ownership FROM producer_return_lines ORDER BY line_no"
    )
    assert [tuple(r) for r in lines] == [(tea, 5, "consigned"), (glass, 2, "owned")]
    latest = on_hand.history(manager, tea)[0]
    assert (latest.reason_th, latest.doc_no) == ("คืนผู้ผลิต", result.return_no)


def test_bad_returns_write_nothing(manager: Session) -> None:
    store = manager.store
    tea, silk = ids(store)["TEA01"], ids(store)["SILK01"]
    before = state(store)
    with pytest.raises(FieldError, match=r"เป็นของผู้ผลิต P01 .* ไม่ใช่ของ P02"):
        producer_returns.return_to_producer(manager, "P02", [(tea, 1), (silk, 1)], "คืน")
    with pytest.raises(FieldError, match="มีอยู่ 50 ชิ้น นำออก 80 ชิ้นไม่ได้"):
        producer_returns.return_to_producer(manager, "P02", [(tea, 80)], "คืน")
    with pytest.raises(FieldError, match="กรุณาใส่เหตุผล"):
        producer_returns.return_to_producer(manager, "P02", [(tea, 1)], "  ")
    with pytest.raises(FieldError, match="ไม่พบผู้ผลิต"):
        producer_returns.return_to_producer(manager, "P77", [(tea, 1)], "คืน")
    as_cashier(manager)
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์คืนสินค้าให้ผู้ผลิต"):
        producer_returns.return_to_producer(manager, "P02", [(tea, 1)], "คืน")
    assert state(store) == before


def test_count_scope_and_scanning(manager: Session) -> None:
    everything = counts.start_count(manager)
    assert {ln.sku for ln in everything.lines.values()} == {"SILK01", "TEA01", "TEAGLASS", "OLD01"}
    assert everything.scope == {"producer": None, "category": None}
    drinks = counts.start_count(manager, category="drink")
    assert {ln.sku for ln in drinks.lines.values()} == {"TEA01", "TEAGLASS"}
    sheet = counts.start_count(manager, "P02")
    assert sheet.scope == {"producer": "P02", "category": None}
    line = counts.count_scan(manager, sheet, TEA)
    counts.count_scan(manager, sheet, "8850000000038")  # its second barcode
    assert (line.sku, line.expected, line.counted) == ("TEA01", 50, 2)
    with pytest.raises(FieldError, match=r"SILK01 .* ไม่อยู่ในรอบการนับนี้ \(นับเฉพาะผู้ผลิต P02"):
        counts.count_scan(manager, sheet, SILK)
    with pytest.raises(FieldError, match="ไม่พบสินค้าบาร์โค้ดหรือรหัส"):
        counts.count_scan(manager, sheet, "123")
    assert counts.count_scan(manager, sheet, f"12*{TEA}").counted == 14  # as at the till
    assert counts.count_scan(manager, sheet, "3x TEA01").counted == 17
    with pytest.raises(FieldError, match="ใส่จำนวนได้ครั้งเดียว") as err:
        counts.count_scan(manager, sheet, f"2*3*{TEA}")
    assert err.value.field == "barcode" and line.counted == 17
    with pytest.raises(FieldError, match="จำนวนต้องอยู่ระหว่าง 1 ถึง 9,999"):
        counts.count_scan(manager, sheet, f"0*{TEA}")
    with pytest.raises(FieldError, match="ไม่มีหมวดสินค้า"):
        counts.start_count(manager, category="toys")
    with pytest.raises(OperationError, match="ไม่มีสินค้าให้นับ"):
        counts.start_count(manager, "P01", "food")


def test_typed_counts_and_variances(manager: Session) -> None:
    store = manager.store
    tea, glass = ids(store)["TEA01"], ids(store)["TEAGLASS"]
    sheet = counts.start_count(manager, "P02")
    counts.set_counted(sheet, tea, "๔๗")
    counts.set_counted(sheet, glass, "50")
    with pytest.raises(FieldError, match=r"TEA01 .*จำนวนต้องเป็นตัวเลขจำนวนเต็ม") as err:
        counts.set_counted(sheet, tea, "สี่สิบ")
    assert err.value.field == f"count_{tea}"
    with pytest.raises(FieldError, match="ติดลบไม่ได้"):
        counts.set_counted(sheet, tea, "-2")
    assert sheet.lines[tea].counted == 47  # a refused entry leaves the line as it was
    with pytest.raises(FieldError, match="ไม่อยู่ในรอบการนับนี้"):
        counts.set_counted(sheet, ids(store)["SILK01"], "1")
    [v] = counts.variances(sheet)
    assert (v.sku, v.expected, v.counted, v.difference, v.value) == (
        "TEA01", 50, 47, -3, Money(-3 * 8550),
    )  # fmt: skip
    counts.set_counted(sheet, glass, "")
    assert sheet.lines[glass].counted is None


def test_post_count_rereads_what_is_expected(manager: Session) -> None:
    store = manager.store
    tea, glass = ids(store)["TEA01"], ids(store)["TEAGLASS"]
    sheet = counts.start_count(manager, "P02")
    before = state(store)
    with pytest.raises(OperationError, match="ยังไม่ได้นับสินค้าเลย"):
        counts.post_count(manager, sheet)
    assert state(store) == before
    sell(manager, TEA)  # sold while counting: 49 expected now
    counts.set_counted(sheet, tea, "47")
    now = utc_now()
    count_no = counts.post_count(manager, sheet, "นับประจำเดือน", now=now)
    assert count_no == f"POS01-SC-{period_of(now)}0001"
    assert stock_db.on_hand(store, tea) == 47
    assert stock_db.on_hand(store, glass) == 50  # not counted, not touched
    lines = store.query("SELECT product_id, expected, counted FROM stock_count_lines")
    assert [tuple(r) for r in lines] == [(tea, 49, 47)]
    moves = store.query("SELECT qty, reason FROM stock_movements WHERE doc_no = ?", (count_no,))
    assert [tuple(m) for m in moves] == [(-2, "count")]
    with pytest.raises(OperationError, match="บันทึกไปแล้ว"):
        counts.post_count(manager, sheet)


def test_a_zero_count_empties_the_shelf(manager: Session) -> None:
    store = manager.store
    glass = ids(store)["TEAGLASS"]
    sheet = counts.start_count(manager, category="drink")
    counts.set_counted(sheet, glass, "0")
    counts.post_count(manager, sheet)
    assert stock_db.on_hand(store, glass) == 0


def test_a_cashier_counts_but_a_manager_approves_the_posting(centre: Session) -> None:
    store = centre.store
    tea = ids(store)["TEA01"]
    auth.login(centre, 2, CASHIER_PIN)
    sheet = counts.start_count(centre, "P02")
    counts.count_scan(centre, sheet, TEA)
    before = state(store)
    with pytest.raises(OperationError, match="ต้องให้ผู้จัดการอนุมัติ"):
        counts.post_count(centre, sheet)
    assert state(store) == before and sheet.posted_no == ""
    ok = approvals.approve(centre, MANAGER_PIN, Permission.COUNT_STOCK)
    counts.post_count(centre, sheet, approval=ok)
    assert stock_db.on_hand(store, tea) == 1
    audit = store.one("SELECT asked_by, approved_by FROM audit_log WHERE action = 'stock_count'")
    assert audit is not None and tuple(audit) == (2, 1)


def test_intake_sale_count_history_flow_survives_a_rebuild(manager: Session) -> None:
    store = manager.store
    tea = ids(store)["TEA01"]
    receive_goods(manager, "P02", [IntakeLine(tea, 24, "L7")])
    sell(manager, TEA, TEA, TEA)
    sheet = counts.start_count(manager, "P02")
    counts.set_counted(sheet, tea, "70")
    counts.post_count(manager, sheet)
    history = [(m.reason, m.qty, m.balance) for m in on_hand.history(manager, tea)]
    assert history == [("count", -1, 70), ("sale", -3, 71), ("intake", 24, 74), ("opening", 50, 50)]
    record.rebuild(store)
    assert stock_db.on_hand(store, tea) == 70
    assert [(m.reason, m.qty, m.balance) for m in on_hand.history(manager, tea)] == history
