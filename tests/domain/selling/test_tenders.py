"""Tenders settling a sale: splits, rounding on cash only, co-payment shares."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.selling.cash import CashRounding
from otop_pos.domain.selling.tenders import (
    PaymentError,
    Tender,
    TenderKind,
    copay_split,
    cover,
    remaining_due,
)

B = Money.parse


def cash(a: str) -> Tender:
    return Tender(TenderKind.CASH, B(a))


def qr(a: str, ref: str = "") -> Tender:
    return Tender(TenderKind.PROMPTPAY, B(a), reference=ref)


def copay(customer: str, government: str) -> Tender:
    c, g = B(customer), B(government)
    return Tender(TenderKind.COPAY, c + g, "APP-1", scheme="คนละครึ่งพลัส", customer_share=c,
                  government_share=g)  # fmt: skip


def test_cash_only_gives_change() -> None:
    s = cover(B("85.50"), [cash("100")])
    assert (s.cash_due, s.change, s.rounding, s.paid) == (B("85.50"), B("14.50"), B(0), B("85.50"))


def test_promptpay_plus_cash_rounds_only_the_cash_part() -> None:
    s = cover(B("103.60"), [qr("50"), cash("60")], CashRounding.BAHT)
    assert s.cash_due == B("54")  # 53.60 to pay in cash, rounded to the baht
    assert s.rounding == B("0.40") and s.change == B("6") and s.paid == B("104")
    assert s.by_kind == {"promptpay": B("50"), "cash": B("54")}


def test_exact_non_cash_tenders_are_not_rounded() -> None:
    s = cover(B("103.60"), [qr("103.60")], CashRounding.BAHT)
    assert (s.rounding, s.change, s.cash_due) == (B(0), B(0), B("0"))
    assert [a.applied for a in s.applied] == [B("103.60")]


def test_only_cash_may_exceed_the_amount_due() -> None:
    with pytest.raises(PaymentError, match="มีเพียงเงินสดที่ทอนได้"):
        cover(B("100"), [qr("60"), Tender(TenderKind.TRANSFER, B("50"), "T1")])


def test_tenders_that_do_not_cover_the_amount_are_refused() -> None:
    with pytest.raises(PaymentError, match=r"ขาดอีก 20\.00 บาท") as info:
        cover(B("100"), [qr("50"), cash("30")])
    assert info.value.field == "amount"
    with pytest.raises(PaymentError, match="ขาดอีก"):
        cover(B("100"), [qr("50")])


def test_cash_after_full_payment_is_refused() -> None:
    with pytest.raises(PaymentError, match="ไม่ต้องรับเงินสด"):
        cover(B("100"), [qr("100"), cash("20")])


def test_two_cash_tenders_land_as_one_payment() -> None:
    s = cover(B("150"), [cash("100"), cash("100")])
    assert len(s.applied) == 1 and s.applied[0].applied == B("150") and s.change == B("50")


def test_card_needs_last_four_and_approval_code() -> None:
    with pytest.raises(PaymentError) as info:
        Tender(TenderKind.CARD, B("10"), approval_code="123456", card_last4="12a4")
    assert info.value.field == "card_last4" and "4 หลัก" in str(info.value)
    with pytest.raises(PaymentError) as info:
        Tender(TenderKind.CARD, B("10"), approval_code="", card_last4="1234")
    assert info.value.field == "approval_code"
    Tender(TenderKind.CARD, B("10"), approval_code="A1B2C3", card_last4="1234")


def test_transfer_needs_a_reference() -> None:
    with pytest.raises(PaymentError) as info:
        Tender(TenderKind.TRANSFER, B("10"), reference="  ")
    assert info.value.field == "reference"


def test_copay_shares_must_add_up() -> None:
    with pytest.raises(PaymentError) as info:
        Tender(TenderKind.COPAY, B("100"), "R", scheme="x", customer_share=B("40"),
               government_share=B("50"))  # fmt: skip
    assert info.value.field == "government_share"


def test_copay_larger_than_the_total_is_refused() -> None:
    with pytest.raises(PaymentError, match="ยอดชำระเกิน"):
        cover(B("100"), [copay("60", "60")])


def test_copay_with_cash_top_up_and_cap_flag() -> None:
    s = cover(B("500"), [copay("200", "200"), cash("100")], copay_cap=B("200"))
    assert s.by_kind == {"copay": B("400"), "cash": B("100")} and not s.over_cap
    s = cover(B("500"), [copay("250", "250")], copay_cap=B("200"))
    assert s.over_cap


def test_copay_split_halves_and_caps() -> None:
    assert copay_split(B("100"), B("200")) == copay_split(B("100"), B("200"))
    split = copay_split(B("100.01"), B("200"))
    assert (split.customer, split.government, split.over_cap) == (B("50.01"), B("50"), False)
    split = copay_split(B("100.01"), B("200"), odd_satang_to="government")
    assert (split.customer, split.government) == (B("50"), B("50.01"))
    split = copay_split(B("600"), B("200"))
    assert (split.customer, split.government, split.over_cap) == (B("400"), B("200"), True)


def test_remaining_due_after_non_cash() -> None:
    assert remaining_due(B("100"), [qr("30"), cash("500")]) == B("70")
    assert remaining_due(B("100"), [qr("100")]) == B(0)


amounts = st.integers(1, 500_000).map(Money)


@given(
    total=st.integers(1, 2_000_000).map(Money),
    parts=st.lists(
        st.tuples(st.sampled_from(["promptpay", "card", "transfer"]), amounts), max_size=3
    ),
    extra=st.integers(0, 100_000),
    rounding=st.sampled_from(list(CashRounding)),
)
def test_tenders_always_add_up(
    total: Money, parts: list[tuple[str, Money]], extra: int, rounding: CashRounding
) -> None:
    tenders = [
        Tender(TenderKind(k), a, reference="R", approval_code="A1", card_last4="1234")
        for k, a in parts
    ]
    other = sum_money(t.amount for t in tenders)
    if other > total:
        with pytest.raises(PaymentError):
            cover(total, tenders, rounding)
        return
    left = total - other
    if left.satang:
        from otop_pos.domain.selling.cash import round_cash

        tenders.append(Tender(TenderKind.CASH, Money(round_cash(left, rounding).satang + extra)))
    s = cover(total, tenders, rounding)
    assert sum_money(a.applied for a in s.applied) == s.paid == total + s.rounding
    assert not s.change.is_negative and s.change.satang == (extra if left.satang else 0)
    assert abs(s.rounding.satang) * 2 <= rounding.value
