from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.money import Money
from otop_pos.domain.vat import DocumentVat, VatSplit, document_vat, split_vat_inclusive

AMOUNTS = st.integers(min_value=-(10**13), max_value=10**13)


@pytest.mark.parametrize(
    ("gross", "base", "vat"),
    [
        ("536.00", "500.93", "35.07"),  # reference vector (real e-tax invoice)
        ("107.00", "100.00", "7.00"),
        ("100.00", "93.46", "6.54"),
        ("0.00", "0.00", "0.00"),
        ("0.07", "0.07", "0.00"),  # 0.0458 satang -> 0
        ("0.08", "0.07", "0.01"),  # 0.523 satang -> 1
        ("1,000,000.00", "934,579.44", "65,420.56"),
    ],
)
def test_vectors(gross: str, base: str, vat: str) -> None:
    split = split_vat_inclusive(Money.parse(gross))
    assert split == VatSplit(Money.parse(gross), Money.parse(base), Money.parse(vat))


def test_refund_is_mirror_of_sale() -> None:
    split = split_vat_inclusive(Money.parse("-536.00"))
    assert split.base == Money.parse("-500.93")
    assert split.vat == Money.parse("-35.07")


def test_exact_half_rounds_away_from_zero() -> None:
    # At 7 % no amount lands on an exact half satang, so use a 100 % rate:
    # 0.01 * 100/200 = 0.5 satang.
    assert split_vat_inclusive(Money(1), 100).vat == Money(1)
    assert split_vat_inclusive(Money(-1), 100).vat == Money(-1)
    assert split_vat_inclusive(Money(3), 100).vat == Money(2)


def test_other_rates() -> None:
    assert split_vat_inclusive(Money(11000), 10).vat == Money(1000)
    assert split_vat_inclusive(Money(53600), 0) == VatSplit(Money(53600), Money(53600), Money(0))


def test_bad_rate() -> None:
    with pytest.raises(ValueError):
        split_vat_inclusive(Money(100), -7)
    with pytest.raises(TypeError):
        split_vat_inclusive(Money(100), True)


@given(AMOUNTS, st.integers(min_value=0, max_value=100))
def test_parts_add_up_and_match_decimal(satang: int, rate: int) -> None:
    split = split_vat_inclusive(Money(satang), rate)
    assert split.base + split.vat == split.gross == Money(satang)
    expected = (Decimal(satang) * rate / (100 + rate)).quantize(Decimal(1), ROUND_HALF_UP)
    assert split.vat.satang == int(expected)


@given(AMOUNTS)
def test_symmetric(satang: int) -> None:
    sale = split_vat_inclusive(Money(satang))
    refund = split_vat_inclusive(Money(-satang))
    assert refund.vat == -sale.vat
    assert refund.base == -sale.base


@given(st.integers(min_value=0, max_value=10**13))
def test_vat_never_exceeds_its_share(satang: int) -> None:
    vat = split_vat_inclusive(Money(satang)).vat.satang
    assert vat >= 0
    assert abs(vat * 107 - satang * 7) <= 107 // 2


def test_document_vat_vector_rice_shallots_tea() -> None:
    """Issue vector: exempt rice 65 + exempt shallots 85 + tea 25 = 175.00."""
    lines = [
        (Money.parse("65.00"), False),
        (Money.parse("85.00"), False),
        (Money.parse("25.00"), True),
    ]
    doc = document_vat(lines)
    assert doc == DocumentVat(Money(17500), Money(15000), Money(2336), Money(164))
    assert doc.vatable == Money(2500)


def test_document_vat_outside_vat_has_no_tax_and_nothing_exempt() -> None:
    doc = document_vat([(Money(6500), False), (Money(2500), True)], registered=False)
    assert doc == DocumentVat(Money(9000), Money(0), Money(9000), Money(0))


@given(st.lists(st.tuples(st.integers(0, 10**9), st.booleans()), max_size=30))
def test_document_vat_parts_add_up_and_tax_only_the_vatable(lines: list[tuple[int, bool]]) -> None:
    doc = document_vat([(Money(a), v) for a, v in lines])
    assert doc.exempt + doc.base + doc.vat == doc.total == Money(sum(a for a, _ in lines))
    vatable = Money(sum(a for a, v in lines if v))
    assert doc.exempt == doc.total - vatable
    assert split_vat_inclusive(vatable) == VatSplit(vatable, doc.base, doc.vat)
