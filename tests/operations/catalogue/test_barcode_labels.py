"""In-store barcodes assigned through the journal, and labels built from the catalogue."""

from __future__ import annotations

import pytest

from otop_pos.db import journal
from otop_pos.db.catalogue import barcodes as labels_db
from otop_pos.db.catalogue import products
from otop_pos.db.projections import record
from otop_pos.db.store import Store
from otop_pos.domain.catalogue.instore import instore_ean13
from otop_pos.domain.selling.cart import Cart
from otop_pos.domain.thai.thaidate import to_iso, utc_now
from otop_pos.operations.catalogue.barcode_labels import (
    assign_instore_barcode,
    labels_for,
)
from otop_pos.operations.errors import OperationError
from otop_pos.operations.selling import cart
from otop_pos.operations.session import Session


def _id(store: Store, sku: str) -> int:
    return products.sku_ids(store)[sku]


def _assigns(session: Session) -> list[journal.Entry]:
    return [e for e in journal.entries(session.store, "T01") if e.kind == "barcode_assign"]


def test_assign_is_journalled_and_the_code_scans(manager: Session) -> None:
    store = manager.store
    glass = _id(store, "TEAGLASS")
    head = journal.head(store, "T01")[0]
    code = assign_instore_barcode(manager, glass)
    assert code == instore_ean13(1) == "2900000000018"
    (entry,) = journal.entries(store, "T01", after_seq=head)
    assert entry.kind == "barcode_assign" and entry.user_id == 1
    assert entry.payload == {"v": 1, "product_id": glass, "barcode": code}
    assert journal.verify(store).ok
    ref = products.by_barcode(store, code)
    assert ref is not None and ref.sku == "TEAGLASS"
    assert cart.scan(manager, Cart(), code).product.sku == "TEAGLASS"


def test_the_next_assign_takes_the_next_number_and_keeps_the_others(manager: Session) -> None:
    store = manager.store
    silk = _id(store, "SILK01")
    first = assign_instore_barcode(manager, _id(store, "TEAGLASS"))
    second = assign_instore_barcode(manager, silk)
    third = assign_instore_barcode(manager, silk, prefix="29")
    assert (first, second, third) == (instore_ean13(1), instore_ean13(2), instore_ean13(3))
    assert labels_db.barcodes_of(store, silk) == sorted(["8850000000014", second, third])
    for code in ("8850000000014", second, third):
        assert cart.scan(manager, Cart(), code).product.sku == "SILK01"
    assert len(_assigns(manager)) == 3 and journal.verify(store).ok


def test_numbers_taken_by_an_import_are_skipped(manager: Session) -> None:
    store = manager.store
    imported = {
        "sku": "JAR01", "name_th": "น้ำพริกปลาย่าง", "name_en": "Grilled fish chilli paste",
        "category": "food", "stars": None, "producer_code": None, "price_satang": 6500,
        "vat_applicable": 1, "ownership": "owned", "quick_key": None, "active": 1,
        "barcodes": [instore_ean13(5), instore_ean13(7, "28")],
    }  # fmt: skip
    with store.transaction():
        record.record(
            store, "T01", "product_upsert", to_iso(utc_now()), 1, {"products": [imported]}
        )
    assert assign_instore_barcode(manager, _id(store, "TEAGLASS")) == instore_ean13(6)
    assert assign_instore_barcode(manager, _id(store, "TEA01"), "28") == instore_ean13(8, "28")
    # a label prefers a code an EAN-13 symbol can carry over the fixture's bad-check ones
    (tea,) = labels_for(manager, [(_id(store, "TEA01"), 1)])
    assert (tea.barcode, tea.symbology) == (instore_ean13(8, "28"), "ean13")


def test_a_cashier_may_not_assign(cashier: Session) -> None:
    store = cashier.store
    head = journal.head(store, "T01")
    with pytest.raises(OperationError) as err:
        assign_instore_barcode(cashier, _id(store, "TEAGLASS"))
    assert "ไม่มีสิทธิ์" in err.value.thai
    assert journal.head(store, "T01") == head
    assert labels_db.instore_codes(store, "29") == set()


