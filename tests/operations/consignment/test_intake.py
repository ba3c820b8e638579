"""Receiving goods from producers: numbering, lots and expiry, and every refusal."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from helpers import CASHIER_PIN, MANAGER_PIN, PRODUCERS, PRODUCTS
from shift_helpers import SILK, TEA

from otop_pos.db.projections import record
from otop_pos.db.stock import levels as stock_db
from otop_pos.db.store import Store
from otop_pos.domain.money import Money
from otop_pos.domain.numbering import period_of
from otop_pos.domain.thai.thaidate import bangkok_date, to_iso, utc_now
from otop_pos.operations import auth
from otop_pos.operations.consignment.intake import (
    IntakeLine,
    find_for_intake,
    products_of,
    receive_goods,
)
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.session import Session


def ids(store: Store) -> dict[str, int]:
    return {r["sku"]: r["id"] for r in store.query("SELECT id, sku FROM products")}


def state(store: Store) -> tuple[Any, ...]:
    """Everything a refused intake must leave as it was."""
    return (
        store.scalar("SELECT count(*) FROM journal"),
        store.scalar("SELECT count(*) FROM intakes"),
        store.scalar("SELECT count(*) FROM doc_counters"),
        stock_db.on_hand_all(store),
    )


def upsert(store: Store, kind: str, row: dict[str, Any]) -> None:
    key = "producers" if kind == "producer_upsert" else "products"
    with store.transaction():
        record.record(store, "T01", kind, to_iso(utc_now()), None, {key: [row]})


def product(sku: str, **changes: Any) -> dict[str, Any]:
    return next(p for p in PRODUCTS if p["sku"] == sku) | changes


def test_receive_goods_numbers_the_intake_and_adds_stock(manager: Session) -> None:
    store = manager.store
    silk = ids(store)["SILK01"]
    now = utc_now()
    expiry = bangkok_date(now) + timedelta(days=365)
    result = receive_goods(
        manager,
        "p01",  # codes are typed in any case
        [IntakeLine(silk, 10, " L-01 ", expiry, Money(90000)), IntakeLine(silk, 2)],
        delivery_note="ใบส่งของ 123",
        note="ส่งครบ",
        now=now,
    )
    assert result.intake_no == f"POS01-RC-{period_of(now)}0001"
    assert result.producer_code == "P01" and result.qty == 12
    assert result.received_at == to_iso(now)
    first = result.lines[0]
    assert (first.sku, first.ownership, first.lot, first.expiry) == (
        "SILK01",
        "consigned",
        "L-01",
        expiry,
    )
    assert first.unit_cost is None  # consigned goods cost the centre nothing
    assert stock_db.on_hand(store, silk) == 62

    intake = store.one("SELECT * FROM intakes")
    assert intake is not None
    assert (
        intake["intake_no"],
        intake["delivery_note"],
        intake["note"],
        intake["received_by"],
    ) == (
        result.intake_no,
        "ใบส่งของ 123",
        "ส่งครบ",
        1,
    )
    lines = [tuple(r) for r in store.query(
        "SELECT line_no, qty, ownership, unit_cost_satang, lot, expiry FROM intake_lines"
        " ORDER BY line_no"
    )]  # fmt: skip
    assert lines == [
        (1, 10, "consigned", None, "L-01", expiry.isoformat()),
        (2, 2, "consigned", None, "", None),
    ]
    moves = store.query(
        "SELECT qty, reason, doc_no, note FROM stock_movements WHERE doc_no = ?",
        (result.intake_no,),
    )
    assert [tuple(m) for m in moves] == [
        (10, "intake", result.intake_no, "ใบส่งของ 123"),
        (2, "intake", result.intake_no, "ใบส่งของ 123"),
    ]
    entry = store.one("SELECT kind, payload FROM journal ORDER BY seq DESC LIMIT 1")
    assert entry is not None and entry["kind"] == "goods_received"
    payload = json.loads(entry["payload"])
    assert payload["lines"][0] == {
        "product_id": silk,
        "sku": "SILK01",
        "name_th": "ผ้าไหมมัดหมี่ลายลูกแก้ว",
        "qty": 10,
        "ownership": "consigned",
        "unit_cost": None,
        "lot": "L-01",
        "expiry": expiry.isoformat(),
    }
    second = receive_goods(manager, "P01", [IntakeLine(silk, 1)], now=now)
    assert second.intake_no == f"POS01-RC-{period_of(now)}0002"


def test_owned_goods_keep_their_cost_and_replay_the_same(manager: Session) -> None:
    store = manager.store
    glass = ids(store)["TEAGLASS"]
    result = receive_goods(manager, "P02", [IntakeLine(glass, 24, unit_cost=Money(1200))])
    assert result.lines[0].ownership == "owned" and result.lines[0].unit_cost == Money(1200)
    row = store.one("SELECT ownership, unit_cost_satang FROM intake_lines")
    assert row is not None and tuple(row) == ("owned", 1200)
    before = [tuple(r) for r in store.query("SELECT * FROM intake_lines")]
    record.rebuild(store)  # the journal alone rebuilds the intake
    assert [tuple(r) for r in store.query("SELECT * FROM intake_lines")] == before
    assert stock_db.on_hand(store, glass) == 74


def test_find_by_barcode_or_sku_for_the_producer(manager: Session) -> None:
    tea = find_for_intake(manager, "P02", "8850000000038")
    assert (tea.sku, tea.ownership, tea.price, tea.on_hand) == (
        "TEA01",
        "consigned",
        Money(8550),
        50,
    )
    assert find_for_intake(manager, "P02", "TEAGLASS").ownership == "owned"
    assert find_for_intake(manager, "P02", "๘๘๕๐๐๐๐๐๐๐๐๒๑").sku == "TEA01"  # Thai digits
    assert {p.sku for p in products_of(manager, "P02")} == {"TEA01", "TEAGLASS"}
    assert [p.sku for p in products_of(manager, "P01")] == ["SILK01"]
    with pytest.raises(FieldError, match="ไม่พบสินค้าบาร์โค้ดหรือรหัส"):
        find_for_intake(manager, "P02", "0000000000000")


def test_a_product_of_another_producer_is_refused_naming_both(manager: Session) -> None:
    with pytest.raises(FieldError) as err:
        find_for_intake(manager, "P02", SILK)
    message = err.value.thai
    assert "เป็นของผู้ผลิต P01 กลุ่มทอผ้าไหมบ้านหนองบัว" in message
    assert "ไม่ใช่ของ P02 วิสาหกิจชุมชนชาใบหม่อน" in message
    with pytest.raises(FieldError, match="ไม่ได้ผูกกับผู้ผลิตรายใด"):
        find_for_intake(manager, "P02", "8850000000045")  # OLD01 has no producer

    store = manager.store
    before = state(store)
    with pytest.raises(FieldError, match="เป็นของผู้ผลิต P01") as err:
        receive_goods(
            manager,
            "P02",
            [IntakeLine(ids(store)["TEA01"], 5), IntakeLine(ids(store)["SILK01"], 5)],
        )
    assert err.value.field == "line_2"
    assert state(store) == before


def test_an_inactive_producer_cannot_deliver(manager: Session) -> None:
    store = manager.store
    upsert(store, "producer_upsert", PRODUCERS[0] | {"active": False})
    before = state(store)
    with pytest.raises(FieldError, match=r"ผู้ผลิต P01 .* ถูกปิดการใช้งาน รับสินค้าเข้าไม่ได้"):
        receive_goods(manager, "P01", [IntakeLine(ids(store)["SILK01"], 5)])
    assert state(store) == before


def test_an_inactive_product_cannot_be_received(manager: Session) -> None:
    store = manager.store
    upsert(store, "product_upsert", product("TEA01", active=0))
    before = state(store)
    with pytest.raises(FieldError, match=r"TEA01 .* ถูกปิดการใช้งาน รับเข้าไม่ได้"):
        receive_goods(manager, "P02", [IntakeLine(ids(store)["TEA01"], 5)])
    with pytest.raises(FieldError, match="ถูกปิดการใช้งาน"):
        find_for_intake(manager, "P02", TEA)
    assert state(store) == before


@pytest.mark.parametrize(
    ("code", "lines", "message", "field"),
    [
        ("P99", [("TEA01", 1)], 'ไม่พบผู้ผลิตรหัส "P99"', "producer"),
        ("P02", [], "ยังไม่มีรายการสินค้า", "lines"),
        ("P02", [("TEA01", 0)], "จำนวนต้องเป็นจำนวนเต็ม 1 ถึง 100,000", "line_1"),
        ("P02", [("TEA01", 3), ("TEA01", -2)], "จำนวนต้องเป็นจำนวนเต็ม", "line_2"),
        ("P02", [("TEA01", 100_001)], "จำนวนต้องเป็นจำนวนเต็ม", "line_1"),
        ("P02", [(None, 1)], "ไม่พบสินค้า", "line_1"),
    ],
)
def test_bad_deliveries_write_nothing(
    manager: Session, code: str, lines: list[tuple[str | None, int]], message: str, field: str
) -> None:
    store = manager.store
    known = ids(store)
    before = state(store)
    with pytest.raises(FieldError, match=message) as err:
        receive_goods(
            manager, code, [IntakeLine(known.get(sku or "", 9999), q) for sku, q in lines]
        )
    assert err.value.field == field
    assert state(store) == before


def test_expired_goods_and_negative_costs_are_refused(manager: Session) -> None:
    store = manager.store
    glass = ids(store)["TEAGLASS"]
    yesterday = bangkok_date(utc_now()) - timedelta(days=1)
    before = state(store)
    with pytest.raises(FieldError, match="ผ่านไปแล้ว"):
        receive_goods(manager, "P02", [IntakeLine(glass, 5, expiry=yesterday)])
    with pytest.raises(FieldError, match="ต้นทุนต่อชิ้นติดลบไม่ได้"):
        receive_goods(manager, "P02", [IntakeLine(glass, 5, unit_cost=Money(-1))])
    with pytest.raises(FieldError, match="เลขล็อตยาวเกิน"):
        receive_goods(manager, "P02", [IntakeLine(glass, 5, lot="x" * 41)])
    assert state(store) == before


def test_a_cashier_cannot_receive_goods(centre: Session) -> None:
    auth.login(centre, 2, CASHIER_PIN)
    before = state(centre.store)
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์รับสินค้าเข้า"):
        receive_goods(centre, "P02", [IntakeLine(ids(centre.store)["TEA01"], 5)])
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        find_for_intake(centre, "P02", TEA)
    assert state(centre.store) == before
    auth.logout(centre)
    auth.login(centre, 1, MANAGER_PIN)
    assert receive_goods(centre, "P02", [IntakeLine(ids(centre.store)["TEA01"], 5)]).qty == 5
