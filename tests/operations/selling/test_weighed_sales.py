"""Selling by weight: typed weights, '0.45*', scale labels, the sale, its receipt, its stock."""

from __future__ import annotations

from dataclasses import replace

import pytest
from weighed_helpers import PRICE_LABEL, WEIGHT_LABEL, add_garlic

from otop_pos.db import journal
from otop_pos.db.selling import sales as sales_db
from otop_pos.db.stock import levels
from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.catalogue.scale_labels import price_check_digit
from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations.errors import FieldError, OperationError
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, receipts, refunds
from otop_pos.operations.selling.refunds import ReturnItem
from otop_pos.operations.session import Session


@pytest.fixture
def garlic(cashier: Session) -> int:
    return add_garlic(cashier)


def test_scanning_a_weighed_product_asks_its_weight(cashier: Session, garlic: int) -> None:
    cart = Cart()
    asked = selling.scan(cashier, cart, "QK07")
    assert isinstance(asked, selling.Weigh) and asked.product.sku == "QK07"
    assert cart.is_empty
    assert isinstance(selling.add_product(cashier, cart, garlic), selling.Weigh)  # quick key
    added = selling.add_weighed(cashier, cart, garlic, "0.45")
    assert (added.qty, added.qty_text(), cart.total) == (450, "0.450 กก.", Money.parse("58.50"))
    added = selling.add_weighed(cashier, cart, garlic, "450", small=True)  # grams mode
    assert added.qty == 450 and added.index == 1


def test_a_typed_weight_that_is_no_weight_names_the_box(cashier: Session, garlic: int) -> None:
    with pytest.raises(FieldError, match="ละเอียดเกินไป") as caught:
        selling.add_weighed(cashier, Cart(), garlic, "0.4505")
    assert caught.value.field == "weight"


def test_a_weight_before_the_scan(cashier: Session, garlic: int) -> None:
    cart = Cart()
    added = selling.scan(cashier, cart, "0.45*QK07")
    assert isinstance(added, selling.Added) and added.qty == 450
    assert cart.total == Money.parse("58.50")
    added = selling.scan(cashier, cart, "2*QK07")  # two kilograms
    assert isinstance(added, selling.Added) and added.qty == 2000


def test_a_decimal_quantity_of_piece_goods_is_refused_saying_why(cashier: Session) -> None:
    cart = Cart()
    with pytest.raises(OperationError, match="ขายเป็นชิ้น ใส่จำนวนเต็ม"):
        selling.scan(cashier, cart, "0.45*8850000000021")
    assert cart.is_empty
    added = selling.scan(cashier, cart, "3*8850000000021")
    assert isinstance(added, selling.Added) and added.qty == 3


def test_weight_and_price_labels_from_the_scale(cashier: Session, garlic: int) -> None:
    cashier.settings = replace(cashier.settings, scale_labels="weight-20,price-21")
    cart = Cart()
    added = selling.scan(cashier, cart, WEIGHT_LABEL)
    assert isinstance(added, selling.Added) and (added.product.sku, added.qty) == ("QK07", 450)
    added = selling.scan(cashier, cart, PRICE_LABEL)
    assert isinstance(added, selling.Added) and added.qty == 450
    assert [ln.amount for ln in cart.lines] == [Money.parse("58.50")] * 2


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (make_ean13("210000705000"), "ไม่ตรงกับราคา 130.00 บาท/กก."),  # 50.00: no weight gives it
        (make_ean13("200000800450"), "รหัสตาชั่ง 8"),  # no product has item code 8
        (WEIGHT_LABEL[:-1] + str((int(WEIGHT_LABEL[-1]) + 1) % 10), "เลขตรวจสอบ"),
        ("0.45*" + WEIGHT_LABEL, "ไม่ต้องใส่จำนวน"),
    ],
)
def test_labels_that_cannot_be_sold_are_refused(
    cashier: Session, garlic: int, code: str, says: str
) -> None:
    cashier.settings = replace(cashier.settings, scale_labels="weight-20,price-21")
    cart = Cart()
    with pytest.raises(OperationError, match=says):
        selling.scan(cashier, cart, code)
    assert cart.is_empty


def test_labels_of_a_layout_the_centre_does_not_use_are_unknown_codes(
    cashier: Session, garlic: int
) -> None:
    cashier.settings = replace(cashier.settings, scale_labels="")
    with pytest.raises(OperationError, match=f"ไม่พบสินค้ารหัส {WEIGHT_LABEL}"):
        selling.scan(cashier, Cart(), WEIGHT_LABEL)