@pytest.mark.parametrize(("sku", "thai"), [(None, "ไม่พบสินค้า"), ("OLD01", "เลิกขาย")])
def test_unknown_or_withdrawn_products_get_no_code(
    manager: Session, sku: str | None, thai: str
) -> None:
    store = manager.store
    head = journal.head(store, "T01")
    with pytest.raises(OperationError) as err:
        assign_instore_barcode(manager, 9999 if sku is None else _id(store, sku))
    assert thai in err.value.thai and err.value.english != err.value.thai
    assert journal.head(store, "T01") == head


@pytest.mark.parametrize("prefix", ["30", "885", ""])
def test_prefix_outside_the_restricted_range_is_refused(manager: Session, prefix: str) -> None:
    with pytest.raises(OperationError, match="20 ถึง 29"):
        assign_instore_barcode(manager, _id(manager.store, "TEAGLASS"), prefix)
    assert _assigns(manager) == []


def test_rebuild_replays_the_assignment(manager: Session) -> None:
    store = manager.store
    code = assign_instore_barcode(manager, _id(store, "TEAGLASS"))
    with store.transaction():  # lose the read table row: only the journal still knows
        store.conn.execute("DELETE FROM barcodes WHERE barcode = ?", (code,))
    assert products.by_barcode(store, code) is None
    record.rebuild(store)
    ref = products.by_barcode(store, code)
    assert ref is not None and ref.sku == "TEAGLASS"
    assert products.by_barcode(store, "8850000000014") is not None
    assert journal.verify(store).ok


def test_labels_use_the_first_barcode_and_assign_one_when_missing(manager: Session) -> None:
    store = manager.store
    ids = products.sku_ids(store)
    items = [(ids["SILK01"], 2), (ids["TEA01"], 1), (ids["TEAGLASS"], 3)]
    silk, tea, glass = labels_for(manager, items, "th")
    # The fixture's 885... codes have wrong check digits: an EAN-13 symbol cannot carry
    # them, so they print as Code 128 of the same text, which scans to the same product.
    assert (silk.barcode, silk.symbology, silk.copies) == ("8850000000014", "code128", 2)
    assert (silk.name, silk.price_text, silk.sku) == ("ผ้าไหมมัดหมี่ลายลูกแก้ว", "฿1,500.00", "SILK01")
    assert (tea.barcode, tea.price_text) == ("8850000000021", "฿85.50")
    assert (glass.barcode, glass.symbology, glass.copies) == (instore_ean13(1), "ean13", 3)
    assert [e.payload for e in _assigns(manager)] == [
        {"v": 1, "product_id": ids["TEAGLASS"], "barcode": glass.barcode}
    ]
    again = labels_for(manager, [(ids["TEAGLASS"], 1)], "en")
    assert again[0].barcode == glass.barcode and again[0].name == "Iced mulberry tea (glass)"
    assert len(_assigns(manager)) == 1  # printed twice, assigned once


def test_labels_by_sku_are_code128_and_assign_nothing(manager: Session) -> None:
    ids = products.sku_ids(manager.store)
    (label,) = labels_for(manager, [(ids["TEAGLASS"], 1)], "th", by_sku=True)
    assert (label.barcode, label.symbology) == ("TEAGLASS", "code128")
    assert _assigns(manager) == []
    assert cart.scan(manager, Cart(), label.barcode).product.sku == "TEAGLASS"


def test_a_cashier_reprints_labels_but_cannot_make_codes(cashier: Session) -> None:
    ids = products.sku_ids(cashier.store)
    (label,) = labels_for(cashier, [(ids["TEA01"], 1)])
    assert label.barcode == "8850000000021"
    with pytest.raises(OperationError, match="ไม่มีสิทธิ์"):
        labels_for(cashier, [(ids["TEA01"], 1), (ids["TEAGLASS"], 1)])
    assert _assigns(cashier) == []


@pytest.mark.parametrize("bad", [(9999, 1), ("OLD01", 1), ("TEA01", 0), ("TEA01", 1000)])
def test_a_refused_list_assigns_nothing(manager: Session, bad: tuple[object, int]) -> None:
    ids = products.sku_ids(manager.store)
    pid = ids[bad[0]] if isinstance(bad[0], str) else bad[0]
    with pytest.raises(OperationError):
        labels_for(manager, [(ids["TEAGLASS"], 1), (pid, bad[1])])  # type: ignore[list-item]
    assert _assigns(manager) == []
