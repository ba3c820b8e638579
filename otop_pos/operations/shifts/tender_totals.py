"""What each tender took in a business day (Bangkok calendar day).

Managers reconcile these against the drawer, the bank app and the
co-payment settlement, which arrives next day as two transfers (the
customers' part and the government's part).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from otop_pos.db.selling import sales as sales_db
from otop_pos.domain.money import Money
from otop_pos.domain.staff.permissions import Permission
from otop_pos.domain.thai.thaidate import day_bounds
from otop_pos.operations.session import Session


@dataclass(frozen=True, slots=True)
class TenderTotal:
    tender: str
    count: int
    amount: Money
    customer_share: Money
    government_share: Money
    over_cap: int


def tender_totals(session: Session, day: date) -> list[TenderTotal]:
    """The day's takings by tender: a report, so a manager's (``VIEW_REPORTS``)."""
    session.require(Permission.VIEW_REPORTS)
    start, end = day_bounds(day)
    return [
        TenderTotal(
            str(r["tender"]),
            int(r["count"]),
            Money(int(r["amount_satang"])),
            Money(int(r["customer_share_satang"])),
            Money(int(r["government_share_satang"])),
            int(r["over_cap"]),
        )
        for r in sales_db.tender_totals(session.store, start, end)
    ]
