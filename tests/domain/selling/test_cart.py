import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from otop_pos.domain.catalogue.units import Unit
from otop_pos.domain.money import Money, sum_money
from otop_pos.domain.selling.cart import MAX_QTY, Cart, CartError, CartLine, ProductRef

RICE = ProductRef(1, "RICE-1KG", "ข้าวหอมมะลิ 1 กก.", "Jasmine rice 1 kg", Money.baht(55))
SCARF = ProductRef(2, "SCARF-01", "ผ้าพันคอไหม", "Silk scarf", Money.parse("350.50"))
HERB = ProductRef(3, "HERB-01", "ยาหม่อง", "Herbal balm", Money.baht(40), vat_applicable=False)


def test_new_cart_is_empty() -> None:
    cart = Cart()
    assert cart.is_empty
    assert cart.lines == ()
    assert cart.total == Money(0)
    assert cart.item_count == 0


def test_add_and_totals() -> None:
    cart = Cart()
    assert cart.add(RICE) == 0
    assert cart.add(SCARF, 2) == 1
    assert cart.total == Money.parse("756.00")
    assert cart.item_count == 3
    assert not cart.is_empty
    assert cart.lines[1].unit_price == SCARF.unit_price


def test_rescan_merges_into_last_line() -> None:
    cart = Cart()
    cart.add(RICE)
    assert cart.add(RICE, 2) == 0
    assert len(cart.lines) == 1
    assert cart.lines[0].qty == 3


def test_rescan_after_other_product_appends() -> None:
    cart = Cart()
    cart.add(RICE)
    cart.add(SCARF)
    assert cart.add(RICE) == 2
    assert [ln.product.product_id for ln in cart.lines] == [1, 2, 1]


def test_rescan_after_discounted_line_appends() -> None:
    cart = Cart()
    cart.add(RICE)
    cart.set_line_discount(0, Money.baht(5))
    assert cart.add(RICE) == 1
    assert [ln.qty for ln in cart.lines] == [1, 1]


def test_rescan_after_price_override_appends() -> None:
    cart = Cart([CartLine(RICE, 1, Money.baht(50))])
    assert cart.add(RICE) == 1


def test_merge_cannot_pass_max_qty() -> None:
    cart = Cart()
    cart.add(RICE, MAX_QTY)
    with pytest.raises(CartError):
        cart.add(RICE)
    assert cart.lines[0].qty == MAX_QTY


@pytest.mark.parametrize("qty", [0, -1, MAX_QTY + 1, True, 1.0, "2"])
def test_bad_qty(qty: object) -> None:
    cart = Cart()
    with pytest.raises(CartError, match="จำนวน"):
        cart.add(RICE, qty)  # type: ignore[arg-type]
    cart.add(RICE)
    with pytest.raises(CartError):
        cart.set_qty(0, qty)  # type: ignore[arg-type]
    assert cart.lines[0].qty == 1


def test_set_qty_and_remove() -> None:
    cart = Cart()
    cart.add(RICE)
    cart.add(SCARF)
    cart.set_qty(0, MAX_QTY)
    assert cart.lines[0].qty == MAX_QTY
    removed = cart.remove(0)
    assert removed.product == RICE
    assert [ln.product for ln in cart.lines] == [SCARF]


@pytest.mark.parametrize("index", [-1, 1, 5, True])
def test_index_must_exist(index: int) -> None:
    cart = Cart()
    cart.add(RICE)
    with pytest.raises(CartError, match="ไม่มีรายการ"):
        cart.set_qty(index, 2)
    with pytest.raises(CartError):
        cart.remove(index)
    with pytest.raises(CartError):
        cart.set_line_discount(index, Money(1))
    assert len(cart.lines) == 1


def test_discount_rules() -> None:
    cart = Cart()
    cart.add(RICE, 2)  # gross 110.00
    cart.set_line_discount(0, Money.baht(110))
    assert cart.lines[0].amount == Money(0)
    with pytest.raises(CartError, match="ส่วนลด"):
        cart.set_line_discount(0, Money(11001))
    with pytest.raises(CartError):
        cart.set_line_discount(0, Money(-1))
    cart.set_line_discount(0, Money.baht(10))
    assert cart.total == Money.baht(100)
    # Lowering the quantity below the discount is refused too.
    cart.set_line_discount(0, Money.baht(100))
    with pytest.raises(CartError):
        cart.set_qty(0, 1)
    assert cart.lines[0].qty == 2


def test_negative_price_refused() -> None:
    bad = ProductRef(9, "X", "x", "x", Money(-1))
    with pytest.raises(CartError, match="ราคา"):
        Cart().add(bad)
    free = ProductRef(10, "GIFT", "ของแถม", "Gift", Money(0))
    cart = Cart()
    cart.add(free)
    assert cart.total == Money(0)


