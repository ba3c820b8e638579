import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money
from otop_pos.domain.selling.cash import (
    MAX_CHANGE,
    CashPayment,
    CashRounding,
    TenderError,
    pay_cash,
    quick_cash_amounts,
    round_cash,
)

M = Money.parse


@pytest.mark.parametrize(
    ("amount", "rounding", "expected"),
    [
        ("10.37", CashRounding.NONE, "10.37"),
        ("10.37", CashRounding.QUARTER, "10.25"),  # 12 satang over: down
        ("10.38", CashRounding.QUARTER, "10.50"),  # 13 satang over: up
        ("10.12", CashRounding.QUARTER, "10.00"),
        ("10.13", CashRounding.QUARTER, "10.25"),
        ("10.75", CashRounding.QUARTER, "10.75"),
        ("10.49", CashRounding.BAHT, "10.00"),
        ("10.50", CashRounding.BAHT, "10.00"),  # exact half: customer's favour
        ("10.51", CashRounding.BAHT, "11.00"),
        ("0.50", CashRounding.BAHT, "0.00"),
        ("-10.50", CashRounding.BAHT, "-11.00"),  # refund half: customer's favour
        ("-10.49", CashRounding.BAHT, "-10.00"),
        ("-10.13", CashRounding.QUARTER, "-10.25"),
    ],
)
def test_round_cash(amount: str, rounding: CashRounding, expected: str) -> None:
    assert round_cash(M(amount), rounding) == M(expected)


def test_steps() -> None:
    assert [r.step for r in CashRounding] == [Money(1), Money(25), Money(100)]


def test_pay_cash_with_change() -> None:
    pay = pay_cash(M("236.75"), M("1000"), CashRounding.BAHT)
    assert pay == CashPayment(
        due=M("236.75"),
        rounded_due=M("237"),
        rounding_adjustment=M("0.25"),
        tendered=M("1000"),
        change=M("763"),
    )


def test_cash_payment_must_add_up() -> None:
    with pytest.raises(ValueError):
        CashPayment(M("10"), M("10"), M("0"), M("20"), M("5"))
    with pytest.raises(ValueError):
        CashPayment(M("10.50"), M("10"), M("0"), M("20"), M("10"))


def test_pay_cash_rounding_down_adjustment_is_negative() -> None:
    pay = pay_cash(M("99.10"), M("99"), CashRounding.BAHT)
    assert pay.change == Money(0)
    assert pay.rounding_adjustment == M("-0.10")


def test_exact_payment() -> None:
    pay = pay_cash(M("12.34"), M("12.34"), CashRounding.NONE)
    assert pay.change == Money(0)
    assert pay.rounding_adjustment == Money(0)


def test_not_enough_cash_message() -> None:
    with pytest.raises(TenderError, match=r"^รับเงินไม่พอ ขาดอีก 36\.75 บาท$"):
        pay_cash(M("236.75"), M("200"), CashRounding.NONE)
    with pytest.raises(TenderError, match=r"ขาดอีก 1,000\.00 บาท"):
        pay_cash(M("1500"), M("500"), CashRounding.NONE)


def test_short_by_rounded_amount() -> None:
    # Due 10.38 rounds to 10.50 with quarter rounding; 10.38 is not enough.
    with pytest.raises(TenderError, match=r"ขาดอีก 0\.12 บาท"):
        pay_cash(M("10.38"), M("10.38"), CashRounding.QUARTER)


def test_negative_amounts_refused() -> None:
    with pytest.raises(TenderError):
        pay_cash(M("10"), M("-1"), CashRounding.NONE)
    with pytest.raises(TenderError):
        pay_cash(M("-10"), M("0"), CashRounding.NONE)
    with pytest.raises(TenderError):
        quick_cash_amounts(M("-1"))


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("80", ["80", "100", "500", "1000"]),
        ("100", ["100", "500", "1000"]),
        ("236.75", ["236.75", "300", "500", "1000"]),
        ("500", ["500", "1000"]),
        ("999.99", ["999.99", "1000"]),
        ("1000", ["1000"]),
        ("1234.50", ["1234.50", "1300", "1500", "2000"]),
        ("4373", ["4373", "4400", "4500", "5000"]),
        ("0", ["0", "100", "500", "1000"]),
    ],
)
def test_quick_cash_amounts(due: str, expected: list[str]) -> None:
    assert quick_cash_amounts(M(due)) == [M(e) for e in expected]


def test_quick_cash_uses_rounding() -> None:
    assert quick_cash_amounts(M("99.60"), CashRounding.BAHT) == [M("100"), M("500"), M("1000")]


AMOUNT = st.integers(min_value=0, max_value=10**9).map(Money)
ANY_AMOUNT = st.integers(min_value=-(10**9), max_value=10**9).map(Money)
ROUNDING = st.sampled_from(list(CashRounding))


@given(ANY_AMOUNT, ROUNDING)
def test_round_cash_is_nearest_step(amount: Money, rounding: CashRounding) -> None:
    rounded = round_cash(amount, rounding)
    step = rounding.value
    assert rounded.satang % step == 0
    assert 2 * abs(rounded.satang - amount.satang) <= step
    assert round_cash(rounded, rounding) == rounded


@given(AMOUNT, AMOUNT, ROUNDING)
def test_change_never_negative_when_accepted(
    due: Money, tendered: Money, rounding: CashRounding
) -> None:
    try:
        pay = pay_cash(due, tendered, rounding)
    except TenderError:
        rounded = round_cash(due, rounding)
        assert tendered < rounded or tendered - rounded > MAX_CHANGE
        return
    assert not pay.change.is_negative
    assert pay.tendered == pay.rounded_due + pay.change
    assert pay.due + pay.rounding_adjustment == pay.rounded_due


@given(AMOUNT, ROUNDING)
def test_quick_amounts_always_pay(due: Money, rounding: CashRounding) -> None:
    amounts = quick_cash_amounts(due, rounding)
    assert len(amounts) == len(set(amounts))
    assert amounts == sorted(amounts)
    for amount in amounts:
        assert pay_cash(due, amount, rounding).change == amount - round_cash(due, rounding)
