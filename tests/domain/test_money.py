from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money, MoneyError, sum_money

AMOUNTS = st.integers(min_value=-(10**15), max_value=10**15)


@pytest.mark.parametrize(
    ("text", "satang"),
    [
        ("1,234.50", 123450),
        ("20", 2000),
        (".25", 25),
        ("-3.5", -350),
        ("0.01", 1),
        ("฿1,000", 100000),
        ("  7.00 ", 700),
        ("1234567", 123456700),
    ],
)
def test_parse(text: str, satang: int) -> None:
    assert Money.parse(text) == Money(satang)


@pytest.mark.parametrize("text", ["", "abc", "1.234", "1,23", "--1", ".", "1e3", "12,34.00"])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(MoneyError):
        Money.parse(text)


def test_parse_int_and_decimal() -> None:
    assert Money.parse(5) == Money(500)
    assert Money.parse(Decimal("2.35")) == Money(235)
    with pytest.raises(MoneyError):
        Money.parse(Decimal("2.355"))
    with pytest.raises(MoneyError):
        Money.parse(True)


def test_format() -> None:
    assert Money(123450).format() == "1,234.50"
    assert Money(-5).format() == "-0.05"
    assert Money(123450).format(grouping=False) == "1234.50"
    assert str(Money(0)) == "0.00"


def test_arithmetic() -> None:
    a, b = Money(150), Money(25)
    assert a + b == Money(175)
    assert a - b == Money(125)
    assert a * 3 == 3 * a == Money(450)
    assert -a == Money(-150)
    assert abs(Money(-7)) == Money(7)
    assert not Money.zero()
    assert Money(-1).is_negative
    assert Money.baht(2) == Money(200)
    assert Money(12345).to_decimal() == Decimal("123.45")


def test_no_floats() -> None:
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(1) * 1.5  # type: ignore[operator]


def test_sum_money() -> None:
    assert sum_money([]) == Money(0)
    assert sum_money([Money(1), Money(2), Money(-5)]) == Money(-2)


@given(AMOUNTS, st.booleans())
def test_parse_format_round_trip(satang: int, grouping: bool) -> None:
    assert Money.parse(Money(satang).format(grouping=grouping)) == Money(satang)


@given(AMOUNTS)
def test_decimal_round_trip(satang: int) -> None:
    assert Money.parse(Money(satang).to_decimal()) == Money(satang)
