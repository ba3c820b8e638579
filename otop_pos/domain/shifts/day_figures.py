"""The figures of an X, Z or day report, as plain values.

A Z keeps its figures in the journal as JSON, so a reprint years later shows
exactly what was printed the night it closed, whatever happened since.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from otop_pos.domain.money import Money

ZERO = Money(0)


@dataclass(frozen=True)
class Breakdown:
    """One row of a breakdown (a tender, category, producer, cashier, hour or day)."""

    key: str
    label: str
    count: int
    amount: Money

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "count": self.count,
            "amount": self.amount.satang,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Breakdown:
        return cls(str(d["key"]), str(d["label"]), int(d["count"]), Money(int(d["amount"])))


def merge(rows: Iterable[Breakdown]) -> tuple[Breakdown, ...]:
    """Add rows with the same key (a long report is read month by month)."""
    acc: dict[str, Breakdown] = {}
    for r in rows:
        old = acc.get(r.key)
        acc[r.key] = (
            r
            if old is None
            else Breakdown(r.key, r.label, old.count + r.count, old.amount + r.amount)
        )
    return tuple(sorted(acc.values(), key=lambda b: (-b.amount.satang, b.key)))


@dataclass(frozen=True)
class Figures:
    sales_count: int = 0
    first_receipt: str | None = None
    last_receipt: str | None = None
    gross: Money = ZERO
    discounts: Money = ZERO
    voids: Money = ZERO
    voids_count: int = 0
    refunds: Money = ZERO
    refunds_count: int = 0
    net: Money = ZERO
    vat: Money = ZERO
    exempt: Money = ZERO  # VAT-exempt sales (farm produce); a Z before schema 6 has none
    rounding: Money = ZERO
    tenders: tuple[Breakdown, ...] = ()
    categories: tuple[Breakdown, ...] = ()
    producers: tuple[Breakdown, ...] = ()
    cashiers: tuple[Breakdown, ...] = ()
    hours: tuple[Breakdown, ...] = field(default=())

    @property
    def vat_base(self) -> Money:
        """The VAT-able sales before VAT (exempt sales are apart)."""
        return self.net - self.exempt - self.vat

    @property
    def collected(self) -> Money:
        """What the tenders took in: the net plus cash rounding."""
        return self.net + self.rounding

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, Money):
                out[name] = value.satang
            elif isinstance(value, tuple):
                out[name] = [b.as_dict() for b in value]
            else:
                out[name] = value
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Figures:
        values: dict[str, Any] = {}
        for name, f in cls.__dataclass_fields__.items():
            if name not in d:
                continue
            raw = d[name]
            if f.type == "Money":
                values[name] = Money(int(raw))
            elif isinstance(raw, list):
                values[name] = tuple(Breakdown.from_dict(b) for b in raw)
            else:
                values[name] = raw
        return cls(**values)
