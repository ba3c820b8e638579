"""A producer's consignment statement for a period, as plain values.

Only consigned goods are owed to the producer; goods the centre bought
outright are shown beside them but never enter the amount payable.
Commission is worked out once per rate on the net sales at that rate (half
up to the satang), not per line, so a statement does not drift by a satang
for every line sold. Sales, voids and refunds that belong to a period that
is already settled (a refund next month, a till that synced late) are kept
in their own "earlier periods" column and settled now: a settled statement
never changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from otop_pos.domain.catalogue.units import Unit
from otop_pos.domain.money import Money

ZERO = Money(0)
CONSIGNED = "consigned"
OWNED = "owned"
BP_DIVISOR = 10_000


def commission_on(net: Money, commission_bp: int) -> Money:
    """Commission at `commission_bp` (1/100 of a percent) on `net`, half up, sign kept."""
    if not 0 <= commission_bp <= BP_DIVISOR:
        raise ValueError("commission rate must be between 0 and 100 %")
    whole, rest = divmod(abs(net.satang) * commission_bp, BP_DIVISOR)
    value = whole + (1 if rest * 2 >= BP_DIVISOR else 0)
    return Money(-value if net.is_negative else value)


@dataclass(frozen=True)
class ProductLine:
    """One product's movement and money in the period."""

    product_id: int
    sku: str
    name: str
    ownership: str = CONSIGNED
    received: int = 0
    sold: int = 0  # sold in the period, net of voids in the period
    refunded: int = 0  # returned by customers, of goods sold in this period
    earlier: int = 0  # signed qty from sales of settled periods (late refunds, late tills)
    returned: int = 0  # taken back by the producer
    adjusted: int = 0  # signed: counts, damage, samples, losses
    on_hand: int = 0  # at the end of the period
    sales: Money = ZERO
    refunds: Money = ZERO
    earlier_amount: Money = ZERO  # signed
    unit: str = Unit.PIECE.value  # a weighed product's quantities are thousandths of it

    @property
    def net_qty(self) -> int:
        return self.sold - self.refunded + self.earlier

    @property
    def net(self) -> Money:
        return self.sales - self.refunds + self.earlier_amount

    def add(self, other: ProductLine) -> ProductLine:
        return replace(
            self,
            received=self.received + other.received,
            sold=self.sold + other.sold,
            refunded=self.refunded + other.refunded,
            earlier=self.earlier + other.earlier,
            returned=self.returned + other.returned,
            adjusted=self.adjusted + other.adjusted,
            on_hand=self.on_hand + other.on_hand,
            sales=self.sales + other.sales,
            refunds=self.refunds + other.refunds,
            earlier_amount=self.earlier_amount + other.earlier_amount,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "product_id": self.product_id,
            "sku": self.sku,
            "name": self.name,
            "ownership": self.ownership,
            "received": self.received,
            "sold": self.sold,
            "refunded": self.refunded,
            "earlier": self.earlier,
            "returned": self.returned,
            "adjusted": self.adjusted,
            "on_hand": self.on_hand,
            "sales": self.sales.satang,
            "refunds": self.refunds.satang,
            "earlier_amount": self.earlier_amount.satang,
        } | ({} if self.unit == Unit.PIECE.value else {"unit": self.unit})

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> ProductLine:
        """A line as frozen in a settlement; one frozen before units existed is pieces."""
        return cls(
            int(d["product_id"]),
            str(d["sku"]),
            str(d["name"]),
            str(d["ownership"]),
            received=int(d["received"]),
            sold=int(d["sold"]),
            refunded=int(d["refunded"]),
            earlier=int(d["earlier"]),
            returned=int(d["returned"]),
            adjusted=int(d["adjusted"]),
            on_hand=int(d["on_hand"]),
            sales=Money(int(d["sales"])),
            refunds=Money(int(d["refunds"])),
            earlier_amount=Money(int(d["earlier_amount"])),
            unit=str(d.get("unit", Unit.PIECE.value)),
        )


