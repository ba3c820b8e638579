"""The open sale: lines the cashier scanned, before any tender is taken.

Pure data and rules only; prices come in with the ``ProductRef`` the
operation layer looked up, so a later price change never alters a cart that
is on screen or on hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from otop_pos.domain.catalogue.units import MAX_UNITS, Unit, amount_for, items_in, qty_text
from otop_pos.domain.money import Money, sum_money

MAX_QTY = MAX_UNITS
HOLD_FORMAT_VERSION = 1


class CartError(ValueError):
    """A cart rule was broken; the message is Thai for the cashier."""


@dataclass(frozen=True, slots=True)
class ProductRef:
    """What the cart needs to know about a product at the moment it was added."""

    product_id: int
    sku: str
    name_th: str
    name_en: str
    unit_price: Money  # per piece, or per kg, litre or metre of a measured product
    vat_applicable: bool = True
    unit: Unit = Unit.PIECE


def _check_qty(qty: object, unit: Unit = Unit.PIECE) -> int:
    """Pieces, or thousandths of a measured unit (0.450 kg is 450)."""
    if unit != Unit.PIECE:
        if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= MAX_QTY * 1000:
            raise CartError(f"น้ำหนักหรือปริมาณต้องมากกว่า 0 และไม่เกิน {qty_text(MAX_QTY * 1000, unit)}")
        return qty
    if not isinstance(qty, int) or isinstance(qty, bool) or not 1 <= qty <= MAX_QTY:
        raise CartError(f"จำนวนต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง {MAX_QTY:,}")
    return qty


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line of the sale; ``amount`` is what the customer pays for it.

    ``qty`` is in the product's unit: pieces, or thousandths of a kg, litre
    or metre (the line's gross is then rounded half up to the satang).
    """

    product: ProductRef
    qty: int
    unit_price: Money
    discount: Money = field(default_factory=Money.zero)
    approved_by: int | None = None  # the manager who allowed this line's discount or price

    def __post_init__(self) -> None:
        _check_qty(self.qty, self.product.unit)
        if not isinstance(self.unit_price, Money) or self.unit_price.is_negative:
            raise CartError("ราคาต่อหน่วยต้องไม่ติดลบ")
        if not isinstance(self.discount, Money):
            raise CartError("ส่วนลดไม่ถูกต้อง")
        gross = self.gross
        if self.discount.is_negative or self.discount > gross:
            raise CartError(f"ส่วนลดต้องอยู่ระหว่าง 0.00 ถึง {gross.format()} บาท")

    @property
    def gross(self) -> Money:
        """Price before the line discount."""
        return amount_for(self.unit_price, self.qty, self.product.unit)

    @property
    def amount(self) -> Money:
        return self.gross - self.discount


