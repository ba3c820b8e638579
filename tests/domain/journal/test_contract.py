"""The declared journal contract: strict for what is written, every old shape readable."""

from __future__ import annotations

from typing import Any

import pytest

from otop_pos.domain.journal import kinds
from otop_pos.domain.journal.contract import ContractError

LINE = {"product_id": 1, "sku": "SILK01", "name_th": "ผ้าไหม", "qty": 2, "unit_price": 150_000,
        "discount": 0, "amount": 300_000}  # fmt: skip
STAMPS = {"producer_code": "P01", "ownership": "consigned", "commission_bp": 2000}
PRODUCT = {"sku": "A", "name_th": "ก", "name_en": "", "category": "food", "stars": None,
           "producer_code": None, "price_satang": 100, "vat_applicable": 1, "ownership": "owned",
           "quick_key": None, "active": 1}  # fmt: skip
SALE = {"receipt_no": "POS01-69110001", "pos_id": "POS01", "lines": [LINE | STAMPS],
        "total": 300_000, "rounding": 0, "vat": 19_626, "vat_base": 280_374,
        "payments": [{"tender": "cash", "amount": 300_000}], "tendered": 300_000, "change": 0,
        "shift_seq": None}  # fmt: skip


def refused(kind: str, payload: dict[str, Any]) -> list[str]:
    with pytest.raises(ContractError) as caught:
        kinds.to_write(kind, payload)
    assert caught.value.kind == kind and caught.value.thai.startswith("รายการบันทึกชนิด")
    return list(caught.value.problems)


def test_a_current_sale_is_written_with_its_version() -> None:
    assert kinds.to_write("sale", SALE) == {"v": 2, **SALE}


def test_the_integrators_vat_fields_and_weighed_lines_are_declared() -> None:
    rice = LINE | STAMPS | {"vatable": False, "unit": "kg", "qty": 1250}
    written = kinds.to_write("sale", SALE | {"lines": [rice], "exempt": 300_000})
    assert written["exempt"] == 300_000 and written["lines"][0]["unit"] == "kg"
    refund_line = {"sale_line_no": 1, "product_id": 1, "qty": 1, "amount": 10,
                   "disposition": "restock", "vatable": False}  # fmt: skip
    refund = {"refund_no": "RF1", "receipt_no": "R1", "invoice_no": None, "credit_note_no": None,
              "tender": "cash", "total": 10, "vat": 0, "exempt": 10, "reason": "x",
              "approved_by": 1, "shift_seq": None, "lines": [refund_line]}  # fmt: skip
    assert kinds.to_write("refund", refund)["exempt"] == 10


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"total": "3000.00"}, "total is '3000.00', not an integer"),
        ({"total": True}, "total is True, not an integer"),
        ({"lines": [LINE]}, "lines[0].producer_code is missing"),
        ({"lines": [LINE | STAMPS | {"unit": "box"}]}, "lines[0].unit is 'box', not one of"),
        ({"payments": [{"tender": "cheque", "amount": 1}]}, "payments[0].tender is 'cheque'"),
        ({"discount_code": "X"}, "discount_code is not declared"),
        ({"v": 1}, "version 1, only 2 is written now"),
        ({"receipt_no": None}, "receipt_no may not be empty (null)"),
    ],
)
def test_a_payload_that_does_not_match_is_refused(change: dict[str, Any], problem: str) -> None:
    assert any(p.startswith(problem) for p in refused("sale", SALE | change))


def test_a_missing_field_and_an_unknown_kind_are_refused() -> None:
    assert refused("sale", {k: v for k, v in SALE.items() if k != "vat"}) == ["vat is missing"]
    assert refused("sale_edit", {}) == ["no such kind is declared"]


def test_the_first_sales_ever_written_read_with_their_defaults() -> None:
    """The shape of the first till (before tenders, approvals, shifts and stamps)."""
    first = {k: v for k, v in SALE.items() if k != "shift_seq"} | {"lines": [LINE]}
    read = kinds.to_read("sale", first)
    assert read["v"] == 1 and read["shift_seq"] is None and read["exempt"] == 0
    (line,) = read["lines"]
    assert line["vatable"] is True and line["unit"] == "piece" and line["approval"] is None
    assert "producer_code" not in line  # absent: the projection reads the catalogue of then
    assert read["payments"][0] == {"tender": "cash", "amount": 300_000, "reference": "",
        "approval_code": "", "card_last4": "", "scheme": "", "customer_share": 0,
        "government_share": 0, "over_cap": False, "confirmed_by": None}  # fmt: skip


def test_catalogue_and_stock_entries_from_before_schema_4_read() -> None:
    (p,) = kinds.to_read("product_upsert", {"products": [PRODUCT]})["products"]
    assert (p["commission_bp"], p["min_stock"], p["barcodes"]) == (None, 0, [])
    producer = {"code": "P1", "name": "ก", "type": "sme", "district": "", "province": "",
                "contact": "", "commission_bp": 1500, "active": 1}  # fmt: skip
    (r,) = kinds.to_read("producer_upsert", {"producers": [producer]})["producers"]
    assert (r["tax_id"], r["vat_registered"]) == ("", False)
    opening = kinds.to_read("stock_adjust", {"reason": "opening", "items": [
        {"product_id": 1, "qty": 5}]})  # fmt: skip
    assert "approved_by" not in opening and opening["adjust_no"] == ""


def test_reading_refuses_what_no_version_ever_had() -> None:
    with pytest.raises(ContractError, match="receipt_no is missing"):
        kinds.to_read("sale", {k: v for k, v in SALE.items() if k != "receipt_no"})
    with pytest.raises(ContractError, match="unknown version 3"):
        kinds.to_read("sale", SALE | {"v": 3})
    with pytest.raises(ContractError, match="lines is not a list"):
        kinds.to_read("sale", SALE | {"lines": {}})


def test_a_reader_gets_its_own_copy_of_a_default() -> None:
    product = kinds.to_read("product_upsert", {"products": [PRODUCT]})
    product["products"][0]["barcodes"].append("x")
    again = kinds.to_read("product_upsert", {"products": [PRODUCT]})
    assert again["products"][0]["barcodes"] == []