@dataclass(frozen=True)
class RateLine:
    """Net consigned sales at one commission rate, and the commission on them."""

    commission_bp: int
    net: Money

    @property
    def commission(self) -> Money:
        return commission_on(self.net, self.commission_bp)

    @property
    def percent_text(self) -> str:
        whole, frac = divmod(self.commission_bp, 100)
        return f"{whole}%" if not frac else f"{whole}.{frac:02d}".rstrip("0") + "%"


def merge_rates(rates: Iterable[tuple[int, Money]]) -> tuple[RateLine, ...]:
    acc: dict[int, Money] = {}
    for bp, amount in rates:
        acc[bp] = acc.get(bp, ZERO) + amount
    return tuple(RateLine(bp, acc[bp]) for bp in sorted(acc))


@dataclass(frozen=True)
class Statement:
    """What a producer is owed for a period; its dict form is frozen in the journal."""

    producer_code: str
    producer_name: str
    period_from: str  # ISO dates, Bangkok calendar
    period_to: str
    lines: tuple[ProductLine, ...] = ()
    rates: tuple[RateLine, ...] = ()  # consigned goods only
    opening_balance: Money = ZERO  # owed from earlier statements, less payouts
    settlement_no: str = ""
    settled_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def of(self, ownership: str) -> tuple[ProductLine, ...]:
        return tuple(ln for ln in self.lines if ln.ownership == ownership)

    def total(self, ownership: str = CONSIGNED) -> ProductLine:
        """Money of every line; quantities in one unit: the lines' own if they share one,
        else pieces only (kilograms never add to pieces)."""
        mine = self.of(ownership)
        units = {ln.unit for ln in mine}
        unit = units.pop() if len(units) == 1 else Unit.PIECE.value
        same = [ln for ln in mine if ln.unit == unit]
        return ProductLine(
            0,
            "",
            "",
            ownership,
            received=sum(ln.received for ln in same),
            sold=sum(ln.sold for ln in same),
            refunded=sum(ln.refunded for ln in same),
            earlier=sum(ln.earlier for ln in same),
            returned=sum(ln.returned for ln in same),
            adjusted=sum(ln.adjusted for ln in same),
            on_hand=sum(ln.on_hand for ln in same),
            sales=Money(sum(ln.sales.satang for ln in mine)),
            refunds=Money(sum(ln.refunds.satang for ln in mine)),
            earlier_amount=Money(sum(ln.earlier_amount.satang for ln in mine)),
            unit=unit,
        )

    @property
    def gross(self) -> Money:
        return self.total().sales

    @property
    def net_sales(self) -> Money:
        return sum((r.net for r in self.rates), ZERO)

    @property
    def commission(self) -> Money:
        return sum((r.commission for r in self.rates), ZERO)

    @property
    def payable(self) -> Money:
        """This period's amount for the producer (negative when refunds outweigh sales)."""
        return self.net_sales - self.commission

    @property
    def closing_balance(self) -> Money:
        return self.opening_balance + self.payable

    @property
    def is_empty(self) -> bool:
        return not self.rates and not any(
            ln.received or ln.net_qty or ln.returned or ln.adjusted or ln.on_hand
            for ln in self.lines
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "producer_code": self.producer_code,
            "producer_name": self.producer_name,
            "period_from": self.period_from,
            "period_to": self.period_to,
            "lines": [ln.as_dict() for ln in self.lines],
            "rates": [{"bp": r.commission_bp, "net": r.net.satang} for r in self.rates],
            "opening_balance": self.opening_balance.satang,
            "gross": self.gross.satang,
            "net_sales": self.net_sales.satang,
            "commission": self.commission.satang,
            "payable": self.payable.satang,
            "closing_balance": self.closing_balance.satang,
            "settlement_no": self.settlement_no,
            "settled_at": self.settled_at,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Statement:
        return cls(
            str(d["producer_code"]),
            str(d["producer_name"]),
            str(d["period_from"]),
            str(d["period_to"]),
            tuple(ProductLine.from_dict(x) for x in d["lines"]),
            tuple(RateLine(int(r["bp"]), Money(int(r["net"]))) for r in d["rates"]),
            Money(int(d["opening_balance"])),
            str(d.get("settlement_no", "")),
            str(d.get("settled_at", "")),
        )
