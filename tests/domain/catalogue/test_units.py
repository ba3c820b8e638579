"""Units and measured quantities: exact thousandths, half-up amounts, typed weights."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.units import (
    MAX_UNITS,
    QuantityError,
    Unit,
    amount_for,
    items_in,
    parse_quantity,
    qty_number,
    qty_shown,
    qty_text,
    totals_text,
    unit_of,
)
from otop_pos.domain.money import Money

GARLIC_PER_KG = Money.parse("130.00")


def test_garlic_0450_kg_at_130_is_58_50() -> None:
    assert amount_for(GARLIC_PER_KG, 450, Unit.KG) == Money.parse("58.50")


@pytest.mark.parametrize(
    ("price", "qty", "amount"),
    [
        ("1.00", 5, "0.01"),  # 0.5 satang rounds up
        ("1.00", 4, "0.00"),  # 0.4 satang rounds down
        ("0.99", 505, "0.50"),  # 49.995 satang -> 50
        ("12.34", 1000, "12.34"),
        ("70.00", 1, "0.07"),
        ("999.99", 9_999_999, "9,999,899.00"),  # 999,989,900.001 satang
    ],
)
def test_measured_amounts_round_half_up_to_the_satang(price: str, qty: int, amount: str) -> None:
    assert amount_for(Money.parse(price), qty, Unit.KG).format() == amount


def test_pieces_multiply_exactly() -> None:
    assert amount_for(Money.parse("85.50"), 3, Unit.PIECE) == Money.parse("256.50")
    assert amount_for(Money.parse("85.50"), 3, "piece") == Money.parse("256.50")


def test_a_shortfall_and_a_surplus_are_worth_the_same() -> None:
    assert amount_for(Money(1), -500, Unit.KG) == -amount_for(Money(1), 500, Unit.KG)


@given(st.integers(0, 10**8), st.integers(1, MAX_UNITS * 1000))
def test_amount_is_the_nearest_satang(price: int, qty: int) -> None:
    amount = amount_for(Money(price), qty, Unit.KG).satang
    assert abs(amount * 1000 - price * qty) <= 500
    assert amount * 1000 - price * qty != -500  # an exact half goes up


@pytest.mark.parametrize(
    ("qty", "unit", "th", "en"),
    [
        (450, Unit.KG, "0.450 กก.", "0.450 kg"),
        (1000, Unit.KG, "1.000 กก.", "1.000 kg"),
        (12_500, Unit.M, "12.500 ม.", "12.500 m"),
        (1_234_567, Unit.L, "1,234.567 ล.", "1,234.567 L"),
        (-450, Unit.KG, "-0.450 กก.", "-0.450 kg"),
        (3, Unit.PIECE, "3 ชิ้น", "3 pcs"),
        (1250, Unit.PIECE, "1,250 ชิ้น", "1,250 pcs"),
    ],
)
def test_quantities_show_their_unit(qty: int, unit: Unit, th: str, en: str) -> None:
    assert qty_text(qty, unit) == th
    assert qty_text(qty, unit, "en") == en


def test_numbers_without_unit() -> None:
    assert qty_number(450, "kg") == "0.450"
    assert qty_number(1_234_567, "kg", grouping=False) == "1234.567"
    assert qty_number(3, "piece") == "3"


def test_a_weighed_line_counts_as_one_item() -> None:
    assert items_in(450, Unit.KG) == 1
    assert items_in(3, Unit.PIECE) == 3


def test_units_by_name() -> None:
    assert unit_of(None) is Unit.PIECE
    assert unit_of("kg") is Unit.KG
    for bad in ("KG", "kilo", 1, ""):
        with pytest.raises(QuantityError):
            unit_of(bad)


@pytest.mark.parametrize(
    ("text", "unit", "small", "milli"),
    [
        ("0.45", Unit.KG, False, 450),
        ("0.450", Unit.KG, False, 450),
        (".45", Unit.KG, False, 450),
        ("0.45 กก.", Unit.KG, False, 450),
        ("0.45kg", Unit.KG, False, 450),
        ("450 g", Unit.KG, False, 450),
        ("450 กรัม", Unit.KG, False, 450),
        ("450ก.", Unit.KG, False, 450),
        ("450", Unit.KG, True, 450),  # the prompt in gram mode
        ("0.45 kg", Unit.KG, True, 450),  # a unit typed wins over the mode
        ("๐.๔๕", Unit.KG, False, 450),  # Thai digits
        ("จใภถ", Unit.KG, False, 450),  # '0.45' typed with the Thai layout on
        ("2", Unit.KG, False, 2000),
        ("1.5 ลิตร", Unit.L, False, 1500),
        ("250 ml", Unit.L, False, 250),
        ("2.5 m", Unit.M, False, 2500),
        ("75 cm", Unit.M, False, 750),
        ("3", Unit.PIECE, False, 3),
        ("3 ชิ้น", Unit.PIECE, False, 3),
    ],
)
def test_typed_quantities(text: str, unit: Unit, small: bool, milli: int) -> None:
    assert parse_quantity(text, unit, small=small) == milli


@pytest.mark.parametrize(
    ("text", "unit", "says"),
    [
        ("0.45", Unit.PIECE, "ขายเป็นชิ้น"),
        ("2.0", Unit.PIECE, "ขายเป็นชิ้น"),
        ("0.4505", Unit.KG, "ละเอียดเกินไป"),
        ("450.5 g", Unit.KG, "ละเอียดเกินไป"),
        ("0", Unit.KG, "มากกว่าศูนย์"),
        ("0.000", Unit.KG, "มากกว่าศูนย์"),
        ("10000", Unit.KG, "ไม่เกิน 9,999.000 กก."),
        ("10000", Unit.PIECE, "ไม่เกิน 9,999 ชิ้น"),
        ("0,45", Unit.KG, "มีจุดทศนิยม"),
        ("-0.45", Unit.KG, "มีจุดทศนิยม"),
        ("0.45 ลิตร", Unit.KG, "มีจุดทศนิยม"),
        ("abc", Unit.KG, "มีจุดทศนิยม"),
        ("", Unit.KG, "กรุณาใส่จำนวน"),
        (".", Unit.KG, "มีจุดทศนิยม"),
        ("9" * 25, Unit.KG, "ยาวเกิน"),
    ],
)
def test_refused_quantities_say_why(text: str, unit: Unit, says: str) -> None:
    with pytest.raises(QuantityError, match=says) as caught:
        parse_quantity(text, unit, field="weight")
    assert caught.value.field == "weight"
    assert caught.value.english


def test_zero_is_a_count() -> None:
    assert parse_quantity("0", Unit.KG, allow_zero=True) == 0
    assert parse_quantity("0", Unit.PIECE, allow_zero=True) == 0


def test_stock_screens_take_larger_quantities() -> None:
    assert parse_quantity("12345.678", Unit.KG, max_units=100_000) == 12_345_678


def test_totals_never_add_kilograms_to_pieces() -> None:
    found = totals_text([(12, "piece"), (20_000, "kg"), (500, Unit.KG), (3, Unit.PIECE)])
    assert found == "15 ชิ้น + 20.500 กก."
    assert totals_text([], "en") == "0 pcs"
    assert qty_shown(450, "kg") == "0.450 กก." and qty_shown(1250, "piece") == "1,250"
