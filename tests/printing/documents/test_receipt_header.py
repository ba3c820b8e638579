"""The centre's receipt header setting prints under its name and address."""

from __future__ import annotations

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cart import Cart
from otop_pos.operations import centre_settings
from otop_pos.operations.selling import cart as selling
from otop_pos.operations.selling import checkout, receipts
from otop_pos.operations.session import Session
from otop_pos.printing.documents.receipt import build_receipt


def test_the_header_lines_print_after_the_pos_id(manager: Session) -> None:
    centre_settings.update(manager, {"receipt_header": "เปิดทุกวัน 8:00-17:00\nโทร 045-000-000"})
    cart = Cart()
    selling.scan(manager, cart, "8850000000014")
    receipt_no = checkout.complete_cash_sale(manager, cart, Money.baht(1500)).receipt_no
    texts = build_receipt(receipts.receipt_data(manager, receipt_no)).texts()
    at = texts.index("เปิดทุกวัน 8:00-17:00")
    assert texts[at + 1] == "โทร 045-000-000"
    assert any(t.endswith("POS01") for t in texts[:at])  # under the POS ID line