def test_a_gs1_price_label_with_its_check_digit(cashier: Session, garlic: int) -> None:
    cashier.settings = replace(cashier.settings, scale_labels="price-check-23")
    code = make_ean13(f"230007{price_check_digit('05850')}05850")
    added = selling.scan(cashier, Cart(), code)
    assert isinstance(added, selling.Added) and added.qty == 450


def test_the_sale_journals_the_unit_and_keeps_stock_in_grams(cashier: Session, garlic: int) -> None:
    cart = Cart()
    selling.scan(cashier, cart, "0.45*QK07")
    selling.scan(cashier, cart, "2*8850000000021")  # 2 x 85.50 tea alongside
    result = checkout.complete_cash_sale(cashier, cart, Money.baht(300))
    assert result.total == Money.parse("229.50")
    entry = journal.entries(cashier.store, "T01")[-1]
    lines = entry.payload["lines"]
    assert lines[0]["unit"] == "kg" and lines[0]["qty"] == 450 and lines[0]["amount"] == 5850
    assert "unit" not in lines[1]  # pieces, as every sale before
    sale = sales_db.get_by_receipt(cashier.store, result.receipt_no)
    assert sale is not None and [ln["unit"] for ln in sale["lines"]] == ["kg", "piece"]
    assert levels.on_hand(cashier.store, garlic) == 40_000 - 450
    text = receipts_text(cashier, result.receipt_no)
    assert "0.450 กก. x 130.00/กก." in text and "58.50" in text
    assert "2 รายการ 3 ชิ้น" in text  # the weighed line is one item


def receipts_text(session: Session, receipt_no: str) -> str:
    from otop_pos.printing.documents.receipt import build_receipt

    return build_receipt(receipts.receipt_data(session, receipt_no)).plain_text()


def test_a_void_and_a_refund_give_back_grams(manager: Session) -> None:
    garlic = add_garlic(manager)
    cart = Cart()
    selling.scan(manager, cart, "0.45*QK07")
    sold = checkout.complete_cash_sale(manager, cart, Money.baht(100))
    with pytest.raises(FieldError, match=r"คืนได้ไม่เกิน 0\.450 กก\. \(ขาย 0\.450 กก\."):
        refunds.refund(manager, sold.receipt_no, [ReturnItem(1, 500)], "ชั่งเกิน")
    refunded = refunds.refund(manager, sold.receipt_no, [ReturnItem(1, 200)], "ลูกค้าขอคืนครึ่งถุง")
    assert refunded.total == Money.parse("26.00")  # 200 g of the 58.50 paid for 450 g
    assert levels.on_hand(manager.store, garlic) == 40_000 - 250
    cart = Cart()
    selling.scan(manager, cart, "1.25*QK07")
    again = checkout.complete_cash_sale(manager, cart, Money.baht(200))
    assert levels.on_hand(manager.store, garlic) == 40_000 - 1500
    refunds.void_sale(manager, again.receipt_no, "ชั่งผิด")
    assert levels.on_hand(manager.store, garlic) == 40_000 - 250


def test_a_full_tax_invoice_states_the_weight(cashier: Session, garlic: int) -> None:
    from decimal import Decimal

    from otop_pos.etax.xml import build_xml
    from otop_pos.operations.selling import tax_documents, tax_invoices
    from otop_pos.operations.selling.tax_invoices import Buyer

    cart = Cart()
    selling.scan(cashier, cart, "0.45*QK07")
    sold = checkout.complete_cash_sale(cashier, cart, Money.baht(100))
    buyer = Buyer("บริษัท ผ้าไทย จำกัด", "99 ถ.เทพา", "0994000165315", "0", "33000")
    invoice_no = tax_invoices.issue(cashier, sold.receipt_no, buyer)
    data = tax_invoices.invoice_data(cashier, invoice_no)
    assert data.lines[0].unit == "kg" and data.lines[0].qty == 450
    cashier.settings = replace(
        cashier.settings,
        province_code="33",
        district_code="3301",
        sub_district_code="330101",
        postcode="33000",
        building_number="1",
    )  # the e-Tax address codes
    document = tax_documents.etax_document(cashier, invoice_no)
    [line] = document.lines
    assert (line.qty, line.unit_code) == (Decimal("0.450"), "KGM")  # not 450 pieces
    assert b'unitCode="KGM">0.45<' in build_xml(document)
