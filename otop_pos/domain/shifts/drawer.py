"""What a drawer should hold at the end of a shift, and how far the count is off.

Two bugs other tills shipped are ruled out here by construction:
- the opening float is counted once: it is the starting point of expected
  cash and is never also booked as a cash movement;
- change is never added: a sale contributes the cash it *kept* (the cash
  applied to the bill, i.e. tendered minus change), so expected cash cannot
  go negative because of change handed back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from otop_pos.domain.money import Money

ZERO = Money(0)
CASH = "cash"


@dataclass(frozen=True)
class TenderFlow:
    """One tender's movements within a shift (all amounts are kept money, positive)."""

    sales: Money = ZERO
    voided: Money = ZERO  # sales voided in this shift: handed back
    refunded: Money = ZERO

    @property
    def net(self) -> Money:
        return self.sales - self.voided - self.refunded


@dataclass(frozen=True)
class ShiftFlows:
    """Everything that moved a drawer or a tender account during one shift."""

    float_amount: Money
    tenders: Mapping[str, TenderFlow] = field(default_factory=dict)
    cash_in: Money = ZERO
    cash_out: Money = ZERO

    def expected(self) -> dict[str, Money]:
        """Expected per tender; cash = float + net cash taken + cash in - cash out."""
        out = {kind: flow.net for kind, flow in self.tenders.items()}
        out[CASH] = self.float_amount + out.get(CASH, ZERO) + self.cash_in - self.cash_out
        return out


@dataclass(frozen=True)
class TenderResult:
    tender: str
    expected: Money
    counted: Money

    @property
    def difference(self) -> Money:
        """Over (positive) or short (negative)."""
        return self.counted - self.expected


def reconcile(expected: Mapping[str, Money], counted: Mapping[str, Money]) -> list[TenderResult]:
    """Expected against counted for every tender either side knows, cash first.

    A tender nobody counted is taken as counted at zero: a missing count is a
    shortage to explain, not a silent match.
    """
    kinds = sorted(set(expected) | set(counted), key=lambda k: (k != CASH, k))
    return [TenderResult(k, expected.get(k, ZERO), counted.get(k, ZERO)) for k in kinds]


def over_short(results: list[TenderResult]) -> Money:
    return Money(sum(r.difference.satang for r in results))