def test_vatable_total() -> None:
    cart = Cart()
    cart.add(RICE)
    cart.add(HERB, 2)
    assert cart.vatable_total == Money.baht(55)
    assert cart.total == Money.baht(135)


def test_lines_is_a_snapshot() -> None:
    cart = Cart()
    cart.add(RICE)
    snapshot = cart.lines
    cart.clear()
    assert cart.is_empty
    assert len(snapshot) == 1


def test_hold_round_trip_through_json() -> None:
    cart = Cart()
    cart.add(RICE, 3)
    cart.add(SCARF)
    cart.set_line_discount(1, Money.parse("0.50"))
    cart.add(HERB)
    text = json.dumps(cart.to_dict(), ensure_ascii=False)
    again = Cart.from_dict(json.loads(text))
    assert again == cart
    assert again.total == cart.total
    assert again.lines[2].product.vat_applicable is False


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("version"),
        lambda d: d.update(version=99),
        lambda d: d.update(lines="nope"),
        lambda d: d["lines"][0].pop("qty"),
        lambda d: d["lines"][0].update(qty=0),
        lambda d: d["lines"][0].update(qty="1"),
        lambda d: d["lines"][0].update(discount=1.5),
        lambda d: d["lines"][0].update(discount=999_999),
        lambda d: d["lines"][0]["product"].update(vat_applicable=1),
        lambda d: d["lines"][0]["product"].update(sku=None),
        lambda d: d["lines"].append([]),
    ],
)
def test_damaged_hold_raises_cart_error(damage: object) -> None:
    cart = Cart()
    cart.add(RICE)
    data = json.loads(json.dumps(cart.to_dict()))
    damage(data)  # type: ignore[operator]
    with pytest.raises(CartError):
        Cart.from_dict(data)


PRODUCTS = st.sampled_from([RICE, SCARF, HERB])
OPS = st.lists(st.tuples(PRODUCTS, st.integers(1, 50), st.integers(0, 10_000)), max_size=30)


@given(OPS)
def test_total_is_sum_of_lines(ops: list[tuple[ProductRef, int, int]]) -> None:
    cart = Cart()
    expected_items = 0
    for product, qty, discount in ops:
        i = cart.add(product, qty)
        expected_items += qty
        line = cart.lines[i]
        if discount <= line.gross.satang:
            cart.set_line_discount(i, Money(discount))
    assert cart.total == sum_money(ln.unit_price * ln.qty - ln.discount for ln in cart.lines)
    assert cart.item_count == expected_items
    assert all(not ln.amount.is_negative for ln in cart.lines)
    assert Cart.from_dict(json.loads(json.dumps(cart.to_dict()))) == cart


GARLIC = ProductRef(
    4, "QK07", "กระเทียมศรีสะเกษ ชั่งขาย", "Sisaket garlic", Money.baht(130), False, Unit.KG
)


def test_a_weighed_line_is_price_times_weight_half_up() -> None:
    cart = Cart()
    cart.add(GARLIC, 450)
    assert cart.lines[0].amount == Money.parse("58.50")
    cart.add(GARLIC, 333)  # 333 g at 13 satang a gram
    assert cart.lines[1].amount == Money.parse("43.29")
    cart.add(GARLIC, 1)  # 0.13
    assert cart.total == Money.parse("101.92")


def test_each_weighing_is_its_own_line_and_counts_as_one_item() -> None:
    cart = Cart()
    cart.add(GARLIC, 450)
    cart.add(GARLIC, 450)
    cart.add(RICE, 2)
    assert [ln.qty for ln in cart.lines] == [450, 450, 2]
    assert cart.item_count == 4


def test_weights_are_bounded_in_thousandths() -> None:
    cart = Cart()
    assert cart.add(GARLIC, MAX_QTY * 1000) == 0
    for bad in (0, MAX_QTY * 1000 + 1, 0.45):
        with pytest.raises(CartError):
            cart.add(GARLIC, bad)  # type: ignore[arg-type]
    cart.set_qty(0, 1250)
    assert cart.lines[0].amount == Money.parse("162.50")


def test_a_held_weighed_line_keeps_its_unit() -> None:
    cart = Cart()
    cart.add(GARLIC, 450)
    cart.add(RICE)
    back = Cart.from_dict(json.loads(json.dumps(cart.to_dict())))
    assert back == cart and back.lines[0].product.unit is Unit.KG


def test_a_sale_held_before_units_existed_is_pieces() -> None:
    cart = Cart()
    cart.add(RICE, 2)
    data = cart.to_dict()
    del data["lines"][0]["product"]["unit"]
    assert Cart.from_dict(data) == cart
    data["lines"][0]["product"]["unit"] = "stone"
    with pytest.raises(CartError):
        Cart.from_dict(data)
