"""Drawer arithmetic, including the two bugs other tills shipped."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money
from otop_pos.domain.shifts.cash_count import DENOMINATIONS, CashCount, CountError
from otop_pos.domain.shifts.drawer import ShiftFlows, TenderFlow, over_short, reconcile

B = Money.baht


def test_float_is_counted_once() -> None:
    """Odoo counted the opening float twice; here it is only the starting point."""
    flows = ShiftFlows(float_amount=B(1000))
    assert flows.expected() == {"cash": B(1000)}
    with_sale = ShiftFlows(float_amount=B(1000), tenders={"cash": TenderFlow(sales=B(250))})
    assert with_sale.expected()["cash"] == B(1250)


def test_change_is_never_added() -> None:
    """ERPNext showed negative expected cash because change was included.

    A 100-baht sale paid with a 1000 note keeps 100: the sale's cash flow is
    the kept amount, so the 900 change never enters the sum.
    """
    flows = ShiftFlows(float_amount=B(0), tenders={"cash": TenderFlow(sales=B(100))})
    assert flows.expected()["cash"] == B(100)
    assert flows.expected()["cash"].satang >= 0


def test_every_flow_moves_the_drawer() -> None:
    flows = ShiftFlows(
        float_amount=B(1500),
        tenders={
            "cash": TenderFlow(sales=B(3000), voided=B(200), refunded=B(150)),
            "promptpay": TenderFlow(sales=B(800), refunded=B(100)),
            "card": TenderFlow(sales=B(1200)),
        },
        cash_in=B(500),
        cash_out=B(300),
    )
    assert flows.expected() == {
        "cash": B(1500 + 3000 - 200 - 150 + 500 - 300),
        "promptpay": B(700),
        "card": B(1200),
    }


def test_reconcile_lists_cash_first_and_missing_counts_as_zero() -> None:
    results = reconcile({"card": B(100), "cash": B(50)}, {"cash": B(45)})
    assert [r.tender for r in results] == ["cash", "card"]
    assert [r.difference for r in results] == [B(-5), B(-100)]
    assert over_short(results) == B(-105)


@given(st.dictionaries(st.sampled_from(DENOMINATIONS), st.integers(0, 5000)))
def test_count_total_is_sum_of_pieces(pieces: dict[int, int]) -> None:
    count = CashCount.of(pieces)
    assert count.total == Money(sum(d * n for d, n in pieces.items()))
    assert CashCount.from_dict(count.as_dict()) == count


@pytest.mark.parametrize(
    ("text", "words"),
    [("-3", "ติดลบ"), ("abc", "ตัวเลขจำนวนเต็ม"), ("1.5", "ตัวเลขจำนวนเต็ม"), ("๑๒", "ตัวเลขจำนวนเต็ม")],
)
def test_bad_box_is_named(text: str, words: str) -> None:
    with pytest.raises(CountError) as err:
        CashCount.parse({100_000: "2", 2_000: text})
    assert words in str(err.value) and "20 บาท" in str(err.value)
    assert err.value.field == 2_000


def test_blank_boxes_are_zero_and_commas_allowed() -> None:
    count = CashCount.parse({100_000: "1,000", 50: "", 25: " 4 "})
    assert count.total == Money(100_000 * 1000 + 100)
