"""Whatever is typed, scanned or pasted, a parser answers with a value or its own error.

Found by fuzzing: a pasted 32,767-character scan held the till for a minute,
numbers of thousands of digits raised a bare ValueError, a tender of 2**63
satang overflowed SQLite, a change of a trillion baht was recorded, and
Arabic-Indic or full-width digits were taken as prices.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.barcode import MAX_SCAN_LEN, ScanError, parse_scan_input
from otop_pos.domain.money import MAX_BAHT, MAX_TYPED, Money, MoneyError
from otop_pos.domain.selling.cash import MAX_CHANGE, CashRounding, TenderError, pay_cash
from otop_pos.domain.selling.tenders import PaymentError, Tender, TenderKind, cover
from otop_pos.domain.shifts.cash_count import CashCount, CountError
from otop_pos.domain.staff.pins import PinError, hash_pin, validate_pin, verify_pin
from otop_pos.domain.stock.quantities import (
    MAX_DATE_TYPED,
    StockInputError,
    parse_count,
    parse_expiry,
    parse_qty,
)
from otop_pos.domain.thai.promptpay import PromptPayError, parse_promptpay_id
from otop_pos.domain.thai.taxid import MAX_TYPED as TAX_ID_MAX_TYPED
from otop_pos.domain.thai.taxid import TaxIdError, branch_code, normalize_tax_id

# What a keyboard, a scanner or a clipboard can deliver: digits of every script,
# separators, signs, spaces of every kind, and anything else.
TYPED = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789,.-+*x ฿\t\u00a0\u3000"),
        st.sampled_from("٠١٢٣٤٥٦٧٨٩０１２３４５６７８９๐๑๒๓๔๕๖๗๘๙"),
        st.characters(),
    ),
    max_size=120,
)
ARABIC_INDIC = "١٢٣"
STORED = hash_pin("4826")
FULL_WIDTH = "１２３"


@given(TYPED)
def test_an_amount_is_money_or_a_money_error(text: str) -> None:
    try:
        amount = Money.parse(text)
    except MoneyError:
        return
    assert abs(amount.satang) <= MAX_BAHT * 100
    assert len(text) <= MAX_TYPED


@pytest.mark.parametrize("text", [ARABIC_INDIC, FULL_WIDTH, f"{FULL_WIDTH}.50", "1" + ARABIC_INDIC])
def test_digits_of_other_scripts_are_not_prices(text: str) -> None:
    with pytest.raises(MoneyError):
        Money.parse(text)


@pytest.mark.parametrize("text", ["9" * 5000, "1" * (MAX_TYPED + 1), str(2**63), "-" + "9" * 30])
def test_huge_amounts_are_refused_in_thai(text: str) -> None:
    with pytest.raises(MoneyError, match=r"เกิน"):
        Money.parse(text)


@given(TYPED)
def test_a_scan_is_a_code_or_a_scan_error(text: str) -> None:
    try:
        qty, code = parse_scan_input(text)
    except ScanError:
        return
    assert qty >= 1 and code


def test_a_pasted_page_is_refused_before_it_is_read() -> None:
    with pytest.raises(ScanError, match=f"ยาวเกิน {MAX_SCAN_LEN}"):
        parse_scan_input("3-" * 16_384)


@given(TYPED)
def test_a_quantity_is_a_number_or_a_stock_input_error(text: str) -> None:
    for parse in (parse_qty, parse_count):
        try:
            n = parse(text)
        except StockInputError as exc:
            assert exc.field
            continue
        assert n >= 0


@given(TYPED)
def test_a_drawer_count_box_is_a_count_or_a_count_error(text: str) -> None:
    try:
        count = CashCount.parse({1000_00: text})
    except CountError as exc:
        assert exc.args
        return
    assert count.total.satang >= 0 and len(text.strip()) <= 12


@pytest.mark.parametrize("text", ["9" * 5000, FULL_WIDTH, ARABIC_INDIC])
def test_absurd_counts_name_their_box(text: str) -> None:
    with pytest.raises(CountError):
        CashCount.parse({1000_00: text})
    with pytest.raises(StockInputError):
        parse_qty("9" * 5000)


def test_change_has_a_ceiling() -> None:
    due = Money.parse("85.50")
    assert pay_cash(due, due + MAX_CHANGE, CashRounding.NONE).change == MAX_CHANGE
    with pytest.raises(TenderError, match="เงินทอนเกิน"):
        pay_cash(due, Money(2**63), CashRounding.NONE)
    with pytest.raises(PaymentError, match="เงินทอนเกิน"):
        cover(due, [Tender(TenderKind.CASH, Money.parse("1000000"))])
    assert cover(due, [Tender(TenderKind.CASH, Money.parse("1000"))]).change == Money.parse(
        "914.50"
    )


LONG_PASTE = "0-9940-00165-31-5 " * 5000


@given(TYPED)
def test_a_tax_id_or_branch_is_digits_or_a_tax_id_error(text: str) -> None:
    try:
        digits = normalize_tax_id(text)
    except TaxIdError as exc:
        assert str(exc) and exc.english
    else:
        assert len(digits) == 13 and digits.isascii() and digits.isdigit()
        assert len(text) <= TAX_ID_MAX_TYPED
    try:
        branch = branch_code(text)
    except TaxIdError:
        return
    assert len(branch) == 5 and branch.isascii() and branch.isdigit()


@given(TYPED)
def test_a_promptpay_id_is_a_target_or_a_promptpay_error(text: str) -> None:
    try:
        target = parse_promptpay_id(text)
    except PromptPayError as exc:
        assert str(exc) and len(exc.english) < 200  # never the whole paste echoed back
        return
    assert target.value.isascii() and target.value.isdigit()


@given(TYPED)
def test_a_pin_is_valid_or_a_pin_error_and_never_matches_a_stranger(text: str) -> None:
    try:
        validate_pin(text)
    except PinError as exc:
        assert "PIN" in str(exc)
    else:
        assert text.isascii() and text.isdigit() and 4 <= len(text) <= 8
    assert verify_pin(text, STORED) is (text == "4826")


@given(TYPED)
def test_an_expiry_is_a_date_or_a_stock_input_error(text: str) -> None:
    try:
        parse_expiry(text)
    except StockInputError as exc:
        assert exc.field == "expiry" and len(str(exc)) < 200


def test_a_pasted_page_is_refused_by_every_id_and_date_field_unread() -> None:
    with pytest.raises(TaxIdError, match=f"ยาวเกิน {TAX_ID_MAX_TYPED}"):
        normalize_tax_id(LONG_PASTE)
    with pytest.raises(TaxIdError):
        branch_code("สาขา " + "1" * 100_000)
    with pytest.raises(PromptPayError, match="เบอร์มือถือ 10 หลัก"):
        parse_promptpay_id(LONG_PASTE)
    with pytest.raises(StockInputError, match=f"ยาวเกิน {MAX_DATE_TYPED}"):
        parse_expiry("31/12/2569" * 10_000)
    assert verify_pin("4826" * 100_000, STORED) is False
