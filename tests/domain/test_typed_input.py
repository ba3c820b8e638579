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
from otop_pos.domain.stock.quantities import StockInputError, parse_count, parse_qty

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