class Cart:
    """A mutable list of ``CartLine``; every change goes through a rule check."""

    def __init__(self, lines: Iterable[CartLine] = ()) -> None:
        self._lines: list[CartLine] = list(lines)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cart):
            return NotImplemented
        return self._lines == other._lines

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Cart({self._lines!r})"

    # reading -------------------------------------------------------------
    @property
    def lines(self) -> tuple[CartLine, ...]:
        return tuple(self._lines)

    @property
    def total(self) -> Money:
        return sum_money(line.amount for line in self._lines)

    @property
    def vatable_total(self) -> Money:
        """Total of lines that carry VAT (the base for the document's VAT split)."""
        return sum_money(line.amount for line in self._lines if line.product.vat_applicable)

    @property
    def item_count(self) -> int:
        """Pieces, with a weighed line counting as one."""
        return sum(items_in(line.qty, line.product.unit) for line in self._lines)

    @property
    def is_empty(self) -> bool:
        return not self._lines

    # changing ------------------------------------------------------------
    def add(self, product: ProductRef, qty: int = 1) -> int:
        """Add ``qty`` of ``product``; return the index of the line it went to.

        Scanning the same item twice in a row adds to the last line, unless
        that line has a discount or a different price (then a new line keeps
        the discount/override visible on the receipt). Each weighing of a
        measured product is a line of its own, as its label is.
        """
        _check_qty(qty, product.unit)
        if self._lines and product.unit == Unit.PIECE:
            last = self._lines[-1]
            if (
                last.product == product
                and not last.discount
                and last.unit_price == product.unit_price
            ):
                if last.qty + qty > MAX_QTY:
                    raise CartError(f"จำนวนรวมเกิน {MAX_QTY:,} ชิ้นต่อรายการ")
                self._lines[-1] = replace(last, qty=last.qty + qty)
                return len(self._lines) - 1
        self._lines.append(CartLine(product=product, qty=qty, unit_price=product.unit_price))
        return len(self._lines) - 1

    def _index(self, index: int) -> int:
        if (
            not isinstance(index, int)
            or isinstance(index, bool)
            or not 0 <= index < len(self._lines)
        ):
            raise CartError(f"ไม่มีรายการลำดับที่ {index} ในบิล")
        return index

    def set_qty(self, index: int, qty: int) -> None:
        i = self._index(index)
        self._lines[i] = replace(self._lines[i], qty=_check_qty(qty, self._lines[i].product.unit))

    def set_line_discount(
        self, index: int, discount: Money, approved_by: int | None = None
    ) -> None:
        i = self._index(index)
        line = self._lines[i]
        self._lines[i] = replace(
            line, discount=discount, approved_by=approved_by or line.approved_by
        )

    def set_unit_price(self, index: int, price: Money, approved_by: int | None = None) -> None:
        """A price override; the list price stays on the product for the audit log."""
        i = self._index(index)
        line = self._lines[i]
        self._lines[i] = replace(
            line, unit_price=price, approved_by=approved_by or line.approved_by
        )

    def remove(self, index: int) -> CartLine:
        return self._lines.pop(self._index(index))

    def clear(self) -> None:
        self._lines.clear()

    # holding a sale ------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (only str, int, bool) for a held sale."""
        return {
            "version": HOLD_FORMAT_VERSION,
            "lines": [
                {
                    "product": {
                        "product_id": ln.product.product_id,
                        "sku": ln.product.sku,
                        "name_th": ln.product.name_th,
                        "name_en": ln.product.name_en,
                        "unit_price": ln.product.unit_price.satang,
                        "vat_applicable": ln.product.vat_applicable,
                        "unit": ln.product.unit.value,
                    },
                    "qty": ln.qty,
                    "unit_price": ln.unit_price.satang,
                    "discount": ln.discount.satang,
                    "approved_by": ln.approved_by,
                }
                for ln in self._lines
            ],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cart:
        """Rebuild a held sale; any damage raises ``CartError``, never half a cart."""
        bad = CartError("ข้อมูลบิลที่พักไว้ไม่ถูกต้อง")
        try:
            if data["version"] != HOLD_FORMAT_VERSION:
                raise bad
            lines = []
            for raw in data["lines"]:
                p = raw["product"]
                product = ProductRef(
                    product_id=_int(p["product_id"]),
                    sku=_str(p["sku"]),
                    name_th=_str(p["name_th"]),
                    name_en=_str(p["name_en"]),
                    unit_price=Money(_int(p["unit_price"])),
                    vat_applicable=_bool(p["vat_applicable"]),
                    unit=Unit(_str(p.get("unit", "piece"))),
                )
                lines.append(
                    CartLine(
                        product=product,
                        qty=_int(raw["qty"]),
                        unit_price=Money(_int(raw["unit_price"])),
                        discount=Money(_int(raw["discount"])),
                        approved_by=_opt_int(raw.get("approved_by")),
                    )
                )
        except CartError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise bad from exc
        return cls(lines)


def _opt_int(v: object) -> int | None:
    return None if v is None else _int(v)


def _int(v: object) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise TypeError("int expected")
    return v


def _str(v: object) -> str:
    if not isinstance(v, str):
        raise TypeError("str expected")
    return v


def _bool(v: object) -> bool:
    if not isinstance(v, bool):
        raise TypeError("bool expected")
    return v
