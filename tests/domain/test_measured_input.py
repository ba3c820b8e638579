"""Weights typed, labels scanned, layouts configured: a value or the parser's own error.

Like tests/domain/test_typed_input.py: whatever a keyboard, a scanner or a
clipboard delivers, each new parser answers with a value or its field error,
never another exception, and refuses text over its limit before reading it.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.barcode import MAX_SCAN_LEN, ScanError, parse_scan
from otop_pos.domain.catalogue.scale_labels import (
    MAX_SETTING,
    ScaleLabel,
    ScaleLabelError,
    decode,
    parse_layouts,
)
from otop_pos.domain.catalogue.units import (
    MAX_TYPED,
    MAX_UNITS,
    QuantityError,
    Unit,
    parse_quantity,
)
from otop_pos.domain.stock.quantities import MAX_QTY as STOCK_MAX
from otop_pos.domain.stock.quantities import StockInputError, parse_count, parse_qty

TYPED = st.text(
    alphabet=st.one_of(
        st.sampled_from("0123456789,.-+*x ฿\t\u00a0\u3000gkmlGK"),
        st.sampled_from("٠١٢٣٤٥٦٧๐๑๒๓๔๕๖๗๘๙ๅ/-ภถุึคตจใกรัมลิตรเมตรชิ้น"),
        st.characters(),
    ),
    max_size=2 * MAX_TYPED,
)
LABELS = st.one_of(
    st.text(alphabet="0123456789", min_size=13, max_size=13).map(lambda s: "2" + s[1:]),
    st.text(alphabet="0123456789", max_size=20),
    st.text(max_size=MAX_SCAN_LEN),
)
LAYOUT_TEXT = st.text(
    alphabet=st.one_of(st.sampled_from("0123456789IWPBVC ,-weightprcbah"), st.characters()),
    max_size=MAX_SETTING + 20,
)
ALL = parse_layouts("weight-20, price-21, baht-22, price-check-23, 24IIIIIVWWWWC")


@given(TYPED, st.sampled_from(list(Unit)), st.booleans())
def test_a_typed_weight_is_a_quantity_or_a_quantity_error(
    text: str, unit: Unit, small: bool
) -> None:
    try:
        qty = parse_quantity(text, unit, field="weight", small=small)
    except QuantityError as exc:
        assert exc.field == "weight" and exc.thai and exc.english
        return
    assert 1 <= qty <= MAX_UNITS * (1 if unit is Unit.PIECE else 1000)
    assert len(text) <= MAX_TYPED


@given(TYPED, st.sampled_from(["kg", "l", "m"]))
def test_a_stock_weight_is_a_quantity_or_a_stock_input_error(text: str, unit: str) -> None:
    for parse in (parse_qty, parse_count):
        try:
            n = parse(text, unit=unit)
        except StockInputError as exc:
            assert exc.field and exc.thai
            continue
        assert 0 <= n <= STOCK_MAX * 1000


@given(LABELS)
def test_a_scanned_code_is_a_label_nothing_or_a_label_error(code: str) -> None:
    try:
        label = decode(code, ALL)
    except ScaleLabelError as exc:
        assert exc.thai and exc.english
        return
    if label is not None:
        assert isinstance(label, ScaleLabel) and label.item >= 0
        assert (label.weight or 0) > 0 or (label.price is not None and label.price.satang > 0)


@given(LAYOUT_TEXT)
def test_a_layout_setting_is_layouts_or_a_label_error(text: str) -> None:
    try:
        layouts = parse_layouts(text)
    except ScaleLabelError as exc:
        assert exc.thai and exc.english
        return
    assert all(len(lay.pattern) == 13 for lay in layouts)


@given(TYPED)
def test_a_measured_prefix_is_a_scan_or_a_scan_error(prefix: str) -> None:
    try:
        scanned = parse_scan(f"{prefix}*8850000000014")
    except ScanError:
        return
    assert scanned.milli is None or 1 <= scanned.milli <= MAX_UNITS * 1000


@pytest.mark.parametrize(
    "parse",
    [
        lambda text: parse_quantity(text, Unit.KG),
        lambda text: parse_layouts(text),
        lambda text: decode(text, ALL),
        lambda text: parse_scan(text),
    ],
    ids=["weight", "layouts", "label", "scan"],
)
def test_a_pasted_page_is_refused_before_it_is_read(parse: object) -> None:
    page = "0." + "5" * 2_000_000
    started = time.perf_counter()
    try:
        result = parse(page)  # type: ignore[operator]
    except (QuantityError, ScaleLabelError, ScanError):
        result = None
    assert result is None
    assert time.perf_counter() - started < 0.05  # reading two million digits takes far longer
