"""Scale labels: the layouts Thai shop scales print, check digits, and price labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.barcode import make_ean13
from otop_pos.domain.catalogue.scale_labels import (
    BUILT_IN,
    DEFAULT_LAYOUTS,
    ScaleLabel,
    ScaleLabelError,
    decode,
    parse_layout,
    parse_layouts,
    price_check_digit,
    weight_for_price,
)
from otop_pos.domain.catalogue.units import Unit, amount_for
from otop_pos.domain.money import Money

ALL = parse_layouts("weight-20, price-21, baht-22, price-check-23")


def test_every_built_in_layout_parses() -> None:
    for name, pattern in BUILT_IN.items():
        assert parse_layout(name) == parse_layout(pattern)
    assert [str(lay) for lay in parse_layouts(DEFAULT_LAYOUTS)] == ["20IIIIIWWWWWC"]


def test_weight_label_of_0450_kg_of_item_7() -> None:
    code = make_ean13("200000700450")
    assert decode(code, ALL) == ScaleLabel(code, 7, weight=450)


def test_price_labels_in_satang_and_in_baht() -> None:
    satang = make_ean13("210000705850")
    assert decode(satang, ALL) == ScaleLabel(satang, 7, price=Money.parse("58.50"))
    baht = make_ean13("220000700059")
    assert decode(baht, ALL) == ScaleLabel(baht, 7, price=Money.parse("59.00"))


def test_a_one_digit_flag_takes_a_six_digit_item() -> None:
    layouts = parse_layouts("2 IIIIII WWWWW C")
    code = make_ean13("212345601250")
    assert decode(code, layouts) == ScaleLabel(code, 123456, weight=1250)


# GS1 General Specifications 7.9.3-7.9.4 worked examples.
@pytest.mark.parametrize(("digits", "check"), [("2875", 9), ("14685", 6)])
def test_gs1_price_check_digits(digits: str, check: int) -> None:
    assert price_check_digit(digits) == check


def test_price_check_digit_is_checked() -> None:
    good = make_ean13(f"230007{price_check_digit('05850')}05850")
    assert decode(good, ALL) == ScaleLabel(good, 7, price=Money.parse("58.50"))
    wrong = (price_check_digit("05850") + 1) % 10
    bad = make_ean13(f"230007{wrong}05850")
    with pytest.raises(ScaleLabelError, match="เลขตรวจสอบราคา"):
        decode(bad, ALL)


def test_a_misread_label_is_refused_not_read_as_another_weight() -> None:
    code = make_ean13("200000700450")
    misread = code[:-1] + str((int(code[-1]) + 1) % 10)
    with pytest.raises(ScaleLabelError, match="เลขตรวจสอบ"):
        decode(misread, ALL)


def test_zero_weight_is_refused() -> None:
    with pytest.raises(ScaleLabelError, match="ศูนย์"):
        decode(make_ean13("200000700000"), ALL)


@pytest.mark.parametrize("code", ["8850000000014", "2900000000013"[:12], "29000000000130", "abc"])
def test_other_codes_are_not_labels(code: str) -> None:
    assert decode(code, ALL) is None
    assert decode(make_ean13("200000700450"), ()) is None  # scale labels switched off


@pytest.mark.parametrize(
    ("setting", "says"),
    [
        ("20IIIIIWWWWW", "13 หลัก"),
        ("30IIIIIWWWWWC", "ขึ้นต้นด้วย 2"),
        ("20IIIIIWWWWCC", "13 หลัก"),
        ("2IIIIIIIVWWWC", "4 หรือ 5 หลัก"),
        ("weight-20, 20IIIIIPPPPPC", "ขึ้นต้นเหมือนกัน"),
        ("weight-2, price-21", "ขึ้นต้นเหมือนกัน"),
        ("kilo", "ชื่อแบบสำเร็จรูป"),
    ],
)
def test_bad_layouts_are_refused_in_thai(setting: str, says: str) -> None:
    with pytest.raises(ScaleLabelError, match=says) as caught:
        parse_layouts(setting)
    assert caught.value.english


def test_blank_setting_turns_labels_off() -> None:
    assert parse_layouts("") == () and parse_layouts(" , ") == ()


def test_weight_for_a_price_label() -> None:
    assert weight_for_price(Money.parse("58.50"), Money.parse("130.00")) == 450
    # 130 baht/kg moves in steps of 13 satang a gram: 50.00 is no weight at all
    assert weight_for_price(Money.parse("50.00"), Money.parse("130.00")) is None
    assert weight_for_price(Money.parse("1.00"), Money(0)) is None
    # 5 baht/kg: several grams give 0.05; the nearest to 0.05 / 5 = 10 g is taken
    assert weight_for_price(Money.parse("0.05"), Money.parse("5.00")) == 10


@given(st.integers(1, 10**7), st.integers(1, 9_999_999))
def test_a_scale_price_always_has_its_weight(unit_price: int, weight: int) -> None:
    price = amount_for(Money(unit_price), weight, Unit.KG)
    if price.satang == 0:
        return
    found = weight_for_price(price, Money(unit_price))
    assert found is not None
    assert amount_for(Money(unit_price), found, Unit.KG) == price


def test_the_settings_default_is_the_built_in_default() -> None:
    """db/settings.py spells the default out (start-up must not import this reader)."""
    from otop_pos.db.settings import CentreSettings

    assert CentreSettings().scale_labels == DEFAULT_LAYOUTS
