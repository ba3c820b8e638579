"""In-store EAN-13 codes (GS1 prefixes 20-29), labels and A4 sticker grids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.barcode import ean13_check_digit, is_valid_ean13
from otop_pos.domain.catalogue.instore import (
    MAX_SEQ,
    PRESETS,
    InstoreCodeError,
    Label,
    LabelError,
    LabelGrid,
    each_copy,
    instore_ean13,
    instore_seq,
    is_instore,
    next_instore,
    preset,
)

PREFIXES = st.sampled_from([str(p) for p in range(20, 30)])


def _thai(text: str) -> bool:
    return any("\u0e00" <= c <= "\u0e7f" for c in text)


def test_known_codes() -> None:
    # by hand, weights 3,1,3... from the right: 1*3 + 9*3 + 2*1 = 32 -> check 8
    assert instore_ean13(1) == "2900000000018"
    assert instore_ean13(42, "20") == "2000000000428"
    assert instore_ean13(MAX_SEQ) == "2999999999991"  # 6*9*3 + 5*9 + 2 = 209 -> 1


@given(st.integers(1, MAX_SEQ), PREFIXES)
def test_every_code_is_a_valid_ean13_that_keeps_its_number(seq: int, prefix: str) -> None:
    code = instore_ean13(seq, prefix)
    assert len(code) == 13 and code.startswith(prefix)
    assert is_valid_ean13(code) and int(code[12]) == ean13_check_digit(code[:12])
    assert is_instore(code) and is_instore(code, prefix)
    assert instore_seq(code) == seq


@given(st.integers(1, MAX_SEQ), PREFIXES, st.integers(1, 9))
def test_a_wrong_check_digit_is_not_in_store(seq: int, prefix: str, delta: int) -> None:
    code = instore_ean13(seq, prefix)
    broken = code[:12] + str((int(code[12]) + delta) % 10)
    assert not is_instore(broken)


@pytest.mark.parametrize("prefix", ["19", "30", "2", "290", "", "๒๙", 29, None, "88"])
def test_prefix_outside_20_29_is_refused_in_thai(prefix: object) -> None:
    with pytest.raises(InstoreCodeError) as err:
        instore_ean13(1, prefix)  # type: ignore[arg-type]
    assert isinstance(err.value, ValueError) and _thai(str(err.value))


@pytest.mark.parametrize("seq", [0, -1, MAX_SEQ + 1, True, 1.0])
def test_running_number_out_of_range(seq: object) -> None:
    with pytest.raises(InstoreCodeError, match="เลขลำดับ"):
        instore_ean13(seq)  # type: ignore[arg-type]


def test_manufacturer_codes_are_not_in_store() -> None:
    assert not is_instore("8850999220000")  # a Thai (885) GTIN
    assert not is_instore("4006381333931")
    assert not is_instore(None)
    assert is_instore("2000000000428") and not is_instore("2000000000428", "29")


def test_next_counts_on_from_the_highest_of_its_prefix() -> None:
    assert next_instore([]) == instore_ean13(1)
    taken = [instore_ean13(3), instore_ean13(7), instore_ean13(99, "28"), "8850000000014"]
    assert next_instore(taken) == instore_ean13(8)
    assert next_instore(taken, "28") == instore_ean13(100, "28")
    # a 29-code with a wrong check digit is not one of ours and does not count
    assert next_instore(["2999999999990"]) == instore_ean13(1)
    with pytest.raises(InstoreCodeError, match="หมด"):
        next_instore([instore_ean13(MAX_SEQ)])


@given(st.sets(st.integers(1, 10**6), max_size=30))
def test_next_is_never_taken_and_above_all(seqs: set[int]) -> None:
    taken = {instore_ean13(s) for s in seqs}
    code = next_instore(taken)
    assert code not in taken and instore_seq(code) == max(seqs, default=0) + 1


def test_label_rules() -> None:
    ok = Label("2900000000018", "ean13", "น้ำพริกปลาย่าง", "฿85.00", copies=3)
    assert [lb.name for lb in each_copy([ok, Label("A1", "code128", "x", "฿1.00")])] == [
        "น้ำพริกปลาย่าง"
    ] * 3 + ["x"]
    for bad in (
        dict(barcode="2900000000019", symbology="ean13"),  # check digit
        dict(barcode="รหัส", symbology="code128"),  # not ASCII
        dict(barcode="", symbology="code128"),
        dict(barcode="A1", symbology="qr"),
        dict(barcode="A1", symbology="code128", copies=0),
        dict(barcode="A1", symbology="code128", copies=1000),
    ):
        with pytest.raises(LabelError) as err:
            Label(name="ผ้าไหม", price_text="฿1.00", **bad)
        assert _thai(str(err.value))


@pytest.mark.parametrize(
    ("key", "cols", "rows", "w", "h"),
    [("a4-24", 3, 8, 70, 37), ("a4-40", 4, 10, 48.5, 25.4), ("a4-65", 5, 13, 38.1, 21.2)],
)
def test_presets_fit_a4(key: str, cols: int, rows: int, w: float, h: float) -> None:
    grid = preset(key)
    assert (grid.columns, grid.rows, grid.label_w, grid.label_h) == (cols, rows, w, h)
    assert grid.per_sheet == cols * rows and "A4" in grid.name
    right, bottom = grid.extent
    assert right <= 210 and bottom <= 297
    x, y = grid.position(grid.per_sheet - 1)
    assert x + w == pytest.approx(right) and y + h == pytest.approx(bottom)


def test_every_preset_is_distinct_and_fits() -> None:
    assert len({(g.columns, g.rows) for g in PRESETS.values()}) == len(PRESETS)


def test_positions_go_row_by_row_with_gaps() -> None:
    grid = LabelGrid(3, 2, 60.0, 30.0, top=10.0, left=5.0, h_gap=2.0, v_gap=4.0)
    assert grid.position(0) == (5.0, 10.0)
    assert grid.position(1) == (67.0, 10.0)
    assert grid.position(3) == (5.0, 44.0)
    with pytest.raises(LabelError):
        grid.position(6)
    assert grid.pages_for(6) == 1 and grid.pages_for(7) == 2 and grid.pages_for(6, 1) == 2
    assert grid.pages_for(0) == 0
    with pytest.raises(LabelError, match="ดวงที่"):
        grid.pages_for(1, 6)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(columns=3, rows=8, label_w=71.0, label_h=37.0, top=0.0, left=0.0),  # 213 mm wide
        dict(columns=3, rows=8, label_w=70.0, label_h=37.0, top=2.0, left=0.0),  # 298 mm tall
        dict(columns=4, rows=10, label_w=48.5, label_h=25.4, top=21.5, left=8, h_gap=3),
    ],
)
def test_a_grid_larger_than_a4_is_refused_in_thai(kwargs: dict[str, float]) -> None:
    with pytest.raises(LabelError) as err:
        LabelGrid(**kwargs)  # type: ignore[arg-type]
    assert "A4" in str(err.value) and "เกินกระดาษ" in str(err.value)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(columns=0, rows=8, label_w=70.0, label_h=37.0, top=0.0, left=0.0),
        dict(columns=3, rows=8, label_w=0.0, label_h=37.0, top=0.0, left=0.0),
        dict(columns=3, rows=8, label_w=70.0, label_h=37.0, top=-1.0, left=0.0),
    ],
)
def test_nonsense_grids_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(LabelError):
        LabelGrid(**kwargs)  # type: ignore[arg-type]
