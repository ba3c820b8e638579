"""Commission and statement arithmetic, pure."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.consignment.statement import ProductLine, RateLine, Statement, commission_on
from otop_pos.domain.money import Money


@given(st.integers(-(10**9), 10**9), st.integers(0, 10_000))
def test_commission_is_half_up_on_the_rate_and_keeps_the_sign(net: int, bp: int) -> None:
    exact = Decimal(abs(net)) * bp / 10_000
    expected = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert commission_on(Money(net), bp) == Money(expected if net >= 0 else -expected)


def test_rate_outside_0_to_100_percent_is_refused() -> None:
    with pytest.raises(ValueError):
        commission_on(Money(100), 10_001)
    with pytest.raises(ValueError):
        commission_on(Money(100), -1)


def test_statement_totals_and_round_trip() -> None:
    lines = (
        ProductLine(1, "A", "ผ้าไหม", sold=3, refunded=1, sales=Money(450000),
                    refunds=Money(150000)),
        ProductLine(2, "B", "ชา", earlier=-1, earlier_amount=Money(-8550)),
        ProductLine(3, "C", "ชาเย็น", "owned", sold=4, sales=Money(10000)),
    )  # fmt: skip
    st_ = Statement(
        "P01", "กลุ่ม", "2026-10-01", "2026-10-31", lines,
        (RateLine(2000, Money(300000)), RateLine(1500, Money(-8550))), Money(5000),
    )  # fmt: skip
    assert st_.net_sales == Money(291450)
    assert st_.commission == Money(60000 - 1283)
    assert st_.payable == Money(291450 - 58717)
    assert st_.closing_balance == st_.payable + Money(5000)
    assert st_.total("owned").sales == Money(10000)
    assert st_.total().net_qty == 1
    assert Statement.from_dict(st_.as_dict()) == st_
    assert RateLine(1250, Money(0)).percent_text == "12.5%"
    assert RateLine(2000, Money(0)).percent_text == "20%"
